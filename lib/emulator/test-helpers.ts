import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { WireThread } from "../toloka/wire";
import type { EmulatorOptions } from "./emulator";
import { objectId, tolokaDate } from "./ids";
import { startEmulatorServer, type EmulatorServer } from "./node-server";
import { spec, specVariety } from "./spec-schema";
import type { SeedData, SeedToloker } from "./store";

/*
 * Shared by the emulator's tests (not a test file itself): a tiny hand-made world, a server on a temp
 * file, and fetch helpers that check every response against the emulator's own schemas of what Toloka
 * documents (spec-schema.ts): strictly in exact mode, with every documented variation in variety mode.
 */

export const TOKEN = "test-token-0123456789";
export const REQUESTER = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const ADMIN = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
export const SYSTEM = "cccccccccccccccccccccccccccccccc";

/** Toloker ids of the fixture, by a name that says what they are. */
export const T = {
  deExpert: "10000000000000000000000000000001",
  usMid: "10000000000000000000000000000002",
  trIdle: "10000000000000000000000000000003",
  deStrong: "10000000000000000000000000000004",
  gbNoSkill: "10000000000000000000000000000005",
  frIdle: "10000000000000000000000000000006",
} as const;

function toloker(id: string, country: string, languages: string[], skills: Record<string, number>, didTask: boolean): SeedToloker {
  return { id, profile: { country, languages }, computed: {}, skills, didTask };
}

export const SKILL_RELEVANCE = "41027";

/** Dates of the fixture's threads: the first days of November 2026. */
export const FIXTURE_DATES = [new Date("2026-11-01T10:00:00.000Z"), new Date("2026-11-02T11:30:00.250Z"), new Date("2026-11-03T12:45:10.500Z")];

/** A tiny world: 6 Tolokers (4 did tasks), 3 skills, 3 threads (a DIRECT send, a Toloker question, a notice). */
export function fixture(): SeedData {
  const [d1, d2, d3] = FIXTURE_DATES;
  const me = { id: REQUESTER, role: "REQUESTER" as const, myself: true };
  const threads: SeedData["threads"] = [
    {
      thread: {
        id: objectId(d1, 1),
        topic: { EN: "Bonus" },
        interlocutors: [me, { id: T.deExpert, role: "USER" }],
        messages: [{ text: { EN: "You got a bonus" }, from: me, created: tolokaDate(d1) }],
        compose_details: { recipients_select_type: "DIRECT", recipients_ids: [T.deExpert] },
        answerable: true,
        folders: ["OUTBOX"],
        created: tolokaDate(d1),
      },
      recipients: [T.deExpert],
    },
    {
      thread: {
        id: objectId(d2, 2),
        topic: { EN: "Question" },
        interlocutors: [me, { id: T.usMid, role: "USER" }],
        messages: [{ text: { EN: "Why rejected?" }, from: { id: T.usMid, role: "USER" }, created: tolokaDate(d2) }],
        meta: { pool_id: "123" },
        answerable: true,
        folders: ["INBOX", "UNREAD"],
        created: tolokaDate(d2),
      },
      recipients: [],
    },
    {
      thread: {
        id: objectId(d3, 3),
        topic: { EN: "Pool closed" },
        interlocutors: [me, { id: SYSTEM, role: "SYSTEM" }],
        messages: [{ text: { EN: "Your pool closed" }, from: { id: SYSTEM, role: "SYSTEM" }, created: tolokaDate(d3) }],
        answerable: false,
        folders: ["AUTOMATIC_NOTIFICATION", "UNREAD"],
        created: tolokaDate(d3),
      },
      recipients: [],
    },
  ];
  return {
    requesterId: REQUESTER,
    administratorId: ADMIN,
    systemId: SYSTEM,
    skills: [
      { id: "41027", name: "Search relevance", created: "2022-01-25T09:19:16.455", global: false },
      { id: "26366", name: "English (verified)", created: "2019-05-01T00:00:00.000", global: true },
      { id: "44102", name: "Accuracy", created: "2023-03-01T08:00:00.000", global: false },
    ],
    tolokers: [
      toloker(T.deExpert, "DE", ["DE", "EN"], { [SKILL_RELEVANCE]: 90 }, true),
      toloker(T.usMid, "US", ["EN"], { [SKILL_RELEVANCE]: 60 }, true),
      toloker(T.trIdle, "TR", ["TR"], {}, false),
      toloker(T.deStrong, "DE", ["DE"], { [SKILL_RELEVANCE]: 95 }, true),
      toloker(T.gbNoSkill, "GB", ["EN"], {}, true),
      toloker(T.frIdle, "FR", ["FR", "EN"], {}, false),
    ],
    threads,
  };
}

/** A fresh temp directory for one test's database. */
export function tempDbPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toloka-emulator-test-"));
  return path.join(dir, "emulator.sqlite");
}

interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

