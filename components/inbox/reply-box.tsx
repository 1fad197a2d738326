"use client";

import { useTranslations } from "next-intl";
import { forwardRef, lazy, type ReactNode, Suspense, useEffect, useImperativeHandle, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ToggleChip } from "@/components/ui/toggle-chip";
import { useCurrentUser } from "@/components/auth/current-user";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useReply } from "@/lib/queries/threads";
import type { ThreadDetail } from "@/lib/schemas/threads";
import { bodyToHtml } from "@/lib/compose/body-format";
import { SavedReplyPicker } from "./saved-reply-picker";
import { isBlankBody } from "@/lib/schemas/message-html";
import { LazyMessageEditor } from "@/components/editor/lazy-editor";

const LazyPreview = lazy(() => import("@/components/editor/message-preview").then((m) => ({ default: m.MessagePreview })));

const COMMON_LANGS = ["EN", "RU", "TR", "ES", "ID", "FR", "DE", "PT", "AR", "UK", "KK", "UZ"];

/** A language code ("EN") or a teammate's name in a sentence of ours: not words to translate. */
const code = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

/** `seen`: how many messages the thread held when the reply was begun (a teammate's reply since is warned of). */
type Draft = { langs: string[]; text: Record<string, string>; seen?: number };

function draftKey(threadId: string) {
  return `toloka-messages:reply-draft:${threadId}`;
}

function loadDraft(threadId: string, defaultLang: string): Draft {
  try {
    const raw = localStorage.getItem(draftKey(threadId));
    if (raw) {
      const d = JSON.parse(raw) as Draft;
      if (Array.isArray(d.langs) && d.langs.length && d.text && typeof d.text === "object") return d;
    }
  } catch {
    // a broken draft is no draft
  }
  return { langs: [defaultLang], text: {} };
}

export interface ReplyBoxHandle {
  focus(): void;
}

/**
 * The reply box: one text per language, Ctrl/Cmd+Enter to send. The draft is kept in this browser until
 * Toloka has the reply, so neither a reload nor a refused send loses it.
 */
