import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiErrorBodySchema } from "@/lib/schemas/error";
import { loadHandlers, params, startApp, TEST_PASSWORD, TEST_TOKEN, type App, type Handler } from "../harness";

/*
 * Hostile input against every /api route (issue 7, item 4). For each route and method, as a signed-in admin (so
 * the role check passes and only the input is on trial), the real handler gets RUNS inputs made by fast-check:
 * random JSON, near-valid mutations of a valid body (wrong types, missing and extra fields, huge strings, deep
 * nesting, unicode, nulls, numbers as strings), raw bodies that are not JSON, hostile query strings (repeated
 * keys, empty and very long values, percent-encoding good and bad) and hostile path params. Every answer must be
 * below 500; every 4xx must be the error envelope, small; a 2xx only for input the route's own schemas accept;
 * input they refuse must be a 400 naming fields. Then the oversized inputs one by one, with their messages.
 *
 * HOSTILE_SEED=<n> replays a run (the seed is printed); HOSTILE_RUNS=<n> changes the count (at least 500 in CI).
 */

// New password hashes at scrypt's smallest cost: a third of a second each (invitations, resets, password changes)
// would make thousands of calls take minutes. The stored format, and checking against it, are the real ones.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  const crypto = await import("node:crypto");
  return {
    ...real,
    hashPassword: async (password: string) => {
      const salt = crypto.randomBytes(16);
      const key = crypto.scryptSync(password.normalize("NFKC"), salt, 64, { N: 16, r: 1, p: 1 });
      return ["scrypt", 16, 1, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    },
  };
});

const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS ?? 500));
const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** An error answer larger than this echoes the input back (or lists every one of 100,000 bad ids). */
const MAX_ERROR_BYTES = 16 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Base {
  params?: Record<string, string>;
  query?: string;
  body?: Json;
}

let app: App;
let handlers: Map<string, Handler>;
let maxBodyBytes: number;

// ---------------------------------------------------------------------------------------------------------------
// Valid inputs, one per route: the starting point of the near-valid mutations. A route without one is fuzzed from {}.

const DRAFT_CONTENT = {
  languages: [{ lang: "EN", topic: "New pools", text: "Hello" }],
  answerable: true,
  recipients: { mode: "ids", idsText: "" },
} satisfies Json;

let threadId: string;
let tolokerId: string;
let jobId: string;

/** The signed-in admin a route's calls come from (one per route: routes run side by side), and their targets. */
interface Caller {
  actor: string;
  /** The actor's session cookie, minted again when their session version changes. */
  cookie?: { version: number; value: string };
  members: string[];
}

async function store() {
  return (await import("@/lib/db")).getStore();
}

/** One of a few team members to aim team routes at; removed ones are replaced. */
async function someMember(c: Caller, n: number): Promise<string> {
  const s = await store();
  const i = n % 4;
  if (!c.members[i] || !s.users.get(c.members[i])) c.members[i] = await app.member(i === 0 ? "sender" : "viewer");
  return c.members[i];
}

async function freshDraft(c: Caller): Promise<string> {
  const { services } = await import("@/lib/services");
  return services().compose.createDraft(c.actor, DRAFT_CONTENT as never).id;
}

async function freshSavedSearch(c: Caller): Promise<string> {
  const { services } = await import("@/lib/services");
  const saved = services().store.savedSearches.create({ userId: c.actor, name: "Hostile", q: "is:unread", scope: "tab" }, Number.MAX_SAFE_INTEGER);
  return saved?.id ?? "";
}

async function freshSavedReply(): Promise<string> {
  const s = await store();
  return s.workflow.createReply({ title: "Hostile", lang: "EN", body: "Hello", createdBy: null, updatedByName: "Hostile" }).id;
}

