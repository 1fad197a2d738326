import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  // next-auth 4 reads the catch-all segments synchronously; Next 16 hands them over as a promise.
  const params = await ctx.params;
  return NextAuth(getAuthOptions())(req, { params });
}

export { handler as GET, handler as POST };
