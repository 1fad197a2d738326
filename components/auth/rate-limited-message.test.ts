import { describe, expect, it } from "vitest";
import { rateLimitedMessage } from "./rate-limited-message";

describe("the rate-limited sign-in message", () => {
  it("says how many whole minutes to wait, rounded up, in the right number", () => {
    expect(rateLimitedMessage("RateLimited-900")).toBe("Too many failed attempts. Try again in 15 minutes.");
    expect(rateLimitedMessage("RateLimited-61")).toBe("Too many failed attempts. Try again in 2 minutes.");
    expect(rateLimitedMessage("RateLimited-60")).toBe("Too many failed attempts. Try again in 1 minute.");
    expect(rateLimitedMessage("RateLimited-5")).toBe("Too many failed attempts. Try again in 1 minute.");
  });

  it("says nothing for other codes", () => {
    expect(rateLimitedMessage("CredentialsSignin")).toBeNull();
    expect(rateLimitedMessage("RateLimited-")).toBeNull();
    expect(rateLimitedMessage(undefined)).toBeNull();
  });
});