const BASES: Record<string, (n: number, c: Caller) => Promise<Base> | Base> = {
  "POST /api/account/password": () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: "an entirely new passphrase" } }),
  "GET /api/activity": () => ({ query: "?limit=5&action=team." }),
  "GET /api/compose/drafts/[id]": async (_, c) => ({ params: { id: await freshDraft(c) } }),
  "PUT /api/compose/drafts/[id]": async (_, c) => ({ params: { id: await freshDraft(c) }, body: { content: DRAFT_CONTENT } }),
  "DELETE /api/compose/drafts/[id]": async (_, c) => ({ params: { id: await freshDraft(c) } }),
  "POST /api/compose/drafts": () => ({ body: { content: DRAFT_CONTENT } }),
  "POST /api/saved-searches": () => ({ body: { name: "Hostile", q: "payment is:unread", scope: "tab" } }),
  "DELETE /api/saved-searches/[id]": async (_, c) => ({ params: { id: await freshSavedSearch(c) } }),
  "POST /api/compose/send": (n) => ({
    body: {
      topic: { EN: "Hostile input" },
      text: { EN: "A message from the hostile-input test" },
      answerable: true,
      recipients: (n % 2
        ? { type: "DIRECT", ids: [tolokerId] }
        : { type: "FILTER", filter: { and: [{ category: "profile", key: "gender", operator: "EQ", value: "MALE" }] } }) as Json,
      acknowledge: [],
    },
  }),
  "POST /api/invite": () => ({ body: { token: "x".repeat(43), password: "a long enough passphrase" } }),
  "GET /api/jobs/[id]": () => ({ params: { id: jobId } }),
  "POST /api/jobs/[id]/retry": () => ({ params: { id: jobId } }),
  "POST /api/jobs/[id]/batches/[seq]": () => ({ params: { id: jobId, seq: "0" }, body: { arrived: true } }),
  "POST /api/mark-all-read": () => ({ body: { scope: "important" } }),
  "PUT /api/settings/connection": () => ({ body: { environment: "emulator" } }),
  "POST /api/settings/connection/test": () => ({ body: { environment: "emulator" } }),
  "POST /api/setup": () => ({ body: { code: "not-the-code", email: "first@team.example", name: "First", password: "a long enough passphrase" } }),
  "POST /api/sync": () => ({ query: "?mode=incremental" }),
  "POST /api/team": (n) => ({
    body: { email: `fuzz-${n}-${crypto.randomUUID().slice(0, 8)}@team.example`, name: "Fuzzed Member", role: "viewer", method: "link" },
  }),
  "PATCH /api/team/[id]": async (n, c) => ({ params: { id: await someMember(c, n) }, body: { role: "sender" } }),
  "DELETE /api/team/[id]": async (n, c) => ({ params: { id: await someMember(c, n) } }),
  "POST /api/team/[id]/reset": async (n, c) => ({ params: { id: await someMember(c, n) }, body: { method: "password" } }),
  "POST /api/team/[id]/sign-out": async (n, c) => ({ params: { id: await someMember(c, n) } }),
  "GET /api/threads": () => ({ query: "?tab=inbox&limit=5&q=payment%20is%3Aunread%20-spam&scope=all" }),
  "GET /api/threads/[id]": () => ({ params: { id: threadId } }),
  "POST /api/threads/bulk": () => ({ body: { ids: [threadId], change: { read: true } } }),
  "POST /api/threads/[id]/flags": () => ({ params: { id: threadId }, body: { important: true } }),
  "POST /api/threads/[id]/reply": () => ({ params: { id: threadId }, body: { text: { EN: "Thanks, we are on it" } } }),
  "GET /api/threads/[id]/appeal": () => ({ params: { id: threadId } }),
  "GET /api/threads/[id]/workflow": () => ({ params: { id: threadId } }),
  "PATCH /api/threads/[id]/workflow": () => ({
    params: { id: threadId },
    body: { status: "snoozed", snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() },
  }),
  "POST /api/threads/[id]/notes": () => ({ params: { id: threadId }, body: { text: "A hostile note @someone" } }),
  "POST /api/threads/[id]/presence": () => ({ params: { id: threadId }, body: { typing: true } }),
  "POST /api/threads/bulk-workflow": () => ({ body: { ids: [threadId], change: { status: "done" } } }),
  "GET /api/saved-replies": () => ({ query: "?q=hello&lang=EN" }),
  "POST /api/saved-replies": () => ({ body: { title: "Hostile", lang: "EN", body: "Hello {toloker_id}" } }),
  "PUT /api/saved-replies/[id]": async () => ({ params: { id: await freshSavedReply() }, body: { title: "Hostile", lang: "RU", body: "Привет {pool_id}" } }),
  "DELETE /api/saved-replies/[id]": async () => ({ params: { id: await freshSavedReply() } }),
  "POST /api/threads/[id]/appeal": () => ({ params: { id: threadId }, body: { decision: "keep", text: { EN: "We checked it again." } } }),
  "GET /api/tolokers/[id]": () => ({ params: { id: tolokerId }, query: "?pools=44001893&refresh=0" }),
  "POST /api/tolokers/[id]/bonuses": () => ({
    params: { id: tolokerId },
    body: { amount: "0.05", title: { EN: "Thanks" }, message: { EN: "For careful work" }, comment: "hostile", acknowledgedDuplicate: true },
  }),
  "PUT /api/tolokers/[id]/skills": () => ({ params: { id: tolokerId }, body: { skillId: "41027", value: 55, reason: "hostile" } }),
  "DELETE /api/tolokers/[id]/skills/[skill]": () => ({ params: { id: tolokerId, skill: "987654321" } }),
  "POST /api/tolokers/[id]/restrictions": () => ({
    params: { id: tolokerId },
    body: { scope: "POOL", poolId: "44001893", until: "2099-01-31T12:00:00Z", comment: "hostile" },
  }),
  "DELETE /api/tolokers/[id]/restrictions/[restriction]": () => ({ params: { id: tolokerId, restriction: "987654321" } }),
  "POST /api/skills/grant": () => ({ body: { skillId: "41027", value: 40, tolokerIds: [tolokerId] } }),
  "GET /api/appeals": () => ({ query: "?refresh=0" }),
  "GET /api/requester": () => ({ query: "?refresh=0" }),
  "PUT /api/account/notifications": () => ({
    body: { email: true, webhook: true, message: true, unassigned: true, assigned: true, mention: false, appeal: true },
  }),
  "PUT /api/account/language": () => ({ body: { locale: "ru" } }),
  // Port 9 (discard) refuses at once: "Send a test" tried with a fuzzed body never waits for a real host.
  "PUT /api/settings/notifications": () => ({ body: { enabled: true, webhookUrl: "http://127.0.0.1:9/hook", includeText: false } }),
};

// ---------------------------------------------------------------------------------------------------------------
// What fast-check makes: recipes, applied to the route's valid input at call time (which holds live ids).

