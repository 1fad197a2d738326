import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// These run in the browser (the compose form) and on the server (the send route re-checks): no server imports.
const dir = fileURLToPath(new URL(".", import.meta.url));
const CLIENT_SAFE = ["builder.ts", "checks.ts", "ids.ts", "recipients.ts"];

describe("lib/compose's shared modules are client-safe", () => {
  it.each(CLIENT_SAFE)("%s imports only lib/filters and sibling client-safe files, and reads no environment", (file) => {
    const text = readFileSync(`${dir}/${file}`, "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\s+["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) {
      const ok = s === "@/lib/filters" || (s.startsWith("./") && CLIENT_SAFE.includes(`${s.slice(2)}.ts`));
      expect(ok, `${file} imports ${s}`).toBe(true);
    }
    expect(text).not.toMatch(/process\.env|require\(|server-only/);
  });
  it("the server half says so", () => {
    expect(readFileSync(`${dir}/service.ts`, "utf8")).toMatch(/^import "server-only";/);
  });
});
