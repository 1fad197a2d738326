/**
 * Latin words a Russian interface may keep: abbreviations Russian software writes in Latin letters, key names on
 * a keyboard, and email placeholders' parts. Shared by the message check (test/i18n/messages.test.ts) and the
 * Russian page scan (e2e/i18n.spec.ts).
 */
const LATIN_ALLOWED = new Set([
  "ID",
  "IDs",
  "API",
  "URL",
  "JSON",
  "SMTP",
  "HTTP",
  "HTTPS",
  "SSO",
  "OIDC",
  "OAuth",
  "CSV",
  "HTML",
  "Markdown",
  "IP",
  "Ctrl",
  "Shift",
  "Alt",
  "Esc",
  "Enter",
  "Tab",
  "Cmd",
  "Backspace",
  "PgUp",
  "PgDn",
  "Home",
  "End",
  "Space",
  "USD",
  "UTC",
  "Webhook",
  "webhook",
  "email",
  "Email",
  "e-mail",
  "E-mail",
  "name",
  "example",
  "com",
]);

/**
 * The Latin words of `text` that are not allowed in Russian: runs of two or more Latin letters standing as a word.
 * A token with digits in it (a Toloker's hex id, "a1b2c3d4") is an id, and two or three capitals ("EN", "RU",
 * "USD") a code, not English.
 */
export function latinWords(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9'’-]+/)
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ""))
    .filter((w) => /^[A-Za-z][A-Za-z'’-]*[A-Za-z]$/.test(w) && !/^[A-Z]{2,3}$/.test(w) && !LATIN_ALLOWED.has(w));
}