/** A placeholder for nesting too deep for JSON.stringify to write: swapped for the brackets in the text. */
const deep = (levels: number) => `\u0001deep:${levels}\u0001`;
const HUGE = { "100k": "x".repeat(100_001), "1M": "é".repeat(600_000), over: "x".repeat(2 * 1024 * 1024 + 16) };
const MANY_IDS = Array.from({ length: 60_000 }, (_, i) => i.toString(16).padStart(32, "0"));

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "\uFFFF",
  "\uD800",
  "\uDFFFx\uD800",
  "\u202Eevil\u202C",
  "\u200B",
  "😀".repeat(500),
  "Ω≈ç√∫",
  "ＥＮ",
  "null",
  "true",
  "0",
  "-1",
  "1e999",
  "NaN",
  "Infinity",
  "0x10",
  " 5 ",
  "__proto__",
  "constructor",
  "toString",
  "<script>alert(1)</script>",
  "'; DROP TABLE threads;--",
  '"\\u0000"',
  "%00",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
  "${7*7}",
  "a".repeat(1_001),
  "b".repeat(20_001),
  "EN",
  "en",
  "e-n",
  "admin",
  "all",
  "ALL",
  "DIRECT",
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -0, -1, 1.5, 2 ** 53 + 2, 1e308, -1e-308, [], {}, [null], { "": null }) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE["100k"], HUGE["1M"], HUGE.over) },
  { weight: 1, arbitrary: fc.constantFrom(50, 5_000, 100_000).map(deep) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Json>(
      MANY_IDS,
      MANY_IDS.slice(0, 1_000).map(() => "x"),
      Object.fromEntries(MANY_IDS.slice(0, 2_000).map((id) => [id, id])),
    ),
  },
);

const newKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "", "EN", "en", "E N", "id", "role", "type", "extra", "a".repeat(5_000)),
  fc.string({ maxLength: 12 }),
);

type Op = { at: number; kind: "delete" | "set" | "wrong-type" | "as-string" | "wrap" | "add-key" | "null"; value: Json; key: string };
const op: fc.Arbitrary<Op> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("delete", "set", "wrong-type", "as-string", "wrap", "add-key", "null"),
  value: hostileValue,
  key: newKey,
});

type BodyRecipe =
  | { kind: "base" }
  | { kind: "none" }
  | { kind: "json"; value: Json }
  | { kind: "mutate"; ops: Op[] }
  | { kind: "raw"; text: string; contentType: string };

const RAW_BODIES = [
  "{",
  '{"a":',
  "[1,2",
  "nul",
  "undefined",
  "'x'",
  "{'a':1}",
  "\uFEFF{}",
  "{}garbage",
  "1 2",
  '{"a":1,"a":2}',
  '"\\ud800"',
  '{"__proto__":{"admin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  "NaN",
  "Infinity",
  "-",
  "0x10",
  "[]",
  "{}",
  " ",
  "\u0000",
  "1e400",
  '{"text":{"EN":"\\u0000"}}',
];

const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "base" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("json" as const), value: hostileValue }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant("mutate" as const), ops: fc.array(op, { minLength: 1, maxLength: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      text: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.string({ unit: "binary", maxLength: 30 })),
      contentType: fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "",
      ),
    }),
  },
);

/** Values worth trying for each query parameter some route reads: edges of what its schema allows, and past them. */
const KEY_VALUES: Record<string, string[]> = {
  tab: ["inbox", "sent", "users", "administrator", "notifications", "important", "all", "INBOX", "spam", ""],
  q: [
    '"',
    'a"b',
    '""',
    '"unclosed',
    "-x",
    "^x",
    "body:x",
    "{a b}",
    "(",
    ")",
    "AND",
    "NOT x",
    "a*b",
    "*",
    "NEAR(a b, 2)",
    "a OR b",
    "\u0000x",
    "payment",
    "p",
    "0123456789abcdef0123456789abcdef",
    "0123456789ABCDEF0123456789ABCDEF",
    "a".repeat(500),
    "a".repeat(501),
    " ".repeat(600),
    "é".repeat(500),
  ],
  scope: ["tab", "all", "ALL", ""],
  cursor: ["0", "z", "zzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzz", "-1", "1.5", "ZZ"],
  limit: ["1", "200", "0", "201", "-1", "1.0", "1e2", "0x10", "9007199254740993", " 5", "5 ", "٥"],
  typing: ["0", "1", "2", "true", ""],
  mode: ["full", "incremental", "FULL", ""],
  actor: ["demo-admin", "x", "a".repeat(64), "a".repeat(65), "a b", "'"],
  action: ["team.", "auth.", "thread.reply", "settings.connection", "team", ".", "thread.*"],
  thread: ["0123456789abcdef01234567", "0123456789ABCDEF01234567", "0123456789abcdef0123456"],
  job: ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "00000000-0000-0000-0000-00000000000g"],
  from: ["2030-01-31", "2030-13-45", "0000-00-00", "2030-01-31T", "2030-01-31T::::", "9999-99-99T99:99:99.999999Z", "2030-01-31T00:00:00Z", "2030-1-1"],
  to: ["2030-01-31", "2030-13-45", "0000-00-00", "2030-01-31T", "9999-99-99T99:99:99.999999Z", "1970-01-01"],
  before: ["1", "0", "-1", "1e21", "9007199254740993", "1.5", "NaN"],
};
const KNOWN_QUERY_KEYS = Object.keys(KEY_VALUES);
const queryKey = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_QUERY_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "", "limit[]", "q ", "LIMIT", "a".repeat(3_000)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const queryValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "inbox",
      "sent",
      "important",
      "all",
      "tab",
      "5",
      "0",
      "-1",
      "200",
      "201",
      "1.5",
      "1e3",
      "full",
      "incremental",
      "team.",
      "thread.reply",
      "2030-01-31",
      "2030-13-45T99:99:99Z",
      "1",
      "0x10",
      " 5 ",
      "Infinity",
      "NaN",
      "payment",
      '"quoted phrase"',
      "*",
      "NEAR(a b)",
      "a OR b",
      "0123456789abcdef01234567",
      "zzzzzzzzzzzzzzzzzzzzz",
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "x".repeat(10_000), "y ".repeat(10_000), "é".repeat(20_000)) },
  { weight: 2, arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "%FF%FE", "%2525", "+", "a+b", "&", "=", "#frag", "%u0041", "%C0%AF") },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")) },
);
type QueryRecipe =
  | { kind: "base" }
  | { kind: "none" }
  | { kind: "pairs"; keepBase: boolean; pairs: [string, string, "encode" | "raw" | "bytes", number][] }
  | { kind: "raw"; text: string };
