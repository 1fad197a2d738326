"use client";

import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

const SHORTCUTS: Array<[string, string]> = [
  ["j / k", "Next / previous thread"],
  ["o or Enter", "Open the thread"],
  ["r", "Reply"],
  ["s", "Important on / off"],
  ["u", "Mark as unread"],
  ["e", "Back to the list"],
  ["/", "Search"],
  ["?", "This list"],
];

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([k, what]) => (
          <div key={k} className="contents">
            <dt>
              {k
                .split(" ")
                .map((part, i, all) => (all.length > 1 && (part === "/" || part === "or") ? <span key={i}> {part} </span> : <Kbd key={i}>{part}</Kbd>))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
