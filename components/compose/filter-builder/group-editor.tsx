"use client";

import { useLocale, useTranslations } from "next-intl";
import { builderErrorText } from "./fields";
import { Button } from "@/components/ui/button";
import type { FieldWatch } from "@/components/ui/use-touched";
import { CONDITION_KINDS, newCondition, newGroup, type BuilderError, type BuilderGroup, type BuilderNode, type ConditionKind } from "@/lib/compose/builder";
import { ConditionRow } from "./condition-row";

export interface TreeActions {
  change: (id: string, fn: (node: BuilderNode) => BuilderNode) => void;
  remove: (id: string) => void;
  append: (groupId: string, node: BuilderNode) => void;
  /** A group or a row was touched: its problem shows from now on. */
  touch: (id: string) => void;
  /** What a group's or a row's container spreads, to report that it was touched. */
  watch: (id: string) => FieldWatch;
}

/** A group: "all of" or "any of" its conditions and groups, which may nest. */
export function GroupEditor({
  group,
  depth,
  errors,
  actions,
  parentId,
}: {
  group: BuilderGroup;
  depth: number;
  /** The problems that show (of the touched rows and groups, or all after a try to send). */
  errors: Map<string, BuilderError>;
  actions: TreeActions;
  /** The group this one is in (none for the root). */
  parentId?: string;
}) {
  const t = useTranslations("compose.filterBuilder");
  const locale = useLocale();
  const ownError = errors.get(group.id);
  const errorId = `${group.id}-error`;
  return (
    <div
      role="group"
      aria-label={depth === 0 ? t("rootGroup", { op: group.op }) : t("nestedGroup", { op: group.op })}
      aria-describedby={ownError ? errorId : undefined}
      {...actions.watch(group.id)}
      data-testid="filter-group"
      className={`space-y-2 rounded-md border p-2 ${depth === 0 ? "border-zinc-300 dark:border-zinc-700" : "border-dashed border-blue-300 bg-blue-50/40 dark:border-blue-800 dark:bg-blue-950/20"}`}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{depth === 0 ? t("rootMatch") : t("nestedMatch")}</span>
        <select
          aria-label={depth === 0 ? t("rootOp") : t("nestedOp")}
          value={group.op}
          onChange={(e) => actions.change(group.id, (g) => ({ ...(g as BuilderGroup), op: e.target.value as "and" | "or" }))}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="and">{t("allOf")}</option>
          <option value="or">{t("anyOf")}</option>
        </select>
        <span>{t("these")}</span>
        {depth > 0 && (
          <Button
            variant="ghost"
            size="xs"
            onClick={() => {
              if (parentId) actions.touch(parentId);
              actions.remove(group.id);
            }}
            className="ml-auto"
          >
            {t("removeGroup")}
          </Button>
        )}
      </div>
      {group.children.length === 0 && <p className="text-sm text-zinc-500">{t("noConditions")}</p>}
      <ul className="space-y-2">
        {group.children.map((child) => (
          <li key={child.id}>
            {child.type === "group" ? (
              <GroupEditor group={child} depth={depth + 1} errors={errors} actions={actions} parentId={group.id} />
            ) : (
              <ConditionRow
                row={child}
                error={errors.get(child.id)}
                onChange={(fields) => actions.change(child.id, (n) => ({ ...n, fields }) as BuilderNode)}
                onRemove={() => {
                  // Emptying a group by hand is touching it: "add a condition to this group, or remove it" shows.
                  actions.touch(group.id);
                  actions.remove(child.id);
                }}
                watch={actions.watch(child.id)}
              />
            )}
          </li>
        ))}
      </ul>
      {ownError && (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-400">
          {builderErrorText(ownError, t, locale)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={depth === 0 ? t("addCondition") : t("addConditionToGroup")}
          // The group's own problem has no field: a refused send brings the focus here, where it is fixed.
          data-focus-on-error={ownError ? "" : undefined}
          value=""
          onChange={(e) => {
            if (e.target.value) actions.append(group.id, newCondition(e.target.value as ConditionKind));
          }}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">{t("addConditionOption")}</option>
          {CONDITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        <Button variant="secondary" size="sm" onClick={() => actions.append(group.id, newGroup(group.op === "and" ? "or" : "and"))}>
          {depth === 0 ? t("addGroup") : t("addGroupInside")}
        </Button>
      </div>
    </div>
  );
}
