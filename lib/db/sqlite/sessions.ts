import "server-only";
import { statement, type Db } from "../connection";
import type { RevokedSessionRepository } from "../types";

/** Revoked session ids; a row outlives its token by nothing: expired ones are dropped as new ones come. */
export class SqliteRevokedSessionRepository implements RevokedSessionRepository {
  constructor(private readonly db: Db) {}

  revoke(sid: string, expiresAt: number): void {
    const now = Math.floor(Date.now() / 1000);
    this.db.transaction(() => {
      statement(this.db, "DELETE FROM revoked_sessions WHERE expires_at < ?").run(now);
      statement(this.db, "INSERT INTO revoked_sessions (sid, expires_at) VALUES (?, ?) ON CONFLICT(sid) DO NOTHING").run(sid, Math.max(expiresAt, now));
    })();
  }

  isRevoked(sid: string): boolean {
    return statement(this.db, "SELECT 1 FROM revoked_sessions WHERE sid = ?").get(sid) !== undefined;
  }
}
