import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { rateLimitedMessage } from "./rate-limited-message";

const en = createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "admin.signIn" });
const ru = createTranslator({ locale: "ru", messages: MESSAGES.ru, namespace: "admin.signIn" });

describe("the rate-limited sign-in message", () => {
  it("says how many whole minutes to wait, rounded up, in the right number", () => {
    expect(rateLimitedMessage("RateLimited-900", en)).toBe("Too many failed attempts. Try again in 15 minutes.");
    expect(rateLimitedMessage("RateLimited-61", en)).toBe("Too many failed attempts. Try again in 2 minutes.");
    expect(rateLimitedMessage("RateLimited-60", en)).toBe("Too many failed attempts. Try again in 1 minute.");
    expect(rateLimitedMessage("RateLimited-5", en)).toBe("Too many failed attempts. Try again in 1 minute.");
  });

  it("says it in Russian, with Russian's plural forms", () => {
    expect(rateLimitedMessage("RateLimited-60", ru)).toBe("Слишком много неудачных попыток. Попробуйте снова через 1 минуту.");
    expect(rateLimitedMessage("RateLimited-180", ru)).toBe("Слишком много неудачных попыток. Попробуйте снова через 3 минуты.");
    expect(rateLimitedMessage("RateLimited-900", ru)).toBe("Слишком много неудачных попыток. Попробуйте снова через 15 минут.");
  });

  it("says nothing for other codes", () => {
    expect(rateLimitedMessage("CredentialsSignin", en)).toBeNull();
    expect(rateLimitedMessage("RateLimited-", en)).toBeNull();
    expect(rateLimitedMessage(undefined, en)).toBeNull();
  });
});
