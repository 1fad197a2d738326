import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Folder, WireThread } from "../toloka/wire";
import { SPEC_FOLDERS as FOLDERS } from "./spec-schema";
import { makeThreads, startTestServer, type TestServer } from "./test-helpers";

type Page = { items: WireThread[]; has_more: boolean };

let s: TestServer;
let all: WireThread[];

beforeAll(async () => {
  s = await startTestServer({ limits: { requestsPerSecond: 0 } });
  s.emulator.store.insertThreads(makeThreads(60));
  all = await s.listAll();
});
afterAll(() => s.close());

const ms = (date: string) => Date.parse(`${date}Z`);

/** The list semantics of toloka-api.md §2.1, written plainly, to compare the SQL against. */
function reference(q: { folder?: Folder[]; folder_ne?: Folder[]; id?: [string, string]; created?: [string, number]; sort?: string; limit?: number }): Page {
  let items = all.filter((t) => {
    if (q.folder && !q.folder.some((f) => t.folders!.includes(f))) return false;
    if (q.folder_ne?.some((f) => t.folders!.includes(f))) return false;
    if (q.id) {
      const [op, v] = q.id;
      if (op === "gt" && !(t.id > v)) return false;
      if (op === "gte" && !(t.id >= v)) return false;
      if (op === "lt" && !(t.id < v)) return false;
      if (op === "lte" && !(t.id <= v)) return false;
    }
    if (q.created) {
      const [op, v] = q.created;
      const c = ms(t.created);
      if (op === "gt" && !(c > v)) return false;
      if (op === "gte" && !(c >= v)) return false;
      if (op === "lt" && !(c < v)) return false;
      if (op === "lte" && !(c <= v)) return false;
    }
    return true;
  });
  const keys = (q.sort ?? "id").split(",").map((k) => ({ key: k.replace("-", ""), desc: k.startsWith("-") }));
  // The emulator breaks ties by id, in the direction of the first key.
  if (!keys.some((k) => k.key === "id")) keys.push({ key: "id", desc: keys[0].desc });
  items = [...items].sort((a, b) => {
    for (const k of keys) {
      const av = k.key === "id" ? a.id : ms(a.created);
      const bv = k.key === "id" ? b.id : ms(b.created);
      if (av !== bv) return (av < bv ? -1 : 1) * (k.desc ? -1 : 1);
    }
    return 0;
  });
  const limit = q.limit ?? 50;
  return { items: items.slice(0, limit), has_more: items.length > limit };
}

