import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlaceholderThreadList } from "@/components/inbox/placeholder-thread-list";
import { TAB_LABELS, tabSchema } from "@/lib/schemas/threads";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage({ params }: { params: Promise<{ folder: string }> }) {
  const tab = tabSchema.safeParse((await params).folder);
  if (!tab.success) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-4">
      <h1 className="mb-3 text-lg font-semibold">{TAB_LABELS[tab.data]}</h1>
      <PlaceholderThreadList tab={tab.data} />
    </main>
  );
}
