import type { Metadata } from "next";
import { Forbidden } from "@/components/admin/forbidden";
import { TeamManager } from "@/components/admin/team-manager";
import { requirePageRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="Managing the team" />;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Team</h1>
        <TeamManager />
      </div>
    </div>
  );
}