const DATE_OUT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every `created` in a response is exactly Toloka's `YYYY-MM-DDThh:mm:ss.sss`. */
function checkDates(value: unknown) {
  if (Array.isArray(value)) value.forEach(checkDates);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "created") expect(v).toMatch(DATE_OUT_RE);
      else checkDates(v);
    }
  }
}

/**
 * Checks a Toloka API response against what Toloka documents: in exact mode strictly, and every date in the
 * emulator's exact form; in variety mode with the variations the docs allow.
 */
function checkWire(method: string, apiPath: string, status: number, body: unknown, variety = false) {
  const s = variety ? specVariety : spec;
  if (status >= 400) {
    const parsed = s.error.parse(body);
    expect(parsed.request_id).toMatch(UUID_RE);
    expect(typeof parsed.message).toBe("string");
    return;
  }
  const pathname = apiPath.split("?")[0];
  if (method === "GET" && pathname === "/message-threads") s.threadPage.parse(body);
  else if (method === "GET" && pathname === "/skills") s.skillPage.parse(body);
  else if (method === "POST") s.thread.parse(body);
  if (!variety) checkDates(body);
}

/** A test server plus fetch helpers. */
export interface TestServer extends EmulatorServer {
  dbPath: string;
  /** Calls the Toloka API with the right credential; checks the answer against the wire schemas. */
  api<T = unknown>(method: string, apiPath: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  /** Calls the control API. */
  control<T = unknown>(method: string, controlPath: string, body?: unknown): Promise<TestResponse<T>>;
  /** Every page of a list, following `id_gt` (as the SDK does). */
  listAll(query?: string): Promise<WireThread[]>;
}

/**
 * Starts an emulator on a temp file, by default unseeded and loaded with the fixture, and in exact mode
 * (`variety: false`), since the emulator's own tests assert exact shapes; variety.test.ts passes `variety`.
 */
export async function startTestServer(opts: Partial<EmulatorOptions> & { withFixture?: boolean } = {}): Promise<TestServer> {
  const { withFixture = true, ...rest } = opts;
  const dbPath = rest.dbPath ?? tempDbPath();
  const server = await startEmulatorServer({ token: TOKEN, seed: false, variety: false, ...rest, dbPath });
  const variety = server.emulator.variety !== null;
  if (withFixture) server.emulator.store.insertSeed(fixture());
  const api = async <T>(method: string, apiPath: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { authorization: `ApiKey ${TOKEN}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await fetch(server.url + apiPath, init);
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    checkWire(method, apiPath, res.status, parsed, variety);
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
  const control = async <T>(method: string, controlPath: string, body?: unknown) => {
    const res = await fetch(server.controlUrl + controlPath, {
      method,
      headers: { authorization: `OAuth ${TOKEN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const listAll = async (query = "") => {
    const out: WireThread[] = [];
    let last: string | undefined;
    for (;;) {
      const q = [query, "sort=id", "limit=300", last ? `id_gt=${last}` : ""].filter(Boolean).join("&");
      const res = await api<{ items: WireThread[]; has_more: boolean }>("GET", `/message-threads?${q}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      if (!res.body.has_more) return out;
      last = res.body.items.at(-1)!.id;
    }
  };
  return { ...server, dbPath, api, control, listAll };
}

/**
 * `n` varied threads for list tests: random folder sets, and creation times that do not follow id order
 * (some equal), so sorting by `created` and by `id` give different answers.
 */
export function makeThreads(n: number, seed = 1): SeedData["threads"] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const folderSets: WireThread["folders"][] = [
    ["INBOX"],
    ["INBOX", "UNREAD"],
    ["OUTBOX"],
    ["OUTBOX", "IMPORTANT"],
    ["AUTOMATIC_NOTIFICATION", "UNREAD"],
    ["INBOX", "IMPORTANT", "UNREAD"],
    ["INBOX", "OUTBOX"],
  ];
  const base = Date.UTC(2026, 9, 1);
  const out: SeedData["threads"] = [];
  for (let i = 0; i < n; i++) {
    const idDate = new Date(base + i * 60_000);
    // Every fifth thread shares its time with the previous one; the rest are scattered over 30 days.
    const created = new Date(i % 5 === 4 ? base + (i - 1) * 3_600_000 : base + Math.floor(next() * 30 * 86_400_000));
    const user = Object.values(T)[i % 6];
    out.push({
      thread: {
        id: objectId(idDate, 100 + i),
        topic: { EN: `Thread ${i}` },
        interlocutors: [
          { id: REQUESTER, role: "REQUESTER", myself: true },
          { id: user, role: "USER" },
        ],
        messages: [
          { text: { EN: `reply ${i}` }, from: { id: user, role: "USER" }, created: tolokaDate(new Date(created.getTime() + 1000)) },
          { text: { EN: `hello ${i}` }, from: { id: REQUESTER, role: "REQUESTER", myself: true }, created: tolokaDate(created) },
        ],
        answerable: true,
        folders: folderSets[Math.floor(next() * folderSets.length)],
        created: tolokaDate(created),
      },
      recipients: [],
    });
  }
  return out;
}
