import { describe, expect, it } from "vitest";
import { parseTolokerIds, toBatches } from "./ids";

const id = (n: number) => n.toString(16).padStart(32, "0");

describe("pasted Toloker ids", () => {
  it("reads commas, spaces, tabs, semicolons and new lines; removes duplicates; marks the bad ones", () => {
    const text = `${id(1)}, ${id(2)}\n${id(1)}\t"${id(3)}";${id(2).toUpperCase()}\n\nnot-an-id ${id(4).slice(1)}`;
    expect(parseTolokerIds(text)).toEqual({
      ids: [id(1), id(2), id(3)],
      duplicates: 2,
      invalid: [
        { token: "not-an-id", position: 6 },
        { token: id(4).slice(1), position: 7 },
      ],
      tokens: 7,
    });
  });
  it("empty text has nothing", () => {
    expect(parseTolokerIds(" \n ,, ")).toEqual({ ids: [], duplicates: 0, invalid: [], tokens: 0 });
  });
  it("splits into batches of at most 100", () => {
    const ids = Array.from({ length: 250 }, (_, i) => id(i));
    expect(toBatches(ids).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(toBatches(ids).flat()).toEqual(ids);
    expect(toBatches([])).toEqual([]);
  });
});
