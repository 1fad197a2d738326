import { afterEach, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { createEmulator, type Emulator } from "./emulator";
import { fixture, T, tempDbPath, TOKEN } from "./test-helpers";

let emulator: Emulator | undefined;
afterEach(() => {
  emulator?.close();
  emulator = undefined;
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function seeded(random: () => number, timing: Parameters<typeof createEmulator>[0]["livenessTiming"]) {
  const e = createEmulator({ dbPath: tempDbPath(), token: TOKEN, seed: false, liveness: true, random, livenessTiming: timing, variety: false });
  e.store.insertSeed(fixture());
  return e;
}

async function post(e: Emulator, path: string[], body: unknown): Promise<WireThread> {
  const res = await e.handleApi(
    new Request(`http://localhost/emulator/api/v1/${path.join("/")}`, {
      method: "POST",
      headers: { authorization: `ApiKey ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    path,
  );
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as WireThread;
}

describe("liveness", () => {
  it("a recipient answers an answerable compose after the delay, following the transitions", async () => {
    emulator = seeded(() => 0.1, { answerProbability: 1, answerDelayMs: [30, 40], ambientDelayMs: [60_000, 60_000], questionShare: 1 });
    const one = await post(emulator, ["message-threads", "compose"], {
      topic: { EN: "Hi" },
      text: { EN: "Question for you" },
      recipients_select_type: "DIRECT",
      recipients_ids: [T.deExpert],
    });
    const many = await post(emulator, ["message-threads", "compose"], {
      topic: { EN: "All" },
      text: { EN: "News" },
      recipients_select_type: "DIRECT",
      recipients_ids: [T.deExpert, T.usMid],
    });
    const closed = await post(emulator, ["message-threads", "compose"], {
      topic: { EN: "FYI" },
      text: { EN: "No answers" },
      recipients_select_type: "DIRECT",
      recipients_ids: [T.usMid],
      answerable: false,
    });
    expect(emulator.store.getThread(one.id)!.folders).toEqual(["OUTBOX"]);
    await wait(150);
    const answered = emulator.store.getThread(one.id)!;
    expect(answered.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    expect(answered.messages![0].from).toEqual({ id: T.deExpert, role: "USER" });
    expect(Object.values(answered.messages![0].text)[0].length).toBeGreaterThan(0);
    // The send to two got its answer as a child thread; the closed one got none.
    expect(emulator.store.getThread(many.id)!.messages).toHaveLength(1);
    const children = emulator.store.listThreads({
      folders: ["INBOX"],
      foldersNe: [],
      id: { gt: many.id },
      created: {},
      sort: [{ key: "id", desc: false }],
      limit: 10,
    });
    expect(children.items.map((b) => (JSON.parse(b.toString()) as WireThread).parent_id)).toContain(many.id);
    expect(emulator.store.getThread(closed.id)!.messages).toHaveLength(1);
  });

  it("brings new questions and notices now and then, and stops on close", async () => {
    let i = 0;
    const draws = [0.2, 0.9];
    emulator = seeded(() => draws[i++ % 2], { answerProbability: 0, answerDelayMs: [1, 1], ambientDelayMs: [20, 30], questionShare: 0.5 });
    const before = emulator.store.counts().threads;
    await wait(250);
    const after = emulator.store.counts().threads;
    expect(after).toBeGreaterThan(before + 2);
    emulator.close();
    emulator = undefined;
    // Nothing fires after close (a timer touching the closed database would throw here).
    await wait(100);
  });

  it("is off unless asked for", async () => {
    emulator = createEmulator({ dbPath: tempDbPath(), token: TOKEN, seed: false, random: () => 0, variety: false });
    emulator.store.insertSeed(fixture());
    const t = await post(emulator, ["message-threads", "compose"], {
      topic: { EN: "Hi" },
      text: { EN: "x" },
      recipients_select_type: "DIRECT",
      recipients_ids: [T.deExpert],
    });
    await wait(50);
    expect(emulator.store.getThread(t.id)!.messages).toHaveLength(1);
  });
});
