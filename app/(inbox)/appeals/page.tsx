import type { Metadata } from "next";
import { AppealsList } from "@/components/toloker/appeals-list";
import { requirePageRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Appeals" };

export default async function AppealsPage() {
  // Every member reads appeals; the layout has checked the session, this the role.
  await requirePageRole("viewer");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
        <AppealsList />
      </div>
    </div>
  );
}
