import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "@/lib/db";
import { migrate } from "../connection";
import { MIGRATIONS } from "../migrations";

const store = () => createSqliteStore(":memory:");
const user = (id: string, role: "viewer" | "sender" | "admin" = "viewer", extra: object = {}) => ({
  id,
  email: `${id}@example.com`,
  name: id,
  role,
  ...extra,
});

describe("migrations", () => {
  it("applies a migration numbered below one already applied (branches number theirs ahead of time)", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    // A store made on the team branch before compose's version 3 existed: every migration but 3 applied.
    const three = MIGRATIONS.find((m) => m.version === 3)!;
    expect(MIGRATIONS.some((m) => m.version > 3)).toBe(true);
    for (const m of MIGRATIONS.filter((m) => m !== three)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "x");
    }
    expect(migrate(db)).toBe(1);
    expect(db.prepare("SELECT version FROM schema_migrations WHERE version = 3").get()).toBeTruthy();
    expect(migrate(db)).toBe(0);
  });

  it("moves a send's superseded-by link from the key-value table into its column (version 8)", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const m of MIGRATIONS.filter((m) => m.version < 8)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "x");
    }
    const job = (id: string) =>
      db
        .prepare(
          "INSERT INTO jobs (id, kind, status, created_by, created_at, updated_at, params_json, total) VALUES (?, 'send', 'done', 'u', 'x', 'x', '{}', 1)",
        )
        .run(id);
    job("old");
    job("new");
    job("other");
    db.prepare("INSERT INTO kv (key, value) VALUES (?, ?)").run("send.supersededBy.old", "new");
    expect(migrate(db)).toBe(MIGRATIONS.filter((m) => m.version >= 8).length);
    const by = (id: string) => (db.prepare("SELECT superseded_by FROM jobs WHERE id = ?").get(id) as { superseded_by: string | null }).superseded_by;
    expect([by("old"), by("new"), by("other")]).toEqual(["new", null, null]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM kv WHERE key LIKE 'send.supersededBy.%'").get()).toEqual({ n: 0 });
  });
});

describe("the activity log's table, once audit_log (version 9)", () => {
  it("keeps every entry written before, with its indexes under the new name", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const m of MIGRATIONS.filter((m) => m.version < 9)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "x");
    }
    db.prepare(
      "INSERT INTO audit_log (at, actor_id, actor_email, actor_name, action) VALUES ('2026-01-01T00:00:00.000Z', 'u', 'u@x', 'U', 'thread.reply')",
    ).run();
    expect(migrate(db)).toBe(MIGRATIONS.filter((m) => m.version >= 9).length);
    expect(db.prepare("SELECT action, actor_email FROM activity_log").all()).toEqual([{ action: "thread.reply", actor_email: "u@x" }]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity_log' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(indexes.sort()).toEqual(["activity_log_action", "activity_log_actor", "activity_log_at", "activity_log_job", "activity_log_thread"]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'audit_log%'").all()).toEqual([]);
  });
});

describe("users", () => {
  it("finds by email whatever its case, and refuses a second account with the same email", () => {
    const s = store();
    expect(s.users.create(user("a"))).toMatchObject({ id: "a", sessionVersion: 1, demo: false, mustChangePassword: false });
    expect(s.users.getByEmail("A@Example.COM")?.id).toBe("a");
    expect(s.users.create({ ...user("b"), email: "A@example.com" })).toBeNull();
  });

  it("creates the first admin only while there is no admin but demo ones, and counts by role and kind", () => {
    const s = store();
    s.users.create(user("demo", "admin", { demo: true }));
    s.users.create(user("reader"));
    expect(s.users.createIfNoAdmin(user("first", "admin"))?.role).toBe("admin");
    expect(s.users.createIfNoAdmin(user("second", "admin"))).toBeNull();
    expect(s.users.count()).toBe(3);
    expect(s.users.count({ role: "admin" })).toBe(2);
    expect(s.users.count({ role: "admin", demo: false })).toBe(1);
    expect(s.users.count({ demo: true })).toBe(1);
  });

  it("never leaves the team without an admin", () => {
    const s = store();
    s.users.create(user("boss", "admin"));
    s.users.create(user("v"));
    expect(s.users.setRole("boss", "viewer")).toBe("last-admin");
    expect(s.users.delete("boss")).toBe("last-admin");
    expect(s.users.setRole("v", "admin")).toBe("ok");
    expect(s.users.setRole("boss", "sender")).toBe("ok");
    expect(s.users.delete("v")).toBe("last-admin");
    expect(s.users.delete("boss")).toBe("ok");
    expect(s.users.setRole("nobody", "admin")).toBe("missing");
  });

  it("raises the session version, patches fields and removes demo accounts", () => {
    const s = store();
    s.users.create(user("d", "admin", { demo: true }));
    s.users.create(user("real", "admin"));
    expect(s.users.bumpSessionVersion("real")).toBe(2);
    expect(s.users.bumpSessionVersion("ghost")).toBeNull();
    const patched = s.users.update("real", { passwordHash: "h", mustChangePassword: true, inviteHash: "ih", inviteExpiresAt: "2030-01-01T00:00:00.000Z" });
    expect(patched).toMatchObject({ passwordHash: "h", mustChangePassword: true, inviteHash: "ih" });
    expect(s.users.getByInviteHash("ih")?.id).toBe("real");
    expect(s.users.deleteDemo()).toBe(1);
    expect(s.users.list().map((u) => u.id)).toEqual(["real"]);
  });
});

