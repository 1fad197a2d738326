import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from "./peer-address";
import { clientAddress } from "./request-context";

const headers = (h: Record<string, string>) => new Headers(h);

describe("clientAddress", () => {
  it("with no proxy (0 hops), is the connection's address, whatever X-Forwarded-For the client wrote", () => {
    const h = headers({ [PEER_ADDRESS_HEADER]: "::ffff:10.1.2.3", "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" });
    expect(clientAddress(h, 0)).toBe("10.1.2.3");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.7" }), 0)).toBeNull();
  });

  it("behind N trusted proxies, the entry N from the right: what the client put further left is ignored", () => {
    const h = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.1", "x-forwarded-for": "1.1.1.1, 198.51.100.4, 10.0.0.9" });
    expect(clientAddress(h, 1)).toBe("10.0.0.9");
    expect(clientAddress(h, 2)).toBe("198.51.100.4");
    // More hops configured than entries: the leftmost there is.
    expect(clientAddress(h, 5)).toBe("1.1.1.1");
    // A proxy that sent no X-Forwarded-For: the connection (the proxy itself).
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.1" }), 1)).toBe("10.0.0.1");
  });
});

describe("installPeerAddressHeader", () => {
  const servers: http.Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it("stamps each request with its socket's address, replacing one the client sent", async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // once is enough; twice changes nothing
    const seen: Array<string | string[] | undefined> = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers[PEER_ADDRESS_HEADER]);
      res.end("ok");
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.67" } });
    await fetch(`http://127.0.0.1:${port}/`);
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});
