import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { allThreads, control, setFaults, type WireThread } from "./emulator";
import { openBlank, signIn } from "./helpers";
import { expectLayout } from "./layout-check";

// Every page at a phone's, a tablet's and a desktop's width, light and dark: nothing runs off the side, every
// control is on the screen where it can be clicked, the open thread's topic keeps a readable width.
// The specs share one app and emulator and run one after another (one worker); the first test leaves the
// failed send whose chip the others look for, and the last discards its draft. Not "serial": a width that
// fails does not hide what the others would show.

const WIDTHS = [360, 390, 768, 1440] as const;
const SCHEMES = ["light", "dark"] as const;
const HEIGHT = { 360: 740, 390: 844, 768: 1024, 1440: 900 } as const;
/** Below this the header's links are in its menu (Tailwind's xl). */
const MENU_BELOW = 1280;
const SHOTS = "test-results/layout";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The header's links and Sign out: in the menu below lg (opened, checked, closed with Escape), else inline. */
async function expectHeader(page: Page, width: number, label: string) {
  const header = page.locator("header").first();
  if (width >= MENU_BELOW) {
    await expect(header.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Team" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Menu" })).toBeHidden();
    return;
  }
  await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();
  const menu = header.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  for (const link of ["Messages", "Team", "Connection", "Activity", "Account"]) {
    await expect(header.getByRole("navigation", { name: "App" }).getByRole("link", { name: link, exact: true })).toBeVisible();
  }
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The open panel covers what lies under it (a send's chip on a phone): check the panel's own controls.
  const panel = await menu.getAttribute("aria-controls");
  await expectLayout(page, `${label}, menu open`, `[id="${panel}"]`);
  await shot(page, `${label.replace(/[^a-z0-9]+/gi, "-")}-menu`);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();
  await expect(menu).toBeFocused();
}

let withMeta: WireThread;

test.beforeAll(async ({ request }) => {
  // An inbox thread from a Toloker with pool, project and assignment links: the thread header at its fullest.
  withMeta = (await allThreads(request)).find(
    (t) =>
      t.folders.includes("INBOX") &&
      t.interlocutors.some((i) => i.role === "USER") &&
      (t as { meta?: { assignment_id?: string; pool_id?: string } }).meta?.assignment_id &&
      (t as { meta?: { pool_id?: string } }).meta?.pool_id,
  )!;
  expect(withMeta, "a seeded thread with links").toBeTruthy();
});

test.afterEach(async ({ request }) => {
  await setFaults(request, []);
});

/** A send that failed (compose answers 500), so its chip is in the header; the draft it leaves is discarded at the end. */
async function failASend(page: Page) {
  const tolokers = (await control<{ items: { id: string }[] }>(page.request, "GET", "tolokers?limit=1")).items;
  const dialog = await openBlank(page);
  await dialog.getByLabel("Subject", { exact: true }).fill(`Layout check ${Date.now().toString(36)}`);
  await dialog.getByLabel("Text", { exact: true }).fill("This one meets a broken Toloka.");
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(tolokers[0].id);
  await setFaults(page.request, [{ endpoint: "compose", kind: "500", count: 20 }]);
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  const progress = page.getByRole("dialog", { name: "Send progress" });
  await expect(progress.getByRole("heading", { level: 3 })).toHaveText("The send to 1 Toloker failed", { timeout: 60_000 });
  await setFaults(page.request, []);
  await progress.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("send-chip")).toHaveAccessibleName("Send failed for 1 of 1 batch");
}

async function newContext(browser: Browser, width: (typeof WIDTHS)[number], colorScheme: (typeof SCHEMES)[number]) {
  const context = await browser.newContext({ viewport: { width, height: HEIGHT[width] }, colorScheme });
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  return { context, page };
}

test("a failed send's chip is shown once, in the header, and the thread's topic keeps its width", async ({ browser }) => {
  const { context, page } = await newContext(browser, 1440, "light");
  await signIn(page, "admin");
  await failASend(page);
  await page.goto(`/messages/inbox?thread=${withMeta.id}`);
  await expect(page.getByTestId("thread-topic")).toBeVisible();
  await expect(page.getByRole("button", { name: "Write to this Toloker" })).toBeVisible();
  await expect(page.getByTestId("send-chip").filter({ visible: true })).toHaveCount(1);
  await expect(page.locator("header").first().getByTestId("send-chip")).toBeVisible();
  expect((await page.getByTestId("thread-topic").boundingBox())!.width).toBeGreaterThan(500);
  await context.close();
});

/**
 * The header's controls and name, as they are drawn (the closed menu's panel aside): all on one line, inside the
 * screen and the header, none cut off by it.
 */