const queryRecipe: fc.Arbitrary<QueryRecipe> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "base" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("pairs" as const),
      keepBase: fc.boolean(),
      pairs: fc.array(fc.tuple(queryKey, queryValue, fc.constantFrom("encode" as const, "raw" as const, "bytes" as const), fc.nat()), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      text: fc.constantFrom("&&&", "==", "&=&=", "limit", "limit=&limit=&limit=", "q=%&q=%%", "?", "??q=1", "tab=inbox&tab=sent", "&limit=5&limit=6"),
    }),
  },
);

type ParamRecipe =
  | { kind: "base" }
  | { kind: "value"; value: string }
  | { kind: "tweak"; how: "upper" | "append" | "space" | "truncate" | "double" | "self" | "arabic-digits" };
const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });
const paramRecipe: fc.Arbitrary<ParamRecipe> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "base" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("value" as const),
      value: fc.oneof(
        fc.string({ unit: "binary", maxLength: 40 }),
        hex(24),
        hex(32),
        fc.uuid(),
        fc.stringMatching(/^[\w-]{1,64}$/),
        fc.constantFrom(
          "",
          ".",
          "..",
          "../../etc/passwd",
          "%2e%2e",
          "a/b",
          "\u0000",
          "null",
          "undefined",
          "__proto__",
          "constructor",
          "x".repeat(10_000),
          "0".repeat(24),
          "00000000-0000-0000-0000-000000000000",
          "demo-admin",
        ),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("tweak" as const),
      how: fc.constantFrom("upper", "append", "space", "truncate", "double", "self", "arabic-digits"),
    }),
  },
);

const recipe = fc.record({ params: paramRecipe, query: queryRecipe, body: bodyRecipe });
type Recipe = { params: ParamRecipe; query: QueryRecipe; body: BodyRecipe };

// ---------------------------------------------------------------------------------------------------------------
// Applying a recipe.

function clone(v: Json): Json {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as Json);
}

/** Every place in a value: the containers (to add keys to) and the leaves and containers (to change or drop). */
function placesIn(root: Json): { parent: Json[] | { [k: string]: Json } | null; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json } | null; key: string | number }[] = [{ parent: null, key: "" }];
  const walk = (v: Json) => {
    if (Array.isArray(v))
      v.forEach((c, i) => {
        out.push({ parent: v, key: i });
        walk(c);
      });
    else if (v && typeof v === "object")
      for (const [k, c] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        walk(c);
      }
  };
  walk(root);
  return out;
}

function wrongType(v: Json | undefined, n: number): Json {
  if (v === undefined) return [null, 0, "", []][n % 4];
  if (typeof v === "string") return [v.length, [v], { v }, v.length > 0][n % 4];
  if (typeof v === "number") return [String(v), [v], v !== 0, { v }][n % 4];
  if (typeof v === "boolean") return [String(v), Number(v), [v], null][n % 4];
  if (v === null) return [0, "", false, {}][n % 4];
  if (Array.isArray(v)) return [{ ...v }, v.join(","), v.length, v[0] ?? null][n % 4];
  return [Object.values(v), JSON.stringify(v), Object.keys(v).length, true][n % 4];
}

