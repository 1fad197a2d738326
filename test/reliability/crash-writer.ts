// Child process for the data-safety test: writes threads to a store in a loop, one transaction each, and
// prints how many it committed, until it is killed. Run with --conditions=react-server (server-only).
import { createSqliteStore } from "@/lib/db";

const file = process.argv[2];
const store = createSqliteStore(file);
const ME = "f".repeat(32);
for (let i = 1; ; i++) {
  const created = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const messages = Array.from({ length: 1 + (i % 5) }, (_, k) => ({
    fromId: k % 2 ? ME : "a".repeat(32),
    fromRole: (k % 2 ? "REQUESTER" : "USER") as "REQUESTER" | "USER",
    myself: k % 2 === 1,
    created: new Date(Date.parse(created) + k).toISOString(),
    text: { EN: `message ${k} of thread ${i} ${"x".repeat(200)}` },
  }));
  store.threads.upsertMany([
    {
      id: i.toString(16).padStart(24, "0"),
      topic: { EN: `Thread ${i}` },
      answerable: true,
      created,
      interlocutors: [
        { id: ME, role: "REQUESTER", myself: true },
        { id: "a".repeat(32), role: "USER" },
      ],
      messages,
      folders: ["INBOX", "UNREAD"],
    },
  ]);
  store.jobs.create({ id: `job-${i}`, kind: "mark-read", createdBy: "x", params: {} }, [{ threadId: i }]);
  if (i % 50 === 0) process.stdout.write(`${i}\n`);
}
