/**
 * The search box's language, parsed once: the page uses it to show what a search asks for (and what is wrong with
 * it), the server to build the query. Imports nothing, so it runs in the browser as well.
 *
 * Words and "quoted phrases" must all match (the last word, while typing, as a prefix); `-word` and `-"a phrase"`
 * leave out the threads that have them; and these operators narrow the list:
 *
 *   from:<Toloker id, or a prefix of at least 6 hex characters>   pool:<id>   project:<id>   assignment:<id>
 *   is:unread   is:important   has:replies-off   before:<YYYY-MM-DD>   after:<YYYY-MM-DD>
 *
 * Dates are UTC days of the thread's last activity: `after:` takes that day and later, `before:` the days before it.
 */

export interface ParsedSearch {
  /** The words and phrases to match, as typed (operators and exclusions taken out); "" for none. */
  text: string;
  /** Whether the last word of `text` is still being typed (a bare word at the very end of the box). */
  lastWordOpen: boolean;
  /** Words and phrases a thread must not have. */
  exclude: string[];
  /** A Toloker id or a prefix of one, lower case. */
  from?: string;
  pool?: string;
  project?: string;
  assignment?: string;
  unread?: true;
  important?: true;
  repliesOff?: true;
  /** YYYY-MM-DD: last activity before this UTC day. */
  before?: string;
  /** YYYY-MM-DD: last activity on this UTC day or later. */
  after?: string;
}

/** What is wrong with a search, for the page to word in its language (`error` is the English of it). */
export interface SearchProblem {
  kind: "unknown" | "twice" | "empty" | "from" | "id" | "is" | "has" | "date";
  /** The operator as typed, with its colon. */
  op: string;
  /** An operator written right, for "needs a value, like …" and the date's. */
  example: string;
  /** Every operator, with colons, comma-separated (for "unknown"). */
  operators: string;
}

export type SearchParse = { ok: true; query: ParsedSearch } | { ok: false; operator?: string; error: string; problem: SearchProblem };

const SEARCH_OPERATORS = ["from", "pool", "project", "assignment", "is", "has", "before", "after"] as const;
type Operator = (typeof SEARCH_OPERATORS)[number];

const TOLOKER_RE = /^[0-9a-f]{6,32}$/;
const META_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

const OPERATOR_LIST = SEARCH_OPERATORS.map((o) => `${o}:`).join(", ");
const fail = (operator: string, error: string, kind: SearchProblem["kind"], example = ""): SearchParse => ({
  ok: false,
  operator,
  error,
  problem: { kind, op: operator, example, operators: OPERATOR_LIST },
});

/** Reads the search box's text. Never throws: a wrong operator or value is an error naming it. */
export function parseSearch(input: string): SearchParse {
  const q: ParsedSearch = { text: "", lastWordOpen: false, exclude: [] };
  const words: string[] = [];
  const seen = new Set<string>();
  const re = /(-?)"([^"]*)("?)|(\S+)/g;
  let lastOpen = false;
  for (const m of input.matchAll(re)) {
    lastOpen = false;
    if (m[2] !== undefined) {
      // A quoted phrase (closed or not yet), kept or excluded.
      const phrase = m[2].trim();
      if (!phrase) continue;
      if (m[1]) q.exclude.push(phrase);
      else words.push(`"${phrase}"`);
      continue;
    }
    const token = m[4];
    const op = /^([A-Za-z]+):(.*)$/.exec(token);
    if (op) {
      const name = op[1].toLowerCase();
      const value = op[2];
      if (!(SEARCH_OPERATORS as readonly string[]).includes(name)) {
        return fail(`${op[1]}:`, `“${op[1]}:” is not a search operator. Use ${OPERATOR_LIST}.`, "unknown");
      }
      const err = apply(q, name as Operator, value, seen);
      if (err) return fail(`${name}:`, err[1], err[0], example(name as Operator));
      continue;
    }
    if (token.startsWith("-") && token.length > 1) {
      q.exclude.push(token.slice(1));
      continue;
    }
    words.push(token);
    lastOpen = true;
  }
  q.text = words.join(" ");
  q.lastWordOpen = lastOpen && !/\s$/.test(input);
  return { ok: true, query: q };
}

function apply(q: ParsedSearch, op: Operator, value: string, seen: Set<string>): [SearchProblem["kind"], string] | null {
  const key = op === "is" || op === "has" ? `${op}:${value.toLowerCase()}` : op;
  if (seen.has(key)) return ["twice", `${op}: is given twice; give it once.`];
  seen.add(key);
  if (!value) return ["empty", `${op}: needs a value, like ${example(op)}.`];
  switch (op) {
    case "from": {
      const v = value.toLowerCase();
      if (!TOLOKER_RE.test(v)) return ["from", "from: takes a Toloker id (32 hex characters) or at least its first 6."];
      q.from = v;
      return null;
    }
    case "pool":
    case "project":
    case "assignment":
      if (!META_ID_RE.test(value)) return ["id", `${op}: takes an id of letters, digits, “-” and “_” (at most 64).`];
      q[op] = value;
      return null;
    case "is": {
      const v = value.toLowerCase();
      if (v === "unread") q.unread = true;
      else if (v === "important") q.important = true;
      else return ["is", "is: takes unread or important."];
      return null;
    }
    case "has":
      if (value.toLowerCase() !== "replies-off") return ["has", "has: takes replies-off."];
      q.repliesOff = true;
      return null;
    case "before":
    case "after":
      if (!validDate(value)) return ["date", `${op}: takes a date as YYYY-MM-DD, like ${example(op)}.`];
      q[op] = value;
      return null;
  }
}

function example(op: Operator): string {
  switch (op) {
    case "from":
      return "from:1a2b3c";
    case "is":
      return "is:unread";
    case "has":
      return "has:replies-off";
    case "before":
    case "after":
      return `${op}:2025-01-31`;
    default:
      return `${op}:12345`;
  }
}

/** Whether a search narrows by anything but words: an operator or an exclusion. */
export function hasFilters(q: ParsedSearch): boolean {
  return (
    q.exclude.length > 0 ||
    q.from !== undefined ||
    q.pool !== undefined ||
    q.project !== undefined ||
    q.assignment !== undefined ||
    q.unread === true ||
    q.important === true ||
    q.repliesOff === true ||
    q.before !== undefined ||
    q.after !== undefined
  );
}

/** What a search asks for besides words, one short label each, for chips under the box. */
export function describeFilters(q: ParsedSearch): string[] {
  const out: string[] = [];
  if (q.from) out.push(`from ${q.from.length === 32 ? `${q.from.slice(0, 8)}…` : `${q.from}…`}`);
  if (q.pool) out.push(`pool ${q.pool}`);
  if (q.project) out.push(`project ${q.project}`);
  if (q.assignment) out.push(`assignment ${q.assignment}`);
  if (q.unread) out.push("unread");
  if (q.important) out.push("important");
  if (q.repliesOff) out.push("replies off");
  if (q.after) out.push(`on or after ${q.after}`);
  if (q.before) out.push(`before ${q.before}`);
  for (const w of q.exclude) out.push(`without “${w}”`);
  return out;
}

/** The box's text with `op:value` in it, replacing an earlier value of that operator (a chip clicked in a row). */
export function withOperator(input: string, op: "pool" | "project" | "assignment" | "from", value: string): string {
  const kept = input
    .split(/\s+/)
    .filter((t) => t && !t.toLowerCase().startsWith(`${op}:`))
    .join(" ");
  return `${kept ? `${kept} ` : ""}${op}:${value}`;
}
