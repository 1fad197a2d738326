import { getTranslations } from "next-intl/server";
import { ActivityFilters, ActivityTable } from "@/components/admin/activity-table";
import { Forbidden } from "@/components/admin/forbidden";
import { Notice } from "@/components/admin/ui";
import { queryActivity } from "@/lib/api/activity";
import { requirePageRole } from "@/lib/auth/session";
import { activityQuerySchema } from "@/lib/schemas/activity";

export async function generateMetadata() {
  const t = await getTranslations("admin.activity");
  return { title: t("metaTitle") };
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="activity" />;
  const t = await getTranslations("admin.activity");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = activityQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : activityQuerySchema.parse({});
  const page = queryActivity(query);
  const next = page.nextBefore ? `/activity?${new URLSearchParams({ ...raw, before: String(page.nextBefore) })}` : undefined;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        {!parsed.success && (
          <Notice kind="error">
            {/* The parameters' names, as in the address: not words. */}
            {t.rich("badFilters", {
              fields: parsed.error.issues.map((i) => i.path.join(".")).join(", "),
              data: (c) => <span translate="no">{c}</span>,
            })}
          </Notice>
        )}
        <ActivityFilters query={query} actors={page.actors} />
        <ActivityTable page={page} nextHref={next} />
      </div>
    </div>
  );
}
