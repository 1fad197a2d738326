import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

// The thread list's two densities: compact fits about twice as many threads, keeps every control of a row, and
// survives a reload. The virtualiser places rows by the heights it is told: each row's content must fit its box.

const SHOTS = "test-results/density";
const rows = (page: Page) => page.getByTestId("thread-row");

/** The rows entirely inside the list's scrolling box, their heights, and any row whose content overflows its box
 * or whose box is not where the one before it ended (an overlap or a gap). */
async function measure(page: Page) {
  return page.getByTestId("thread-list").evaluate((list) => {
    const box = list.parentElement!.getBoundingClientRect();
    const items = [...list.querySelectorAll<HTMLElement>('[role="listitem"]')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const heights: number[] = [];
    const problems: string[] = [];
    let visible = 0;
    let prevBottom: number | null = null;
    for (const item of items) {
      const r = item.getBoundingClientRect();
      const row = item.querySelector<HTMLElement>('[data-testid="thread-row"]');
      if (prevBottom !== null && Math.abs(r.top - prevBottom) > 0.5) problems.push(`gap or overlap at ${r.top} (after ${prevBottom})`);
      prevBottom = r.bottom;
      if (!row) continue;
      heights.push(Math.round(r.height));
      if (row.scrollHeight > row.clientHeight + 0.5) problems.push(`${row.dataset.threadId}: content ${row.scrollHeight} > ${row.clientHeight}`);
      for (const child of row.querySelectorAll<HTMLElement>("*")) {
        const c = child.getBoundingClientRect();
        if (c.height > 0 && !child.closest(".sr-only") && (c.bottom > r.bottom + 0.5 || c.top < r.top - 0.5)) {
          problems.push(`${row.dataset.threadId}: ${child.tagName} outside its row`);
          break;
        }
      }
      if (r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5) visible++;
    }
    return { heights, visible, problems };
  });
}

async function setDensity(page: Page, compact: boolean) {
  // The list renders on the client only: once it is there, the toggle shows the stored choice, not the server's.
  await expect(page.getByTestId("thread-list")).toBeVisible();
  const toggle = page.getByRole("button", { name: "Compact rows" });
  if ((await toggle.getAttribute("aria-pressed")) !== String(compact)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", String(compact));
  await expect(page.getByTestId("thread-list")).toHaveAttribute("data-density", compact ? "compact" : "comfortable");
}

test.describe("row density", () => {
  test("compact fits more rows, each no taller than 48 px, and survives a reload", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, "sender");
    await expect(rows(page).first()).toBeVisible();
    await setDensity(page, false);
    const comfortable = await measure(page);
    expect(comfortable.problems).toEqual([]);
    await setDensity(page, true);
    const compact = await measure(page);
    expect(compact.problems).toEqual([]);
    expect(Math.max(...compact.heights)).toBeLessThanOrEqual(48);
    expect(compact.visible).toBeGreaterThan(comfortable.visible);
    console.log(
      `comfortable heights ${[...new Set(comfortable.heights)]} visible ${comfortable.visible}; compact heights ${[...new Set(compact.heights)]} visible ${compact.visible}`,
    );

    await page.reload();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId("thread-list")).toHaveAttribute("data-density", "compact");
    await expect(page.getByRole("button", { name: "Compact rows" })).toHaveAttribute("aria-pressed", "true");

    // Scrolled far down, rows still sit end to end.
    await page.getByTestId("thread-list").evaluate((el) => el.parentElement!.scrollTo({ top: 3000 }));
    await page.waitForTimeout(200);
    expect((await measure(page)).problems).toEqual([]);
    await setDensity(page, false);
  });

  test("compact keeps the star, the read toggle and the chips working", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, "sender");
    await setDensity(page, true);
    const first = rows(page).first();
    const star = first.getByRole("button", { name: /^Important: / });
    await expect(star).toBeVisible();
    await expect(first.getByRole("button", { name: /^Mark as (un)?read$/ })).toBeVisible();
    const was = await star.getAttribute("aria-pressed");
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", was === "true" ? "false" : "true");
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", was ?? "false");

    const chip = page.getByTestId("chip-pool").first();
    await expect(chip).toBeVisible();
    const title = (await chip.getAttribute("title")) ?? "";
    const id = /pool (\S+) /.exec(title)?.[1];
    await chip.click();
    await expect(page.getByRole("searchbox").first()).toHaveValue(new RegExp(`pool:${id}`));
    for (const chipOf of await page.getByTestId("chip-pool").all()) await expect(chipOf).toContainText(`pool ${id}`);
    await page.goto("/messages/inbox");
    await setDensity(page, false);
  });

  test("compact does not run off a phone's screen; screenshots of both densities", async ({ browser }) => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1440, 390]) {
        const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme });
        const page = await context.newPage();
        await signIn(page, "sender");
        for (const compact of [false, true]) {
          await setDensity(page, compact);
          await expect(rows(page).first()).toBeVisible();
          const m = await measure(page);
          expect(m.problems).toEqual([]);
          if (compact) expect(Math.max(...m.heights)).toBeLessThanOrEqual(width === 390 ? 56 : 48);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${SHOTS}/${compact ? "compact" : "comfortable"}-${width}-${colorScheme}.png` });
        }
        await setDensity(page, false);
        await context.close();
      }
    }
  });
});
