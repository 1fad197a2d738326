import enAdmin from "@/messages/en/admin.json";
import enCommon from "@/messages/en/common.json";
import enCompose from "@/messages/en/compose.json";
import enInbox from "@/messages/en/inbox.json";
import enThread from "@/messages/en/thread.json";
import enToloker from "@/messages/en/toloker.json";
import ruAdmin from "@/messages/ru/admin.json";
import ruCommon from "@/messages/ru/common.json";
import ruCompose from "@/messages/ru/compose.json";
import ruInbox from "@/messages/ru/inbox.json";
import ruThread from "@/messages/ru/thread.json";
import ruToloker from "@/messages/ru/toloker.json";
import type { Locale } from "./locales";

/*
 * Every string of the interface, one JSON file per part of the app and language (messages/<locale>/<part>.json),
 * in ICU message syntax as next-intl reads it. English is the reference: its shape is the type of every key, so a
 * key used in code and missing from English fails the build, and a key missing from Russian fails it too
 * (`satisfies`); test/i18n/messages.test.ts also checks that both have the same keys and the same arguments.
 */
const en = { common: enCommon, inbox: enInbox, thread: enThread, compose: enCompose, toloker: enToloker, admin: enAdmin };
export type Messages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
const ru = { common: ruCommon, inbox: ruInbox, thread: ruThread, compose: ruCompose, toloker: ruToloker, admin: ruAdmin } satisfies Shape<Messages>;

export const MESSAGES: Record<Locale, Shape<Messages>> = { en, ru };
