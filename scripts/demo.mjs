// `npm run demo [-- --variety]`: installs what is missing, builds if needed, and serves the app on the embedded
// emulator with demo data at http://localhost:3000, then says how to sign in. `--variety` (or
// EMULATOR_VARIETY=on) puts the emulator in variety mode: answers vary within what Toloka's docs allow.
import fs from "node:fs";
import path from "node:path";
import { build, buildIsStale, ensureDependencies, nextBin, root, start, varietyEnv } from "./lib.mjs";

ensureDependencies();
if (buildIsStale() && build() !== 0) process.exit(1);

const port = process.env.PORT || "3000";
const env = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1", ...varietyEnv(process.argv.slice(2)) };
const emulator = !env.TOLOKA_API_KEY;
const server = start(process.execPath, [nextBin, "start", "-p", port], { env });

const url = `http://localhost:${port}`;
const accounts = JSON.parse(fs.readFileSync(path.join(root, "lib/auth/demo-accounts.json"), "utf8"));
(async () => {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) return;
    try {
      const res = await fetch(`${url}/sign-in`, { redirect: "manual" });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (server.exitCode !== null) return;
  const lines = [
    "",
    `  Toloka Messages is running at ${url}`,
    emulator ? "  Backend: the embedded Toloka emulator with demo data (no Toloka account needed)" : "  Backend: Toloka",
    ...(emulator && /^(on|true|1)$/i.test(env.EMULATOR_VARIETY ?? "") ? ["  Emulator variety mode: on (answers vary within what Toloka's docs allow)"] : []),
  ];
  if (emulator) {
    lines.push("  Sign in with one of the demo accounts (the sign-in page lists them too; they exist until the team has an admin of its own):");
    for (const a of accounts) lines.push(`    ${a.role.padEnd(7)} ${a.email}  password: ${a.password}`);
  }
  lines.push("  Stop with Ctrl+C.", "");
  console.log(lines.join("\n"));
})();

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