async function list(query: string): Promise<Page> {
  const res = await s.api<Page>("GET", `/message-threads?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const ids = (p: Page) => p.items.map((t) => t.id);

describe("GET /message-threads", () => {
  it("defaults to 50 threads in id order", async () => {
    expect(all).toHaveLength(63);
    const page = await list("");
    expect(page.items).toHaveLength(50);
    expect(page.has_more).toBe(true);
    expect(ids(page)).toEqual([...ids(page)].sort());
    expect(ids(page)).toEqual(all.slice(0, 50).map((t) => t.id));
  });

  it("pages through three pages with id_gt without overlaps or gaps", async () => {
    const pages: Page[] = [];
    let last = "";
    for (let i = 0; i < 3; i++) {
      pages.push(await list(`sort=id&limit=21${last ? `&id_gt=${last}` : ""}`));
      last = pages[i].items.at(-1)!.id;
    }
    expect(pages.map((p) => p.items.length)).toEqual([21, 21, 21]);
    expect(pages.map((p) => p.has_more)).toEqual([true, true, false]);
    expect(pages.flatMap(ids)).toEqual(all.map((t) => t.id));
    // Past the end: an empty page never says has_more.
    expect(await list(`limit=21&id_gt=${last}`)).toEqual({ items: [], has_more: false });
  });

  it("filters by any of several folders and by none of several folders", async () => {
    const inboxOrNotice = await list("folder=INBOX,AUTOMATIC_NOTIFICATION&limit=300");
    expect(inboxOrNotice).toEqual(reference({ folder: ["INBOX", "AUTOMATIC_NOTIFICATION"], limit: 300 }));
    expect(inboxOrNotice.items.length).toBeGreaterThan(10);
    const notUnreadOrImportant = await list("folder_ne=UNREAD,IMPORTANT&limit=300");
    expect(notUnreadOrImportant).toEqual(reference({ folder_ne: ["UNREAD", "IMPORTANT"], limit: 300 }));
    for (const t of notUnreadOrImportant.items) expect(t.folders).not.toContain("UNREAD");
    // Repeated parameters are read as one list, as some clients send them.
    expect(await list("folder=INBOX&folder=AUTOMATIC_NOTIFICATION&limit=300")).toEqual(inboxOrNotice);
  });

  it("compares id bounds as strings", async () => {
    const mid = all[30].id;
    expect(ids(await list(`id_gt=${mid}&limit=300`))).toEqual(all.slice(31).map((t) => t.id));
    expect(ids(await list(`id_gte=${mid}&limit=300`))).toEqual(all.slice(30).map((t) => t.id));
    expect(ids(await list(`id_lt=${mid}&limit=300`))).toEqual(all.slice(0, 30).map((t) => t.id));
    expect(ids(await list(`id_lte=${mid}&limit=300`))).toEqual(all.slice(0, 31).map((t) => t.id));
    // Any string is a bound: "6" sorts before every id of this decade, "z" after.
    expect((await list("id_gt=z")).items).toEqual([]);
    expect((await list("id_gt=6&limit=300")).items).toHaveLength(63);
  });

  it("accepts created bounds with 0, 3 or 6 fractional digits and bare dates", async () => {
    const t = all.find((x) => x.created.endsWith(".250"))!; // fixture thread at 11:30:00.250
    const [day] = t.created.split("T");
    const at = t.created.slice(0, 19);
    expect(ids(await list(`created_gte=${at}.250000&limit=300`))).toContain(t.id);
    expect(ids(await list(`created_gt=${at}.249999&limit=300`))).toContain(t.id);
    expect(ids(await list(`created_gt=${at}.250000&limit=300`))).not.toContain(t.id);
    expect(ids(await list(`created_gt=${at}.250&limit=300`))).not.toContain(t.id);
    expect(ids(await list(`created_lte=${at}.250&limit=300`))).toContain(t.id);
    expect(ids(await list(`created_lt=${at}.250001&limit=300`))).toContain(t.id);
    expect(ids(await list(`created_lt=${at}&limit=300`))).not.toContain(t.id);
    expect(ids(await list(`created_gte=${day}&limit=300`))).toContain(t.id);
    expect(ids(await list(`created_lt=${day}&limit=300`))).not.toContain(t.id);
    expect(await list(`created_gte=${day}&limit=300`)).toEqual(reference({ created: ["gte", ms(`${day}T00:00:00`)], limit: 300 }));
  });

  it("sorts by created and id in either direction, applying a list in order", async () => {
    for (const sort of ["created", "-created", "-id", "id", "-created,id", "created,-id", "-id,created"]) {
      expect(await list(`sort=${sort}&limit=300`), sort).toEqual(reference({ sort, limit: 300 }));
    }
    const byCreated = await list("sort=created&limit=300");
    expect(ids(byCreated)).not.toEqual(all.map((t) => t.id));
  });

  it("matches a plain reference for random combinations of parameters", async () => {
    const folders = fc.subarray([...FOLDERS], { minLength: 1 });
    const op = fc.constantFrom("gt", "gte", "lt", "lte");
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            folder: folders,
            folder_ne: folders,
            id: fc.tuple(
              op,
              fc.integer({ min: 0, max: 62 }).map((i) => all[i].id),
            ),
            created: fc.tuple(
              op,
              fc.integer({ min: 0, max: 62 }).map((i) => ms(all[i].created)),
            ),
            sort: fc.constantFrom("id", "-id", "created", "-created", "-created,id", "created,-id"),
            limit: fc.integer({ min: 1, max: 70 }),
          },
          { requiredKeys: [] },
        ),
        async (q) => {
          const params = new URLSearchParams();
          if (q.folder) params.set("folder", q.folder.join(","));
          if (q.folder_ne) params.set("folder_ne", q.folder_ne.join(","));
          if (q.id) params.set(`id_${q.id[0]}`, q.id[1]);
          if (q.created) params.set(`created_${q.created[0]}`, new Date(q.created[1]).toISOString().slice(0, 23));
          if (q.sort) params.set("sort", q.sort);
          if (q.limit) params.set("limit", String(q.limit));
          const page = await list(params.toString());
          const expected = reference(q);
          expect(ids(page)).toEqual(ids(expected));
          expect(page.has_more).toBe(expected.has_more);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects bad parameters with 400 naming the parameter", async () => {
    const cases: [string, string, string][] = [
      ["limit=0", "limit", "VALUE_LESS_THAN_MIN"],
      ["limit=301", "limit", "VALUE_GREATER_THAN_MAX"],
      ["limit=ten", "limit", "INTEGER_EXPECTED"],
      ["folder=INBOX,SPAM", "folder", "UNKNOWN_ENUM_VALUE"],
      ["folder_ne=inbox", "folder_ne", "UNKNOWN_ENUM_VALUE"],
      ["sort=modified", "sort", "UNKNOWN_ENUM_VALUE"],
      ["sort=id,+created", "sort", "UNKNOWN_ENUM_VALUE"],
      ["created_gt=2026-11-01T00:00:00Z", "created_gt", "DATE_TIME_EXPECTED"],
      ["created_gt=2026-11-01T00:00:00.1", "created_gt", "DATE_TIME_EXPECTED"],
      ["created_lt=2026-11-01T00:00:00.123456789", "created_lt", "DATE_TIME_EXPECTED"],
      ["created_gte=2026-13-01", "created_gte", "DATE_TIME_EXPECTED"],
      ["created_gte=2026-02-30", "created_gte", "DATE_TIME_EXPECTED"],
      ["created_lte=yesterday", "created_lte", "DATE_TIME_EXPECTED"],
      ["created_lte=2026-11-01T25:00:00", "created_lte", "DATE_TIME_EXPECTED"],
    ];
    for (const [query, field, code] of cases) {
      const res = await s.api<{ code: string; payload: Record<string, { code: string }> }>("GET", `/message-threads?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.payload[field]?.code, query).toBe(code);
    }
    // Several bad parameters are reported together.
    const both = await s.api<{ payload: Record<string, unknown> }>("GET", "/message-threads?limit=0&sort=x");
    expect(Object.keys(both.body.payload).sort()).toEqual(["limit", "sort"]);
  });

  it("accepts the limits 1 and 300 and ignores unknown parameters", async () => {
    expect((await list("limit=1")).items).toHaveLength(1);
    expect((await list("limit=300")).items).toHaveLength(63);
    expect((await list("limit=300&whatever=1")).items).toHaveLength(63);
  });

  it("serves exactly what the SDK sends", async () => {
    const page = await list("folder=INBOX,UNREAD&folder_ne=IMPORTANT&created_gte=2015-12-01T00:00:00&sort=-created,id&limit=300");
    expect(page).toEqual(
      reference({ folder: ["INBOX", "UNREAD"], folder_ne: ["IMPORTANT"], created: ["gte", ms("2015-12-01T00:00:00")], sort: "-created,id", limit: 300 }),
    );
  });
});

