// `npm test`: the static checks (type check, Biome's lint and format check), Vitest (unit and integration, with the reliability suite's data-safety and hostile-input tests),
// then a production build, then Playwright in real Chromium against it and the emulator, then the reliability
// scripts (restarts, load, faults: about five minutes). Ends with one line `N passed, M failed` counting every
// test that ran, each reliability script counting as one.
import fs from "node:fs";
import path from "node:path";
import { build, ensureDependencies, root, run, runVitest, staticChecks } from "./lib.mjs";

ensureDependencies();
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
const playwrightJson = path.join(out, "playwright.json");
const reliabilityJson = path.join(out, "reliability.json");
for (const f of [playwrightJson, reliabilityJson]) fs.rmSync(f, { force: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

// The fast checks first (`npm run check` runs them too): a type or lint error is said in seconds, not at the end.
const checks = staticChecks(env);

const vitest = runVitest([], "vitest", { env });

// The build sees the same recognisable Toloka token the end-to-end server holds (e2e/helpers.ts), so the leak
// check (e2e/leaks.check.ts) would find it in the client files if anything inlined it.
process.env.EMULATOR_TOKEN = "canary-toloka-token-e2e-5f3a9c1d7b2e";
const buildCode = build();
let playwrightCode = 1;
if (buildCode === 0) {
  playwrightCode = run(bin("playwright"), ["test", "-c", "e2e/playwright.config.ts"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  });
} else {
  console.error("\nThe production build failed: the end-to-end tests did not run.");
}
// The reliability scripts start the same build with their own emulators, holding the demo token.
let reliabilityCode = 1;
if (buildCode === 0) {
  const relEnv = { ...env };
  delete relEnv.EMULATOR_TOKEN;
  reliabilityCode = run(process.execPath, [path.join(root, "scripts", "reliability.mjs"), "--scripts-only"], { env: relEnv });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = checks.passed;
let failed = checks.failed;
let skipped = 0;
console.log(`Static checks: ${checks.passed} passed, ${checks.failed} failed`);
passed += vitest.passed;
failed += vitest.failed;
skipped += vitest.skipped;
console.log(vitest.reported ? `Vitest: ${vitest.passed} passed, ${vitest.failed} failed` : "Vitest: no results (it did not run to the end)");
const p = readJson(playwrightJson);
if (p) {
  const ok = (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  passed += ok;
  failed += p.stats.unexpected ?? 0;
  skipped += p.stats.skipped ?? 0;
  console.log(`Playwright: ${ok} passed, ${p.stats.unexpected ?? 0} failed${p.stats.flaky ? ` (${p.stats.flaky} flaky)` : ""}`);
} else if (buildCode === 0) {
  console.log("Playwright: no results (it did not run to the end)");
}

const r = readJson(reliabilityJson);
if (r) {
  passed += r.passed;
  failed += r.failed;
  console.log(`Reliability scripts: ${r.passed} passed, ${r.failed} failed`);
} else if (buildCode === 0) {
  console.log("Reliability scripts: no results (they did not run to the end)");
}

const anyFailure = checks.failed > 0 || vitest.code !== 0 || buildCode !== 0 || playwrightCode !== 0 || reliabilityCode !== 0 || failed > 0;
// A runner that crashed before reporting counts as one failure so the closing line never says all is well.
if (anyFailure && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(anyFailure ? 1 : 0);
