import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { startTestServer, type TestServer } from "./test-helpers";

// The emulator with the real demo data from lib/emulator/seed, as a new user gets it.
let s: TestServer;
let threads: WireThread[];
beforeAll(async () => {
  s = await startTestServer({ seed: true, withFixture: false, limits: { requestsPerSecond: 0 } });
  threads = await s.listAll(); // every page is checked against the wire schemas
});
afterAll(() => s.close());

const recipients = async (id: string) => (await s.control<{ ids: string[] }>("GET", `/threads/${id}/recipients`)).body.ids;

describe("the demo world", () => {
  it("serves the seeded mailbox with every folder in use", async () => {
    expect(threads.length).toBeGreaterThanOrEqual(100);
    for (const folder of ["INBOX", "OUTBOX", "AUTOMATIC_NOTIFICATION", "UNREAD", "IMPORTANT"] as const) {
      expect(
        threads.some((t) => t.folders!.includes(folder)),
        folder,
      ).toBe(true);
    }
    const info = await s.control<{ requester_id: string }>("GET", "/info");
    for (const t of threads) expect(t.interlocutors!.filter((i) => i.myself).map((i) => i.id)).toEqual([info.body.requester_id]);
  });

  it("records who received each seeded send, consistent with its compose_details", async () => {
    const tolokers = (await s.control<{ items: { id: string; didTask: boolean }[] }>("GET", "/tolokers?limit=10000")).body.items;
    const everyoneWhoWorked = tolokers
      .filter((t) => t.didTask)
      .map((t) => t.id)
      .sort();
    const composed = threads.filter((t) => t.compose_details);
    expect(composed.length).toBeGreaterThan(0);
    for (const t of composed) {
      const got = await recipients(t.id);
      const details = t.compose_details!;
      if (details.recipients_select_type === "DIRECT") expect(got, t.id).toEqual([...details.recipients_ids!].sort());
      if (details.recipients_select_type === "ALL") expect(got, t.id).toEqual(everyoneWhoWorked);
      if (details.recipients_select_type === "FILTER") {
        const selected = await s.control<{ ids: string[] }>("POST", "/select", { filter: details.recipients_filter });
        expect(selected.status).toBe(200);
        expect(got, t.id).toEqual(selected.body.ids);
      }
    }
  });

  it("composes to a filter over the seeded population exactly as /select says", async () => {
    const filter = {
      and: [
        { category: "profile", key: "languages", operator: "IN", value: "EN" },
        { category: "computed", key: "device_category", operator: "EQ", value: "SMARTPHONE" },
      ],
    };
    const selected = (await s.control<{ ids: string[] }>("POST", "/select", { filter })).body.ids;
    expect(selected.length).toBeGreaterThan(10);
    const res = await s.api<WireThread>("POST", "/message-threads/compose", {
      topic: { EN: "Phones" },
      text: { EN: "Hello" },
      recipients_select_type: "FILTER",
      recipients_filter: filter,
    });
    expect(res.status).toBe(201);
    expect(await recipients(res.body.id)).toEqual(selected);
  });

  it("adds bulk threads through the control API, and paging stays exact", async () => {
    const res = await s.control<{ inserted: number; counts: { threads: number } }>("POST", "/seed", { threads: 1500 });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1500);
    const all = await s.listAll();
    expect(all.length).toBe(res.body.counts.threads);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    expect(all.map((t) => t.id)).toEqual([...all.map((t) => t.id)].sort());
    const inbox = await s.listAll("folder=INBOX");
    expect(inbox.length).toBe(all.filter((t) => t.folders!.includes("INBOX")).length);
  });

  it("wipes and reseeds the same demo world on reset", async () => {
    const res = await s.control<{ counts: { threads: number } }>("POST", "/reset");
    expect(res.body.counts.threads).toBe(threads.length);
    expect((await s.listAll()).map((t) => t.topic)).toEqual(threads.map((t) => t.topic));
  });
});
