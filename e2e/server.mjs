// Starts the built app for the end-to-end tests, with a mock single sign-on provider (e2e/mock-oidc.mjs, on a
// port the OS picks) configured as its OpenID Connect provider, and keeps everything the app prints (stdout
// and stderr) in $E2E_DATA_DIR/server.log as well, so the leak check can search the whole server log.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startMockOidc } from "./mock-oidc.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = process.argv[2] ?? "3100";
const log = fs.createWriteStream(path.join(process.env.E2E_DATA_DIR ?? root, "server.log"), { flags: "a" });
const sso = { clientId: "toloka-messages-e2e", clientSecret: "e2e-client-secret-0123456789" };
const idp = await startMockOidc(sso);
const env = {
  ...process.env,
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: sso.clientId,
  OIDC_CLIENT_SECRET: sso.clientSecret,
  OIDC_NAME: "Mock SSO",
  OIDC_ALLOWED_DOMAINS: "sso.example",
  OIDC_DEFAULT_ROLE: "viewer",
};
const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
  cwd: root,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  from.on("data", (chunk) => {
    log.write(chunk);
    to.write(chunk);
  });
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => {
  void idp.close();
  log.end(() => process.exit(code ?? 0));
});
