import { test as base, expect, type APIRequestContext, type APIResponse, type BrowserContext, type Response } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

/**
 * Every spec imports `test` from here: it records every response the app sends during the run (status,
 * headers, body) — to pages in any browser context and to the API request fixture — into
 * $E2E_DATA_DIR/captures, for the leak check (leaks.check.ts) to search afterwards. The bodies of the build's
 * static files are left out: the check searches those files in .next/static themselves.
 */

const dir = path.join(process.env.E2E_DATA_DIR ?? ".", "captures");

function writer(workerIndex: number) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `worker-${workerIndex}-${process.pid}.jsonl`);
  return (entry: { url: string; status: number; headers: Record<string, string>; body: string }) => fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

async function bodyOf(res: Response | APIResponse): Promise<string> {
  try {
    // A redirect or an aborted load has no body; a stream cut off by a closed page never ends: give up then.
    const body = await Promise.race([res.body(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
    return body ? body.toString("utf8") : "";
  } catch {
    return "";
  }
}

/** A file of the build's client bundle (searched in .next/static by leaks.check.ts). */
function isBuildFile(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith("/_next/static/");
  } catch {
    return false;
  }
}

export const test = base.extend<{ captureResponses: void }, { captureWorker: { pending: Set<Promise<void>>; write: ReturnType<typeof writer> } }>({
  captureWorker: [
    async ({ browser }, use, workerInfo) => {
      const pending = new Set<Promise<void>>();
      const write = writer(workerInfo.workerIndex);
      const attach = (context: BrowserContext) =>
        context.on("response", (res) => {
          // The build's own files are searched where they are (.next/static), not copied here for every page load.
          const p = (async () =>
            write({
              url: res.url(),
              status: res.status(),
              headers: await res.allHeaders().catch(() => res.headers()),
              body: isBuildFile(res.url()) ? "" : await bodyOf(res),
            }))();
          pending.add(p);
          void p.finally(() => pending.delete(p));
        });
      // Contexts a test opens itself (a second person) are recorded too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        attach(context);
        return context;
      };
      (browser as unknown as { __attach: typeof attach }).__attach = attach;
      await use({ pending, write });
    },
    { scope: "worker" },
  ],
  captureResponses: [
    async ({ context, browser, captureWorker }, use) => {
      (browser as unknown as { __attach: (c: BrowserContext) => void }).__attach(context);
      await use();
      await Promise.allSettled([...captureWorker.pending]);
    },
    { auto: true },
  ],
  request: async ({ request, captureWorker }, use) => {
    const record = async (res: APIResponse) => {
      captureWorker.write({ url: res.url(), status: res.status(), headers: res.headers(), body: await bodyOf(res) });
      return res;
    };
    const wrapped = new Proxy(request, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value === "function" && ["get", "post", "put", "patch", "delete", "fetch", "head"].includes(String(prop))) {
          return async (...args: unknown[]) => record(await (value as (...a: unknown[]) => Promise<APIResponse>).apply(target, args));
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as APIRequestContext;
    await use(wrapped);
  },
});

export { expect };
