import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_TOLOKA_TOKEN } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// A fresh emulator store for every run; the workers inherit it through the environment.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "toloka-messages-e2e-"));

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "../test-results/playwright",
  // Bounds on waiting, not speed targets: a test that takes 20 s on a quiet machine must still pass when the
  // shared two cores are busy, so only something stuck (a page that never shows what it must) trips them.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // One worker: the specs share one app and emulator and change their state.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: "**/leaks.check.ts" },
    // After every other spec: search what the run produced for the Toloka token.
    { name: "leaks", testMatch: "**/leaks.check.ts", dependencies: ["chromium"] },
  ],
  webServer: {
    // e2e/server.mjs keeps the server's whole output in $E2E_DATA_DIR/server.log for the leak check.
    command: `node e2e/server.mjs ${PORT}`,
    cwd: path.resolve(__dirname, ".."),
    url: `http://localhost:${PORT}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: process.env.E2E_DATA_DIR,
      EMULATOR_LIVENESS: "off",
      // The emulator varies its answers within what Toloka's docs allow (lib/emulator/README.md); the seed is
      // in server.log, and EMULATOR_VARIETY_SEED=<seed> repeats it.
      EMULATOR_VARIETY: "on",
      ...(process.env.EMULATOR_VARIETY_SEED ? { EMULATOR_VARIETY_SEED: process.env.EMULATOR_VARIETY_SEED } : {}),
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      // A recognisable token the app holds for the run; the leak check fails if it shows up anywhere.
      EMULATOR_TOKEN: E2E_TOLOKA_TOKEN,
      E2E_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
