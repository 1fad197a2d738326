/** The words the message needs: `useTranslations("admin.signIn")` or `getTranslations("admin.signIn")`. */
export type RateLimitedWords = (key: "rateLimited", values: { minutes: number }) => string;

/**
 * What the sign-in page says when the route refused an attempt with 429. The route names the wait in the error
 * code it returns (`RateLimited-<seconds>`); the page shows it in whole minutes. Used by the server page (for
 * `?error=`) and by the form (for signIn()'s answer), so both say the same.
 */
export function rateLimitedMessage(code: string | null | undefined, t: RateLimitedWords): string | null {
  const match = /^RateLimited-(\d+)$/.exec(code ?? "");
  if (!match) return null;
  const minutes = Math.max(1, Math.ceil(Number(match[1]) / 60));
  return t("rateLimited", { minutes });
}
