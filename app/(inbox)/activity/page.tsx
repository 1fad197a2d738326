import type { Metadata } from "next";
import { ActivityFilters, ActivityTable } from "@/components/admin/activity-table";
import { Forbidden } from "@/components/admin/forbidden";
import { Notice } from "@/components/admin/ui";
import { queryActivity } from "@/lib/api/activity";
import { requirePageRole } from "@/lib/auth/session";
import { activityQuerySchema } from "@/lib/schemas/activity";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="The activity log" />;
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = activityQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : activityQuerySchema.parse({});
  const page = queryActivity(query);
  const next = page.nextBefore ? `/activity?${new URLSearchParams({ ...raw, before: String(page.nextBefore) })}` : undefined;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Activity</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Who on the team did what and when: sign-ins, replies, sends, read and important changes, mark-all-read, and changes to the team and the Toloka
          connection.
        </p>
        {!parsed.success && (
          <Notice kind="error">Some filters were not understood and were ignored: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}</Notice>
        )}
        <ActivityFilters query={query} actors={page.actors} />
        <ActivityTable page={page} nextHref={next} />
      </div>
    </div>
  );
}
