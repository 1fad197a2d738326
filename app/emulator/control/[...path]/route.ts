import { withHsts } from "@/lib/api/hsts";
import { emulatorDisabledResponse, getEmulator } from "@/lib/emulator/instance";

/** The emulator's control API (faults, simulated Tolokers, stats); 404 when real Toloka credentials are configured. */

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ path: string[] }> };

async function handle(req: Request, ctx: Context): Promise<Response> {
  const emulator = getEmulator();
  if (!emulator) return withHsts(emulatorDisabledResponse());
  const { path } = await ctx.params;
  return withHsts(await emulator.handleControl(req, path));
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
