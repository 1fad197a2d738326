import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// lib/filters is bundled into the browser (the compose form's filter builder), so its code may import only zod
// and its own files: no server-only, no node: modules, no environment.
const dir = fileURLToPath(new URL(".", import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("lib/filters is client-safe", () => {
  it("finds the source files (so the checks below are not vacuous)", () => {
    expect(sources).toEqual(expect.arrayContaining(["catalog.ts", "describe.ts", "evaluate.ts", "index.ts", "regions.ts", "schema.ts", "toloker.ts"]));
  });

  it.each(sources)("%s imports only zod and sibling files, and reads no environment", (file) => {
    const text = readFileSync(`${dir}/${file}`, "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\s+["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    for (const specifier of specifiers) expect(specifier === "zod" || specifier.startsWith("./"), `${file} imports ${specifier}`).toBe(true);
    expect(text).not.toMatch(/process\.env|require\(|server-only/);
  });
});
