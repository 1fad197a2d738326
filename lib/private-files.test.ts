import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "@/lib/db";

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe("data files", () => {
  it("are created readable by the owner only: the folder, both stores and their WAL files", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tm-private-")), "data");
    const store = createSqliteStore(path.join(dir, "app.sqlite"));
    store.kv.set("x", "y");
    store.close();
    expect(mode(dir)).toBe(0o700);
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(["app.sqlite", "mirror.sqlite"]));
    for (const f of files) expect([f, mode(path.join(dir, f)).toString(8)]).toEqual([f, "600"]);
  });

  it("an older store left readable by everyone is tightened when it is opened", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-private-"));
    createSqliteStore(path.join(dir, "app.sqlite")).close();
    for (const f of ["app.sqlite", "mirror.sqlite"]) fs.chmodSync(path.join(dir, f), 0o644);
    createSqliteStore(path.join(dir, "app.sqlite")).close();
    for (const f of ["app.sqlite", "mirror.sqlite"]) expect(mode(path.join(dir, f))).toBe(0o600);
  });
});
