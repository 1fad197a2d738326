import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What runs in the browser must not reach the token or the database: no client component (a file that starts
// with "use client") imports the server's modules, whether or not they say `import "server-only"` themselves.
const SERVER_ONLY = /^@\/lib\/(toloka|mailbox|db|emulator|config|auth)(\/|$)/;
const root = path.resolve(__dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}

const clientFiles = ["app", "components"].flatMap((d) => sources(path.join(root, d))).filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

describe("client components stay off the server's modules", () => {
  it("finds the client components (so the check below is not vacuous)", () => {
    expect(clientFiles.length).toBeGreaterThan(20);
  });

  it.each(clientFiles.map((f) => path.relative(root, f)))("%s imports nothing from lib/toloka, mailbox, db, emulator, config or auth", (file) => {
    const text = readFileSync(path.join(root, file), "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    expect(specifiers.filter((s) => SERVER_ONLY.test(s))).toEqual([]);
  });
});
