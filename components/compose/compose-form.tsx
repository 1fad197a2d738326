"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { toFilter, type BuilderGroup } from "@/lib/compose/builder";
import { composeWarnings, type CheckInput, type TextFix } from "@/lib/compose/checks";
import type { WarningCode } from "@/lib/schemas/compose";
import { filterSkillIds, type RecipientFilter } from "@/lib/filters";
import { parseTolokerIds } from "@/lib/compose/ids";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { createDraft, deleteDraft, saveDraft, useComposeStatus, useSendMutation, useSkills } from "@/lib/queries/compose";
import type { DraftContent, SendBody } from "@/lib/schemas/compose";
import { isBlankBody } from "@/lib/schemas/message-html";
import type { JobDto } from "@/lib/schemas/jobs";
import { LanguageTabs } from "./language-tabs";
import { SavedReplyPicker } from "@/components/inbox/saved-reply-picker";
import { useCurrentUser } from "@/components/auth/current-user";
import { bodyToHtml } from "@/lib/compose/body-format";
import { RecipientsField } from "./recipients-field";
import { WarningsList } from "./warnings-list";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { useTouched } from "@/components/ui/use-touched";

/** How long after the last keystroke a draft is saved. */
const AUTOSAVE_MS = 700;

export function blankContent(tolokerId?: string): DraftContent {
  return {
    languages: [{ lang: "EN", topic: "", text: "" }],
    answerable: true,
    recipients: { mode: "ids", idsText: tolokerId ?? "" },
  };
}

/** The names of the skills `filter` names, from the picker's list; undefined when it names none the list knows. */
function pickNames(filter: RecipientFilter, names: Record<string, string>): Record<string, string> | undefined {
  const kept = filterSkillIds(filter).filter((id) => Object.hasOwn(names, id));
  return kept.length > 0 ? Object.fromEntries(kept.map((id) => [id, names[id]])) : undefined;
}

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string };

interface FormErrors {
  topic?: string;
  text?: string;
  ids?: string;
  filter?: string;
  all?: string;
  warnings?: string;
}

/**
 * The compose form: subject and text per language, "Allows replies", recipients, the pre-send warnings, and a
 * draft saved on the server as the requester types (restored after a reload, kept when a send fails).
 */
