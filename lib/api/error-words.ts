import "server-only";
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import type { ApiErrorCode } from "@/lib/schemas/error";
import { ApiError } from "./errors";

/**
 * An error's answer in the member's language. The services word their errors in English, with the detail a
 * requester acts on; in Russian the answer is its code's sentence (messages/ru/common.json `errors`), and for a
 * refused input the fields it names (each said to be not valid), so the page says what is wrong in the language it is in. English answers are
 * left as they are; the detail of every error stays in the server log either way.
 */
export function inLocale(error: ApiError, locale: Locale): ApiError {
  if (locale === "en") return error;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "common.errors" });
  const code = error.code as ApiErrorCode;
  const fields = error.fields ? Object.keys(error.fields) : [];
  const message = code === "BAD_REQUEST" && fields.length > 0 ? t("BAD_REQUEST_FIELDS", { fields: fields.join(", ") }) : t(code);
  // Each field's own words are English detail too: the page shows them under the field, so they are said generally.
  const worded = error.fields ? Object.fromEntries(fields.map((f) => [f, t("field")])) : undefined;
  return new ApiError(code, message, worded, error.retryAfterSeconds);
}
