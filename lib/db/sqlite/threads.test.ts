import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../connection";
import { createSqliteStore } from "../index";
import { MIRROR_MIGRATIONS } from "../migrations";
import type { MirrorThread, SearchFilters } from "../types";

const ME = "f".repeat(32);
const T1 = "a".repeat(32);
const T2 = "b".repeat(32);

function thread(id: string, minutes: number, over: Partial<MirrorThread> = {}): MirrorThread {
  const created = new Date(Date.UTC(2026, 10, 1, 12, minutes)).toISOString();
  return {
    id,
    topic: { EN: `Topic ${id.slice(-4)}` },
    answerable: true,
    created,
    interlocutors: [
      { id: ME, role: "REQUESTER", myself: true },
      { id: T1, role: "USER" },
    ],
    messages: [{ fromId: T1, fromRole: "USER", myself: false, created, text: { EN: "hello there" } }],
    folders: ["INBOX", "UNREAD"],
    ...over,
  };
}

const hex = (n: number) => n.toString(16).padStart(24, "0");

describe("SqliteThreadRepository", () => {
  it("lists a scope newest activity first with keyset pages that neither skip nor repeat", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany(Array.from({ length: 25 }, (_, i) => thread(hex(i + 1), i)));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = store.threads.list({ scope: "inbox", limit: 10, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => hex(25 - i)));
  });

  it("moves a thread to the top when a new message arrives, and keeps one search row for it", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany([thread(hex(1), 1), thread(hex(2), 2)]);
    const old = thread(hex(1), 1);
    old.messages.push({
      fromId: ME,
      fromRole: "REQUESTER",
      myself: true,
      created: new Date(Date.UTC(2026, 10, 1, 13)).toISOString(),
      text: { EN: "answer banana" },
    });
    store.threads.upsertMany([old]);
    expect(store.threads.list({ scope: "all", limit: 5 }).items.map((t) => t.id)).toEqual([hex(1), hex(2)]);
    expect(store.threads.search({ scope: "all", limit: 5, text: "hello", complete: true }).items.map((t) => t.id)).toEqual([hex(1), hex(2)]);
    expect(store.threads.search({ scope: "all", limit: 5, text: "banana", complete: true }).items.map((t) => t.id)).toEqual([hex(1)]);
  });

  it("puts each thread in the right tabs and counts unread per tab", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany([
      thread(hex(1), 1),
      thread(hex(2), 2, {
        folders: ["AUTOMATIC_NOTIFICATION", "UNREAD"],
        interlocutors: [
          { id: ME, role: "REQUESTER", myself: true },
          { id: "s", role: "SYSTEM" },
        ],
        messages: [
          { fromId: "s", fromRole: "SYSTEM", myself: false, created: new Date(Date.UTC(2026, 10, 1, 12, 2)).toISOString(), text: { EN: "Pool closed" } },
        ],
      }),
      thread(hex(3), 3, {
        folders: ["INBOX", "IMPORTANT"],
        messages: [
          { fromId: "adm", fromRole: "ADMINISTRATOR", myself: false, created: new Date(Date.UTC(2026, 10, 1, 12, 3)).toISOString(), text: { EN: "Policy" } },
        ],
      }),
      thread(hex(4), 4, {
        folders: ["OUTBOX"],
        messages: [{ fromId: ME, fromRole: "REQUESTER", myself: true, created: new Date(Date.UTC(2026, 10, 1, 12, 4)).toISOString(), text: { EN: "Bonus" } }],
      }),
    ]);
    const ids = (scope: Parameters<typeof store.threads.list>[0]["scope"]) => store.threads.list({ scope, limit: 10 }).items.map((t) => t.id);
    expect(ids("inbox")).toEqual([hex(3), hex(1)]);
    expect(ids("sent")).toEqual([hex(4)]);
    expect(ids("users")).toEqual([hex(1)]);
    expect(ids("administrator")).toEqual([hex(3)]);
    expect(ids("notifications")).toEqual([hex(2)]);
    expect(ids("important")).toEqual([hex(3)]);
    expect(store.threads.unreadCounts()).toMatchObject({ inbox: 1, notifications: 1, users: 1, important: 0, sent: 0, all: 2 });
    store.threads.setFolders(hex(1), ["INBOX"]);
    expect(store.threads.unreadCounts()).toMatchObject({ inbox: 0, all: 1 });
    expect(store.threads.get(hex(1))?.folders).toEqual(["INBOX"]);
  });

  it("searches words, phrases, a prefix while typing, in every language, with the match marked", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany([
      thread(hex(1), 1, { topic: { EN: "Payment question", RU: "Вопрос об оплате" } }),
      thread(hex(2), 2, {
        messages: [
          {
            fromId: T1,
            fromRole: "USER",
            myself: false,
            created: new Date(Date.UTC(2026, 10, 1, 12, 2)).toISOString(),
            text: { EN: "my assignment was rejected", TR: "görevim reddedildi" },
          },
        ],
      }),
    ]);
    const find = (text: string, complete = false) => store.threads.search({ scope: "all", limit: 10, text, complete }).items.map((t) => t.id);
    expect(find("payment", true)).toEqual([hex(1)]);
    expect(find("оплате", true)).toEqual([hex(1)]);
    expect(find("reddedildi", true)).toEqual([hex(2)]);
    expect(find("rejec")).toEqual([hex(2)]);
    expect(find("rejec", true)).toEqual([]);
    expect(find('"assignment was rejected"')).toEqual([hex(2)]);
    expect(find('"rejected was"')).toEqual([]);
    const hit = store.threads.search({ scope: "all", limit: 10, text: "rejected", complete: true }).items[0];
    expect(hit.snippet?.filter((p) => p.match).map((p) => p.text)).toEqual(["rejected"]);
  });

  it("takes FTS operators typed by a person as words", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany([thread(hex(1), 1)]);
    for (const q of ["hello OR", "NEAR(hello", "topic:hello", "hel*lo", "^hello", '"unclosed', "AND", "*", "-"]) {
      expect(() => store.threads.search({ scope: "all", limit: 10, text: q })).not.toThrow();
    }
  });

  it("finds every thread with a Toloker by id or id prefix, in any role they had", () => {
    const store = createSqliteStore(":memory:");
    store.threads.upsertMany([
      thread(hex(1), 1),
      thread(hex(2), 2, {
        interlocutors: [
          { id: ME, role: "REQUESTER", myself: true },
          { id: T2, role: "USER" },
        ],
        messages: [{ fromId: T2, fromRole: "USER", myself: false, created: new Date(Date.UTC(2026, 10, 1, 12, 2)).toISOString(), text: { EN: "x" } }],
      }),
      thread(hex(3), 3, {
        folders: ["OUTBOX"],
        interlocutors: [{ id: ME, role: "REQUESTER", myself: true }],
        composeDetails: { recipients_select_type: "DIRECT", recipients_ids: [T1, T2] },
        messages: [{ fromId: ME, fromRole: "REQUESTER", myself: true, created: new Date(Date.UTC(2026, 10, 1, 12, 3)).toISOString(), text: { EN: "y" } }],
      }),
    ]);
    expect(store.threads.search({ scope: "all", limit: 10, tolokerId: T1 }).items.map((t) => t.id)).toEqual([hex(3), hex(1)]);
    expect(store.threads.search({ scope: "all", limit: 10, tolokerId: T2.slice(0, 8) }).items.map((t) => t.id)).toEqual([hex(3), hex(2)]);
    expect(store.threads.search({ scope: "inbox", limit: 10, tolokerId: T2 }).items.map((t) => t.id)).toEqual([hex(2)]);
  });

  it("keeps everything across a reopen of the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tm-db-")), "app.sqlite");
    const a = createSqliteStore(file);
    a.threads.upsertMany([thread(hex(1), 1)]);
    a.kv.set("cursor", "x");
    a.close();
    const b = createSqliteStore(file);
    expect(b.threads.get(hex(1))?.messages[0].text).toEqual({ EN: "hello there" });
    expect(b.kv.get("cursor")).toBe("x");
    expect(b.threads.search({ scope: "all", limit: 5, text: "hello" }).items).toHaveLength(1);
    b.close();
  });

  describe("search with operators", () => {
    const at = (day: string) => `${day}T10:00:00.000Z`;
    const msg = (text: string, day: string, fromRole: "USER" | "REQUESTER" = "USER") => ({
      fromId: fromRole === "USER" ? T1 : ME,
      fromRole,
      myself: fromRole === "REQUESTER",
      created: at(day),
      text: { EN: text },
    });
    function world() {
      const store = createSqliteStore(":memory:");
      store.threads.upsertMany([
        thread(hex(1), 0, {
          created: at("2026-01-10"),
          topic: { EN: "Payment late" },
          messages: [msg("where is my payment", "2026-01-10")],
          meta: { pool_id: "11", project_id: "7" },
        }),
        thread(hex(2), 0, {
          created: at("2026-02-10"),
          topic: { EN: "Spam offer" },
          messages: [msg("payment spam", "2026-02-10")],
          folders: ["INBOX", "IMPORTANT"],
          meta: { pool_id: "12", project_id: "7", assignment_id: "as-1" },
        }),
        thread(hex(3), 0, {
          created: at("2026-03-10"),
          topic: { EN: "News" },
          answerable: false,
          folders: ["OUTBOX", "UNREAD"],
          interlocutors: [{ id: ME, role: "REQUESTER", myself: true }],
          composeDetails: { recipients_select_type: "DIRECT", recipients_ids: [T2] },
          messages: [msg("payment news for all", "2026-03-10", "REQUESTER")],
        }),
      ]);
      return store;
    }
    const find = (store: ReturnType<typeof createSqliteStore>, f: SearchFilters) =>
      store.threads.search({ scope: "all", limit: 10, complete: true, ...f }).items.map((t) => t.id);

    it("narrows by pool, project, assignment, flags, replies off, dates and exclusions", () => {
      const store = world();
      expect(find(store, { poolId: "11" })).toEqual([hex(1)]);
      expect(find(store, { projectId: "7" })).toEqual([hex(2), hex(1)]);
      expect(find(store, { assignmentId: "as-1" })).toEqual([hex(2)]);
      expect(find(store, { important: true })).toEqual([hex(2)]);
      expect(find(store, { repliesOff: true })).toEqual([hex(3)]);
      // In UNREAD but a send awaiting its first answer: not unread for us.
      expect(find(store, { unread: true })).toEqual([hex(1)]);
      expect(find(store, { after: "2026-02-10" })).toEqual([hex(3), hex(2)]);
      expect(find(store, { before: "2026-02-10" })).toEqual([hex(1)]);
      expect(find(store, { after: "2026-02-01", before: "2026-03-01" })).toEqual([hex(2)]);
      expect(find(store, { text: "payment", exclude: ["spam"] })).toEqual([hex(3), hex(1)]);
      expect(find(store, { exclude: ["spam", "news for"] })).toEqual([hex(1)]);
      expect(find(store, { text: "payment", tolokerId: T2.slice(0, 6) })).toEqual([hex(3)]);
      expect(find(store, { text: "payment", projectId: "7", important: true })).toEqual([hex(2)]);
      expect(find(store, { poolId: "nope" })).toEqual([]);
      expect(store.threads.search({ scope: "inbox", limit: 10, repliesOff: true }).items).toEqual([]);
    });

    it("pages a filtered list without skipping or repeating", () => {
      const store = createSqliteStore(":memory:");
      store.threads.upsertMany(Array.from({ length: 25 }, (_, i) => thread(hex(i + 1), i, { meta: { pool_id: i % 2 ? "1" : "2" } })));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = store.threads.search({ scope: "all", limit: 4, poolId: "1", cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => hex(24 - 2 * i)));
    });

    it("counts matches up to a cap", () => {
      const store = world();
      expect(store.threads.countSearch({ scope: "all", text: "payment", complete: true }, 1000)).toBe(3);
      expect(store.threads.countSearch({ scope: "all", text: "payment", complete: true }, 1)).toBe(2);
      expect(store.threads.countSearch({ scope: "all", projectId: "7" }, 1000)).toBe(2);
      expect(store.threads.countSearch({ scope: "all", text: "!!" }, 1000)).toBe(0);
    });

    it("marks the words in the topic as well as in the body", () => {
      const store = world();
      const [hit] = store.threads.search({ scope: "all", limit: 10, text: "late", complete: true }).items;
      expect(hit.topicMarks).toEqual([
        { text: "Payment ", match: false },
        { text: "late", match: true },
      ]);
      const [body] = store.threads.search({ scope: "all", limit: 10, text: "where", complete: true }).items;
      expect(body.topicMarks).toBeUndefined();
      expect(body.snippet?.some((p) => p.match && p.text === "where")).toBe(true);
    });

    it("fills the new pool, project and assignment columns from the meta already held", () => {
      const db = new Database(":memory:");
      migrate(
        db,
        MIRROR_MIGRATIONS.filter((m) => m.version <= 2),
        "mirror_migrations",
      );
      db.prepare(`INSERT INTO threads (id, activity_key, topic_json, answerable, created, last_activity, meta_json, interlocutors_json,
          message_count, fetched_at) VALUES ('t', 1, '{}', 1, 'x', 'x', '{"pool_id":"5","assignment_id":"a"}', '[]', 0, 'x')`).run();
      migrate(db, MIRROR_MIGRATIONS, "mirror_migrations");
      expect(db.prepare("SELECT pool_id, project_id, assignment_id FROM threads").get()).toEqual({ pool_id: "5", project_id: null, assignment_id: "a" });
    });
  });
});
