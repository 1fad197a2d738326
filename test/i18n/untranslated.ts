// Finds text the interface would show in one language only: JSX text with letters in it, and string literals in
// attributes a person reads (a label, a placeholder, a title, an aria-label...), in the .tsx files of app/ and
// components/. Every such string belongs in messages/<locale>/*.json, read through next-intl. A string that is
// not words (a symbol, a key name such as "Esc", a brand in an element marked translate="no") is not flagged.
// `npx tsx test/i18n/untranslated.ts [folder...]` prints what is left; test/i18n/messages.test.ts requires none.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** Attributes whose string values are code, not prose. */
const CODE_ATTRIBUTES = new Set([
  "className",
  "id",
  "href",
  "type",
  "name",
  "role",
  "key",
  "htmlFor",
  "autoComplete",
  "inputMode",
  "rel",
  "target",
  "method",
  "action",
  "src",
  "value",
  "defaultValue",
  "variant",
  "size",
  "tone",
  "kind",
  "side",
  "align",
  "lang",
  "translate",
  "dir",
  "spellCheck",
  "form",
  "pattern",
  "accept",
  "as",
  "prefetch",
  "scope",
  "enterKeyHint",
  "aria-controls",
  "aria-describedby",
  "aria-labelledby",
  "aria-live",
  "aria-haspopup",
  "aria-current",
  "aria-expanded",
  "aria-pressed",
  "aria-checked",
  "aria-selected",
  "aria-hidden",
  "aria-modal",
  "aria-invalid",
  "aria-busy",
  "aria-atomic",
  "aria-relevant",
  "aria-orientation",
  "aria-sort",
  "aria-autocomplete",
  "aria-owns",
  "aria-activedescendant",
  "aria-errormessage",
  "viewBox",
  "fill",
  "stroke",
  "d",
  "xmlns",
  "strokeWidth",
  "strokeLinecap",
  "strokeLinejoin",
  "fillRule",
  "clipRule",
  "points",
  "transform",
  "mode",
  "shortcut",
  "testId",
  "icon",
  "tab",
  "scopeName",
  "field",
  "wrap",
  "loading",
  "decoding",
  "referrerPolicy",
  "crossOrigin",
  "sizes",
  "capture",
  "list",
  "headers",
  "colorScheme",
  "slot",
  "is",
  "part",
  "nonce",
  "step",
  "min",
  "max",
  "inert",
]);
/** Attributes always read by a person, whatever their value looks like. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "placeholder", "title", "alt", "label", "aria-description", "aria-roledescription"]);

export interface Finding {
  file: string;
  line: number;
  text: string;
}

function words(s: string): boolean {
  return /[A-Za-z]{2,}/.test(s);
}

function insideNoTranslate(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n)) {
      const attrs = n.openingElement.attributes.properties;
      if (attrs.some((a) => ts.isJsxAttribute(a) && a.name.getText() === "translate" && a.initializer?.getText() === '"no"')) return true;
    }
  }
  return false;
}

function scanFile(path: string, root: string): Finding[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const add = (node: ts.Node, s: string) =>
    found.push({ file: relative(root, path), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: s.trim().slice(0, 80) });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words(node.text) && !insideNoTranslate(node)) add(node, node.text);
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText();
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression.text
          : null;
      if (literal !== null && words(literal) && !CODE_ATTRIBUTES.has(name) && !name.startsWith("data-")) {
        if (TEXT_ATTRIBUTES.has(name) || /[A-Z\s]/.test(literal)) add(node, `${name}="${literal}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "api" && name !== "emulator") out.push(...files(p));
    } else if (p.endsWith(".tsx") && !p.endsWith(".test.tsx")) out.push(p);
  }
  return out;
}

export function findUntranslated(root: string, folders = ["app", "components"]): Finding[] {
  return folders.flatMap((f) => files(join(root, f)).flatMap((p) => scanFile(p, root)));
}

if (process.argv[1]?.endsWith("untranslated.ts")) {
  const root = join(import.meta.dirname, "..", "..");
  const args = process.argv.slice(2);
  const list = findUntranslated(root, args.length > 0 ? args : undefined);
  for (const f of list) console.log(`${f.file}:${f.line}  ${f.text}`);
  console.log(`${list.length} untranslated`);
}
