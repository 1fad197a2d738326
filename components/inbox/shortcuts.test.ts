import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { keysJoiner, SHORTCUTS, type ShortcutAction, type ShortcutHandlers, shortcutAction, shortcutKey } from "./shortcuts";

/** A help line as the sheet shows it: the keys with their joiner, and the description. */
const helpLines = () => SHORTCUTS.map((row) => [row.keys.map(([key]) => key).join(` ${keysJoiner(row)} `), row.description]);

describe("the keyboard shortcuts table", () => {
  it("gives the help sheet its lines, in order", () => {
    expect(helpLines()).toEqual([
      ["j / k", "Next / previous thread"],
      ["o or Enter", "Open the thread"],
      ["r", "Reply"],
      ["s", "Important on / off"],
      ["u", "Mark as unread"],
      ["x", "Select the thread for a bulk change"],
      ["a", "Assign the open thread to me"],
      ["d", "Done / reopen the open thread"],
      ["n", "Add an internal note to the open thread"],
      ["e", "Back to the list"],
      ["/", "Search"],
      ["?", "This list"],
    ]);
  });

  it("names each line in the messages, the English messages saying what the table says", () => {
    const keys = SHORTCUTS.map(shortcutKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(MESSAGES.en.inbox.shortcuts.actions).sort()).toEqual([...keys].sort());
    for (const row of SHORTCUTS) expect(MESSAGES.en.inbox.shortcuts.actions[shortcutKey(row)], row.description).toBe(row.description);
  });

  it("sends every key the help sheet lists to its row's action, and binds no key twice", () => {
    const keys = SHORTCUTS.flatMap((row) => row.keys.map(([key]) => key));
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of SHORTCUTS) for (const [key, action] of row.keys) expect(shortcutAction(key), key).toBe(action);
  });

  it("reaches every handler the inbox must give, each from a key of the help sheet", () => {
    const ran: ShortcutAction[] = [];
    // Typed as the hook's argument: an action without a row, or a row without a handler, fails the type check.
    const handlers: ShortcutHandlers = {
      next: () => ran.push("next"),
      previous: () => ran.push("previous"),
      open: () => ran.push("open"),
      reply: () => ran.push("reply"),
      toggleImportant: () => ran.push("toggleImportant"),
      markUnread: () => ran.push("markUnread"),
      toggleChecked: () => ran.push("toggleChecked"),
      assignSelf: () => ran.push("assignSelf"),
      toggleDone: () => ran.push("toggleDone"),
      note: () => ran.push("note"),
      back: () => ran.push("back"),
      search: () => ran.push("search"),
      help: () => ran.push("help"),
    };
    for (const row of SHORTCUTS) for (const [key] of row.keys) handlers[shortcutAction(key)!]();
    expect(new Set(ran)).toEqual(new Set(Object.keys(handlers)));
  });

  it("leaves other keys alone, case and all", () => {
    for (const key of ["z", "X", "J", "O", "Escape", "Tab", " ", "ArrowDown", ""]) expect(shortcutAction(key), key).toBeUndefined();
  });
});
