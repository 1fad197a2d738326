"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { useTouched } from "@/components/ui/use-touched";
import { appendChild, parseFilterJson, removeNode, toFilter, updateNode, type BuilderGroup } from "@/lib/compose/builder";
import { describeFilterMarked, markedParts } from "@/lib/filters";
import { useSkills } from "@/lib/queries/compose";
import { GroupEditor, type TreeActions } from "./group-editor";

/** A filter in pasted JSON, as an example of what the field takes (code, not words). */
const JSON_EXAMPLE = '{"and": [{"category": "profile", "key": "languages", "operator": "IN", "value": "EN"}]}';

/**
 * The filter builder: nested "all of" / "any of" groups of conditions, each row checking its own value; under
 * it the filter in plain words and the exact JSON Toloka will get; pasted JSON is checked and fills the builder.
 * A row's or a group's problem shows once it was touched (left after a change, a condition removed from the
 * group) or the form was tried (`attempted`), as every field's in the app (`useTouched`).
 */
export function FilterBuilder({
  value,
  onChange,
  attempted = false,
}: {
  value: BuilderGroup;
  onChange: (root: BuilderGroup) => void;
  /** The enclosing form was submitted: every problem shows. */
  attempted?: boolean;
}) {
  const t = useTranslations("compose.filterBuilder");
  const words = useTranslations("compose.words");
  const locale = useLocale();
  const skills = useSkills();
  const today = useMemo(() => new Date(), []);
  const result = useMemo(() => toFilter(value, { today }), [value, today]);
  const touched = useTouched({ attempted });
  const errors = new Map(result.ok ? [] : result.errors.filter((e) => touched.shows(e.nodeId)).map((e) => [e.nodeId, e]));
  const skillNames = useMemo(() => Object.fromEntries((skills.data ?? []).map((s) => [s.id, s.name])), [skills.data]);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | null>(null);
  const jsonId = useId();
  const pasteId = useId();
  const pasteErrorId = useId();

  const actions: TreeActions = {
    change: (id, fn) => onChange(updateNode(value, id, fn)),
    remove: (id) => onChange(removeNode(value, id)),
    append: (groupId, node) => onChange(appendChild(value, groupId, node)),
    touch: touched.touch,
    watch: touched.field,
  };

  const applyJson = () => {
    const r = parseFilterJson(pasted, { today });
    if (!r.ok) {
      // The parser's and the schema's words are English only: another language says what, not where.
      setPasteError(locale === "en" ? r.message : t("errors.invalidJson"));
      return;
    }
    setPasteError(null);
    setPasting(false);
    setPasted("");
    onChange(r.root);
  };

  return (
    <div className="space-y-3" data-testid="filter-builder">
      <GroupEditor group={value} depth={0} errors={errors} actions={actions} />

      <div className="rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-900">
        <p className="font-medium">{t("inWords")}</p>
        <p data-testid="filter-description" aria-live="polite">
          {result.ok
            ? t.rich("matching", {
                // The skills' names, brands and unknown codes in it are data, not words: marked translate="no".
                filter: () =>
                  markedParts(describeFilterMarked(result.filter, { t: words, locale }, { skillNames })).map((part, i) =>
                    part.data ? (
                      <span key={i} translate="no">
                        {part.text}
                      </span>
                    ) : (
                      part.text
                    ),
                  ),
              })
            : value.children.length === 0
              ? t("addOne")
              : errors.size > 0
                ? t("fixMarked")
                : t("complete")}
        </p>
        {result.ok && (
          <>
            <p id={jsonId} className="mt-2 font-medium">
              {t("asJson")}
            </p>
            <pre
              translate="no"
              tabIndex={0}
              role="region"
              aria-labelledby={jsonId}
              data-testid="filter-json"
              className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs dark:bg-zinc-950"
            >
              {JSON.stringify(result.filter, null, 2)}
            </pre>
          </>
        )}
      </div>

      {pasting ? (
        <div className="space-y-2">
          <label htmlFor={pasteId} className="block text-sm font-medium">
            {t("jsonToUse")}
          </label>
          <textarea
            id={pasteId}
            translate="no"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            rows={5}
            spellCheck={false}
            aria-invalid={pasteError !== null || undefined}
            aria-describedby={pasteError ? pasteErrorId : undefined}
            placeholder={JSON_EXAMPLE}
            className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
          />
          {pasteError && (
            <p id={pasteErrorId} className="text-xs text-red-700 dark:text-red-400">
              {t("notAFilter", { error: pasteError })}
            </p>
          )}
          <div className="flex gap-2">
            <Button variant="primary" size="sm" onClick={applyJson}>
              {t("useJson")}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setPasting(false);
                setPasteError(null);
              }}
            >
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <LinkButton tone="accent" className="text-sm" onClick={() => setPasting(true)}>
          {t("paste")}
        </LinkButton>
      )}
    </div>
  );
}
