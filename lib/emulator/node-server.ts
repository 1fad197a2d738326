import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator, type EmulatorOptions } from "./emulator";
import { EmulatorApiError, errorResponse, type EmulatorRequest, type EmulatorResponse } from "./http";

/** A running emulator behind node:http. */
export interface EmulatorServer {
  /** The Toloka API base, e.g. `http://127.0.0.1:41234/emulator/api/v1` (same path as the Next mount). */
  url: string;
  /** The control API base, e.g. `http://127.0.0.1:41234/emulator/control`. */
  controlUrl: string;
  emulator: Emulator;
  /** Cuts open connections, stops the server and closes the emulator. */
  close(): Promise<void>;
}

const API_PREFIX = "/emulator/api/v1";
const CONTROL_PREFIX = "/emulator/control";

function segments(pathname: string, prefix: string): string[] | null {
  if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return null;
  return pathname
    .slice(prefix.length)
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}

function toRequest(req: http.IncomingMessage, url: URL, path: string[]): EmulatorRequest {
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path,
    query: url.searchParams,
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
    text: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, out: EmulatorResponse) {
  if (out.drop) {
    // A real cut: no status line, the socket just closes, so a client's fetch rejects.
    req.socket.destroy();
    return;
  }
  if (res.destroyed) return;
  res.writeHead(out.status, out.headers);
  res.end(out.body ?? "");
}

async function serve(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse) {
  let out: EmulatorResponse;
  try {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const apiPath = segments(url.pathname, API_PREFIX);
    const controlPath = apiPath ? null : segments(url.pathname, CONTROL_PREFIX);
    if (apiPath) out = await emulator.handle("api", toRequest(req, url, apiPath));
    else if (controlPath) out = await emulator.handle("control", toRequest(req, url, controlPath));
    else out = errorResponse(new EmulatorApiError(404, "DOES_NOT_EXIST", `No such resource: ${url.pathname}`));
  } catch (err) {
    // A malformed URL (bad percent-encoding) is the only thing that reaches here; the handlers never throw.
    out = errorResponse(new EmulatorApiError(400, "VALIDATION_ERROR", err instanceof Error ? err.message : "Bad request"));
  }
  send(req, res, out);
}

/**
 * Starts an emulator served over real HTTP/1.1 on 127.0.0.1 (`port` 0 or omitted: a free port), with the
 * same paths as the Next mount. The Toloka client's tests and the benchmarks talk to it.
 */
export async function startEmulatorServer(opts: EmulatorOptions & { port?: number }): Promise<EmulatorServer> {
  const { port = 0, ...emulatorOptions } = opts;
  const emulator = createEmulator(emulatorOptions);
  const server = http.createServer((req, res) => {
    void serve(emulator, req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    emulator.close();
    throw err;
  }
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${base}${API_PREFIX}`,
    controlUrl: `${base}${CONTROL_PREFIX}`,
    emulator,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        emulator.close();
      });
      return closing;
    },
  };
}
