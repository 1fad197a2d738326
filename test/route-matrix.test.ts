import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/schemas/error";
import type { Role } from "@/lib/schemas/roles";
import { discoverRoutes, params, startApp, type App, type Handler } from "./harness";

/*
 * Every /api route × every role and no session, with the status each must answer. The routes come from the
 * files under app/api, so a route added without a row here fails "every route has a row"; a row whose role
 * is not the route's own fails too. Every write is also tried from another site (refused, nothing logged),
 * and every declared activity-log entry is checked to be written.
 */

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Caller = Role | "none";
const CALLERS: Caller[] = ["none", "viewer", "sender", "admin"];
const RANK: Record<Caller, number> = { none: -1, viewer: 0, sender: 1, admin: 2 };

interface Input {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

interface Row {
  /** The least role, or "public" (no session needed), or "next-auth" (its own handler, checked for cross-site POSTs only). */
  role: Role | "public" | "next-auth";
  /** Status of a success for a caller with the role (or for anyone, for public routes). */
  ok?: number;
  /**
   * Fresh, valid input for one call (each call may consume what it gets); `actor` is the member making the call
   * (null without a session), for what only its owner may touch (a draft).
   */
  input?: (app: App, caller: Caller, actor: string | null) => Promise<Input> | Input;
  /** The activity-log entry a success writes. */
  activity?: string;
  /** A permission an admin grants (the matrix's senders have none, so they are refused; admins have all). */
  permission?: "bonus" | "restrict";
}

let app: App;
let threadId: string;

const someMember = async (a: App) => ({ id: await a.member("viewer") });

const draftContent = { languages: [{ lang: "EN", topic: "Matrix draft", text: "Hello" }], answerable: true, recipients: { mode: "ids" as const, idsText: "" } };

/** A draft of the caller's own (anyone else's answers 404). */
const ownDraft = async (actor: string | null) => {
  const { getStore } = await import("@/lib/db");
  return { id: getStore().compose.createDraft({ id: crypto.randomUUID(), userId: actor ?? "nobody", content: draftContent }).id };
};

/** A saved search of the caller's own (anyone else's answers 404). */
const ownSavedSearch = async (actor: string | null) => {
  const { getStore } = await import("@/lib/db");
  const saved = getStore().savedSearches.create({ userId: actor ?? "nobody", name: "Matrix", q: "is:unread", scope: "tab" }, Number.MAX_SAFE_INTEGER);
  return { id: saved?.id ?? "" };
};

const savedReplyBody = { title: "Matrix reply", lang: "EN", body: "Hello {toloker_id}" };

/** A saved reply of the team's (any sender may change it). */
const aSavedReply = async () => {
  const { getStore } = await import("@/lib/db");
  return { id: getStore().workflow.createReply({ ...savedReplyBody, createdBy: null, updatedByName: "Matrix" }).id };
};

let tolokerSeq = 0;
/** A different Toloker for each send, so no call is a repeat of another. */
const nextToloker = (a: App) => {
  const all = a.server.emulator.store.listTolokers(200, 0).items;
  return all[tolokerSeq++ % all.length].id;
};

/** A thread from a Toloker naming an assignment (an appeal), in the mirror. */
const appealThread = async (a: App) => {
  const tolokerId = nextToloker(a);
  const assignmentId = `0002a4ee7c--${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
  const t = a.server.emulator.store.tolokerWritesFirst({
    tolokerId,
    topic: { EN: "Appeal: rejected assignment" },
    text: { EN: `Please review ${assignmentId}` },
    meta: { pool_id: "44001893", assignment_id: assignmentId },
  });
  const { services } = await import("@/lib/services");
  await services().sync.incremental();
  return { id: t.id };
};

/** A send of one batch that failed, as a retry finds it. */
const failedSend = async (a: App, actor: string | null) => {
  const { getStore } = await import("@/lib/db");
  const jobs = getStore().jobs;
  const params = { selectType: "DIRECT", topic: { EN: "Matrix retry" }, text: { EN: "Hello again" }, answerable: true, recipients: 1 };
  const job = jobs.create({ id: crypto.randomUUID(), kind: "send", createdBy: actor ?? "nobody", params }, [{ ids: [nextToloker(a)] }]);
  jobs.claim(job.id, 1);
  jobs.finishItem(job.id, 0, { status: "failed", error: "Toloka failed 4 times (last: 500 INTERNAL_ERROR); the batch was not sent." });
  jobs.setStatus(job.id, "done");
  return { id: job.id };
};

/** A send whose one batch is unconfirmed: Toloka's answer was lost and the listing could not tell. */
const unconfirmedSend = async (a: App, actor: string | null) => {
  const { getStore } = await import("@/lib/db");
  const jobs = getStore().jobs;
  const params = { selectType: "DIRECT", topic: { EN: "Matrix doubt" }, text: { EN: "Hello, maybe" }, answerable: true, recipients: 1 };
  const job = jobs.create({ id: crypto.randomUUID(), kind: "send", createdBy: actor ?? "nobody", params }, [{ ids: [nextToloker(a)] }]);
  jobs.claim(job.id, 1);
  jobs.finishItem(job.id, 0, { status: "failed", error: "Unconfirmed", result: { unconfirmed: { candidates: [], unreadable: 1 } } });
  jobs.setStatus(job.id, "done");
  return { id: job.id, seq: "0" };
};

const ROWS: Record<string, Row> = {
  "GET /api/activity": { role: "admin", ok: 200, input: () => ({ query: "?limit=5" }) },
  "GET /api/saved-searches": { role: "viewer", ok: 200 },
  "POST /api/saved-searches": { role: "viewer", ok: 201, input: () => ({ body: { name: "Matrix", q: "pool:1 is:unread", scope: "all" } }) },
  "DELETE /api/saved-searches/[id]": { role: "viewer", ok: 200, input: async (_a, _c, actor) => ({ params: await ownSavedSearch(actor) }) },
  "POST /api/account/password": {
    role: "viewer",
    ok: 200,
    input: () => ({ body: { currentPassword: "a harness passphrase", newPassword: "an entirely new passphrase" } }),
    activity: "auth.password-changed",
  },
  "POST /api/account/sign-out-everywhere": { role: "viewer", ok: 200, activity: "auth.sign-out-everywhere" },
  "GET /api/auth/[...nextauth]": { role: "next-auth" },
  "POST /api/auth/[...nextauth]": { role: "next-auth" },
  "GET /api/compose/drafts": { role: "sender", ok: 200 },
  "POST /api/compose/drafts": { role: "sender", ok: 201, input: () => ({ body: { content: draftContent } }) },
  "GET /api/compose/drafts/[id]": { role: "sender", ok: 200, input: async (_a, _c, actor) => ({ params: await ownDraft(actor) }) },
  "PUT /api/compose/drafts/[id]": {
    role: "sender",
    ok: 200,
    input: async (_a, _c, actor) => ({ params: await ownDraft(actor), body: { content: { ...draftContent, answerable: false } } }),
  },
  "DELETE /api/compose/drafts/[id]": { role: "sender", ok: 200, input: async (_a, _c, actor) => ({ params: await ownDraft(actor) }) },
  "POST /api/compose/send": {
    role: "sender",
    ok: 202,
    input: (a) => ({
      body: {
        topic: { EN: "Matrix send" },
        text: { EN: "Hello from the route matrix" },
        answerable: true,
        recipients: { type: "DIRECT", ids: [nextToloker(a)] },
      },
    }),
    activity: "thread.compose",
  },
  "GET /api/compose/sends": { role: "sender", ok: 200 },
  "GET /api/compose/status": { role: "sender", ok: 200 },
  "POST /api/invite": { role: "public", ok: 404, input: () => ({ body: { token: "x".repeat(43), password: "a long enough passphrase" } }) },
  "GET /api/jobs/[id]": {
    role: "viewer",
    ok: 200,
    input: async () => {
      const { getStore } = await import("@/lib/db");
      return { params: { id: getStore().jobs.create({ id: crypto.randomUUID(), kind: "mark-read", createdBy: "x", params: {} }, []).id } };
    },
  },
  "POST /api/jobs/[id]/retry": { role: "sender", ok: 202, input: async (a, _c, actor) => ({ params: await failedSend(a, actor) }), activity: "job.retry" },
  "POST /api/jobs/[id]/batches/[seq]": {
    role: "sender",
    ok: 200,
    input: async (a, _c, actor) => ({ params: await unconfirmedSend(a, actor), body: { arrived: true } }),
    activity: "job.decide",
  },
  "POST /api/mark-all-read": { role: "sender", ok: 202, input: () => ({ body: { scope: "important" } }), activity: "mark-all-read" },
  "GET /api/settings/connection": { role: "admin", ok: 200 },
  "PUT /api/settings/connection": { role: "admin", ok: 200, input: () => ({ body: { environment: "emulator" } }), activity: "settings.connection" },
  "POST /api/settings/connection/test": { role: "admin", ok: 200, input: () => ({ body: { environment: "emulator" } }) },
  "POST /api/setup": {
    role: "public",
    ok: 400,
    input: () => ({ body: { code: "not-the-code", email: "first@team.example", name: "First", password: "a long enough passphrase" } }),
  },
  "GET /api/skills": { role: "viewer", ok: 200 },
  "POST /api/skills/grant": {
    role: "sender",
    ok: 202,
    input: (a) => ({ body: { skillId: "41027", value: 40, tolokerIds: [nextToloker(a)] } }),
    activity: "toloker.skill-grant",
  },
  "GET /api/tolokers/[id]": { role: "viewer", ok: 200, input: (a) => ({ params: { id: nextToloker(a) }, query: "?pools=44001893" }) },
  "POST /api/tolokers/[id]/bonuses": {
    role: "sender",
    permission: "bonus",
    ok: 202,
    input: (a) => ({
      params: { id: nextToloker(a) },
      body: { amount: "0.05", title: { EN: "Thanks" }, message: { EN: "For careful work" }, acknowledgedDuplicate: true },
    }),
    activity: "toloker.bonus",
  },
  "PUT /api/tolokers/[id]/skills": {
    role: "sender",
    ok: 200,
    input: (a) => ({ params: { id: nextToloker(a) }, body: { skillId: "41027", value: 55 } }),
    activity: "toloker.skill",
  },
  "DELETE /api/tolokers/[id]/skills/[skill]": {
    role: "sender",
    ok: 200,
    input: (a) => ({ params: { id: nextToloker(a), skill: "987654321" } }),
    activity: "toloker.skill-removed",
  },
  "POST /api/tolokers/[id]/restrictions": {
    role: "sender",
    permission: "restrict",
    ok: 200,
    input: (a) => ({ params: { id: nextToloker(a) }, body: { scope: "ALL_PROJECTS", comment: "Matrix check" } }),
    activity: "toloker.restrict",
  },
  "DELETE /api/tolokers/[id]/restrictions/[restriction]": {
    role: "sender",
    permission: "restrict",
    ok: 200,
    input: (a) => ({ params: { id: nextToloker(a), restriction: "987654321" } }),
    activity: "toloker.unrestrict",
  },
  "GET /api/requester": { role: "sender", permission: "bonus", ok: 200 },
  "GET /api/appeals": { role: "viewer", ok: 200 },
  "GET /api/appeals/count": { role: "viewer", ok: 200 },
  "GET /api/threads/[id]/appeal": { role: "viewer", ok: 200, input: () => ({ params: { id: threadId } }) },
  "POST /api/threads/[id]/appeal": {
    role: "sender",
    ok: 200,
    input: async (a) => ({ params: await appealThread(a), body: { decision: "keep" } }),
    activity: "appeal.decide",
  },
  "GET /api/sync": { role: "viewer", ok: 200 },
  "POST /api/sync": { role: "viewer", ok: 200, input: () => ({ query: "?mode=incremental" }) },
  "GET /api/sync/unreadable": { role: "admin", ok: 200 },
  "GET /api/team": { role: "admin", ok: 200 },
  "POST /api/team": {
    role: "admin",
    ok: 201,
    input: () => ({ body: { email: `new-${crypto.randomUUID()}@team.example`, name: "New Member", role: "viewer", method: "link" } }),
    activity: "team.invite",
  },
  "PATCH /api/team/[id]": { role: "admin", ok: 200, input: async (a) => ({ params: await someMember(a), body: { role: "sender" } }), activity: "team.role" },
  "DELETE /api/team/[id]": { role: "admin", ok: 200, input: async (a) => ({ params: await someMember(a) }), activity: "team.remove" },
  "POST /api/team/[id]/reset": {
    role: "admin",
    ok: 200,
    input: async (a) => ({ params: await someMember(a), body: { method: "password" } }),
    activity: "team.reset",
  },
  "POST /api/team/[id]/sign-out": { role: "admin", ok: 200, input: async (a) => ({ params: await someMember(a) }), activity: "team.sign-out" },
  "GET /api/threads": { role: "viewer", ok: 200, input: () => ({ query: "?tab=inbox&limit=5" }) },
  "GET /api/threads/counts": { role: "viewer", ok: 200 },
  "POST /api/threads/bulk": {
    role: "sender",
    ok: 202,
    input: () => ({ body: { ids: [threadId], change: { important: true } } }),
    activity: "thread.bulk-flags",
  },
  "GET /api/threads/[id]": { role: "viewer", ok: 200, input: () => ({ params: { id: threadId } }) },
  "POST /api/threads/[id]/flags": { role: "sender", ok: 200, input: () => ({ params: { id: threadId }, body: { important: true } }), activity: "thread.flags" },
  "POST /api/threads/[id]/reply": {
    role: "sender",
    ok: 200,
    input: () => ({ params: { id: threadId }, body: { text: { EN: "Thanks, we are on it" } } }),
    activity: "thread.reply",
  },
  "GET /api/threads/[id]/workflow": { role: "viewer", ok: 200, input: () => ({ params: { id: threadId } }) },
  "PATCH /api/threads/[id]/workflow": {
    role: "sender",
    ok: 200,
    input: () => ({ params: { id: threadId }, body: { status: "done" } }),
    activity: "thread.workflow",
  },
  "POST /api/threads/[id]/notes": {
    role: "sender",
    ok: 201,
    input: () => ({ params: { id: threadId }, body: { text: "A matrix note" } }),
    activity: "thread.note",
  },
  "POST /api/threads/[id]/presence": { role: "viewer", ok: 200, input: () => ({ params: { id: threadId }, body: { typing: false } }) },
  "POST /api/threads/bulk-workflow": {
    role: "sender",
    ok: 200,
    input: () => ({ body: { ids: [threadId], change: { status: "open" } } }),
    activity: "thread.bulk-workflow",
  },
  "GET /api/team/members": { role: "viewer", ok: 200 },
  "GET /api/saved-replies": { role: "viewer", ok: 200, input: () => ({ query: "?q=matrix&lang=EN" }) },
  "POST /api/saved-replies": { role: "sender", ok: 201, input: () => ({ body: savedReplyBody }), activity: "saved-reply.create" },
  "PUT /api/saved-replies/[id]": {
    role: "sender",
    ok: 200,
    input: async () => ({ params: await aSavedReply(), body: savedReplyBody }),
    activity: "saved-reply.update",
  },
  "DELETE /api/saved-replies/[id]": { role: "sender", ok: 200, input: async () => ({ params: await aSavedReply() }), activity: "saved-reply.delete" },
  "GET /api/account/notifications": { role: "viewer", ok: 200 },
  "PUT /api/account/notifications": {
    role: "viewer",
    ok: 200,
    input: () => ({ body: { email: true, webhook: false, message: true, unassigned: false, assigned: true, mention: true, appeal: false } }),
    activity: "account.notifications",
  },
  "PUT /api/account/language": { role: "viewer", ok: 200, input: () => ({ body: { locale: "ru" } }), activity: "account.language" },
  "GET /api/settings/notifications": { role: "admin", ok: 200 },
  "PUT /api/settings/notifications": { role: "admin", ok: 200, input: () => ({ body: { includeText: false } }), activity: "settings.notifications" },
  "POST /api/settings/notifications/test": { role: "admin", ok: 200 },
};

const routes = discoverRoutes();
const handlers = new Map<string, Handler>();

beforeAll(async () => {
  app = await startApp();
  threadId = app.question.id;
  for (const { route, file } of routes) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof mod[method] === "function") handlers.set(`${method} ${route}`, mod[method] as Handler);
  }
});

afterAll(async () => {
  await app?.close();
});

const routeKeys = () => [...handlers.keys()].sort();

async function call(key: string, caller: Caller, extraHeaders: Record<string, string> = {}): Promise<{ res: Response; actor: string | null }> {
  const [method, route] = key.split(" ");
  const row = ROWS[key];
  const actor = caller === "none" ? null : await app.member(caller);
  const input = (await row.input?.(app, caller, actor)) ?? {};
  const url = route.replace(/\[(\w+)\]/g, (_, p: string) => input.params?.[p] ?? "x") + (input.query ?? "");
  const req = await app.request(actor, url, { method, body: input.body, headers: extraHeaders });
  const res = await handlers.get(key)!(req, params(input.params ?? {}));
  return { res, actor };
}

describe("the route matrix", () => {
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(handlers.size).toBeGreaterThanOrEqual(20);
  });

  it("has a row for every route and method, and no row for a route that is gone", () => {
    const missing = routeKeys().filter((k) => !ROWS[k]);
    expect(missing, `routes without a row in the matrix (add one): ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(ROWS).filter((k) => !handlers.has(k));
    expect(stale, "rows for routes that do not exist").toEqual([]);
  });

  it("has every route go through the wrapper, with the role its row says, and declares what it logs", () => {
    for (const key of routeKeys()) {
      const row = ROWS[key];
      if (!row || row.role === "next-auth") continue;
      const spec = handlers.get(key)!.spec;
      expect(spec, `${key} is not wrapped by apiRoute/publicRoute`).toBeDefined();
      expect(spec!.role, key).toBe(row.role);
      expect(spec!.activity, `${key} activity-log declaration`).toBe(row.activity);
      expect(spec!.permission, `${key} permission`).toBe(row.permission);
    }
  });

  for (const key of Object.keys(ROWS).sort()) {
    const row = ROWS[key];
    if (row.role === "next-auth") continue;
    describe(key, () => {
      for (const caller of CALLERS) {
        const least = row.role as Role;
        const allowed = RANK[caller] >= RANK[least] && !(row.permission && caller !== "admin");
        const expected = row.role === "public" ? row.ok! : caller === "none" ? 401 : allowed ? row.ok! : 403;
        it(`${caller === "none" ? "no session" : caller} → ${expected}`, async () => {
          const { getStore } = await import("@/lib/db");
          const before = getStore().activity.query({ limit: 1 }).items[0]?.id ?? 0;
          const { res, actor } = await call(key, caller);
          const text = await res.text();
          expect(res.status, text.slice(0, 300)).toBe(expected);
          expect(res.headers.get("x-request-id")).toBeTruthy();
          if (expected >= 400) expect(apiErrorBodySchema.safeParse(JSON.parse(text)).success).toBe(true);
          if (row.activity && expected < 400) {
            const entries = getStore()
              .activity.query({ limit: 10, action: row.activity })
              .items.filter((e) => e.id > before);
            expect(
              entries.map((e) => e.actorId),
              `${row.activity} written by the caller`,
            ).toContain(actor);
          }
        });
      }
      if (!key.startsWith("GET ")) {
        it("refuses a cross-site request, even from an admin, and changes nothing", async () => {
          const { getStore } = await import("@/lib/db");
          const before = getStore().activity.query({ limit: 1 }).items[0]?.id ?? 0;
          const attempts: Record<string, string>[] = [
            { origin: "https://evil.example" },
            { origin: "null" },
            { "sec-fetch-site": "cross-site" },
            { "sec-fetch-site": "same-site" },
          ];
          for (const headers of attempts) {
            const { res } = await call(key, "admin", headers);
            expect(res.status, JSON.stringify(headers)).toBe(403);
            expect((await res.json()).error.message).toMatch(/Cross-site/);
          }
          expect(getStore().activity.query({ limit: 1 }).items[0]?.id ?? 0).toBe(before);
          const same = await call(key, "admin", { origin: "http://localhost", "sec-fetch-site": "same-origin" });
          expect(same.res.status).not.toBe(403);
        });
      }
    });
  }

  it("next-auth's own route refuses cross-site POSTs (sign-in, sign-out) before next-auth sees them", async () => {
    const handler = handlers.get("POST /api/auth/[...nextauth]")!;
    for (const nextauth of [["callback", "credentials"], ["signout"], ["signin", "credentials"]]) {
      const req = new Request(`http://localhost/api/auth/${nextauth.join("/")}`, {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "email=admin%40demo.local&password=demo-admin",
      });
      const res = await handler(req, params({ nextauth } as never));
      expect(res.status).toBe(403);
    }
  });
});
