import { describe, expect, it } from "vitest";
import { countNewer } from "./use-new-threads";

const row = (id: string, lastActivity: string) => ({ id, lastActivity });
const loaded = [row("b", "2026-01-01T10:00:00Z"), row("a", "2026-01-01T09:00:00Z")];

describe("the count of new threads", () => {
  it("counts the head's rows with later activity than the top of the list", () => {
    expect(countNewer([row("d", "2026-01-01T12:00:00Z"), row("c", "2026-01-01T11:00:00Z"), ...loaded], loaded)).toBe(2);
    // A loaded thread with new activity is news too: it moves to the top.
    expect(countNewer([row("a", "2026-01-01T11:00:00Z"), loaded[0]], loaded)).toBe(1);
  });

  it("counts a thread at the top row's moment only if the list does not hold it", () => {
    expect(countNewer([row("c", "2026-01-01T10:00:00Z"), ...loaded], loaded)).toBe(1);
    expect(countNewer(loaded, loaded)).toBe(0);
  });

  it("counts every head row when nothing is loaded", () => {
    expect(countNewer(loaded, [])).toBe(2);
    expect(countNewer([], [])).toBe(0);
  });
});
