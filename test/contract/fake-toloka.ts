import { TolokaClient } from "@/lib/toloka/client";

/*
 * A fake Toloka for contract tests (not a test file): a `fetch` that answers GET /message-threads and GET /skills
 * from JSON objects held as they would come over the wire, honouring what the app's client sends: `sort=id`
 * (ids compared as strings, as Toloka compares them), `id_gt`, `id_gte`, `id_lt`, `id_lte`, `limit` and `folder` (a comma list; a thread
 * matches if it is in any). Anything else is answered as Toloka answers what it does not have.
 */

export type RawObject = Record<string, unknown>;

export interface FakeTolokaSource {
  threads?: RawObject[];
  skills?: RawObject[];
  /**
   * How a thread is sent in one listing, given whether an earlier listing already sent it: by default as it is.
   * A property test uses this to leave out inlined data for threads already seen.
   */
  render?: (thread: RawObject, ctx: { seenBefore: boolean; request: number }) => RawObject;
  /** A fixed answer to every request (an error body, say), instead of the listings. */
  answer?: { status: number; body: unknown };
}

export interface FakeToloka {
  fetch: typeof fetch;
  /** Each request's path and query, in order. */
  requests: string[];
}

const idOf = (o: RawObject) => String(o.id ?? "");

function page(items: RawObject[], url: URL, filterFolders: boolean): { items: RawObject[]; has_more: boolean } {
  const sort = url.searchParams.get("sort");
  if (sort !== null && sort !== "id") throw new Error(`the fake Toloka sorts by id only, not ${sort}`);
  const bound = (name: string) => url.searchParams.get(name);
  const [idGt, idGte, idLt, idLte] = ["id_gt", "id_gte", "id_lt", "id_lte"].map(bound);
  const limit = Number(url.searchParams.get("limit") ?? "50");
  const folders = filterFolders ? url.searchParams.get("folder")?.split(",") : undefined;
  const matching = [...items]
    .sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0))
    .filter((t) => (idGt === null || idOf(t) > idGt) && (idGte === null || idOf(t) >= idGte))
    .filter((t) => (idLt === null || idOf(t) < idLt) && (idLte === null || idOf(t) <= idLte))
    .filter((t) => !folders || (Array.isArray(t.folders) && t.folders.some((f) => folders.includes(String(f)))));
  return { items: matching.slice(0, limit), has_more: matching.length > limit };
}

export function fakeToloka(source: FakeTolokaSource): FakeToloka {
  const requests: string[] = [];
  const seen = new Set<string>();
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fakeFetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const path = url.pathname.replace(/^.*\/api\/v1/, "");
    requests.push(path + url.search);
    if (source.answer) return json(source.answer.status, source.answer.body);
    if (path === "/message-threads") {
      const p = page(source.threads ?? [], url, true);
      const request = requests.length;
      const items = p.items.map((t) => {
        const seenBefore = seen.has(idOf(t));
        seen.add(idOf(t));
        return source.render ? source.render(t, { seenBefore, request }) : t;
      });
      return json(200, { items, has_more: p.has_more });
    }
    if (path === "/skills") return json(200, page(source.skills ?? [], url, false));
    return json(404, { request_id: "fake", code: "DOES_NOT_EXIST", message: `No ${path} here` });
  };
  return { fetch: fakeFetch as typeof fetch, requests };
}

/** A real TolokaClient talking to a fake Toloka. */
export function clientFor(fake: FakeToloka): TolokaClient {
  return new TolokaClient({
    baseUrl: "https://toloka.test/api/v1",
    token: "contract-test-token-0123456789",
    authScheme: "ApiKey",
    timeoutMs: 2_000,
    maxRequestsPerSecond: 100_000,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    fetch: fake.fetch,
  });
}
