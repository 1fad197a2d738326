/**
 * Thread ids as Toloka makes them: 24 lowercase hex characters that grow with time
 * (8 hex of UNIX seconds, then 16 hex of a counter), so string order is creation order.
 */
export function objectId(date: Date, counter: number): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return seconds.toString(16).padStart(8, "0") + counter.toString(16).padStart(16, "0");
}

/** Parses the seconds prefix of an id back into a Date (for tests and debugging). */
export function objectIdTime(id: string): Date {
  return new Date(parseInt(id.slice(0, 8), 16) * 1000);
}

/** Toloka's date-time: UTC, no zone suffix, exactly three fractional digits. */
export function tolokaDate(date: Date): string {
  return date.toISOString().slice(0, 23);
}
