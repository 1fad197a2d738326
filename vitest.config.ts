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
    env: { LOG_LEVEL: "warn" },
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
