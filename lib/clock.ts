import "server-only";
import { processSlot } from "./process-slot";

/**
 * The app's clock for the team's workflow (when a snooze ends, when a digest is due). It is the system's clock,
 * moved forward only through the emulator's control API (`POST /emulator/control/clock`), which exists only while
 * the embedded emulator is in force: tests and the demo can see a snooze end without waiting for it.
 */
const offset = processSlot<{ ms: number }>("clock");

export function now(): number {
  return Date.now() + (offset.get()?.ms ?? 0);
}

export function nowIso(): string {
  return new Date(now()).toISOString();
}

/** Moves the clock forward by `ms` (never back); returns the offset now in force. */
export function advanceClock(ms: number): number {
  const next = (offset.get()?.ms ?? 0) + Math.max(0, ms);
  offset.set({ ms: next });
  return next;
}

export function clockOffset(): number {
  return offset.get()?.ms ?? 0;
}
