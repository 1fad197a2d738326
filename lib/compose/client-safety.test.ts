import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The shared half of lib/compose (builder, checks, ids, recipients) runs in the browser too: biome.jsonc forbids it
// the server's modules and the environment. The server half must say it is one, so Next refuses to bundle it.
const dir = fileURLToPath(new URL(".", import.meta.url));

describe("lib/compose's server half", () => {
  it("says so", () => {
    expect(readFileSync(`${dir}/service.ts`, "utf8")).toMatch(/^import "server-only";/);
  });
});
