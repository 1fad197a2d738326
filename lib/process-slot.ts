/**
 * A value shared by every bundle Next makes of this process. Next bundles each route apart, so a module-level
 * variable would give every route its own copy (its own database connection, mailbox, timers); the one copy lives
 * on globalThis, under a name of this app's.
 */
export interface ProcessSlot<T> {
  get(): T | undefined;
  /** Stores `value` and returns it. */
  set(value: T): T;
  clear(): void;
}

export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = `__tolokaMessages.${name}`;
  const g = globalThis as unknown as Record<string, T | undefined>;
  return {
    get: () => g[key],
    set: (value) => {
      g[key] = value;
      return value;
    },
    clear: () => {
      delete g[key];
    },
  };
}
