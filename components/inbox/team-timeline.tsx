"use client";

import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAddNote, useMembers } from "@/lib/queries/workflow";
import type { Locale } from "@/lib/i18n/locales";
import type { Presence, ThreadEvent } from "@/lib/schemas/workflow";
import { exactTime } from "./format";

const DATE_STYLES = {
  /** A message's or an event's date and time: "2 Dec 2026, 14:05". */
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  /** When a snooze ends: "Wed, 2 Dec, 09:00". */
  until: { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  /** A day: "2 Dec 2026". */
  date: { dateStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The thread's date formats in the reader's language, each made once. English writes dates the British way
 * ("2 Dec 2026, 14:05"), as the app always has.
 */
export function dateFormat(locale: Locale, style: keyof typeof DATE_STYLES): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, DATE_STYLES[style]);
    dateFormats.set(key, f);
  }
  return f;
}

/** A teammate's name (or names) in a sentence of ours: theirs, not ours to translate. */
const name = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

/** A note's text with its @mentions marked, as plain text (never HTML). */
function NoteText({ text, names }: { text: string; names: string[] }) {
  const parts = useMemo(() => {
    if (names.length === 0) return [{ text, mention: false }];
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length);
    const re = new RegExp(`(@(?:${escaped.join("|")}))`, "giu");
    return text.split(re).map((p, i) => ({ text: p, mention: i % 2 === 1 }));
  }, [text, names]);
  return (
    <p className="whitespace-pre-wrap break-words" translate="no">
      {parts.map((p, i) =>
        p.mention ? (
          <strong key={i} className="font-semibold text-amber-950 dark:text-amber-100">
            {p.text}
          </strong>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * One entry of the thread's internal timeline among its messages: a note in a shape and colour no message has
 * (dashed amber, labelled "Internal note"), or a line for an assignment or a status change.
 */
export function TimelineEntry({ e }: { e: ThreadEvent }) {
  const t = useTranslations("thread.timeline");
  const locale = useLocale();
  if (e.kind === "note") {
    return (
      <li className="flex justify-center" data-testid="note">
        <div className="w-full max-w-[92%] rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm text-zinc-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-zinc-100">
          <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs text-amber-900 dark:text-amber-200">
            <span className="font-semibold uppercase tracking-wide">{t("internalNote")}</span>
            <span>
              · <span translate="no">{e.author.name}</span>
            </span>
            <time dateTime={e.at} title={exactTime(e.at, locale)}>
              {dateFormat(locale, "dateTime").format(new Date(e.at))}
            </time>
            <span className="sr-only">{t("teamOnly")}</span>
          </div>
          <NoteText text={e.text} names={e.mentions.map((m) => m.name)} />
        </div>
      </li>
    );
  }
  const author = e.author.name;
  let what: ReactNode;
  if (e.kind === "assign")
    what = e.to
      ? e.from
        ? t.rich("reassigned", { author, from: e.from, to: e.to, name })
        : t.rich("assigned", { author, to: e.to, name })
      : e.from
        ? t.rich("unassignedFrom", { author, from: e.from, name })
        : t.rich("unassigned", { author, name });
  else if (e.status === "snoozed")
    what = e.until
      ? t.rich("snoozed", { author, until: dateFormat(locale, "until").format(new Date(e.until)), name })
      : t.rich("snoozedLater", { author, name });
  else what = e.status === "done" ? t.rich("done", { author, name }) : t.rich("reopened", { author, name });
  return (
    <li className="text-center text-xs text-zinc-600 dark:text-zinc-400" data-testid="timeline-event">
      {what} · <time dateTime={e.at}>{dateFormat(locale, "dateTime").format(new Date(e.at))}</time>
    </li>
  );
}

/** Who else has the thread open, and who is typing a reply: live, from the presence heartbeat. */
export function PresenceBar({ presence }: { presence: Presence | undefined }) {
  const t = useTranslations("thread.timeline");
  const others = presence?.others ?? [];
  const typing = others.filter((o) => o.typing);
  const viewing = others.filter((o) => !o.typing);
  const names = (list: { name: string }[]) => list.map((o) => o.name).join(", ");
  return (
    <div role="status" aria-live="polite" data-testid="presence">
      {others.length > 0 && (
        <p className="flex flex-wrap gap-x-3 border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
          {typing.length > 0 && (
            <span data-testid="presence-typing">
              <span aria-hidden>✎ </span>
              {t.rich("typing", { count: typing.length, names: names(typing), name })}
            </span>
          )}
          {viewing.length > 0 && <span data-testid="presence-viewing">{t.rich("viewing", { count: viewing.length, names: names(viewing), name })}</span>}
        </p>
      )}
    </div>
  );
}

/** The @mention being typed at the caret: its start and the letters so far, or null. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}

/**
 * The internal note box: team-only text, `@` offers teammates by name. A note is kept in this browser until it
 * is saved, like a reply's draft.
 */
export function NoteBox({ threadId, onDone }: { threadId: string; onDone(): void }) {
  const t = useTranslations("thread.note");
  const key = `toloka-messages:note-draft:${threadId}`;
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const add = useAddNote(threadId);
  const members = useMembers();
  const toast = useToast();
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText(localStorage.getItem(key) ?? "");
    area.current?.focus();
  }, [key]);
  useEffect(() => {
    if (text.trim()) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  }, [key, text]);

  const mention = mentionAt(text, caret);
  const suggestions = mention
    ? (members.data?.items ?? [])
        .filter((m) => m.name.toLowerCase().startsWith(mention.query.toLowerCase()) || m.email.toLowerCase().startsWith(mention.query.toLowerCase()))
        .slice(0, 6)
    : [];

  const insert = (name: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    setText(next);
    const at = mention.start + name.length + 2;
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
      setCaret(at);
    });
  };

  const save = () => {
    if (!text.trim()) return;
    add.mutate(text.trim(), {
      onSuccess: () => {
        localStorage.removeItem(key);
        setText("");
        toast.info(t("added"));
        onDone();
      },
      onError: (e) => toast.error(t("addError", { message: e.message })),
    });
  };

  return (
    <form
      aria-label={t("form")}
      className="border-t-2 border-dashed border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950/30"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={`note-${threadId}`} className="mb-1 block text-xs font-semibold text-amber-950 dark:text-amber-100">
        {t("label")}
      </label>
      <textarea
        id={`note-${threadId}`}
        ref={area}
        rows={3}
        value={text}
        maxLength={5000}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
          if (e.key === "Escape") onDone();
        }}
        className="block w-full rounded border border-amber-300 bg-white px-2 py-1.5 text-sm dark:border-amber-800 dark:bg-zinc-900"
        data-testid="note-text"
      />
      {suggestions.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("mention")}>
          {suggestions.map((m) => (
            <li key={m.id}>
              <Button size="xs" variant="secondary" onClick={() => insert(m.name)}>
                <span translate="no">@{m.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2 flex justify-end gap-2">
        <Button size="sm" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button size="sm" type="submit" variant="primary" disabled={!text.trim() || add.isPending} data-testid="save-note">
          {add.isPending ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}
