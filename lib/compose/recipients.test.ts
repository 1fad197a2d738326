import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { describeRecipients } from "./recipients";

const words = (locale: "en" | "ru") => ({ t: createTranslator({ locale, messages: MESSAGES[locale], namespace: "compose.words" }), locale });
const en = words("en");

describe("recipients in words", () => {
  it("reads each kind of send", () => {
    expect(describeRecipients({ selectType: "ALL" }, en)).toBe("All Tolokers");
    expect(describeRecipients({ selectType: "DIRECT", count: 1 }, en)).toBe("1 Toloker");
    expect(describeRecipients({ selectType: "DIRECT", count: 2500 }, en)).toBe("2,500 Tolokers");
    expect(
      describeRecipients(
        {
          selectType: "FILTER",
          filter: {
            and: [
              { category: "skill", key: "7", operator: "GTE", value: 80 },
              { category: "profile", key: "languages", operator: "IN", value: "DE" },
            ],
          },
        },
        en,
        { skillNames: { "7": "Accuracy" } },
      ),
    ).toBe('Tolokers matching: skill "Accuracy" ≥ 80 and speaks German');
    expect(describeRecipients({ selectType: "FILTER", filter: { nonsense: true } }, en)).toBe("Tolokers by filter");
  });

  it("reads them in Russian", () => {
    const ru = words("ru");
    expect(describeRecipients({ selectType: "ALL" }, ru)).toBe("Все исполнители");
    expect(describeRecipients({ selectType: "DIRECT", count: 2 }, ru)).toBe("2 исполнителя");
    expect(describeRecipients({ selectType: "DIRECT", count: 25 }, ru)).toBe("25 исполнителей");
    expect(describeRecipients({ selectType: "DIRECT", count: 21 }, ru)).toBe("21 исполнитель");
    expect(describeRecipients({ selectType: "FILTER", filter: { category: "profile", key: "languages", operator: "IN", value: "DE" } }, ru)).toBe(
      "Исполнители, для которых: знает немецкий",
    );
    expect(describeRecipients({ selectType: "FILTER" }, ru)).toBe("Исполнители по фильтру");
  });
});