async function expectHeaderOneLine(page: Page, label: string) {
  const header = page.locator("header").first();
  const { boxes, vw, scrollWidth, clientWidth } = await header.evaluate((h) => {
    const shown = [...h.querySelectorAll<HTMLElement>("a[href], button, [data-testid=current-user]")].filter(
      (el) => el.checkVisibility({ checkVisibilityCSS: true }) && el.getBoundingClientRect().width > 1,
    );
    return {
      boxes: shown.map((el) => {
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()} "${el.innerText.trim().slice(0, 30)}"`, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
      vw: window.innerWidth,
      scrollWidth: h.scrollWidth,
      clientWidth: h.clientWidth,
    };
  });
  expect(boxes.length, `${label}: the header's controls`).toBeGreaterThan(1);
  // One line: every box shares a band across the header (on a second line a box starts below another's end).
  const lowestTop = Math.max(...boxes.map((b) => b.top));
  const highestBottom = Math.min(...boxes.map((b) => b.bottom));
  expect(lowestTop, `${label}: the header on one line (${JSON.stringify(boxes)})`).toBeLessThan(highestBottom);
  for (const b of boxes) {
    expect(b.left >= -0.5 && b.right <= vw + 0.5, `${label}: ${b.what} inside the screen (${b.left}..${b.right} of ${vw})`).toBe(true);
  }
  expect(scrollWidth, `${label}: nothing cut off at the header's end`).toBeLessThanOrEqual(clientWidth);
}

// The header keeps one line at every width, with a failed send's chip in it (the first test left it): the chip
// gives way (cut short, its whole text still its name), never the Menu button.
for (const width of [360, 390, 768, 1024, 1440, 1920] as const) {
  test(`at ${width} px the header stays on one line with a send's chip`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "admin");
    const chip = page.getByTestId("send-chip");
    await expect(chip).toBeVisible();
    await expect(chip).toHaveAccessibleName("Send failed for 1 of 1 batch");
    // A phone shows the chip's short words, whole; wider screens the sentence, cut short only if it must be.
    const shown = chip.locator("span").filter({ visible: true });
    await expect(shown).toHaveText(width < 640 ? "Send failed" : "Send failed for 1 of 1 batch");
    if (width < 640) expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expectHeaderOneLine(page, `${width} px, inbox`);
    await page.screenshot({ path: `${SHOTS}/${width}-header-chip.png`, clip: { x: 0, y: 0, width, height: 120 } });
    const header = page.locator("header").first();
    if (width < MENU_BELOW) {
      await header.getByRole("button", { name: "Menu" }).click();
      await expect(header.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Activity", exact: true })).toBeVisible();
      await page.keyboard.press("Escape");
    } else {
      await expect(header.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Activity", exact: true })).toBeVisible();
    }
    // The chip still opens its send.
    await chip.click();
    await expect(page.getByRole("dialog", { name: "Send progress" })).toBeVisible();
    await page.getByRole("dialog", { name: "Send progress" }).getByRole("button", { name: "Close" }).click();
    // An admin page's header too.
    await page.goto("/activity");
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
    await expectHeaderOneLine(page, `${width} px, activity`);
    await context.close();
  });
}

// Without a chip (a member who has sent nothing, or a viewer who cannot send) the header is one line as well.
for (const width of [360, 768] as const) {
  test(`at ${width} px the header stays on one line for a viewer`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "viewer");
    await expect(page.locator("header").first().getByRole("button", { name: "Menu", exact: true })).toBeVisible();
    await expectHeaderOneLine(page, `${width} px, viewer`);
    await context.close();
  });
}

// The activity log on a phone: each entry a card (when, who, what, details) that fits, no box to scroll across;
// the filters and the paging link reachable.
for (const width of [360, 390] as const) {
  test(`at ${width} px the activity log is a list of cards with nothing to scroll across`, async ({ browser }) => {
    for (const scheme of SCHEMES) {
      const { context, page } = await newContext(browser, width, scheme);
      await signIn(page, "admin");
      // Two a page, so there is an older page to reach.
      await page.goto("/activity?limit=2");
      await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
      const rows = page.getByTestId("activity-row");
      await expect(rows).toHaveCount(2);
      // The box around the log's table (the cards at this width), and everything in it.
      const area = page.locator('table[aria-label="Activity"]').locator("..");
      const across = await area.evaluate((root) => {
        const wide: string[] = [];
        for (const el of [root, ...root.querySelectorAll<HTMLElement>("*")]) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
            wide.push(`${el.tagName} ${el.scrollWidth}>${el.clientWidth}`);
        }
        const box = root.getBoundingClientRect();
        return { wide, left: box.left, right: box.right };
      });
      expect(across.wide, `${width} ${scheme}: nothing in the log scrolls across`).toEqual([]);
      expect(across.left >= 0 && across.right <= width, `${width} ${scheme}: the log inside the screen`).toBe(true);
      for (const row of await rows.all()) {
        const r = (await row.boundingBox())!;
        expect(r.x >= 0 && r.x + r.width <= width, `${width} ${scheme}: an entry inside the screen`).toBe(true);
        // Time, who and what, each on the screen and not cut off.
        for (const part of ["activity-time", "activity-actor", "activity-action"]) {
          const cell = row.getByTestId(part);
          await expect(cell).toBeVisible();
          const c = (await cell.boundingBox())!;
          expect(c.x >= r.x - 0.5 && c.x + c.width <= r.x + r.width + 0.5, `${width} ${scheme}: ${part} inside its entry`).toBe(true);
        }
      }
      await expect(rows.first().getByTestId("activity-time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      await expectLayout(page, `${width} ${scheme} activity`);
      const filters = page.getByRole("form", { name: "Filter the activity" });
      for (const name of ["Member", "What", "Thread id", "From", "To"]) await expect(filters.getByLabel(name, { exact: true })).toBeVisible();
      await shot(page, `${width}-${scheme}-activity-cards`);
      const older = page.getByRole("link", { name: "Older entries" });
      await older.scrollIntoViewIfNeeded();
      await older.click();
      await expect(page).toHaveURL(/before=/);
      await expect(rows.first()).toBeVisible();
      await expectLayout(page, `${width} ${scheme} activity, older`);
      await filters.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/\/activity\?/);
      await context.close();
    }
  });
}

for (const width of WIDTHS) {
  for (const scheme of SCHEMES) {
    test(`at ${width} px, ${scheme}: every page fits, and every control is on the screen and clickable`, async ({ browser }) => {
      const { context, page } = await newContext(browser, width, scheme);
      const tag = `${width}-${scheme}`;

      // The sign-in page, before signing in.
      await page.goto("/sign-in");
      await expect(page.getByLabel("Email")).toBeVisible();
      await expectLayout(page, `${tag} sign-in`);
      await shot(page, `${tag}-sign-in`);

      await signIn(page, "admin");

      // The inbox with a thread open.
      await page.goto(`/messages/inbox?thread=${withMeta.id}`);
      const topic = page.getByTestId("thread-topic");
      await expect(topic).toBeVisible();
      await expect(page.getByRole("button", { name: "Write to this Toloker" })).toBeVisible();
      await expect(page.getByTestId("message").first()).toBeVisible();
      await expectLayout(page, `${tag} inbox with a thread open`);
      expect((await topic.boundingBox())!.width, `${tag}: the topic's width`).toBeGreaterThanOrEqual(width < 640 ? 200 : 300);
      // Nothing drawn over the topic: the element at its first line's start is the topic itself.
      const overTopic = await topic.evaluate((h) => {
        const r = h.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 4, r.top + 4);
        return hit === h || h.contains(hit);
      });
      expect(overTopic, `${tag}: nothing over the topic`).toBe(true);
      // Each message shows its exact date and time; the list keeps relative times.
      for (const time of await page.getByTestId("message-time").all()) {
        await expect(time).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
      }
      await expect(page.getByTestId("send-chip").filter({ visible: true })).toHaveCount(1);
      await shot(page, `${tag}-thread`);
      await expectHeader(page, width, `${tag} inbox`);

      // The sent folder's list.
      await page.goto("/messages/sent");
      await expect(page.getByTestId("thread-list")).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectLayout(page, `${tag} sent`);
      await expectHeaderOneLine(page, `${tag} sent`);
      await shot(page, `${tag}-sent`);

      // Each admin page.
      for (const [path, heading] of [
        ["/settings/team", "Team"],
        ["/settings/connection", "Connection"],
        ["/activity", "Activity"],
        ["/settings/account", "Account"],
        ["/appeals", "Appeals"],
        ["/replies", "Saved replies"],
        ["/settings/notifications", "Notifications"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await page.waitForLoadState("networkidle");
        await expectLayout(page, `${tag} ${path}`);
        await shot(page, `${tag}-${heading.toLowerCase()}`);
      }
      await expectHeader(page, width, `${tag} account`);

      // The compose dialog: on a phone the whole screen; each way of choosing recipients can be clicked.
      await page.goto("/messages/inbox");
      await page.getByRole("button", { name: "New message" }).click();
      const dialog = page.getByRole("dialog", { name: "New message" });
      await expect(dialog.getByLabel("Subject", { exact: true })).toBeVisible();
      const box = (await dialog.boundingBox())!;
      if (width < 640) expect(box, `${tag}: compose fills a phone's screen`).toEqual({ x: 0, y: 0, width, height: HEIGHT[width] });
      else expect(box.x > 0 && box.x + box.width < width, `${tag}: compose is a box inside the screen`).toBe(true);
      for (const choice of ["A group by filter", "All Tolokers", "Tolokers by id"]) {
        await dialog.getByText(choice, { exact: true }).click();
        await expect(dialog.getByRole("radio", { name: choice })).toBeChecked();
        await expectLayout(page, `${tag} compose, ${choice}`, "dialog[open]");
        if (choice === "A group by filter") await shot(page, `${tag}-compose-filter`);
      }
      await shot(page, `${tag}-compose`);
      await dialog.getByRole("button", { name: "Close" }).first().click();
      await expect(dialog).toBeHidden();
      await context.close();
    });
  }
}

test("the draft the failed send left is discarded", async ({ browser }) => {
  const { context, page } = await newContext(browser, 1440, "light");
  await signIn(page, "admin");
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog.getByLabel("Subject", { exact: true })).toBeVisible();
  const discard: Locator = dialog.getByRole("button", { name: "Discard draft" });
  while (await dialog.getByText("Draft restored").isVisible()) {
    await discard.click();
    await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
  }
  await context.close();
});
