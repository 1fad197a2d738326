import "server-only";
import type { Migration } from "../migrations";

/**
 * Each member's interface language (issue 16): "en" or "ru", or NULL to follow the browser's Accept-Language.
 */
export const localeMigration: Migration = {
  version: 14,
  name: "locale",
  sql: `ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IS NULL OR locale IN ('en', 'ru'));`,
};
