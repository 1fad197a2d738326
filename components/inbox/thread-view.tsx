"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { forwardRef, type ReactNode, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { ComposeLauncher } from "@/components/compose/compose-launcher";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { Dialog } from "@/components/ui/dialog";
import { LazyAppealCard, LazyTolokerPanel } from "@/components/toloker/lazy";
import { Skeleton } from "@/components/ui/skeleton";
import { queryKeys } from "@/lib/queries/keys";
import { usePendingReplies } from "@/lib/queries/threads";
import { usePresence, useThreadTeam } from "@/lib/queries/workflow";
import type { ThreadEvent } from "@/lib/schemas/workflow";
import type { ThreadDetail } from "@/lib/schemas/threads";
import { bodyToText } from "@/lib/compose/body-format";
import { authorLabel, exactTime, relativeTime, shortId } from "./format";
import { MarkedText } from "./marked-text";
import { usePartyLabel } from "./use-party-label";
import { ReplyBox, type ReplyBoxHandle } from "./reply-box";
import { dateFormat, NoteBox, PresenceBar, TimelineEntry } from "./team-timeline";
import { WorkflowBar } from "./workflow-bar";

/** What the inbox's shortcuts reach in the open thread: the reply box, and the note box. */
export interface ThreadViewHandle {
  focus(): void;
  note(): void;
}

/** A teammate counts as typing for this long after their last keystroke. */
const TYPING_MS = 4_000;

/** An id of Toloka's in a sentence of ours: not words to translate. */
const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