export const ReplyBox = forwardRef<ReplyBoxHandle, { threadId: string; defaultLang: string; topic: string; thread: ThreadDetail; onType(): void }>(
  function ReplyBox({ threadId, defaultLang, topic, thread, onType }, ref) {
    const toast = useToast();
    const t = useTranslations("thread.reply");
    const me = useCurrentUser();
    const [picking, setPicking] = useState(false);
    const [meanwhile, setMeanwhile] = useState<string | null>(null);
    const reply = useReply(threadId);
    const [draft, setDraft] = useState<Draft>(() => ({ langs: [defaultLang], text: {} }));
    const [active, setActive] = useState(defaultLang);
    const [loaded, setLoaded] = useState<string | null>(null);
    const [previewing, setPreviewing] = useState(false);
    const box = useRef<HTMLDivElement>(null);
    // The editor, or the textarea that stands in for it while its chunk loads.
    useImperativeHandle(ref, () => ({ focus: () => box.current?.querySelector<HTMLElement>('[role="textbox"], textarea')?.focus() }), []);

    // Restore the thread's draft after mount (localStorage is not there during server rendering).
    useEffect(() => {
      const d = loadDraft(threadId, defaultLang);
      setDraft(d);
      setActive(d.langs[0]);
      setLoaded(threadId);
    }, [threadId, defaultLang]);

    useEffect(() => {
      if (loaded !== threadId) return;
      const empty = Object.values(draft.text).every((v) => isBlankBody(v));
      if (empty) localStorage.removeItem(draftKey(threadId));
      else localStorage.setItem(draftKey(threadId), JSON.stringify(draft));
    }, [draft, threadId, loaded]);

    const filled = Object.fromEntries(draft.langs.map((l) => [l, (draft.text[l] ?? "").trim()]).filter(([, v]) => !isBlankBody(v)));
    const missing = draft.langs.filter((l) => isBlankBody(draft.text[l] ?? ""));
    const canSend = Object.keys(filled).length > 0 && missing.length === 0 && !reply.isPending;

    const count = thread.messages.length;
    const seen = draft.seen ?? count;
    // Ours that arrived after the member began: a teammate answered meanwhile (or this member, in another tab).
    const since = thread.messages.slice(seen).filter((m) => m.from.role === "requester");
    // Who, when the app knows (a reply sent through it); `""` is someone on the team it cannot name.
    const repliedBy = since.length ? (since[since.length - 1].sentBy?.name ?? "") : null;

    function edit(lang: string, text: string) {
      onType();
      setDraft((d) => ({ ...d, text: { ...d.text, [lang]: text }, seen: d.seen ?? count }));
    }

    function send(confirmed = false) {
      if (!canSend) return;
      reply.mutate(
        { text: filled, seenMessages: seen, confirmed },
        {
          onSuccess: () => {
            localStorage.removeItem(draftKey(threadId));
            setDraft({ langs: [draft.langs[0]], text: {} });
            setMeanwhile(null);
            toast.info(t("sent"));
          },
          onError: (e) => {
            if (e instanceof ApiClientError && e.code === "REPLIED_MEANWHILE") setMeanwhile(e.message);
            else toast.error(t("sendError", { message: e.message }));
          },
        },
      );
    }

    /** A saved reply, its variables filled, goes after what is written in its language (added if need be). */
    function insertSaved(text: string, lang: string) {
      setPicking(false);
      onType();
      setDraft((d) => {
        const langs = d.langs.includes(lang) ? d.langs : [...d.langs, lang];
        const current = d.text[lang] ?? "";
        const html = bodyToHtml(text);
        return { ...d, langs, text: { ...d.text, [lang]: isBlankBody(current) ? html : `${current}${html}` }, seen: d.seen ?? count };
      });
      setActive(lang);
    }

    const variables = {
      toloker_id: thread.otherParty.kind === "toloker" ? thread.otherParty.id : undefined,
      pool_id: thread.meta.poolId,
      project_id: thread.meta.projectId,
      assignment_id: thread.meta.assignmentId,
      member_name: me.name,
    };

    const addable = COMMON_LANGS.filter((l) => !draft.langs.includes(l));
    return (
      <form
        aria-label={t("form")}
        className="border-t border-zinc-200 p-3 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Shift+S: the saved replies, from anywhere in the reply box.
          if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === "s") {
            e.preventDefault();
            setPicking(true);
          }
        }}
      >
        <div className="mb-2 flex flex-wrap items-center gap-1" role="group" aria-label={t("languages")}>
          {draft.langs.map((l) => (
            <ToggleChip
              key={l}
              pressed={l === active}
              label={t("writeLang", { lang: l })}
              onPress={() => setActive(l)}
              remove={
                draft.langs.length > 1
                  ? {
                      label: t("removeLang", { lang: l }),
                      onRemove: () => {
                        const langs = draft.langs.filter((x) => x !== l);
                        const text = { ...draft.text };
                        delete text[l];
                        setDraft({ langs, text });
                        if (active === l) setActive(langs[0]);
                      },
                    }
                  : undefined
              }
            >
              <span translate="no">{l}</span>
            </ToggleChip>
          ))}
          {addable.length > 0 && (
            <select
              aria-label={t("addLanguage")}
              value=""
              onChange={(e) => {
                const l = e.target.value;
                if (!l) return;
                setDraft({ ...draft, langs: [...draft.langs, l] });
                setActive(l);
              }}
              className="rounded-md border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">{t("addLanguageOption")}</option>
              {addable.map((l) => (
                <option key={l} value={l} translate="no">
                  {l}
                </option>
              ))}
            </select>
          )}
        </div>
        <span id={`reply-${threadId}-label`} className="sr-only">
          {t.rich("textLabel", { lang: active, code })}
        </span>
        <div ref={box}>
          <LazyMessageEditor
            key={active}
            id={`reply-${threadId}`}
            labelId={`reply-${threadId}-label`}
            rows={3}
            value={draft.text[active] ?? ""}
            placeholder={t("placeholder", { lang: active })}
            onChange={(text) => edit(active, text)}
            onSubmit={() => send()}
            toolbarEnd={
              <button
                type="button"
                aria-pressed={previewing}
                onClick={() => setPreviewing(!previewing)}
                className="inline-flex h-8 items-center rounded px-1.5 text-xs text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 aria-pressed:bg-zinc-300 aria-pressed:text-zinc-950 dark:text-zinc-200 dark:hover:bg-zinc-700 dark:aria-pressed:bg-zinc-600 dark:aria-pressed:text-white"
              >
                {t("preview")}
              </button>
            }
          />
        </div>
        {previewing && (
          <Suspense fallback={null}>
            <LazyPreview topic={topic} body={draft.text[active] ?? ""} lang={active} />
          </Suspense>
        )}
        {(meanwhile || (repliedBy !== null && Object.keys(filled).length > 0)) && (
          <div
            role="alert"
            className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            data-testid="replied-meanwhile"
          >
            <p>{meanwhile ?? (repliedBy ? t.rich("repliedMeanwhile", { author: repliedBy, name: code }) : t("repliedMeanwhileSomeone"))}</p>
            {meanwhile && (
              <div className="mt-2 flex flex-wrap gap-2">
                <Button size="xs" variant="primary" onClick={() => send(true)} disabled={reply.isPending}>
                  {t("sendAnyway")}
                </Button>
                <Button
                  size="xs"
                  onClick={() => {
                    setMeanwhile(null);
                    setDraft((d) => ({ ...d, seen: count }));
                  }}
                >
                  {t("keepEditing")}
                </Button>
              </div>
            )}
          </div>
        )}
        <div className="mt-2 flex items-center gap-2">
          <Button size="sm" variant="ghost" onClick={() => setPicking(true)} title={t("savedRepliesTitle")} data-testid="open-saved-replies">
            {t("savedReplies")}
          </Button>
          {missing.length > 0 && Object.keys(filled).length > 0 && (
            <p className="text-xs text-amber-800 dark:text-amber-300">{t.rich("missing", { langs: missing.join(", "), code })}</p>
          )}
          <Button type="submit" variant="primary" size="sm" className="ml-auto" disabled={!canSend}>
            {reply.isPending ? t("sending") : t("send")}
          </Button>
        </div>
        <SavedReplyPicker open={picking} onClose={() => setPicking(false)} lang={active} values={variables} onPick={insertSaved} />
      </form>
    );
  },
);
