import { readApiErrorBody } from "@/lib/schemas/plain";

/** An /api call that failed, with the envelope's code, message and fields. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/**
 * What a failure with no error envelope (a proxy's page, a crash) says, in the page's language: the one message
 * the browser words itself (every other comes from the server in the member's language, lib/api/error-words.ts).
 */
function noEnvelope(status: number): string {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  return lang === "ru" ? `Сервер не ответил как ожидалось (статус ${status}).` : `Request failed with status ${status}`;
}

/** Fetches JSON from our own /api and turns the error envelope into an ApiClientError. */
export async function fetchJson<T>(input: string, init?: RequestInit): Promise<T> {
  const res = await fetch(input, {
    ...init,
    headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}), ...init?.headers },
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const envelope = readApiErrorBody(body);
    if (envelope) {
      const e = envelope.error;
      throw new ApiClientError(res.status, e.code, e.message, e.fields);
    }
    throw new ApiClientError(res.status, "INTERNAL", noEnvelope(res.status));
  }
  return body as T;
}
