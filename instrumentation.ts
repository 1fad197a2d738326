/**
 * Runs once when the server starts. NEXT_RUNTIME is Next's own build-time switch (not app
 * configuration): the Node.js part must not be bundled for the Edge runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/startup");
    onServerStart();
  }
}
