import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { negotiateLocale } from "./locales";
import { MESSAGES } from "./messages";

/**
 * The language of a request, for next-intl (named in next.config.js): the member's own choice, else the first of
 * the browser's languages the app speaks, else English. No locale in the URL: the app is one per team, its links
 * are shared between members who may read different languages, and a choice follows the person, not the link.
 */
export default getRequestConfig(async () => {
  const user = await getCurrentUser().catch(() => null);
  const locale = user?.locale ?? negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale] };
});