function mutate(base: Json | undefined, ops: Op[]): Json | undefined {
  let root: Json | undefined = base === undefined ? {} : clone(base);
  for (const o of ops) {
    if (root === undefined) root = {};
    const places = placesIn(root);
    const place = places[o.at % places.length];
    const current: Json | undefined = place.parent === null ? root : (place.parent as Record<string, Json>)[place.key];
    let next: Json | undefined;
    switch (o.kind) {
      case "delete":
        next = undefined;
        break;
      case "set":
        next = structuredClone(o.value);
        break;
      case "null":
        next = null;
        break;
      case "wrong-type":
        next = wrongType(current, o.at);
        break;
      case "as-string":
        next = typeof current === "string" ? current : JSON.stringify(current);
        break;
      case "wrap":
        next = o.at % 2 ? [current as Json] : { value: current as Json };
        break;
      case "add-key": {
        const target = current && typeof current === "object" && !Array.isArray(current) ? current : null;
        if (target) Object.defineProperty(target, o.key, { value: structuredClone(o.value), enumerable: true, writable: true, configurable: true });
        next = current;
        break;
      }
    }
    if (place.parent === null) root = next;
    else if (Array.isArray(place.parent)) {
      if (next === undefined) place.parent.splice(place.key as number, 1);
      else place.parent[place.key as number] = next;
    } else if (next === undefined) delete place.parent[place.key];
    else Object.defineProperty(place.parent, place.key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

function toText(value: Json | undefined): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value).replace(/"\\u0001deep:(\d+)\\u0001"/g, (_, n: string) => "[".repeat(Number(n)) + "]".repeat(Number(n)));
}

function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function buildQuery(r: QueryRecipe, base: string): string {
  switch (r.kind) {
    case "base":
      return base;
    case "none":
      return "";
    case "raw":
      return `?${r.text}`;
    case "pairs": {
      const parts = r.pairs.map(([k, random, how, pick]) => {
        // Half the time a value chosen for the key; else anything.
        const v = Object.hasOwn(KEY_VALUES, k) && pick % 2 === 0 ? KEY_VALUES[k][(pick >> 1) % KEY_VALUES[k].length] : random;
        const enc = (s: string) =>
          how === "encode"
            ? encodeURIComponent(wellFormed(s))
            : how === "bytes"
              ? [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")
              : s;
        return `${enc(k)}=${enc(v)}`;
      });
      const kept = r.keepBase && base ? [base.slice(1)] : [];
      return `?${[...kept, ...parts].join("&")}`;
    }
  }
}

function paramValue(r: ParamRecipe, base: string, self: string): string {
  if (r.kind === "base") return base;
  if (r.kind === "value") return r.value;
  switch (r.how) {
    case "upper":
      return base.toUpperCase();
    case "append":
      return `${base}0`;
    case "space":
      return ` ${base} `;
    case "truncate":
      return base.slice(0, -1);
    case "double":
      return base + base;
    case "self":
      return self;
    case "arabic-digits":
      return base.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
  }
}

interface Built {
  req: Request;
  rawParams: Record<string, string>;
  bodyText?: string;
  contentType: string;
  describe: () => string;
}

async function build(key: string, r: Recipe, n: number, c: Caller): Promise<Built> {
  const [method, route] = key.split(" ");
  const base = (await BASES[key]?.(n, c)) ?? {};
  const names = [...route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
  const rawParams = Object.fromEntries(names.map((name) => [name, paramValue(r.params, base.params?.[name] ?? "x", c.actor)]));
  const url = route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(wellFormed(rawParams[name]))) + buildQuery(r.query, base.query ?? "");

  let bodyText: string | undefined;
  let contentType = "application/json";
  if (method !== "GET") {
    const b = r.body;
    if (b.kind === "base") bodyText = toText(base.body);
    else if (b.kind === "json") bodyText = toText(b.value);
    else if (b.kind === "mutate") bodyText = toText(mutate(base.body, b.ops));
    else if (b.kind === "raw") {
      bodyText = b.text;
      contentType = b.contentType;
    }
  }
  // Signed in with one cookie for as long as it is good, as a browser is (the server remembers decoded ones).
  const req = await app.request(null, url, { method, body: bodyText });
  req.headers.set("cookie", await cookieOf(c));
  if (bodyText !== undefined && contentType !== "application/json") {
    if (contentType) req.headers.set("content-type", contentType);
    else req.headers.delete("content-type");
  }
  const describe = () =>
    JSON.stringify({
      url: url.length > 300 ? `${url.slice(0, 300)}…(${url.length})` : url,
      params: Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, v.slice(0, 80)])),
      contentType,
      body: bodyText && (bodyText.length > 300 ? `${bodyText.slice(0, 300)}…(${bodyText.length})` : bodyText),
    });
  return { req, rawParams, bodyText, contentType, describe };
}

function queryToObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    out[k] = all.length === 1 ? all[0] : all;
  }
  return out;
}

/** Whether the route's own schemas accept the input, read as the wrapper reads it. */
function accepted(handler: Handler, b: Built): boolean {
  const input = handler.spec?.input ?? {};
  if (input.params && !input.params.safeParse(b.rawParams).success) return false;
  if (input.query && !input.query.safeParse(queryToObject(new URL(b.req.url))).success) return false;
  if (input.body) {
    let value: unknown;
    if (b.bodyText) {
      if (!b.contentType.toLowerCase().startsWith("application/json")) return false;
      if (Buffer.byteLength(b.bodyText) > maxBodyBytes) return false;
      try {
        // As the server reads it: the body decoded as UTF-8 the WHATWG way, which drops a leading byte-order mark.
        value = JSON.parse(b.bodyText.replace(/^\uFEFF/, ""));
      } catch {
        return false;
      }
    }
    if (!input.body.safeParse(value).success) return false;
  }
  return true;
}

/**
 * Refusals that follow from the input alone, whatever the schemas say: a path id is word characters and
 * dashes; a body that is not JSON, not declared JSON, not an object, or over the limit is never taken.
 */
function plainlyInvalid(handler: Handler, b: Built): string | undefined {
  const input = handler.spec?.input ?? {};
  for (const [name, value] of Object.entries(b.rawParams)) if (!/^[\w-]{1,64}$/.test(value)) return `path ${name} is not an id`;
  if (input.body && b.bodyText) {
    if (Buffer.byteLength(b.bodyText) > maxBodyBytes) return "the body is over the limit";
    if (!b.contentType.toLowerCase().startsWith("application/json")) return "the body is not declared JSON";
    let value: unknown;
    try {
      value = JSON.parse(b.bodyText);
    } catch {
      return "the body is not JSON";
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "the body is not an object";
  }
  return undefined;
}

/** The admin making a route's calls: replaced when a call took their role, their access or their password away. */
async function ensureAdmin(c: Caller): Promise<void> {
  const u = (await store()).users.get(c.actor);
  if (u?.role !== "admin" || u.mustChangePassword) {
    c.actor = await app.member("admin");
    c.cookie = undefined;
  }
}

async function cookieOf(c: Caller): Promise<string> {
  const version = (await store()).users.get(c.actor)?.sessionVersion ?? 1;
  if (c.cookie?.version !== version) c.cookie = { version, value: (await app.request(c.actor, "/")).headers.get("cookie")! };
  return c.cookie.value;
}

// ---------------------------------------------------------------------------------------------------------------

const stats = new Map<string, { inputs: number; accepted: number; statuses: Map<number, number>; ms: number }>();
let realFetch: typeof fetch;

beforeAll(async () => {
  app = await startApp();
  handlers = await loadHandlers();
  ({ MAX_BODY_BYTES: maxBodyBytes } = await import("@/lib/api/route"));
  threadId = app.question.id;
  tolokerId = app.server.emulator.store.listTolokers(1, 0).items[0].id;
  const s = await store();
  jobId = s.jobs.create({ id: crypto.randomUUID(), kind: "mark-read", createdBy: "hostile-input", params: {} }, []).id;
  // The connection test reaches whatever address it is given: only this machine is reachable during the run.
  realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new TypeError(`fetch failed: ${url.hostname} is off limits in this test`);
    return realFetch(input, init);
  }) as typeof fetch;
}, 60_000);