describe("GET /skills", () => {
  type SkillPage = { items: { id: string; name: string; global?: boolean; created?: string }[]; has_more: boolean };
  const skills = async (query: string) => {
    const res = await s.api<SkillPage>("GET", `/skills?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it("lists skills by numeric id, filters by name and global, pages with has_more", async () => {
    expect((await skills("")).items.map((x) => x.id)).toEqual(["26366", "41027", "44102"]);
    expect((await skills("sort=-id")).items.map((x) => x.id)).toEqual(["44102", "41027", "26366"]);
    expect((await skills("sort=created")).items.map((x) => x.id)).toEqual(["26366", "41027", "44102"]);
    expect((await skills("name=Accuracy")).items.map((x) => x.id)).toEqual(["44102"]);
    expect((await skills("global=true")).items.map((x) => x.id)).toEqual(["26366"]);
    expect((await skills("global=false")).items.map((x) => x.id)).toEqual(["41027", "44102"]);
    expect(await skills("limit=2")).toMatchObject({ has_more: true });
    expect((await skills("limit=2")).items).toHaveLength(2);
    expect(await skills("limit=3")).toMatchObject({ has_more: false });
  });

  it("compares id bounds as numbers and filters by creation date", async () => {
    // As strings "9" > "41027"; as numbers it is smaller than every id.
    expect((await skills("id_gt=9")).items).toHaveLength(3);
    expect((await skills("id_gte=41027&id_lt=44102")).items.map((x) => x.id)).toEqual(["41027"]);
    expect((await skills("id_lte=26366")).items.map((x) => x.id)).toEqual(["26366"]);
    expect((await skills("created_gte=2022-01-01&created_lt=2023-01-01")).items.map((x) => x.id)).toEqual(["41027"]);
  });

  it("rejects bad parameters", async () => {
    for (const [query, field, code] of [
      ["id_gt=abc", "id_gt", "INTEGER_EXPECTED"],
      ["global=yes", "global", "BOOLEAN_EXPECTED"],
      ["limit=301", "limit", "VALUE_GREATER_THAN_MAX"],
      ["sort=name", "sort", "UNKNOWN_ENUM_VALUE"],
      ["created_gt=2022", "created_gt", "DATE_TIME_EXPECTED"],
    ]) {
      const res = await s.api<{ payload: Record<string, { code: string }> }>("GET", `/skills?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.payload[field].code, query).toBe(code);
    }
  });
});
