/**
 * Turns what a person types into an FTS5 query: every word and "quoted phrase" must match, and the last
 * word, while it is still being typed, matches as a prefix. Each term is quoted, so FTS5 operators typed by
 * the person (AND, NEAR, *, ^, column filters) are taken as plain words, never as syntax.
 */
export function toFtsQuery(input: string, opts: { prefixLastWord: boolean }): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let lastWasBareWord = false;
  for (const m of input.matchAll(re)) {
    const phrase = m[1] ?? m[2] ?? "";
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped here.
    const cleaned = phrase.replace(/[\u0000-\u001f"]/g, " ").trim();
    lastWasBareWord = m[2] !== undefined;
    if (!/[\p{L}\p{N}]/u.test(cleaned)) continue;
    terms.push(`"${cleaned}"`);
  }
  if (terms.length === 0) return null;
  const endsInSpace = /\s$/.test(input);
  if (opts.prefixLastWord && lastWasBareWord && !endsInSpace) terms[terms.length - 1] += "*";
  return terms.join(" ");
}
