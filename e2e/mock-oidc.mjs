// A minimal OpenID Connect provider for the end-to-end tests (authorization code flow with PKCE, RS256 ID
// tokens): enough for next-auth's generic OIDC provider to do a real single sign-on against it. Its sign-in
// page asks for any email and name, as an identity provider's user would be; nothing is checked but PKCE.
import crypto from "node:crypto";
import http from "node:http";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

/** Starts the provider on 127.0.0.1 (an OS-chosen port unless given); resolves to its issuer URL and a close(). */
export async function startMockOidc({ clientId, clientSecret, port = 0 }) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = crypto.randomBytes(8).toString("hex");
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const codes = new Map();
  let issuer = "";

  const sign = (claims) => {
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(JSON.stringify(claims));
    const signature = crypto.sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  };
  const json = (res, status, body) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const readBody = (req) =>
    new Promise((resolve) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => resolve(new URLSearchParams(data)));
    });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        scopes_supported: ["openid", "email", "profile"],
      });
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      const p = url.searchParams;
      if (p.get("client_id") !== clientId) return json(res, 400, { error: "unauthorized_client" });
      const hidden = ["redirect_uri", "state", "code_challenge", "nonce"]
        .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p.get(k) ?? "")}">`)
        .join("");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><title>Mock SSO</title><h1>Mock SSO</h1>
        <form method="get" action="/approve">${hidden}
        <label>Email <input name="email" type="email"></label>
        <label>Name <input name="name"></label>
        <label><input type="checkbox" name="unverified" value="1"> Email not verified</label>
        <button type="submit">Approve</button></form>`);
    }
    if (url.pathname === "/approve") {
      const p = url.searchParams;
      const code = crypto.randomBytes(16).toString("hex");
      codes.set(code, {
        email: p.get("email"),
        name: p.get("name"),
        verified: p.get("unverified") !== "1",
        challenge: p.get("code_challenge"),
        nonce: p.get("nonce"),
        redirectUri: p.get("redirect_uri"),
      });
      const back = new URL(p.get("redirect_uri"));
      back.searchParams.set("code", code);
      if (p.get("state")) back.searchParams.set("state", p.get("state"));
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const body = await readBody(req);
      const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
      const [id, secret] = basic
        ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent)
        : [body.get("client_id"), body.get("client_secret")];
      if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: "invalid_client" });
      const grant = codes.get(body.get("code") ?? "");
      codes.delete(body.get("code") ?? "");
      if (!grant || grant.redirectUri !== body.get("redirect_uri")) return json(res, 400, { error: "invalid_grant" });
      const verifier = body.get("code_verifier") ?? "";
      if (grant.challenge && b64url(crypto.createHash("sha256").update(verifier).digest()) !== grant.challenge)
        return json(res, 400, { error: "invalid_grant", error_description: "PKCE" });
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: issuer,
        sub: crypto.createHash("sha256").update(grant.email).digest("hex").slice(0, 24),
        aud: clientId,
        iat: now,
        exp: now + 300,
        email: grant.email,
        email_verified: grant.verified,
        name: grant.name || undefined,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      };
      return json(res, 200, {
        access_token: crypto.randomBytes(16).toString("hex"),
        token_type: "Bearer",
        expires_in: 300,
        id_token: sign(claims),
        scope: "openid email profile",
      });
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}
