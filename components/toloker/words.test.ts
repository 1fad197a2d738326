import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { type AppealWords, daysLeftText } from "./appeal-card";
import { assignmentStatusLabel, clientText, dateFormat, deviceText, money, restrictionScopeText, type TolokerWords } from "./words";

const words = (locale: "en" | "ru") => createTranslator({ locale, messages: MESSAGES[locale], namespace: "toloker.words" }) as unknown as TolokerWords;
const appeal = (locale: "en" | "ru") => createTranslator({ locale, messages: MESSAGES[locale], namespace: "toloker.appeal" }) as unknown as AppealWords;

describe("money", () => {
  it("writes Toloka's dollars with the decimals they have, in the locale", () => {
    expect(money("1234.56", "en")).toBe("$1,234.56");
    expect(money("0.5", "en")).toBe("$0.5");
    expect(money("0.005", "en")).toBe("$0.005");
    expect(money("100", "en")).toBe("$100");
    expect(money("0.75", "ru").replace(/\s/g, " ")).toBe("0,75 $");
    expect(money("1234.5", "ru").replace(/\s/g, " ")).toBe("1 234,5 $");
  });
});

describe("dates", () => {
  it("keeps English day first", () => {
    expect(dateFormat("en", false).format(new Date("2030-01-31T12:00:00Z"))).toBe("31 Jan 2030");
  });
});

describe("words", () => {
  it("names statuses, scopes and devices in English as before", () => {
    const t = words("en");
    expect(assignmentStatusLabel("ACTIVE", t)).toBe("In progress");
    expect(assignmentStatusLabel("NEW_ONE", t)).toBe("NEW_ONE");
    expect(restrictionScopeText({ scope: "POOL", poolId: "41822071" }, t)).toBe("Pool 41822071");
    expect(restrictionScopeText({ scope: "ALL_PROJECTS" }, t)).toBe("All your projects");
    expect(restrictionScopeText({ scope: "PROJECT" }, t)).toBe("Project ?");
    expect(deviceText("PERSONAL_COMPUTER", t)).toBe("Personal computer");
    expect(clientText("TOLOKA_APP", t)).toBe("Toloka app");
    expect(deviceText("FRIDGE", t)).toBeUndefined();
  });

  it("has them in Russian", () => {
    const t = words("ru");
    expect(assignmentStatusLabel("REJECTED", t)).toBe("Отклонено");
    expect(restrictionScopeText({ scope: "POOL", poolId: "7" }, t)).toBe("Пул 7");
  });
});

describe("daysLeftText", () => {
  it("counts the days of an appeal", () => {
    const t = appeal("en");
    expect(daysLeftText({ daysLeft: 7 }, t)).toBe("7 days left");
    expect(daysLeftText({ daysLeft: 1 }, t)).toBe("1 day left");
    expect(daysLeftText({ daysLeft: 0 }, t)).toBe("Due today");
    expect(daysLeftText({ daysLeft: -1 }, t)).toBe("1 day past the 9 days");
    expect(daysLeftText({ daysLeft: -3 }, t)).toBe("3 days past the 9 days");
    expect(daysLeftText({}, t)).toBe("Rejection date unknown");
  });

  it("with Russian plurals", () => {
    const t = appeal("ru");
    expect(daysLeftText({ daysLeft: 1 }, t)).toBe("Остался 1 день");
    expect(daysLeftText({ daysLeft: 3 }, t)).toBe("Осталось 3 дня");
    expect(daysLeftText({ daysLeft: 5 }, t)).toBe("Осталось 5 дней");
    expect(daysLeftText({ daysLeft: -2 }, t)).toBe("2 дня сверх 9 дней");
  });
});
