import "server-only";
import type { Db } from "../connection";
import type { KeyValueRepository } from "../types";

export class SqliteKeyValueRepository implements KeyValueRepository {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare("SELECT value FROM kv WHERE key = ?").pluck();
    this.setStmt = db.prepare("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    this.delStmt = db.prepare("DELETE FROM kv WHERE key = ?");
  }
  get(key: string): string | null {
    return (this.getStmt.get(key) as string | undefined) ?? null;
  }
  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
  delete(key: string): void {
    this.delStmt.run(key);
  }
}
