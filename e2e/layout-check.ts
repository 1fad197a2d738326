import { expect, type Page } from "@playwright/test";

// The layout checks of e2e/layout.spec.ts, shared with the Russian interface's (e2e/i18n.spec.ts): a page that
// runs off the side or draws over its own controls fails in any language.

interface Problem {
  what: string;
  why: string;
}

/**
 * Every visible control in `scope` (the page, or an open dialog, which makes the rest inert): inside the viewport
 * across, and where it is not scrolled out of view, the element at its centre is it or inside it (nothing drawn
 * over it). A control in a box that scrolls across (a wide table) need only have that box on the screen.
 */
async function controlProblems(page: Page, scope = "body"): Promise<{ checked: number; clicked: number; problems: Problem[] }> {
  return page.evaluate((scopeSelector) => {
    const root = document.querySelector(scopeSelector);
    if (!root) return { checked: 0, clicked: 0, problems: [{ what: scopeSelector, why: "not found" }] };
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const slack = 0.5;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? el.getAttribute("name") ?? "").trim().slice(0, 40)}"`;
    const problems: { what: string; why: string }[] = [];
    let checked = 0;
    let clicked = 0;
    const controls = root.querySelectorAll<HTMLElement>('button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"]');
    for (const el of controls) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden (sr-only)
      // What its scrolling or clipping ancestors leave visible of it.
      let clip = { left: 0, top: 0, right: vw, bottom: vh };
      let scrollsAcross: Element | null = null;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== "visible" || s.overflowY !== "visible") {
          const ar = a.getBoundingClientRect();
          clip = {
            left: Math.max(clip.left, ar.left),
            top: Math.max(clip.top, ar.top),
            right: Math.min(clip.right, ar.right),
            bottom: Math.min(clip.bottom, ar.bottom),
          };
          if (!scrollsAcross && (s.overflowX === "auto" || s.overflowX === "scroll") && a.scrollWidth > a.clientWidth + 1) scrollsAcross = a;
        }
      }
      checked++;
      if (scrollsAcross) {
        const box = scrollsAcross.getBoundingClientRect();
        if (box.left < -slack || box.right > vw + slack) problems.push({ what: name(el), why: `its scrolling box spans ${box.left}..${box.right} of ${vw}` });
      } else if (r.left < -slack || r.right > vw + slack) {
        problems.push({ what: name(el), why: `spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw} px` });
        continue;
      }
      const inView = r.left >= clip.left - slack && r.right <= clip.right + slack && r.top >= clip.top - slack && r.bottom <= clip.bottom + slack;
      if (!inView) continue; // scrolled out of its pane: reached by scrolling, not checked for clicks here
      // A link that wraps is two boxes with a gap between them: aim at its first.
      const first = el.getClientRects()[0] ?? r;
      const hit = document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
      clicked++;
      if (!hit || !(hit === el || el.contains(hit) || hit.closest("label")?.contains(el))) {
        problems.push({ what: name(el), why: `covered by ${hit ? name(hit) : "nothing"}` });
      }
    }
    return { checked, clicked, problems };
  }, scope);
}

export async function expectLayout(page: Page, label: string, scope?: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${label}: no horizontal overflow`).toBeLessThanOrEqual(innerWidth);
  const { checked, clicked, problems } = await controlProblems(page, scope);
  expect(problems, `${label}: controls off the screen or covered`).toEqual([]);
  expect(checked, `${label}: some controls were checked`).toBeGreaterThan(0);
  expect(clicked, `${label}: some controls were checked for clicks`).toBeGreaterThan(0);
}
