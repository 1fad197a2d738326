import { expect, type APIRequestContext } from "@playwright/test";
import { EMULATOR_TOKEN } from "./helpers";

const auth = { Authorization: `ApiKey ${EMULATOR_TOKEN}` };

export interface WireThread {
  id: string;
  topic: Record<string, string>;
  folders: string[];
  messages: { created: string; from: { id: string; role: string }; text: Record<string, string> }[];
  interlocutors: { id: string; role: string; myself?: boolean }[];
  answerable: boolean;
}

/** A thread we sent that nobody answered yet: Toloka may keep it in UNREAD, and the app does not count it unread. */
export function awaitingAnswer(t: WireThread): boolean {
  return (
    t.folders.includes("OUTBOX") &&
    !t.folders.includes("INBOX") &&
    !t.folders.includes("AUTOMATIC_NOTIFICATION") &&
    !t.messages.some((m) => m.from.role === "USER" || m.from.role === "ADMINISTRATOR")
  );
}

/** The emulator's control API (not Toloka's): inject messages, faults, look things up. */
export async function control<T = unknown>(request: APIRequestContext, method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
  const res = await request.fetch(`/emulator/control/${path}`, { method, headers: auth, data: body === undefined ? undefined : body });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

/**
 * Every thread the emulator holds, as it holds them: through the control API, which is never varied (Toloka's own
 * list endpoint may, in variety mode, leave messages out or add a folder it does not know).
 */
export async function allThreads(request: APIRequestContext): Promise<WireThread[]> {
  const out: WireThread[] = [];
  let idGt = "";
  for (;;) {
    const res = await request.get(`/emulator/control/threads?limit=300${idGt ? `&id_gt=${idGt}` : ""}`, { headers: auth });
    expect(res.ok()).toBeTruthy();
    const page = (await res.json()) as { items: WireThread[]; has_more: boolean };
    out.push(...page.items);
    if (!page.has_more) return out;
    idGt = page.items[page.items.length - 1].id;
  }
}

export async function thread(request: APIRequestContext, id: string): Promise<WireThread> {
  return control<WireThread>(request, "GET", `threads/${id}`);
}

export async function someToloker(request: APIRequestContext, offset = 0): Promise<string> {
  const body = await control<{ items: { id: string }[] }>(request, "GET", `tolokers?limit=1&offset=${offset}`);
  return body.items[0].id;
}

/** A Toloker writes first: a new INBOX, UNREAD thread. */
export async function inbound(request: APIRequestContext, topic: string, text: string, tolokerId?: string): Promise<WireThread> {
  return control<WireThread>(request, "POST", "inbound", { topic: { EN: topic }, text: { EN: text }, ...(tolokerId ? { toloker_id: tolokerId } : {}) });
}

export async function setFaults(request: APIRequestContext, rules: unknown[]): Promise<void> {
  await control(request, "PUT", "faults", rules);
}
