import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { AWAITING_ANSWER_SQL, isAwaitingAnswer } from "./awaiting-answer";

describe("a sent thread awaiting its first answer", () => {
  it("is the same in SQL and in the predicate, for every combination of folders and writers", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (in_outbox INTEGER, in_inbox INTEGER, in_notifications INTEGER, toloker_wrote INTEGER, admin_wrote INTEGER)");
    const insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
    for (let bits = 0; bits < 32; bits++) insert.run(...[0, 1, 2, 3, 4].map((b) => (bits >> b) & 1));
    const rows = db.prepare(`SELECT t.*, ${AWAITING_ANSWER_SQL} AS awaiting FROM t`).all() as Record<string, number>[];
    expect(rows).toHaveLength(32);
    for (const r of rows) {
      const folders = [r.in_outbox && "OUTBOX", r.in_inbox && "INBOX", r.in_notifications && "AUTOMATIC_NOTIFICATION"].filter((f): f is string => !!f);
      expect(isAwaitingAnswer(folders, r.toloker_wrote === 1 || r.admin_wrote === 1), JSON.stringify(r)).toBe(r.awaiting === 1);
    }
    // Only a thread in Sent alone, with nobody else writing, awaits an answer.
    expect(rows.filter((r) => r.awaiting === 1)).toEqual([{ in_outbox: 1, in_inbox: 0, in_notifications: 0, toloker_wrote: 0, admin_wrote: 0, awaiting: 1 }]);
    db.close();
  });
});
