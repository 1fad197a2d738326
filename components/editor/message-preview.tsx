"use client";

import { useLocale, useTranslations } from "next-intl";
import { createElement, useId, useMemo, useState, type ReactNode } from "react";
import { bodyToHtml } from "@/lib/compose/body-format";
import { languageName } from "@/lib/filters/catalog";
import { isAllowedHref, MESSAGE_TAGS } from "@/lib/schemas/message-html";
import { Tab } from "@/components/ui/tab";
import { cn } from "@/components/ui/cn";

const ALLOWED: ReadonlySet<string> = new Set(MESSAGE_TAGS);
/** Elements whose content is not text a reader sees (the sanitiser drops them with their content). */
const DROPPED = new Set(["script", "style", "template", "noscript", "textarea", "option", "title", "head", "iframe", "object", "svg", "math"]);

type View = "web" | "mobile";

type PreviewWords = ReturnType<typeof useTranslations<"compose.editor.preview">>;

/**
 * A body as React elements, by the one allowlist (lib/schemas/message-html.ts): what is on it is kept, a link
 * only with an href it allows, anything else is unwrapped to its text, and an image becomes a note that it is not
 * shown. Parsed in an inert document (DOMParser runs no script and loads nothing), rendered without innerHTML.
 */
function render(node: Node, key: string, t: PreviewWords): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (DROPPED.has(tag)) return null;
  if (tag === "img" || tag === "picture" || tag === "video" || tag === "audio") {
    return (
      <span key={key} data-testid="preview-image-removed" className="mx-0.5 rounded border border-dashed border-zinc-400 px-1 text-xs text-zinc-500">
        {tag === "img" || tag === "picture" ? t("imageRemoved") : t("mediaRemoved", { tag })}
      </span>
    );
  }
  const children = [...el.childNodes].map((c, i) => render(c, `${key}.${i}`, t));
  if (!ALLOWED.has(tag)) return children;
  if (tag === "br") return <br key={key} />;
  if (tag === "a") {
    const href = el.getAttribute("href");
    return href && isAllowedHref(href) ? (
      <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      children
    );
  }
  return createElement(tag, { key }, ...children);
}

function Body({ body }: { body: string }) {
  const t = useTranslations("compose.editor.preview");
  const nodes = useMemo(() => {
    const doc = new DOMParser().parseFromString(bodyToHtml(body), "text/html");
    return [...doc.body.childNodes].map((n, i) => render(n, String(i), t));
  }, [body, t]);
  // The message is the requester's text, not the interface's.
  return (
    <div translate="no" className="message-body">
      {nodes}
    </div>
  );
}

/**
 * The message as a Toloker gets it, in Toloka's web view and in its mobile app (a phone's width, no images): the
 * subject and text of one language, with only the formatting that reaches them. Our rendering, not Toloka's: the
 * fonts and colours are ours; what is kept and what is dropped is the same rule the sanitiser and the check use.
 */
export function MessagePreview({ topic, body, lang }: { topic: string; body: string; lang: string }) {
  const t = useTranslations("compose.editor.preview");
  const locale = useLocale();
  const [view, setView] = useState<View>("web");
  const base = useId();
  const empty = !body.trim();
  return (
    <section
      aria-label={t("label", { lang, name: languageName(lang, locale) ?? lang })}
      data-testid="message-preview"
      className="mt-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
    >
      <div role="tablist" aria-label={t("as")} className="flex flex-wrap items-center gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {(["web", "mobile"] as const).map((v) => (
          <Tab key={v} selected={view === v} id={`${base}-${v}`} aria-controls={`${base}-panel`} onClick={() => setView(v)}>
            {v === "web" ? t("web") : t("mobile")}
          </Tab>
        ))}
        <span className="ml-auto text-xs text-zinc-500">{t.rich("readsIn", { lang, data: (chunks) => <span translate="no">{chunks}</span> })}</span>
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${view}`} className="pt-2">
        <div
          data-testid={`preview-${view}`}
          className={cn(
            "min-w-0 rounded-md bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100",
            view === "web" ? "p-4 text-sm" : "mx-auto w-full max-w-[22.5rem] rounded-2xl border-4 border-zinc-300 p-3 text-base dark:border-zinc-700",
          )}
        >
          <p className={cn("font-semibold", view === "mobile" && "text-base")}>
            {topic.trim() ? <span translate="no">{topic.trim()}</span> : <span className="text-zinc-500">{t("noSubject")}</span>}
          </p>
          <div className="mt-2">{empty ? <p className="text-zinc-500">{t("noText")}</p> : <Body body={body} />}</div>
        </div>
        <p className="mt-1 text-xs text-zinc-500">{view === "web" ? t("webNote") : t("mobileNote")}</p>
      </div>
    </section>
  );
}