export function ComposeForm({
  initial,
  onSent,
  onDiscarded,
  onCancel,
  headerExtra,
}: {
  initial: { draftId: string | null; content: DraftContent; fromJobId?: string };
  onSent: (job: JobDto) => void;
  onDiscarded: () => void;
  onCancel: () => void;
  headerExtra?: React.ReactNode;
}) {
  const t = useTranslations("compose.form");
  const locale = useLocale();
  const [content, setContent] = useState<DraftContent>(initial.content);
  const [active, setActive] = useState(initial.content.languages[0]?.lang ?? "EN");
  const [acknowledged, setAcknowledged] = useState<Set<WarningCode>>(new Set());
  const [allConfirmed, setAllConfirmed] = useState(false);
  // Which of the errors below show: a field's once it was left after a change, all of them after a try to send.
  const touched = useTouched();
  const [sendError, setSendError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const status = useComposeStatus(true);
  const send = useSendMutation();
  const skills = useSkills();
  const me = useCurrentUser();
  const [picking, setPicking] = useState(false);

  // Saves run one after another, so a draft is created once and later saves update it.
  const draftId = useRef<string | null>(initial.draftId);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(content);
  const dirty = useRef(false);
  const discarded = useRef(false);

  const persist = useCallback((): Promise<string | null> => {
    const next = chain.current.then(async () => {
      if (discarded.current) return null;
      if (!dirty.current && draftId.current) return draftId.current;
      dirty.current = false;
      setSave({ kind: "saving" });
      const body = latest.current;
      try {
        if (draftId.current) {
          try {
            await saveDraft(draftId.current, body);
          } catch (e) {
            // Deleted elsewhere (sent from another tab, discarded): keep what is on screen as a new draft.
            if (!(e instanceof ApiClientError && e.status === 404)) throw e;
            draftId.current = (await createDraft(body)).id;
          }
        } else {
          draftId.current = (await createDraft(body)).id;
        }
        setSave({ kind: "saved", at: new Date() });
        return draftId.current;
      } catch (e) {
        dirty.current = true;
        setSave({ kind: "error", message: e instanceof Error ? e.message : String(e) });
        return null;
      }
    });
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  const update = (next: DraftContent) => {
    setContent(next);
    latest.current = next;
    dirty.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void persist(), AUTOSAVE_MS);
  };

  // Save what is pending when the form goes away (the dialog closes): nothing typed is lost.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current && !discarded.current) void persist();
    },
    [persist],
  );

  const parsedIds = useMemo(() => (content.recipients.mode === "ids" ? parseTolokerIds(content.recipients.idsText) : null), [content.recipients]);
  const filterResult = useMemo(
    () =>
      content.recipients.mode === "filter" && content.recipients.filter ? toFilter(content.recipients.filter as BuilderGroup, { today: new Date() }) : null,
    [content.recipients],
  );
  const topic = Object.fromEntries(content.languages.filter((l) => l.topic.trim()).map((l) => [l.lang, l.topic.trim()]));
  const text = Object.fromEntries(content.languages.filter((l) => !isBlankBody(l.text)).map((l) => [l.lang, l.text.trim()]));
  const mode = content.recipients.mode;
  const checkInput: CheckInput = {
    topic,
    text,
    recipients: mode === "ids" ? { type: "DIRECT", count: parsedIds?.ids.length ?? 0 } : mode === "filter" ? { type: "FILTER" } : { type: "ALL" },
    allSentToday: status.data?.allSentToday ?? null,
    filterSkills: filterResult?.ok && skills.data ? skills.data.filter((k) => filterSkillIds(filterResult.filter).includes(k.id)) : [],
  };
  const warnings = composeWarnings(checkInput);
  const unacknowledged = warnings.filter((w) => !acknowledged.has(w.code));

  const applyFix = (fix: TextFix) => {
    update({
      ...content,
      languages: content.languages.map((l) => (l.lang === fix.lang ? { ...l, [fix.field]: l[fix.field].split(fix.from).join(fix.to) } : l)),
    });
  };

  const validate = (): { body?: SendBody; errors: FormErrors } => {
    const e: FormErrors = {};
    if (Object.keys(topic).length === 0) e.topic = t("topicMissing");
    if (Object.keys(text).length === 0) e.text = t("textMissing");
    let recipients: SendBody["recipients"] | undefined;
    if (mode === "ids") {
      if (parsedIds!.invalid.length > 0) e.ids = t("idsInvalid", { count: parsedIds!.invalid.length });
      else if (parsedIds!.ids.length === 0) e.ids = t("idsMissing");
      else recipients = { type: "DIRECT", ids: parsedIds!.ids };
    } else if (mode === "filter") {
      if (!filterResult?.ok) e.filter = t("filterInvalid");
      else recipients = { type: "FILTER", filter: filterResult.filter };
    } else {
      if (!allConfirmed) e.all = t("allUnconfirmed");
      else recipients = { type: "ALL" };
    }
    if (unacknowledged.length > 0) e.warnings = t("warningsUnread", { count: unacknowledged.length });
    if (Object.keys(e).length > 0 || !recipients) return { errors: e };
    // The skills by the names the requester picked them by, so the send reads afterwards as they wrote it.
    const skillNames =
      recipients.type === "FILTER" && skills.data ? Object.fromEntries(skills.data.filter((s) => s.name.trim()).map((s) => [s.id, s.name])) : undefined;
    const named = skillNames && recipients.type === "FILTER" ? pickNames(recipients.filter, skillNames) : undefined;
    return {
      errors: e,
      body: { topic, text, answerable: content.answerable, recipients, acknowledge: warnings.map((w) => w.code), ...(named ? { skillNames: named } : {}) },
    };
  };

  // Worked out on every render, so an error that shows follows what is typed and goes once it is fixed.
  const checked = validate();
  const errors = touched.errors(checked.errors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSendError(null);
    const { body, errors: e } = checked;
    touched.attempt();
    if (!body) {
      if (e.topic || e.text) {
        const missing = content.languages.find((l) => !l.topic.trim() || isBlankBody(l.text));
        if (missing) setActive(missing.lang);
      }
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    const id = await persist();
    try {
      const job = await send.mutateAsync({ ...body, ...(id ? { draftId: id } : {}) });
      discarded.current = true;
      onSent(job);
    } catch (err) {
      // The draft stays on the server and on screen; say what went wrong.
      setSendError(err instanceof Error ? err.message : String(err));
    }
  };

  const discard = async () => {
    if (timer.current) clearTimeout(timer.current);
    discarded.current = true;
    await chain.current;
    if (draftId.current) await deleteDraft(draftId.current).catch(() => undefined);
    onDiscarded();
  };

  // The summary under the form is the answer to a try to send; before one, only the fields' own errors show.
  // A saved reply's variables: the member's name, and the Toloker's id when the message is to exactly one.
  const ids = content.recipients.mode === "ids" ? parseTolokerIds(content.recipients.idsText).ids : [];
  const variables = { member_name: me.name, toloker_id: ids.length === 1 ? ids[0] : undefined };
  /** A saved reply goes after what is written in its language (the language added if need be). */
  const insertSaved = (body: string, lang: string) => {
    setPicking(false);
    const html = bodyToHtml(body);
    const has = content.languages.some((l) => l.lang === lang);
    const languages = has
      ? content.languages.map((l) => (l.lang === lang ? { ...l, text: isBlankBody(l.text) ? html : `${l.text}${html}` } : l))
      : [...content.languages, { lang, topic: "", text: html }];
    update({ ...content, languages });
    setActive(lang);
  };

  const errorList = touched.attempted ? (Object.values(errors).filter(Boolean) as string[]) : [];

  return (
    <form
      ref={touched.ref}
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      aria-describedby={errorList.length ? "compose-errors" : undefined}
      onKeyDown={(e) => {
        // Ctrl/Cmd+Shift+S: the team's saved replies, from anywhere in the form (as in a reply).
        if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === "s") {
          e.preventDefault();
          setPicking(true);
        }
      }}
    >
      {headerExtra}
      {initial.fromJobId && (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950/30 dark:text-amber-100">{t("fromFailedSend", { mode })}</p>
      )}
      <LanguageTabs
        languages={content.languages}
        active={active}
        onActive={setActive}
        onChange={(languages) => update({ ...content, languages })}
        errors={{ topic: errors.topic, text: errors.text }}
        watch={{ topic: touched.field("topic"), text: touched.field("text") }}
      />
      <div className="-mt-3">
        <Button size="sm" variant="ghost" onClick={() => setPicking(true)} title={t("savedRepliesTitle")} data-testid="compose-saved-replies">
          {t("savedReplies")}
        </Button>
      </div>
      <SavedReplyPicker open={picking} onClose={() => setPicking(false)} lang={active} values={variables} onPick={insertSaved} />

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={content.answerable} onChange={(e) => update({ ...content, answerable: e.target.checked })} />
        {t("allowsReplies")}
      </label>

      <RecipientsField
        value={content.recipients}
        onChange={(recipients) => update({ ...content, recipients })}
        allConfirmed={allConfirmed}
        onAllConfirmed={setAllConfirmed}
        errors={{ ids: errors.ids, filter: errors.filter, all: errors.all }}
        touched={touched}
      />

      <WarningsList
        warnings={warnings}
        input={checkInput}
        acknowledged={acknowledged}
        onAcknowledge={(code, yes) =>
          setAcknowledged((prev) => {
            const next = new Set(prev);
            if (yes) next.add(code);
            else next.delete(code);
            return next;
          })
        }
        onFix={applyFix}
      />

      {errorList.length > 0 && (
        <div
          id="compose-errors"
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/30 dark:text-red-200"
        >
          <p className="font-medium">{t("notSentYet")}</p>
          <ul className="list-disc pl-5">
            {errorList.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {sendError && (
        <p
          role="alert"
          data-testid="send-error"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/30 dark:text-red-200"
        >
          {t("notSent", { error: sendError })}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <span data-testid="draft-status" className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {save.kind === "saving" && t("saving")}
          {save.kind === "saved" && t("saved", { time: save.at.toLocaleTimeString(locale) })}
          {save.kind === "error" && t("notSaved", { error: save.message })}
          {save.kind === "idle" && (initial.draftId ? t("restored") : "")}
        </span>
        <LinkButton tone="muted" className="ml-auto text-sm" onClick={() => void discard()}>
          {t("discardDraft")}
        </LinkButton>
        <Button variant="secondary" size="sm" onClick={onCancel}>
          {t("close")}
        </Button>
        <Button variant="primary" size="sm" type="submit" disabled={send.isPending}>
          {send.isPending ? t("sending") : t("send")}
        </Button>
      </div>
    </form>
  );
}
