// `npm run check`: the fast check before a commit: the type check, Biome's lint and format check, and the unit and
// integration tests (Vitest). No build, no browser. Ends with `N passed, M failed`.
import { ensureDependencies, runVitest, staticChecks } from "./lib.mjs";

ensureDependencies();
const started = Date.now();
const checks = staticChecks();
const vitest = runVitest([], "check-vitest", { reporter: "dot" });
const passed = checks.passed + vitest.passed;
const failed = checks.failed + vitest.failed;
console.log(`check took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
