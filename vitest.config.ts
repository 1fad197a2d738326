import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside a React Server environment; under Vitest every module is server code.
      "server-only": path.resolve(__dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The server log (pino) is for operators; in tests only warnings and errors are worth the noise.
    // Every emulator a test starts is in variety mode (lib/emulator/README.md) unless it asks for exact mode:
    // the app is tested against what Toloka's docs allow, not against one fixed shape. Its seed is printed once
    // per test file; EMULATOR_VARIETY_SEED=<seed> repeats it.
    // (EMULATOR_VARIETY=off in the shell runs exact mode, only to tell whether a failure comes from the variety.)
    env: {
      LOG_LEVEL: "warn",
      EMULATOR_VARIETY: process.env.EMULATOR_VARIETY ?? "on",
      ...(process.env.EMULATOR_VARIETY_SEED ? { EMULATOR_VARIETY_SEED: process.env.EMULATOR_VARIETY_SEED } : {}),
    },
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
