import "server-only";
import http from "node:http";
import { processSlot } from "@/lib/process-slot";

/**
 * The header that carries the address of the connection a request came in on. Web `Request`s (what route
 * handlers get) do not expose the socket, and Next keeps a client-sent X-Forwarded-For as it is, so without a
 * proxy in front the app could otherwise only believe what the client claims.
 */
export const PEER_ADDRESS_HEADER = "x-toloka-messages-peer";

const installed = processSlot<boolean>("peerAddressInstalled");

/**
 * Stamps every incoming HTTP request of this process with its socket's address, before Next sees it, replacing
 * any value a client sent under the same name. Called once as the server starts (lib/startup.ts).
 */
export function installPeerAddressHeader(): void {
  if (installed.get()) return;
  installed.set(true);
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
