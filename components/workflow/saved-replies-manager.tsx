"use client";

import { useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { errorAria, FieldError } from "@/components/ui/field-error";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useDeleteReply, useSavedReplies, useSaveReply } from "@/lib/queries/workflow";
import { REPLY_VARIABLES, unknownVariables } from "@/lib/schemas/plain";
import type { SavedReply } from "@/lib/schemas/workflow";

const LANGS = ["EN", "RU", "TR", "ES", "ID", "FR", "DE", "PT", "AR", "UK", "KK", "UZ"];
const updated = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

type Form = { id?: string; title: string; lang: string; body: string };

function errorsOf(f: Form): Partial<Record<keyof Form, string>> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.title.trim()) e.title = "Give the reply a title.";
  if (!/^[A-Z]{2}(-[A-Z]{2,4})?$/.test(f.lang)) e.lang = "Pick a language.";
  if (!f.body.trim()) e.body = "Write the reply.";
  else {
    const unknown = unknownVariables(f.body);
    if (unknown.length) e.body = `Unknown variables: ${unknown.map((n) => `{${n}}`).join(", ")}. Use ${REPLY_VARIABLES.map((v) => `{${v}}`).join(", ")}.`;
  }
  return e;
}

/** The form of one saved reply (new or changed); the server's field errors show under their fields. */
function ReplyForm({ initial, onDone }: { initial: Form; onDone(): void }) {
  const [f, setF] = useState(initial);
  const [tried, setTried] = useState(false);
  const save = useSaveReply();
  const toast = useToast();
  const server = save.error instanceof ApiClientError ? save.error.fields : undefined;
  const local = errorsOf(f);
  const err = (k: keyof Form) => server?.[k] ?? (tried ? local[k] : undefined);
  return (
    <form
      aria-label={f.id ? "Change the saved reply" : "New saved reply"}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(local).length) return;
        save.mutate(
          { id: f.id, body: { title: f.title.trim(), lang: f.lang, body: f.body.trim() } },
          {
            onSuccess: () => {
              toast.info(f.id ? "Saved reply changed" : "Reply saved for the team");
              onDone();
            },
          },
        );
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="min-w-0 flex-1 text-sm">
          Title
          <input
            value={f.title}
            maxLength={120}
            onChange={(e) => setF({ ...f, title: e.target.value })}
            {...errorAria("reply-title-error", err("title"))}
            className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <FieldError id="reply-title-error" error={err("title")} />
        </label>
        <label className="text-sm">
          Language
          <select
            value={f.lang}
            onChange={(e) => setF({ ...f, lang: e.target.value })}
            {...errorAria("reply-lang-error", err("lang"))}
            className="mt-1 block rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            {LANGS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
          <FieldError id="reply-lang-error" error={err("lang")} />
        </label>
      </div>
      <label className="block text-sm">
        Text
        <textarea
          rows={6}
          value={f.body}
          onChange={(e) => setF({ ...f, body: e.target.value })}
          {...errorAria("reply-body-error", err("body"), "reply-body-hint")}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <span id="reply-body-hint" className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
          Variables, filled from the thread when the reply is inserted: {REPLY_VARIABLES.map((v) => `{${v}}`).join(" ")}
        </span>
        <FieldError id="reply-body-error" error={err("body")} />
      </label>
      {save.isError && !server && <p className="text-sm text-red-700 dark:text-red-400">Could not save: {save.error.message}</p>}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}

/** The team's saved replies: listed, searched, and (for senders) written, changed and removed. */
export function SavedRepliesManager() {
  const canWrite = useCan("sender");
  const [q, setQ] = useState("");
  const [lang, setLang] = useState("");
  const [editing, setEditing] = useState<Form | null>(null);
  const list = useSavedReplies(q, lang);
  const remove = useDeleteReply();
  const toast = useToast();
  const items = list.data?.items ?? [];

  const edit = (r: SavedReply) => setEditing({ id: r.id, title: r.title, lang: r.lang, body: r.body });

  return (
    <section aria-labelledby="saved-replies-title" className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 id="saved-replies-title" className="flex-1 text-xl font-semibold">
          Saved replies
        </h1>
        {canWrite && !editing && (
          <Button variant="primary" onClick={() => setEditing({ title: "", lang: "EN", body: "" })} data-testid="new-saved-reply">
            New saved reply
          </Button>
        )}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Shared by the whole team. In a reply, press Ctrl+Shift+S (⌘⇧S on a Mac) or choose Saved replies to insert one with its variables filled in.
      </p>
      {editing && <ReplyForm key={editing.id ?? "new"} initial={editing} onDone={() => setEditing(null)} />}
      <div className="flex flex-wrap gap-2">
        <input
          type="search"
          aria-label="Search saved replies"
          placeholder="Search titles and texts"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <select
          aria-label="Language"
          value={lang}
          onChange={(e) => setLang(e.target.value)}
          className="rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">All languages</option>
          {LANGS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </div>
      {list.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400">Could not load the saved replies: {list.error.message}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {list.isPending ? "Loading…" : q || lang ? "No saved reply matches." : "No saved replies yet."}
        </p>
      ) : (
        <ul className="space-y-2" aria-label="Saved replies" data-testid="saved-replies-list">
          {items.map((r) => (
            <li key={r.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="saved-reply">
              <div className="flex flex-wrap items-baseline gap-2">
                <h2 className="min-w-0 flex-1 break-words font-medium">{r.title}</h2>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{r.lang}</span>
              </div>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">{r.body}</p>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                <span className="flex-1">
                  {r.updatedBy}, {updated.format(new Date(r.updatedAt))}
                </span>
                {canWrite && (
                  <>
                    <Button size="xs" onClick={() => edit(r)} aria-label={`Change ${r.title}`}>
                      Change
                    </Button>
                    <Button
                      size="xs"
                      variant="danger-outline"
                      aria-label={`Remove ${r.title}`}
                      onClick={() => {
                        if (!window.confirm(`Remove the saved reply “${r.title}” for the whole team?`)) return;
                        remove.mutate(r.id, { onError: (e) => toast.error(`Could not remove it: ${e.message}`) });
                      }}
                    >
                      Remove
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
