import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Forbidden } from "@/components/admin/forbidden";
import { requirePageRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Toloka connection" };

export default async function ConnectionPage() {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="The Toloka connection" />;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Toloka connection</h1>
        <ConnectionForm />
      </div>
    </div>
  );
}