describe("activity log", () => {
  const entry = (action: string, extra: object = {}) => ({
    actorId: "u1",
    actorEmail: "u1@example.com",
    actorName: "U One",
    action: action as never,
    threadId: null,
    jobId: null,
    target: null,
    details: null,
    ip: null,
    requestId: null,
    ...extra,
  });

  it("reads newest first, filters by action, prefix, person, thread and time, and pages", () => {
    const s = store();
    s.activity.append(entry("auth.sign-in", { at: "2030-01-01T00:00:00.000Z" }));
    s.activity.append(entry("thread.reply", { threadId: "t1", at: "2030-01-02T00:00:00.000Z" }));
    s.activity.append(entry("team.role", { actorId: "u2", actorName: "U Two", target: "x@example.com", at: "2030-01-03T00:00:00.000Z" }));
    s.activity.append(entry("team.invite", { at: "2030-01-04T00:00:00.000Z", details: { role: "viewer" } }));
    expect(s.activity.query({ limit: 10 }).items.map((e) => e.action)).toEqual(["team.invite", "team.role", "thread.reply", "auth.sign-in"]);
    expect(s.activity.query({ limit: 10, action: "team." }).items).toHaveLength(2);
    expect(s.activity.query({ limit: 10, action: "team" }).items).toHaveLength(0);
    expect(s.activity.query({ limit: 10, actorId: "u2" }).items.map((e) => e.target)).toEqual(["x@example.com"]);
    expect(s.activity.query({ limit: 10, threadId: "t1" }).items.map((e) => e.action)).toEqual(["thread.reply"]);
    expect(s.activity.query({ limit: 10, from: "2030-01-02T00:00:00.000Z", to: "2030-01-03T12:00:00.000Z" }).items).toHaveLength(2);
    const first = s.activity.query({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = s.activity.query({ limit: 3, beforeId: first.nextBeforeId });
    expect(rest.items.map((e) => e.action)).toEqual(["auth.sign-in"]);
    expect(rest.nextBeforeId).toBeUndefined();
    expect(s.activity.query({ limit: 1 }).items[0].details).toEqual({ role: "viewer" });
    expect(s.activity.actors().map((a) => a.name)).toEqual(["U One", "U Two"]);
  });
});

describe("message authors", () => {
  it("keeps the first author recorded for a message", () => {
    const s = store();
    s.authors.record({ threadId: "t", messageCreated: "2030-01-01T00:00:00.000Z", userId: "a", userName: "A", userEmail: "a@x" });
    s.authors.record({ threadId: "t", messageCreated: "2030-01-01T00:00:00.000Z", userId: "b", userName: "B", userEmail: "b@x" });
    s.authors.record({ threadId: "t", messageCreated: "", userId: "b", userName: "B", userEmail: "b@x" });
    expect(
      s.authors
        .forThread("t")
        .map((a) => [a.messageCreated, a.userId])
        .sort(),
    ).toEqual([
      ["", "b"],
      ["2030-01-01T00:00:00.000Z", "a"],
    ]);
  });
});
