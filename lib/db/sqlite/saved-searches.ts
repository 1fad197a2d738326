import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "../connection";
import type { SavedSearchRecord, SavedSearchRepository } from "../types";

interface Row {
  id: string;
  user_id: string;
  name: string;
  q: string;
  scope: "tab" | "all";
  created_at: string;
}

const toRecord = (r: Row): SavedSearchRecord => ({ id: r.id, userId: r.user_id, name: r.name, q: r.q, scope: r.scope, createdAt: r.created_at });

/** Saved searches in app.sqlite, one member's at a time. */
export class SqliteSavedSearchRepository implements SavedSearchRepository {
  private readonly stmts;
  constructor(private readonly db: Db) {
    this.stmts = {
      list: db.prepare("SELECT * FROM saved_searches WHERE user_id = ? ORDER BY created_at, rowid"),
      insert: db.prepare("INSERT INTO saved_searches (id, user_id, name, q, scope, created_at) VALUES (@id, @user_id, @name, @q, @scope, @created_at)"),
      delete: db.prepare("DELETE FROM saved_searches WHERE user_id = ? AND id = ?"),
      count: db.prepare("SELECT COUNT(*) FROM saved_searches WHERE user_id = ?").pluck(),
    };
  }

  list(userId: string): SavedSearchRecord[] {
    return (this.stmts.list.all(userId) as Row[]).map(toRecord);
  }

  create(s: Omit<SavedSearchRecord, "id" | "createdAt">, max: number): SavedSearchRecord | null {
    const row: Row = { id: randomUUID(), user_id: s.userId, name: s.name, q: s.q, scope: s.scope, created_at: new Date().toISOString() };
    // Counted and written in one transaction, so two saves at once cannot pass the limit together.
    return this.db.transaction(() => {
      if ((this.stmts.count.get(s.userId) as number) >= max) return null;
      this.stmts.insert.run(row);
      return toRecord(row);
    })();
  }

  delete(userId: string, id: string): boolean {
    return this.stmts.delete.run(userId, id).changes > 0;
  }
}
