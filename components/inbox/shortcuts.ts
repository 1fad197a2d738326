/**
 * The inbox's keyboard shortcuts, in one table: the key handler (`use-shortcuts.ts`) dispatches from it and the
 * help sheet (`shortcuts-help.tsx`) lists it, so the two cannot disagree. Each row is one line of the help sheet:
 * its keys (as `KeyboardEvent.key`), each with the action it runs, and what the line says. A row whose keys run
 * one action lists them as alternatives ("o or Enter"); a row whose keys run different actions lists them as a
 * pair ("j / k"). The inbox gives every action a handler (`ShortcutHandlers`): the type checker refuses a row
 * without one, and a handler without a row. `description` is the line in English; the sheet shows it in the page's
 * language, from `inbox.shortcuts.actions.<first action of the row>` (`shortcutKey`), which shortcuts.test.ts
 * holds to the same English.
 */
export const SHORTCUTS = [
  {
    keys: [
      ["j", "next"],
      ["k", "previous"],
    ],
    description: "Next / previous thread",
  },
  {
    keys: [
      ["o", "open"],
      ["Enter", "open"],
    ],
    description: "Open the thread",
  },
  { keys: [["r", "reply"]], description: "Reply" },
  { keys: [["s", "toggleImportant"]], description: "Important on / off" },
  { keys: [["u", "markUnread"]], description: "Mark as unread" },
  { keys: [["x", "toggleChecked"]], description: "Select the thread for a bulk change" },
  { keys: [["a", "assignSelf"]], description: "Assign the open thread to me" },
  { keys: [["d", "toggleDone"]], description: "Done / reopen the open thread" },
  { keys: [["n", "note"]], description: "Add an internal note to the open thread" },
  { keys: [["e", "back"]], description: "Back to the list" },
  { keys: [["/", "search"]], description: "Search" },
  { keys: [["?", "help"]], description: "This list" },
] as const satisfies readonly Shortcut[];

interface Shortcut {
  keys: readonly (readonly [key: string, action: string])[];
  description: string;
}

type Row = (typeof SHORTCUTS)[number];

/** What a shortcut does, by name; the inbox maps each to a function. */
export type ShortcutAction = Row["keys"][number][1];

export type ShortcutHandlers = Record<ShortcutAction, () => void>;

const BY_KEY: ReadonlyMap<string, ShortcutAction> = new Map(SHORTCUTS.flatMap((row): Row["keys"][number][] => [...row.keys]));

/** The action a key runs, or undefined for a key that is no shortcut. */
export function shortcutAction(key: string): ShortcutAction | undefined {
  return BY_KEY.get(key);
}

/** How the help sheet joins a row's keys: "or" between alternatives, "/" between a pair of different actions. */
export function keysJoiner(row: Row): "or" | "/" {
  return new Set(row.keys.map(([, action]) => action)).size === 1 ? "or" : "/";
}

/** The row's line in the messages: `inbox.shortcuts.actions.<this>`, its first key's action (unique per row). */
export function shortcutKey(row: Row): Row["keys"][0][1] {
  return row.keys[0][1];
}