afterAll(async () => {
  if (realFetch) globalThis.fetch = realFetch;
  const rows = [...stats].map(
    ([key, s]) =>
      `${key.padEnd(36)} ${String(s.inputs).padStart(5)} inputs, ${String(s.accepted).padStart(4)} valid ${String(s.ms).padStart(6)} ms  ${[...s.statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([st, c]) => `${st}×${c}`)
        .join(" ")}`,
  );
  const total = [...stats.values()].reduce((a, s) => a + s.inputs, 0);
  console.log(`hostile input, seed ${SEED}: ${stats.size} routes × ${RUNS} = ${total} inputs\n${rows.join("\n")}`);
  await app?.close();
}, 60_000);

describe("hostile input to every /api route", () => {
  it("finds the routes", () => {
    expect(handlers.size).toBeGreaterThanOrEqual(25);
  });

  const keys = () => [...handlers.keys()].filter((k) => !k.includes("[...nextauth]")).sort();

  it(`every route answers ${RUNS} generated inputs below 500, refusals in the envelope (seed in the log)`, async () => {
    const failures: string[] = [];
    const queue = keys();
    // A few routes at a time, each with its own admin: faster, and closer to a server with several people on it.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let key = queue.shift(); key; key = queue.shift()) failures.push(...(await fuzzRoute(key)));
      }),
    );
    expect(failures, `seed ${SEED}\n${failures.join("\n")}`).toEqual([]);
  }, 120_000);
});

const CONCURRENCY = 4;

/** Runs RUNS generated inputs through one route's handler; answers what went wrong (at most 3 per route, then a count). */
async function fuzzRoute(key: string): Promise<string[]> {
  const handler = handlers.get(key)!;
  const caller: Caller = { actor: await app.member("admin"), members: [] };
  const s = { inputs: 0, accepted: 0, statuses: new Map<number, number>(), ms: 0 };
  stats.set(key, s);
  const started = Date.now();
  const recipes = fc.sample(recipe, { numRuns: RUNS, seed: SEED + [...key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 0) }) as Recipe[];
  const failures: string[] = [];
  let failed = 0;
  for (const [n, r] of recipes.entries()) {
    await ensureAdmin(caller);
    const b = await build(key, r, n, caller);
    const valid = accepted(handler, b);
    const plainly = plainlyInvalid(handler, b);
    const res = await handler(b.req, params(b.rawParams));
    const text = await res.text();
    s.inputs++;
    if (valid) s.accepted++;
    s.statuses.set(res.status, (s.statuses.get(res.status) ?? 0) + 1);
    const problem = judge(res.status, text, valid, plainly);
    if (problem && failed++ < 3) failures.push(`${key} ${problem}: ${text.slice(0, 200)}\n    input ${b.describe()}`);
  }
  s.ms = Date.now() - started;
  if (failed > 3) failures.push(`${key}: ${failed - 3} more failures`);
  return failures;
}

/** What is wrong with an answer, or undefined. */
function judge(status: number, text: string, valid: boolean, plainly: string | undefined): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status >= 200 && status < 300) {
    if (!valid) return `answered ${status} to input its schemas refuse`;
    if (plainly) return `answered ${status} though ${plainly}`;
    return undefined;
  }
  if (status < 400) return `answered ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a body that is not JSON`;
  }
  const envelope = apiErrorBodySchema.safeParse(body);
  if (!envelope.success) return `answered ${status} outside the envelope`;
  if (text.length > MAX_ERROR_BYTES) return `answered ${status} with ${text.length} bytes of error`;
  // A body over the limit is 413 (refused unread) unless the path or query was refused first (400); anything
  // else refused is 400; either names the fields.
  const expected = plainly === "the body is over the limit" ? [413, 400] : [400];
  if ((!valid || plainly) && (!expected.includes(status) || !envelope.data.error.fields)) {
    return `answered ${status} ${envelope.data.error.code}, not ${expected.join(" or ")} with fields, to ${plainly ?? "input its schemas refuse"}`;
  }
  return undefined;
}

