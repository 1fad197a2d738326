import { describe, expect, it } from "vitest";
import { describeRecipients } from "./recipients";

describe("recipients in words", () => {
  it("reads each kind of send", () => {
    expect(describeRecipients({ selectType: "ALL" })).toBe("All Tolokers");
    expect(describeRecipients({ selectType: "DIRECT", count: 1 })).toBe("1 Toloker");
    expect(describeRecipients({ selectType: "DIRECT", count: 2500 })).toBe("2,500 Tolokers");
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
        { skillNames: { "7": "Accuracy" } },
      ),
    ).toBe('Tolokers matching: skill "Accuracy" ≥ 80 and speaks German');
    expect(describeRecipients({ selectType: "FILTER", filter: { nonsense: true } })).toBe("Tolokers by filter");
  });
});
