import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "./error";
import { readApiErrorBody } from "./plain";

// The browser reads error envelopes with a plain guard (no zod on the first view); it must agree with the schema
// the server answers by, on good envelopes and on everything else a proxy or a cut-off answer can give.
describe("readApiErrorBody", () => {
  const bodies: unknown[] = [
    { error: { code: "BAD_REQUEST", message: "q: must be at most 500 characters", fields: { q: "must be at most 500 characters" } } },
    { error: { code: "FORBIDDEN", message: "Senders only" } },
    { error: { code: "X", message: "m", extra: 1 }, requestId: "r1" },
    { error: { code: "X", message: "m", fields: { a: 1 } } },
    { error: { code: "X", message: "m", fields: ["a"] } },
    { error: { code: "X", message: "m", fields: null } },
    { error: { code: 400, message: "m" } },
    { error: { code: "X" } },
    { error: "Bad Gateway" },
    { error: null },
    { message: "not ours" },
    "<html>502 Bad Gateway</html>",
    null,
    [],
    42,
  ];

  it.each(bodies.map((b) => [JSON.stringify(b), b]))("reads %s as the zod schema does", (_, body) => {
    const parsed = apiErrorBodySchema.safeParse(body);
    expect(readApiErrorBody(body)).toEqual(parsed.success ? parsed.data : null);
  });
});
