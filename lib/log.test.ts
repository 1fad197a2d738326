import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, registerSecret } from "./log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger({ destination: destination as never }), lines };
}

describe("the server log", () => {
  it("writes JSON lines with the time, level and the fields given", () => {
    const { logger, lines } = capture();
    logger.child({ reqId: "r-1" }).info({ status: 200 }, "request done");
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ reqId: "r-1", status: 200, msg: "request done", level: 30, app: "toloka-messages" });
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never writes a registered secret, in a message, a field, a nested value or an error", () => {
    const token = "canary-token-for-the-log-test-0123456789";
    registerSecret(token);
    const { logger, lines } = capture();
    logger.info(`calling Toloka with ${token}`);
    logger.info({ url: `https://x.example/?key=${token}`, nested: { deep: [token] } }, "nested");
    logger.error({ err: new Error(`failed with ${token}`) }, "an error");
    logger.warn({ token: "not-registered-but-named-token", headers: { authorization: "ApiKey abc", cookie: "s=1" }, password: "pw" }, "named fields");
    const text = lines.join("\n");
    expect(lines).toHaveLength(4);
    expect(text).not.toContain(token);
    expect(text).not.toContain("not-registered-but-named-token");
    expect(text).not.toContain("ApiKey abc");
    expect(text).not.toContain('"pw"');
    expect(text.split("[redacted]").length - 1).toBeGreaterThanOrEqual(7);
    expect(JSON.parse(lines[2]).err.message).toBe("failed with [redacted]");
  });

  it("never writes the credentials of a URL (an SMTP_URL inside an error), whatever their length", () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error("connect to smtp://mailer:pw1@mail.intranet:587 failed") }, "smtp://a:b@c.example is down");
    const text = lines.join("\n");
    expect(text).not.toContain("pw1");
    expect(text).not.toContain("a:b@");
    expect(text).toContain("smtp://[redacted]@mail.intranet:587");
  });
});
