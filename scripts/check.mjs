// `npm run check`: the fast check before a commit: the type check, Biome's lint and format check, and the unit and
// integration tests (Vitest). No build, no browser. Ends with `N passed, M failed`.
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies, root, run, staticChecks } from "./lib.mjs";

ensureDependencies();
const started = Date.now();
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, "check-vitest.json");
fs.rmSync(vitestJson, { force: true });

const checks = staticChecks();
const vitestCode = run(path.join(root, "node_modules", ".bin", "vitest"), ["run", "--reporter=dot", "--reporter=json", `--outputFile.json=${vitestJson}`]);
let passed = checks.passed;
let failed = checks.failed;
try {
  const v = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
} catch {
  failed += 1;
}
if (vitestCode !== 0 && failed === 0) failed = 1;
console.log(`check took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
