"use client";

import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { errorAria, FieldError } from "@/components/ui/field-error";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useDeleteReply, useSavedReplies, useSaveReply } from "@/lib/queries/workflow";
import { REPLY_VARIABLES, unknownVariables } from "@/lib/schemas/plain";
import type { SavedReply } from "@/lib/schemas/workflow";
import { dateFormat } from "@/components/inbox/team-timeline";

const LANGS = ["EN", "RU", "TR", "ES", "ID", "FR", "DE", "PT", "AR", "UK", "KK", "UZ"];

/** Names of ours that are not words (variables, a teammate's name) in a sentence: not to translate. */
const keep = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

type Form = { id?: string; title: string; lang: string; body: string };
type FormWords = ReturnType<typeof useTranslations<"thread.savedReplies">>;

function errorsOf(f: Form, t: FormWords): Partial<Record<keyof Form, string>> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.title.trim()) e.title = t("titleRequired");
  if (!/^[A-Z]{2}(-[A-Z]{2,4})?$/.test(f.lang)) e.lang = t("langRequired");
  if (!f.body.trim()) e.body = t("bodyRequired");
  else {
    const unknown = unknownVariables(f.body);
    if (unknown.length)
      e.body = t("unknownVariables", {
        unknown: unknown.map((n) => `{${n}}`).join(", "),
        known: REPLY_VARIABLES.map((v) => `{${v}}`).join(", "),
      });
  }
  return e;
}

/** The form of one saved reply (new or changed); the server's field errors show under their fields. */
function ReplyForm({ initial, onDone }: { initial: Form; onDone(): void }) {
  const t = useTranslations("thread.savedReplies");
  const [f, setF] = useState(initial);
  const [tried, setTried] = useState(false);
  const save = useSaveReply();
  const toast = useToast();
  const server = save.error instanceof ApiClientError ? save.error.fields : undefined;
  const local = errorsOf(f, t);
  const err = (k: keyof Form) => server?.[k] ?? (tried ? local[k] : undefined);
  return (
    <form
      aria-label={f.id ? t("formChange") : t("formNew")}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(local).length) return;
        save.mutate(
          { id: f.id, body: { title: f.title.trim(), lang: f.lang, body: f.body.trim() } },
          {
            onSuccess: () => {
              toast.info(f.id ? t("changed") : t("saved"));
              onDone();
            },
          },
        );
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="min-w-0 flex-1 text-sm">
          {t("title")}
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
          {t("language")}
          <select
            value={f.lang}
            onChange={(e) => setF({ ...f, lang: e.target.value })}
            {...errorAria("reply-lang-error", err("lang"))}
            className="mt-1 block rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            {LANGS.map((l) => (
              <option key={l} translate="no">
                {l}
              </option>
            ))}
          </select>
          <FieldError id="reply-lang-error" error={err("lang")} />
        </label>
      </div>
      <label className="block text-sm">
        {t("text")}
        <textarea
          rows={6}
          value={f.body}
          onChange={(e) => setF({ ...f, body: e.target.value })}
          {...errorAria("reply-body-error", err("body"), "reply-body-hint")}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <span id="reply-body-hint" className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
          {t.rich("variablesHint", { list: REPLY_VARIABLES.map((v) => `{${v}}`).join(" "), vars: keep })}
        </span>
        <FieldError id="reply-body-error" error={err("body")} />
      </label>
      {save.isError && !server && <p className="text-sm text-red-700 dark:text-red-400">{t("saveError", { message: save.error.message })}</p>}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>{t("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}

/** The team's saved replies: listed, searched, and (for senders) written, changed and removed. */
export function SavedRepliesManager() {
  const t = useTranslations("thread.savedReplies");
  const locale = useLocale();
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
          {t("heading")}
        </h1>
        {canWrite && !editing && (
          <Button variant="primary" onClick={() => setEditing({ title: "", lang: "EN", body: "" })} data-testid="new-saved-reply">
            {t("new")}
          </Button>
        )}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      {editing && <ReplyForm key={editing.id ?? "new"} initial={editing} onDone={() => setEditing(null)} />}
      <div className="flex flex-wrap gap-2">
        <input
          type="search"
          aria-label={t("search")}
          placeholder={t("searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <select
          aria-label={t("languageFilter")}
          value={lang}
          onChange={(e) => setLang(e.target.value)}
          className="rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">{t("allLanguages")}</option>
          {LANGS.map((l) => (
            <option key={l} translate="no">
              {l}
            </option>
          ))}
        </select>
      </div>
      {list.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400">{t("loadError", { message: list.error.message })}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{list.isPending ? t("loading") : q || lang ? t("noMatch") : t("none")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("list")} data-testid="saved-replies-list">
          {items.map((r) => (
            <li key={r.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="saved-reply">
              <div className="flex flex-wrap items-baseline gap-2">
                <h2 className="min-w-0 flex-1 break-words font-medium" translate="no">
                  {r.title}
                </h2>
                <span className="text-xs text-zinc-600 dark:text-zinc-400" translate="no">
                  {r.lang}
                </span>
              </div>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm" translate="no">
                {r.body}
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                <span className="flex-1">
                  {t.rich("updated", { author: r.updatedBy, date: dateFormat(locale, "date").format(new Date(r.updatedAt)), name: keep })}
                </span>
                {canWrite && (
                  <>
                    <Button size="xs" onClick={() => edit(r)} aria-label={t("changeLabel", { title: r.title })}>
                      {t("change")}
                    </Button>
                    <Button
                      size="xs"
                      variant="danger-outline"
                      aria-label={t("removeLabel", { title: r.title })}
                      onClick={() => {
                        if (!window.confirm(t("confirmRemove", { title: r.title }))) return;
                        remove.mutate(r.id, { onError: (e) => toast.error(t("removeError", { message: e.message })) });
                      }}
                    >
                      {t("remove")}
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
