// Starts the built app for the end-to-end tests and keeps everything it prints (stdout and stderr) in
// $E2E_DATA_DIR/server.log as well, so the leak check can search the whole server log afterwards.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = process.argv[2] ?? "3100";
const log = fs.createWriteStream(path.join(process.env.E2E_DATA_DIR ?? root, "server.log"), { flags: "a" });
const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
  from.on("data", (chunk) => {
    log.write(chunk);
    to.write(chunk);
  });
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => log.end(() => process.exit(code ?? 0)));
