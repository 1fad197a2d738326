"use client";

import { useTranslations } from "next-intl";
import { Fragment, type ReactNode } from "react";
import { Chip } from "@/components/ui/chip";
import { findContacts, languageMismatch, type CheckInput, type ComposeWarning, type TextFix } from "@/lib/compose/checks";
import type { WarningCode } from "@/lib/schemas/compose";

type WarningWords = ReturnType<typeof useTranslations<"compose.warnings">>;

/** Above this many recipients a send gets a warning (lib/compose/checks.ts), and its batches' size. */
const MANY_RECIPIENTS = 1_000;
const BATCH = 100;

/** A piece of the requester's message (a link, an address, a language code): not ours to translate. */
const Data = ({ children }: { children: ReactNode }) => <span translate="no">{children}</span>;

/** "A", "A and B", "A, B and C", in the reader's language. */
function listOf(items: ReactNode[], t: WarningWords): ReactNode {
  if (items.length <= 1) return items[0] ?? null;
  const head = items.slice(0, -1).map((item, i) => (
    <Fragment key={i}>
      {i > 0 && ", "}
      {item}
    </Fragment>
  ));
  return t.rich("andList", { head: () => head, last: () => items[items.length - 1] });
}

const data = (chunks: ReactNode) => <Data>{chunks}</Data>;

/**
 * A warning's heading and text in the reader's language. lib/compose/checks.ts finds the warnings (the server runs
 * it again at send time, in English); here each is worded again from its code and what the check looked at, so the
 * English reads exactly as checks.ts has it.
 */
function wordsOf(w: ComposeWarning, input: CheckInput, t: WarningWords): { title: string; message: ReactNode } {
  switch (w.code) {
    case "contacts": {
      const found = [input.topic, input.text].flatMap((map) => Object.values(map).flatMap((v) => findContacts(v)));
      const kinds = (["email", "phone", "messenger"] as const).filter((k) => found.some((c) => c.kind === k)).map((k) => t(`contacts.${k}`));
      return { title: t("contacts.title"), message: t.rich("contacts.message", { kinds: () => listOf(kinds, t) }) };
    }
    case "requester-link": {
      const links = [...new Set((w.fixes ?? []).map((f) => f.to))];
      const shown = links.length > 0 ? links : [`https://toloka.ai/tasks?projectId=<${t("requesterLink.projectId")}>`];
      return {
        title: t("requesterLink.title"),
        message: t.rich("requesterLink.message", { links: () => <Data>{shown.join(", ")}</Data> }),
      };
    }
    case "html":
      return { title: t("html.title"), message: t.rich("html.message", { found: () => <Data>{w.findings.slice(0, 3).join(", ")}</Data> }) };
    case "many-recipients": {
      const count = input.recipients.type === "DIRECT" ? input.recipients.count : 0;
      return {
        title: t("manyRecipients.title", { count }),
        message: t("manyRecipients.message", { count, limit: MANY_RECIPIENTS, batches: Math.ceil(count / BATCH), size: BATCH }),
      };
    }
    case "all-today":
      return { title: t("allToday.title"), message: t("allToday.message", { time: input.allSentToday?.at.slice(11, 16) ?? "" }) };
    case "deprecated-skill": {
      const names = (input.filterSkills ?? []).filter((k) => k.deprecated).map((k) => k.name);
      return {
        title: t("deprecatedSkill.title", { count: names.length }),
        message: t.rich("deprecatedSkill.message", {
          count: names.length,
          names: () =>
            listOf(
              names.map((name) => <Data key={name}>{t("deprecatedSkill.quoted", { name })}</Data>),
              t,
            ),
        }),
      };
    }
    case "languages-differ": {
      const { topicOnly, textOnly } = languageMismatch(input.topic, input.text);
      return {
        title: t("languagesDiffer.title"),
        message: t.rich("languagesDiffer.message", {
          which: topicOnly.length > 0 && textOnly.length > 0 ? "both" : topicOnly.length > 0 ? "topic" : "text",
          topicCount: topicOnly.length,
          textCount: textOnly.length,
          topicLangs: () => data(topicOnly.join(", ")),
          textLangs: () => data(textOnly.join(", ")),
        }),
      };
    }
    default:
      // A code this list does not word yet: what the check said.
      return { title: w.title, message: w.message };
  }
}

/** The pre-send warnings: each says what was found and why it matters; the requester fixes it or sends anyway. */
export function WarningsList({
  warnings,
  input,
  acknowledged,
  onAcknowledge,
  onFix,
}: {
  warnings: ComposeWarning[];
  /** What the warnings were found in (composeWarnings' input): their words are made from it. */
  input: CheckInput;
  acknowledged: ReadonlySet<WarningCode>;
  onAcknowledge: (code: WarningCode, yes: boolean) => void;
  onFix: (fix: TextFix) => void;
}) {
  const t = useTranslations("compose.warnings");
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="compose-warnings-title" data-testid="compose-warnings" className="min-w-0 space-y-2">
      <h3 id="compose-warnings-title" className="text-sm font-semibold">
        {t("heading", { count: warnings.length })}
      </h3>
      <ul className="space-y-2">
        {warnings.map((w) => {
          const { title, message } = wordsOf(w, input, t);
          return (
            <li
              key={w.code}
              data-testid={`warning-${w.code}`}
              className="min-w-0 break-words rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950/30"
            >
              <p className="font-medium text-amber-950 dark:text-amber-100">{title}</p>
              <p className="text-amber-900 dark:text-amber-200">{message}</p>
              {w.findings.length > 0 && (
                <p className="mt-1 flex flex-wrap gap-1">
                  {w.findings.map((f) => (
                    <code key={f} translate="no" className="break-all rounded bg-white px-1 text-xs dark:bg-zinc-900">
                      {f}
                    </code>
                  ))}
                </p>
              )}
              {w.fixes?.map((fix) => (
                <Chip key={`${fix.lang}-${fix.field}-${fix.from}`} tone="warning" onClick={() => onFix(fix)} className="mt-1 mr-2">
                  {t.rich("useInstead", { to: fix.to, lang: fix.lang, url: data })}
                </Chip>
              ))}
              <label className="mt-1 flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={acknowledged.has(w.code)}
                  onChange={(e) => onAcknowledge(w.code, e.target.checked)}
                  aria-label={t("sendAnywayLabel", { title })}
                />
                <span>{t("sendAnyway")}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
