import "server-only";
import crypto from "node:crypto";
import { readBoundedText } from "../bounded-body";

/**
 * The emulator's own request/response shapes. The handlers work on these rather than on Web
 * `Request`/`Response` so that the node:http adapter can skip building Web objects on the hot path
 * (the list endpoint is benchmarked), while Next's route handlers convert at the edge.
 */
export interface EmulatorRequest {
  method: string;
  /** Path segments after the mount point, e.g. `["message-threads", "compose"]`. */
  path: string[];
  query: URLSearchParams;
  header(name: string): string | null;
  /** The raw body; read at most once. */
  text(): Promise<string>;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON text, or its UTF-8 bytes (list pages are spliced from stored bytes). */
  body?: string | Uint8Array;
  /** Fault injection: the connection must be cut without an HTTP answer. */
  drop?: boolean;
}

/** An error with Toloka's status, code and payload; the handlers turn it into Toloka's error body. */
export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly payload?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "EmulatorApiError";
  }
}

/** A field-level validation failure as Toloka reports it: `{ "<dotted.field>": { code, message } }`. */
export type ValidationPayload = Record<string, { code: string; message: string }>;

/** 400 VALIDATION_ERROR with a payload keyed by dotted field name. */
export function validationError(payload: ValidationPayload): EmulatorApiError {
  const fields = Object.keys(payload);
  return new EmulatorApiError(400, "VALIDATION_ERROR", `Validation failed: ${fields.join(", ")}`, payload);
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** A JSON response with Toloka's content type. */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** Toloka's error body: `{request_id, code, message, payload?}`; every error the emulator sends has this shape. */
export function errorResponse(err: EmulatorApiError): EmulatorResponse {
  const body: Record<string, unknown> = { request_id: crypto.randomUUID(), code: err.code, message: err.message };
  if (err.payload !== undefined) body.payload = err.payload;
  return jsonResponse(err.status, body, err.headers);
}

/** Turns anything thrown by a handler into a Toloka error response; unexpected errors become 500 INTERNAL_ERROR. */
export function toErrorResponse(err: unknown): EmulatorResponse {
  if (err instanceof EmulatorApiError) return errorResponse(err);
  console.error("[emulator] unexpected error", err);
  return errorResponse(new EmulatorApiError(500, "INTERNAL_ERROR", "Internal error"));
}

/**
 * The largest body the emulator reads. The app sends at most 100 ids a compose and small JSON otherwise; the
 * mount is reachable without the app's session, so a huge body must not sit in memory.
 */
const EMULATOR_MAX_BODY_BYTES = 2 * 1024 * 1024;

function payloadTooLarge(): EmulatorApiError {
  return new EmulatorApiError(413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${EMULATOR_MAX_BODY_BYTES / 1024 / 1024} MB`);
}

/** Adapts a Web `Request` (Next route handlers) to the emulator's request shape. */
export function fromWebRequest(req: Request, path: string[]): EmulatorRequest {
  const url = new URL(req.url);
  return {
    method: req.method.toUpperCase(),
    path,
    query: url.searchParams,
    header: (name) => req.headers.get(name),
    text: () => readBoundedText(req, EMULATOR_MAX_BODY_BYTES, payloadTooLarge),
  };
}

/**
 * Adapts the emulator's response to a Web `Response`. A dropped connection becomes a body stream that
 * errors at once, which Next's server answers by destroying the socket.
 */
export function toWebResponse(res: EmulatorResponse): Response {
  if (res.drop) {
    const body = new ReadableStream({
      start(controller) {
        controller.error(new Error("connection dropped by fault injection"));
      },
    });
    return new Response(body, { status: 200 });
  }
  // Node's Buffers are backed by plain ArrayBuffers; the cast only narrows the type DOM's BodyInit asks for.
  return new Response((res.body ?? null) as string | Uint8Array<ArrayBuffer> | null, {
    status: res.status,
    headers: res.headers,
  });
}
