/**
 * The marks a filter's description puts around data (a skill's name, a brand, a code no table knows), so a page
 * can show those pieces translate="no" (lib/filters/describe.ts `describeFilterMarked`). Private-use characters:
 * never in a filter's own text. No zod here: the inbox's first view reads marked labels (use-party-label.ts).
 */
const DATA_OPEN = "\uE000";
const DATA_CLOSE = "\uE001";
const MARKS = /[\uE000\uE001]/g;

/** A piece of data, marked. */
export const data = (text: string) => `${DATA_OPEN}${text}${DATA_CLOSE}`;

/** A marked text without its marks (for an attribute, which cannot hold markup). */
export function stripMarks(text: string): string {
  return text.replace(MARKS, "");
}

/** A marked text in pieces, each saying whether it is data (to show with translate="no") or words. */
export function markedParts(text: string): Array<{ text: string; data: boolean }> {
  const parts: Array<{ text: string; data: boolean }> = [];
  for (const [i, piece] of text.split(/\uE000([^\uE001]*)\uE001/).entries()) {
    const clean = stripMarks(piece);
    if (clean) parts.push({ text: clean, data: i % 2 === 1 });
  }
  return parts;
}