describe("oversized input is refused with a message that names the field and the limit", () => {
  let caller: Caller;
  beforeAll(async () => {
    caller = { actor: await app.member("admin"), members: [] };
  });

  /** A call as a browser makes it: the body's length in Content-Length. */
  async function call(key: string, url: string, init: { body?: unknown; params?: Record<string, string> } = {}) {
    const [method] = key.split(" ");
    const text = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    const headers: Record<string, string> = text === undefined ? {} : { "content-length": String(Buffer.byteLength(text)) };
    const req = await app.request(caller.actor, url, { method, body: text, headers });
    return answer(await handlers.get(key)!(req, params(init.params ?? {})));
  }

  async function answer(res: Response) {
    const text = await res.text();
    expect(text.length, "a refusal is short, whatever it refuses").toBeLessThan(MAX_ERROR_BYTES);
    const body = apiErrorBodySchema.parse(JSON.parse(text));
    return { status: res.status, ...body.error };
  }

  /** The caller (who only ever sent what was refused) has no send, started or finished. */
  async function expectNoSends() {
    const req = await app.request(caller.actor, "/api/compose/sends");
    const res = await handlers.get("GET /api/compose/sends")!(req, params({}));
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  }

  /** A body that is never meant to be read: it counts what is pulled from it, forever if let. */
  function endless(chunkBytes = 64 * 1024) {
    const chunk = new TextEncoder().encode("x".repeat(chunkBytes));
    const seen = { bytes: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        seen.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, seen };
  }

  async function streamed(key: string, url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}, p: Record<string, string> = {}) {
    const [method] = key.split(" ");
    const signed = await app.request(caller.actor, url, { method });
    const h = new Headers(signed.headers);
    h.set("content-type", "application/json");
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    const req = new Request(signed.url, { method, headers: h, body: stream, duplex: "half" } as RequestInit);
    return answer(await handlers.get(key)!(req, params(p)));
  }

  it("a 1 MB reply text: 400 naming text.EN and 20,000 characters, and nothing reaches Toloka", async () => {
    const before = (JSON.parse(app.server.emulator.store.getThreadJson(threadId)!) as { messages: unknown[] }).messages.length;
    const res = await call("POST /api/threads/[id]/reply", `/api/threads/${threadId}/reply`, {
      params: { id: threadId },
      body: { text: { EN: "x".repeat(1_000_000) } },
    });
    expect(res).toMatchObject({ status: 400, code: "BAD_REQUEST", fields: { "text.EN": "must be at most 20,000 characters" } });
    expect(res.message).toBe("Invalid text.EN: must be at most 20,000 characters");
    expect((JSON.parse(app.server.emulator.store.getThreadJson(threadId)!) as { messages: unknown[] }).messages.length).toBe(before);
  });

  it("a reply or a send whose text is markup with nothing to read (an empty paragraph): 400 naming text.EN, nothing sent", async () => {
    const before = (JSON.parse(app.server.emulator.store.getThreadJson(threadId)!) as { messages: unknown[] }).messages.length;
    for (const blank of ["<p></p>", "<p>&nbsp; <br></p>", "<ul><li><p> </p></li></ul>"]) {
      const reply = await call("POST /api/threads/[id]/reply", `/api/threads/${threadId}/reply`, { params: { id: threadId }, body: { text: { EN: blank } } });
      expect(reply, blank).toMatchObject({ status: 400, fields: { "text.EN": "must not be empty" } });
      const send = await call("POST /api/compose/send", "/api/compose/send", {
        body: { topic: { EN: "Blank" }, text: { EN: blank }, recipients: { type: "DIRECT", ids: ["0".repeat(32)] } },
      });
      expect(send, blank).toMatchObject({ status: 400, fields: { "text.EN": "must not be empty" } });
    }
    expect((JSON.parse(app.server.emulator.store.getThreadJson(threadId)!) as { messages: unknown[] }).messages.length).toBe(before);
    await expectNoSends();
  });

  const sendBody = (recipients: unknown) => ({ topic: { EN: "Oversized" }, text: { EN: "Hello" }, recipients });

  it("a compose to 100,000 Tolokers: over the body limit with ids as Toloka writes them; one field, not 100,000, when it fits", async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i.toString(16).padStart(32, "0"));
    const full = await call("POST /api/compose/send", "/api/compose/send", { body: sendBody({ type: "DIRECT", ids }) });
    expect(full).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(full.fields).toEqual({ body: "is 3.3 MB, larger than the 2 MB this server accepts" });
    expect(full.message).toBe("Invalid body: is 3.3 MB, larger than the 2 MB this server accepts");

    // Short (wrong) ids fit in the limit: the count is what is refused, once, before any id is looked at.
    const compact = await call("POST /api/compose/send", "/api/compose/send", { body: sendBody({ type: "DIRECT", ids: ids.map((_, i) => i) }) });
    expect(compact).toMatchObject({ status: 400, fields: { "recipients.ids": "must be at most 50,000 ids" } });
    expect(Object.keys(compact.fields!)).toEqual(["recipients.ids"]);
    expect(compact.message).toBe("Invalid recipients.ids: must be at most 50,000 ids");
    await expectNoSends();
  });

  it("100,000 wrong entries get a short answer: at most 20 fields, the message counts the rest", async () => {
    const text = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`lang-${i}`, "hello"]));
    const res = await call("POST /api/threads/[id]/reply", `/api/threads/${threadId}/reply`, { params: { id: threadId }, body: { text } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.fields!).length).toBe(20);
    expect(res.message).toMatch(/^Invalid input: text\.lang-0, text\.lang-1, text\.lang-2, text\.lang-3, text\.lang-4 and 29,995 more$/);
  });

  it("a 20,000-character filter: 400 naming recipients.filter, its length and the limit; and a 20,000-character search", async () => {
    const conditions = Array.from({ length: 400 }, () => ({ category: "profile", key: "country", operator: "EQ", value: "DE" }));
    const filter = { or: conditions };
    expect(JSON.stringify(filter).length).toBeGreaterThanOrEqual(20_000);
    const res = await call("POST /api/compose/send", "/api/compose/send", { body: sendBody({ type: "FILTER", filter }) });
    expect(res).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(res.fields!["recipients.filter"]).toBe(
      `the filter is ${JSON.stringify(filter).length.toLocaleString("en-US")} characters as JSON; the limit is 10,000`,
    );
    expect(res.message).toMatch(/^Invalid recipients\.filter: the filter is 2\d,\d{3} characters as JSON; the limit is 10,000$/);

    const one = await call("POST /api/compose/send", "/api/compose/send", {
      body: sendBody({ type: "FILTER", filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "D".repeat(20_000) }] } }),
    });
    expect(one.fields!["recipients.filter"]).toMatch(/^the filter is 20,\d{3} characters as JSON; the limit is 10,000$/);

    const search = await call("GET /api/threads", `/api/threads?q=${"w".repeat(20_000)}`);
    expect(search).toMatchObject({ status: 400, fields: { q: "must be at most 500 characters" }, message: "Invalid q: must be at most 500 characters" });
    await expectNoSends();
  });

  it("a body over the limit, said by Content-Length: refused before a byte of it is read", async () => {
    const { stream, seen } = endless();
    const res = await streamed(
      "POST /api/threads/[id]/reply",
      `/api/threads/${threadId}/reply`,
      stream,
      { "content-length": String(3 * 1024 * 1024) },
      { id: threadId },
    );
    expect(res).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", fields: { body: "is 3 MB, larger than the 2 MB this server accepts" } });
    // A ReadableStream pulls to fill its queue once on creation: nothing past that.
    expect(seen.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("a body over the limit without a length (chunked, endless): refused once 2 MB have come, not read to the end", async () => {
    const { stream, seen } = endless();
    const res = await streamed("POST /api/compose/send", "/api/compose/send", stream);
    expect(res).toMatchObject({ status: 413, fields: { body: "is larger than the 2 MB this server accepts" } });
    expect(seen.bytes).toBeLessThanOrEqual(2 * 1024 * 1024 + 3 * 64 * 1024);
  });

  it("a body over the limit that lies about its length: counted as read, refused all the same", async () => {
    const { stream, seen } = endless();
    const res = await streamed("POST /api/compose/drafts", "/api/compose/drafts", stream, { "content-length": "100" });
    expect(res).toMatchObject({ status: 413, fields: { body: "is larger than the 2 MB this server accepts" } });
    expect(seen.bytes).toBeLessThanOrEqual(2 * 1024 * 1024 + 3 * 64 * 1024);
  });

  it("every entry point open without a session refuses a 3 MB body with 413, before reading it or as it runs past the limit", async () => {
    const emulatorApi = (await import("@/app/emulator/api/v1/[...path]/route")).POST as unknown as Handler;
    const emulatorControl = (await import("@/app/emulator/control/[...path]/route")).POST as unknown as Handler;
    const open: Array<{ name: string; url: string; handler: Handler; params: Record<string, unknown>; limit: number; type: string }> = [
      {
        name: "sign-in",
        url: "/api/auth/callback/credentials",
        handler: handlers.get("POST /api/auth/[...nextauth]")!,
        params: { nextauth: ["callback", "credentials"] },
        limit: maxBodyBytes,
        type: "application/x-www-form-urlencoded",
      },
      {
        name: "sign-out",
        url: "/api/auth/signout",
        handler: handlers.get("POST /api/auth/[...nextauth]")!,
        params: { nextauth: ["signout"] },
        limit: maxBodyBytes,
        type: "application/x-www-form-urlencoded",
      },
      { name: "first admin", url: "/api/setup", handler: handlers.get("POST /api/setup")!, params: {}, limit: maxBodyBytes, type: "application/json" },
      { name: "invitation", url: "/api/invite", handler: handlers.get("POST /api/invite")!, params: {}, limit: maxBodyBytes, type: "application/json" },
      {
        name: "emulator API",
        url: "/emulator/api/v1/message-threads/compose",
        handler: emulatorApi,
        params: { path: ["message-threads", "compose"] },
        limit: 2 * 1024 * 1024,
        type: "application/json",
      },
      {
        name: "emulator control",
        url: "/emulator/control/inbound",
        handler: emulatorControl,
        params: { path: ["inbound"] },
        limit: 2 * 1024 * 1024,
        type: "application/json",
      },
    ];
    for (const entry of open) {
      expect(entry.handler, entry.name).toBeTypeOf("function");
      for (const declared of [true, false]) {
        const { stream, seen } = endless();
        const headers: Record<string, string> = { "content-type": entry.type, ...(declared ? { "content-length": String(3 * 1024 * 1024) } : {}) };
        if (entry.name.startsWith("emulator")) headers.authorization = `ApiKey ${TEST_TOKEN}`;
        const req = new Request(`http://localhost${entry.url}`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
        const res = await entry.handler(req, { params: Promise.resolve(entry.params as Record<string, string>) });
        const what = `${entry.name}, ${declared ? "Content-Length 3 MB" : "chunked"}`;
        expect(res.status, what).toBe(413);
        const body = (await res.json()) as { error?: { code: string; fields?: Record<string, string> }; code?: string };
        // The app's envelope, or Toloka's error shape from the emulator.
        if (entry.name.startsWith("emulator")) expect(body.code, what).toBe("PAYLOAD_TOO_LARGE");
        else
          expect(body.error, what).toMatchObject({
            code: "PAYLOAD_TOO_LARGE",
            fields: { body: expect.stringMatching(/larger than the 2 MB this server accepts$/) },
          });
        // Refused by its length before a byte was read; else read no further than the limit.
        expect(seen.bytes, what).toBeLessThanOrEqual(declared ? 64 * 1024 : entry.limit + 3 * 64 * 1024);
      }
    }
  });

  it("every route that reads a body refuses one a byte over the limit, naming the body and 2 MB", async () => {
    const keys = [...handlers].filter(([, h]) => h.spec?.input?.body).map(([k]) => k);
    expect(keys.length).toBeGreaterThanOrEqual(12);
    const big = JSON.stringify({ text: "x".repeat(maxBodyBytes) });
    for (const key of keys) {
      const route = key.split(" ")[1];
      const id = route.includes("threads")
        ? threadId
        : route.includes("tolokers")
          ? tolokerId
          : route.includes("drafts") || route.includes("jobs") || route.includes("saved-replies")
            ? crypto.randomUUID()
            : await someMember(caller, 0);
      const ids: Record<string, string> = route.includes("[seq]") ? { id, seq: "0" } : { id };
      const res = await call(key, route.replace("[id]", id).replace("[seq]", "0"), { body: big, params: ids });
      expect(res, key).toMatchObject({
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        fields: { body: `is ${(big.length).toLocaleString("en-US")} bytes, larger than the 2 MB this server accepts` },
      });
    }
  });
});
