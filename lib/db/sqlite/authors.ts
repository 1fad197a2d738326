import "server-only";
import { statement, type Db } from "../connection";
import type { MessageAuthorRecord, MessageAuthorRepository } from "../types";

interface AuthorRow {
  thread_id: string;
  message_created: string;
  user_id: string;
  user_name: string;
  user_email: string;
}

/** Who on the team wrote each message we sent. */
export class SqliteMessageAuthorRepository implements MessageAuthorRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  record(a: MessageAuthorRecord): void {
    this.db
      .prepare(
        `INSERT INTO message_authors (thread_id, message_created, user_id, user_name, user_email, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (thread_id, message_created) DO NOTHING`,
      )
      .run(a.threadId, a.messageCreated, a.userId, a.userName, a.userEmail, new Date().toISOString());
  }

  forThread(threadId: string): MessageAuthorRecord[] {
    return (this.prepare("SELECT * FROM message_authors WHERE thread_id = ?").all(threadId) as AuthorRow[]).map((r) => ({
      threadId: r.thread_id,
      messageCreated: r.message_created,
      userId: r.user_id,
      userName: r.user_name,
      userEmail: r.user_email,
    }));
  }
}
