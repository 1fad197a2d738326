import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe as group, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { latinWords } from "./latin";
import { findUntranslated } from "./untranslated";

/*
 * The translations as data: English and Russian have the same keys, each message parses as ICU, both languages
 * take the same arguments and tags, Russian plurals have the four forms Russian needs, and no Russian message is
 * English left in place. And no text in app/ or components/ skips the messages (test/i18n/untranslated.ts).
 */

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

interface Shape {
  names: Set<string>;
  plurals: string[][];
  literal: string[];
}

function shapeOf(message: string): Shape {
  const shape: Shape = { names: new Set(), plurals: [], literal: [] };
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.literal) shape.literal.push(e.value);
      else if (e.type === TYPE.tag) {
        shape.names.add(`<${e.value}>`);
        walk(e.children);
      } else if (e.type === TYPE.plural || e.type === TYPE.select) {
        shape.names.add(e.value);
        if (e.type === TYPE.plural) shape.plurals.push(Object.keys(e.options));
        for (const o of Object.values(e.options)) walk(o.value);
      } else if (e.type !== TYPE.pound) shape.names.add(e.value);
    }
  };
  walk(parse(message));
  return shape;
}

const en = flatten(MESSAGES.en as unknown as Tree);
const ru = flatten(MESSAGES.ru as unknown as Tree);

group("the messages", () => {
  it("has the same keys in English and Russian, none empty", () => {
    expect(
      [...ru.keys()].filter((k) => !en.has(k)),
      "in Russian only",
    ).toEqual([]);
    expect(
      [...en.keys()].filter((k) => !ru.has(k)),
      "missing in Russian",
    ).toEqual([]);
    expect(
      [...en, ...ru].filter(([, v]) => v.trim() === "").map(([k]) => k),
      "empty",
    ).toEqual([]);
  });

  it("parses every message, with the same arguments and tags in both languages", () => {
    const differ: string[] = [];
    for (const [key, text] of en) {
      const a = shapeOf(text);
      const b = shapeOf(ru.get(key) ?? "");
      if ([...a.names].sort().join() !== [...b.names].sort().join()) differ.push(`${key}: ${[...a.names]} vs ${[...b.names]}`);
    }
    expect(differ).toEqual([]);
  });

  it("gives every Russian plural its one, few, many and other forms", () => {
    const short = [...ru]
      .filter(([, v]) => shapeOf(v).plurals.some((forms) => !["one", "few", "many", "other"].every((f) => forms.includes(f))))
      .map(([k]) => k);
    expect(short).toEqual([]);
  });

  it("leaves no English in the Russian messages", () => {
    const english = [...ru]
      .map(([k, v]) => [k, latinWords(shapeOf(v).literal.join(" "))] as const)
      .filter(([, words]) => words.length > 0)
      .map(([k, words]) => `${k}: ${words.join(" ")}`);
    expect(english).toEqual([]);
  });
});

group("the interface's text", () => {
  it("is all read from the messages: no JSX text or readable attribute is a literal", () => {
    const left = findUntranslated(join(import.meta.dirname, "..", "..")).map((f) => `${f.file}:${f.line} ${f.text}`);
    expect(left).toEqual([]);
  });
});
