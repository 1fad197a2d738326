/*
 * Toloker ids as a requester pastes them: separated by commas, semicolons, spaces, tabs or new lines, copied
 * from a spreadsheet or a Toloka export. Client-safe (it imports only the schemas), so the form and the server
 * read them alike.
 */

import { TOLOKER_ID_RE } from "@/lib/schemas/threads";

/** A Toloker id: 32 lowercase hex characters (the schemas' own). */
const TOLOKER_ID_PATTERN = TOLOKER_ID_RE;

/** Toloka's limit of recipients per compose call (toloka-api.md §2.2). */
export const BATCH_SIZE = 100;

export interface ParsedIds {
  /** Valid ids, lowercased, duplicates removed, in the order first seen. */
  ids: string[];
  /** How many valid tokens repeated an id already seen. */
  duplicates: number;
  /** Tokens that are not Toloker ids, as typed, with their 1-based position among the tokens. */
  invalid: { token: string; position: number }[];
  /** Every token read. */
  tokens: number;
}

/**
 * Reads pasted ids. Case is ignored (Toloka's ids are lowercase hex, a spreadsheet may have uppercased them);
 * quotes around a token are dropped (CSV exports).
 */
export function parseTolokerIds(text: string): ParsedIds {
  const seen = new Set<string>();
  const ids: string[] = [];
  const invalid: ParsedIds["invalid"] = [];
  let duplicates = 0;
  let tokens = 0;
  for (const raw of text.split(/[\s,;]+/)) {
    if (raw === "") continue;
    tokens++;
    const token = raw.replace(/^["']+|["']+$/g, "");
    const id = token.toLowerCase();
    if (!TOLOKER_ID_PATTERN.test(id)) {
      invalid.push({ token: raw, position: tokens });
      continue;
    }
    if (seen.has(id)) {
      duplicates++;
      continue;
    }
    seen.add(id);
    ids.push(id);
  }
  return { ids, duplicates, invalid, tokens };
}

/** Splits ids into consecutive batches of at most `size` (one compose call each). */
export function toBatches<T>(ids: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