function CopyId({ id, label }: { id: string; label: string }) {
  const tr = useTranslations("thread.view");
  const [copied, setCopied] = useState(false);
  return (
    <Chip
      title={tr("copyTitle", { id })}
      aria-label={tr("copyLabel", { label, id })}
      onClick={() => {
        void navigator.clipboard?.writeText(id).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
      className="font-mono"
    >
      {copied ? tr("copied") : <span translate="no">{shortId(id)}</span>}
    </Chip>
  );
}

function MetaLinks({ t, webUrl }: { t: ThreadDetail; webUrl: string }) {
  const tr = useTranslations("thread.view");
  const { poolId, projectId, assignmentId } = t.meta;
  if (!poolId && !projectId && !assignmentId) return null;
  const chip = "rounded-full border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label={tr("linkedInToloka")}>
      {projectId && (
        <a className={chip} href={`${webUrl}/requester/project/${encodeURIComponent(projectId)}`} target="_blank" rel="noopener noreferrer">
          {tr.rich("project", { id: projectId, data })}
        </a>
      )}
      {poolId && (
        <a className={chip} href={`${webUrl}/requester/pool/${encodeURIComponent(poolId)}`} target="_blank" rel="noopener noreferrer">
          {tr.rich("pool", { id: poolId, data })}
        </a>
      )}
      {assignmentId &&
        (poolId ? (
          <a
            className={chip}
            href={`${webUrl}/requester/pool/${encodeURIComponent(poolId)}/assignments/${encodeURIComponent(assignmentId)}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {tr.rich("assignmentLink", { id: assignmentId, data })}
          </a>
        ) : (
          <span className={chip}>{tr.rich("assignment", { id: assignmentId, data })}</span>
        ))}
    </div>
  );
}

export interface ThreadViewProps {
  thread: ThreadDetail | undefined;
  loading: boolean;
  error: Error | null;
  onRetry(): void;
  onBack(): void;
  canWrite: boolean;
  webUrl: string;
  tab: string;
  onToggleImportant(t: ThreadDetail): void;
  onMarkUnread(t: ThreadDetail): void;
}

/**
 * A reply still being sent, as a message of ours: the text it shows, escaped (the sanitiser is the server's; what
 * Toloka sends back replaces it).
 */
function pendingMessage(text: Record<string, string>): ThreadDetail["messages"][number] {
  const escapeHtml = (s: string) => bodyToText(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br />");
  return {
    from: { role: "requester", id: "", myself: true },
    created: new Date().toISOString(),
    html: Object.fromEntries(Object.entries(text).map(([k, v]) => [k, escapeHtml(v)])),
  };
}

/** The open thread as a conversation, oldest first, with the reply box where replies are possible. */
export const ThreadView = forwardRef<ThreadViewHandle, ThreadViewProps>(function ThreadView(
  { thread: t, loading, error, onRetry, onBack, canWrite, webUrl, tab, onToggleImportant, onMarkUnread },
  handle,
) {
  const tr = useTranslations("thread.view");
  const tParty = useTranslations("common.party");
  const locale = useLocale();
  const replyRef = useRef<ReplyBoxHandle>(null);
  const [noting, setNoting] = useState(false);
  useImperativeHandle(handle, () => ({ focus: () => replyRef.current?.focus(), note: () => setNoting(true) }), []);
  const lastTyped = useRef(0);
  const id = t?.id ?? "";
  const team = useThreadTeam(id, !!t);
  const presence = usePresence(id, () => Date.now() - lastTyped.current < TYPING_MS, !!t);
  const qc = useQueryClient();
  const held = t?.messages.length;
  const upstream = presence.data?.messageCount;
  // A message arrived (a teammate's reply, the Toloker's answer) since the thread was read: read it again now.
  useEffect(() => {
    if (id && held !== undefined && upstream !== undefined && upstream > held) void qc.invalidateQueries({ queryKey: queryKeys.thread(id) });
  }, [id, held, upstream, qc]);
  const languages = useMemo(() => {
    if (!t) return [];
    const set = new Set<string>(Object.keys(t.topics));
    for (const m of t.messages) for (const l of Object.keys(m.html)) set.add(l);
    return [...set];
  }, [t]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const me = useCurrentUser();
  const pendingReplies = usePendingReplies(t?.id);
  const lang = chosen && languages.includes(chosen) ? chosen : languages.includes("EN") ? "EN" : languages[0];

  if (error) {
    return (
      <div className="p-6" data-testid="thread-error">
        <p className="text-sm text-red-800 dark:text-red-300">{tr("loadError", { message: error.message })}</p>
        <Button size="sm" className="mt-2" onClick={onRetry}>
          {tr("retry")}
        </Button>
      </div>
    );
  }
  if (loading || !t) {
    return (
      <div className="space-y-3 p-6" role="status" aria-busy="true" aria-label={tr("loading")}>
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-20 w-3/4" />
        <Skeleton className="ml-auto h-16 w-2/3" />
      </div>
    );
  }
  const pick = (m: Record<string, string>) => m[lang] ?? m.EN ?? Object.values(m)[0] ?? "";
  const hasTopic = !!pick(t.topics);
  const topic = pick(t.topics) || tr("noTopic");
  const tolokerId = t.otherParty.kind === "toloker" ? t.otherParty.id : undefined;
  const panelProps = tolokerId
    ? { tolokerId, pools: t.meta.poolId ? [t.meta.poolId] : [], projectId: t.meta.projectId, threadId: t.id, assignmentId: t.meta.assignmentId }
    : undefined;
  const replyLang = lang && /^[A-Z]{2}$/.test(lang) ? lang : "EN";
  return (
    <div className="flex h-full min-w-0">
      <article className="flex h-full min-w-0 flex-1 flex-col" aria-labelledby="thread-topic">
        <header className="border-b border-zinc-200 p-4 dark:border-zinc-800">
          {/* The topic has a line of its own, the whole width (beside Back on a narrow screen); the actions wrap on
            the line below it, so nothing squeezes the topic to a word a line or is drawn over it. */}
          <div className="flex items-start gap-2">
            <Button size="sm" variant="ghost" onClick={onBack} className="lg:hidden" aria-label={tr("backLabel")}>
              {tr("back")}
            </Button>
            <div className="min-w-0 flex-1 break-words">
              <h2 id="thread-topic" className="text-lg font-semibold" data-testid="thread-topic" translate={hasTopic ? "no" : undefined}>
                {topic}
              </h2>
              <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
                {t.otherParty.kind === "toloker" ? (
                  <>
                    {tr("toloker")} <CopyId id={t.otherParty.id} label={tr("tolokerIdLabel")} />
                  </>
                ) : (
                  <PartyName party={t.otherParty} />
                )}
                <span aria-hidden>·</span>
                <span>{tr("messageCount", { count: t.messageCount })}</span>
              </p>
              {t.parentId && (
                <p className="mt-1 text-sm">
                  <Link className="text-blue-700 underline dark:text-blue-400" href={`/messages/${tab}?thread=${t.parentId}`}>
                    {tr("parentLink")}
                  </Link>
                </p>
              )}
              <MetaLinks t={t} webUrl={webUrl} />
              <WorkflowBar threadId={t.id} workflow={team.data?.workflow ?? t.workflow} canWrite={canWrite} />
            </div>
          </div>
          {(languages.length > 1 || canWrite || tolokerId) && (
            <div className="mt-2 flex flex-wrap items-center gap-1">
              {languages.length > 1 && (
                <label className="mr-1 flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
                  {tr("language")}
                  <select
                    value={lang}
                    onChange={(e) => setChosen(e.target.value)}
                    className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
                  >
                    {languages.map((l) => (
                      <option key={l} translate="no">
                        {l}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {tolokerId && (
                <Button size="sm" variant="ghost" className="xl:hidden" onClick={() => setPanelOpen(true)} data-testid="open-toloker-panel">
                  {tr("tolokerPanel")}
                </Button>
              )}
              {canWrite && (
                <>
                  {t.otherParty.kind === "toloker" && <ComposeLauncher toloker={t.otherParty.id} />}
                  <Button size="sm" variant="ghost" aria-pressed={t.important} onClick={() => onToggleImportant(t)} title={tr("importantTitle")}>
                    <span aria-hidden className={t.important ? "text-amber-700 dark:text-amber-400" : ""}>
                      {t.important ? "★" : "☆"}
                    </span>
                    {t.important ? tr("important") : tr("markImportant")}
                  </Button>
                  <Button size="sm" variant="ghost" aria-pressed={noting} onClick={() => setNoting(!noting)} title={tr("noteTitle")} data-testid="add-note">
                    {tr("addNote")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onMarkUnread(t)}
                    disabled={t.unread || t.awaitingAnswer}
                    title={t.awaitingAnswer ? tr("nothingUnread") : tr("markUnreadTitle")}
                  >
                    {tr("markUnread")}
                  </Button>
                </>
              )}
            </div>
          )}
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto">
          {tolokerId && <LazyAppealCard threadId={t.id} canWrite={canWrite} lang={replyLang} />}
          <ol className="space-y-3 p-4" aria-label={tr("messages")} data-testid="messages">
            {timeline(t.messages, team.data?.events ?? [], pendingReplies.map(pendingMessage)).map((item, i) => {
              if (item.kind === "event") return <TimelineEntry key={item.e.id} e={item.e} />;
              const { m, pending } = item;
              {
                const mine = m.from.role === "requester";
                // Who on the team wrote a message we sent through the app (a reply still sending is the member's own).
                const author = m.sentBy ?? (pending && mine ? me : undefined);
                return (
                  <li key={`${m.created}-${i}`} className={`flex ${mine ? "justify-end" : "justify-start"}`} data-testid="message">
                    <div
                      className={`max-w-[85%] rounded-xl px-3 py-2 text-sm ${
                        mine ? "bg-blue-50 text-zinc-900 dark:bg-blue-950 dark:text-zinc-100" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                      } ${pending ? "opacity-60" : ""}`}
                    >
                      <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
                        <span className="font-medium">
                          {authorLabel(m.from, tParty)}
                          {author && (
                            <span data-testid="message-author" title={author.email} className="font-normal" translate="no">
                              {" · "}
                              {author.name}
                            </span>
                          )}
                        </span>
                        {/* The exact date and time in the thread (the list keeps relative times), how long ago on hover. */}
                        <time
                          dateTime={m.created}
                          title={pending ? undefined : `${relativeTime(m.created, locale)} · ${exactTime(m.created, locale)}`}
                          data-testid="message-time"
                        >
                          {pending ? tr("sending") : dateFormat(locale, "dateTime").format(new Date(m.created))}
                        </time>
                      </div>
                      {/* Sanitised on the server (lib/mailbox/sanitize.ts): only links and basic formatting. */}
                      <div
                        className="message-body"
                        translate="no"
                        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server with the one allowlist (lib/mailbox/sanitize.ts).
                        dangerouslySetInnerHTML={{ __html: pick(m.html) }}
                      />
                    </div>
                  </li>
                );
              }
            })}
          </ol>
        </div>
        <PresenceBar presence={presence.data} />
        {canWrite && noting && <NoteBox threadId={t.id} onDone={() => setNoting(false)} />}
        {canWrite && t.canReply ? (
          <ReplyBox
            ref={replyRef}
            threadId={t.id}
            topic={topic}
            defaultLang={replyLang}
            thread={t}
            onType={() => {
              const wasTyping = Date.now() - lastTyped.current < TYPING_MS;
              lastTyped.current = Date.now();
              // The first keystroke is said at once, not at the next beat.
              if (!wasTyping) void presence.refetch();
            }}
          />
        ) : (
          <p className="border-t border-zinc-200 p-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400" data-testid="reply-unavailable">
            {!t.canReply ? (t.replyBlocked ? tr(`replyBlocked.${t.replyBlocked}`) : t.replyBlockedReason) : tr("readOnly")}
          </p>
        )}
      </article>
      {panelProps && (
        <aside className="hidden w-64 shrink-0 overflow-y-auto border-l border-zinc-200 xl:block dark:border-zinc-800" data-testid="toloker-column">
          <LazyTolokerPanel key={panelProps.tolokerId} {...panelProps} />
        </aside>
      )}
      {panelProps && (
        <Dialog open={panelOpen} onClose={() => setPanelOpen(false)} title={tr("tolokerPanel")} className="xl:hidden">
          <LazyTolokerPanel {...panelProps} />
          <div className="flex justify-end px-4 pb-2">
            <Button onClick={() => setPanelOpen(false)}>{tr("close")}</Button>
          </div>
        </Dialog>
      )}
    </div>
  );
});

type Message = ThreadDetail["messages"][number];
type TimelineItem = { kind: "message"; m: Message; pending: boolean; at: string } | { kind: "event"; e: ThreadEvent; at: string };

/** The messages and the team's timeline in one list by time; replies still sending come last. */
function timeline(messages: Message[], events: ThreadEvent[], pending: Message[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...messages.map((m) => ({ kind: "message" as const, m, pending: false, at: m.created })),
    ...events.map((e) => ({ kind: "event" as const, e, at: e.at })),
  ];
  // Stable: a message and an event at the same time keep the messages first.
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return [...items, ...pending.map((m) => ({ kind: "message" as const, m, pending: true, at: m.created }))];
}

/** Who a send went to, with its filter's skills by name. */
function PartyName({ party }: { party: ThreadDetail["otherParty"] }) {
  return (
    <span data-testid="thread-party">
      <MarkedText text={usePartyLabel(party)} />
    </span>
  );
}
