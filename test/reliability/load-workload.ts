// The load workload, shared by the reliability script (test/reliability/load.rel.ts: behaviour, in npm test) and
// the benchmark (bench/load.ts: the latency figures against their target). Signed-in clients mix list, search and
// open-thread through the app's HTTP routes. Each acts like a person working fast in the inbox: an action, a pause
// of `think` ms on average (0.5x to 1.5x), the next; and, like the page, it polls the unread counts, the top of
// its list and the sync status every 5 s. With `think` 0 they fire back to back instead (a stress figure).
import { percentile, type App } from "./harness";

const WORDS = [
  "task",
  "payment",
  "bonus",
  "instructions",
  "rejected",
  "thank",
  "pool",
  "account",
  "blocked",
  "project",
  '"thank you"',
  "help",
  "paym",
  "задание",
  "görev",
];
const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"];
const KINDS = ["list", "search", "open", "poll"] as const;
type Kind = (typeof KINDS)[number];

export interface LoadSetup {
  cookies: string[];
  threads: number;
  ids: string[];
  tolokers: string[];
}

export interface LoadFigures {
  /** Sorted latencies (ms) per kind of request. */
  latencies: Record<Kind, number[]>;
  /** Every latency, sorted. */
  all: number[];
  errors: string[];
  seconds: number;
}

/** Sessions for `clients` members (viewer, sender, admin in turn), a full sync, and ids to open and search for. */
export async function prepareLoad(app: App, clients: number): Promise<LoadSetup> {
  const cookies = await Promise.all(Array.from({ length: clients }, (_, i) => app.cookie(["demo-viewer", "demo-sender", "demo-admin"][i % 3])));
  // A full sync needs the sender role (the first cookie is a viewer's).
  const first = (await app.api(await app.cookie("demo-admin"), "POST", "/api/sync?mode=full")) as { threads: number };
  const sample = (await app.api(cookies[0], "GET", "/api/threads?tab=users&limit=200")) as {
    items: { id: string; otherParty: { kind: string; id?: string } }[];
  };
  return {
    cookies,
    threads: first.threads,
    ids: sample.items.map((t) => t.id),
    tolokers: sample.items.flatMap((t) => (t.otherParty.kind === "toloker" && t.otherParty.id ? [t.otherParty.id] : [])),
  };
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One action of a client, as a URL: what a person does next in the inbox. */
function nextAction(setup: LoadSetup, cursor: string | undefined): { kind: Kind; url: string } {
  const r = Math.random();
  if (r < 0.45) return { kind: "list", url: `/api/threads?tab=${pick(TABS)}&limit=50${cursor && Math.random() < 0.5 ? `&cursor=${cursor}` : ""}` };
  if (r < 0.75) {
    const q = Math.random() < 0.3 && setup.tolokers.length ? pick(setup.tolokers) : pick(WORDS);
    return {
      kind: "search",
      url: `/api/threads?tab=inbox&scope=${Math.random() < 0.5 ? "all" : "tab"}&typing=${Math.random() < 0.5 ? 1 : 0}&q=${encodeURIComponent(q)}`,
    };
  }
  return { kind: "open", url: `/api/threads/${pick(setup.ids)}` };
}

function recorder(app: App) {
  const latencies: Record<Kind, number[]> = { list: [], search: [], open: [], poll: [] };
  const errors: string[] = [];
  const timed = async (kind: Kind, cookie: string, url: string): Promise<{ nextCursor?: string } | null> => {
    const started = performance.now();
    try {
      const res = await fetch(`${app.base}${url}`, { headers: { cookie } });
      const body = (await res.json()) as { nextCursor?: string };
      latencies[kind].push(performance.now() - started);
      if (!res.ok) errors.push(`${res.status} ${url}`);
      return res.ok ? body : null;
    } catch (e) {
      errors.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const figures = (seconds: number): LoadFigures => {
    for (const xs of Object.values(latencies)) xs.sort((a, b) => a - b);
    return {
      latencies,
      all: Object.values(latencies)
        .flat()
        .sort((a, b) => a - b),
      errors,
      seconds,
    };
  };
  return { timed, figures };
}

/** The same mix of requests made one at a time by one client, no pauses: what each costs with nobody else about. */
export async function runOneAtATime(app: App, setup: LoadSetup, count: number): Promise<LoadFigures> {
  const { timed, figures } = recorder(app);
  const started = performance.now();
  let cursor: string | undefined;
  for (let i = 0; i < count; i++) {
    const { kind, url } = nextAction(setup, cursor);
    const body = await timed(kind, setup.cookies[i % setup.cookies.length], url);
    if (kind === "list") cursor = body?.nextCursor;
  }
  return figures((performance.now() - started) / 1000);
}

/** Every client at once for `seconds`, `think` ms between actions on average (0: back to back, no polling). */
export async function runLoad(app: App, setup: LoadSetup, opts: { seconds: number; think: number }): Promise<LoadFigures> {
  const { timed, figures } = recorder(app);
  const until = Date.now() + opts.seconds * 1000;
  await Promise.all(
    setup.cookies.map(async (cookie, n) => {
      let cursor: string | undefined;
      const tab = TABS[n % TABS.length];
      // The page's background polling, when the clients behave like people with the page open.
      const poller =
        opts.think > 0
          ? (async () => {
              await sleep(Math.random() * 5000);
              while (Date.now() < until) {
                await Promise.all([
                  timed("poll", cookie, "/api/threads/counts"),
                  timed("poll", cookie, `/api/threads?tab=${tab}&limit=20`),
                  timed("poll", cookie, "/api/sync"),
                ]);
                await sleep(5000);
              }
            })()
          : Promise.resolve();
      while (Date.now() < until) {
        const { kind, url } = nextAction(setup, cursor);
        const body = await timed(kind, cookie, url);
        if (kind === "list") cursor = body?.nextCursor;
        if (opts.think > 0) await sleep(opts.think * (0.5 + Math.random()));
      }
      await poller;
    }),
  );
  return figures(opts.seconds);
}

export const p = (f: LoadFigures, q: number) => percentile(f.all, q);

/** Prints the figures per kind of request and in all, with the first errors if there were any. */
export function printFigures(title: string, f: LoadFigures): void {
  console.log(`  ${title}:`);
  for (const kind of KINDS) {
    const xs = f.latencies[kind];
    if (xs.length === 0) continue;
    console.log(
      `    ${kind.padEnd(7)} ${String(xs.length).padStart(6)} requests  p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`,
    );
  }
  console.log(
    `    all     ${String(f.all.length).padStart(6)} requests (${Math.round(f.all.length / f.seconds)}/s)  p50 ${p(f, 50).toFixed(1)} ms  p95 ${p(f, 95).toFixed(1)} ms  p99 ${p(f, 99).toFixed(1)} ms  errors ${f.errors.length}`,
  );
  if (f.errors.length) console.log(`    first errors: ${f.errors.slice(0, 5).join("; ")}`);
}
