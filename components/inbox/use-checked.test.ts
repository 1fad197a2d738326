import { describe, expect, it } from "vitest";
import type { ThreadSummary } from "@/lib/schemas/threads";
import { rangeOf } from "./use-checked";

const rows = ["a", "b", "c", "d", "e"].map((id) => ({ id }) as ThreadSummary);

describe("a shift-click's range", () => {
  it("covers every row between the last one toggled and this one, whichever way", () => {
    expect(rangeOf(rows, 1, 3)).toEqual(["b", "c", "d"]);
    expect(rangeOf(rows, 3, 1)).toEqual(["b", "c", "d"]);
    expect(rangeOf(rows, 2, 2)).toEqual(["c"]);
    expect(rangeOf(rows, 0, 9)).toEqual(["a", "b", "c", "d", "e"]);
  });
});
