import { expect, test, type Page } from "@playwright/test";
import { TABS } from "@/lib/schemas/plain";
import { MESSAGES } from "@/lib/i18n/messages";
import { latinWords } from "../test/i18n/latin";
import { allThreads, someToloker } from "./emulator";
import { DEMO, signIn } from "./helpers";
import { expectLayout } from "./layout-check";

/*
 * The interface in Russian (issue 16): a member picks Русский on their account page and every page, dialog and
 * attribute they can reach is then in Russian. The check reads the page as a person and a screen reader would (its
 * text, its aria-labels, titles, placeholders and the document's title) and fails on any Latin word but the
 * abbreviations Russian software keeps (test/i18n/latin.ts). What is not ours to translate (message bodies,
 * names, ids, emails) is marked translate="no" in the markup, and skipped.
 */

const ru = MESSAGES.ru;

/** The search language's operators with their values (`pool:123`, `is:unread`): code, the same in every language. */
const OPERATOR = /\b(?:from|pool|project|assignment|is|has|before|after):\S*/g;

/**
 * Every text the page shows outside translate="no" that has a Latin word in it: its text nodes, its readable
 * attributes and its title. An attribute may quote the page's data ("Select: <topic>"), which it cannot mark: what
 * the page shows under translate="no" is taken out of attributes before they are read.
 */
async function english(page: Page): Promise<string[]> {
  const { texts, data } = await page.evaluate(() => {
    const texts: [string, string][] = [];
    const skipped = (el: Element) => el.closest('[translate="no"], script, style, noscript, template') !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (el && text && !skipped(el)) texts.push(["text", text]);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-description]")) {
      if (skipped(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const v = el.getAttribute(a);
        if (v) texts.push([a, v]);
      }
    }
    texts.push(["document.title", document.title]);
    const data = [...document.body.querySelectorAll('[translate="no"]')].map((el) => el.textContent?.trim() ?? "").filter((t) => t.length > 1);
    return { texts, data };
  });
  const quoted = [...new Set(data)].sort((a, b) => b.length - a.length);
  return texts
    .filter(([where, text]) => {
      let t = text.replace(OPERATOR, " ");
      if (where !== "text") for (const d of quoted) t = t.split(d).join(" ");
      return latinWords(t).length > 0;
    })
    .map(([where, text]) => `${where}: ${text}`);
}

/** The page, settled (its data in, no skeleton left), has no English. */
async function expectRussian(page: Page, where: string) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await expect(page.locator("[data-skeleton], .animate-pulse")).toHaveCount(0);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  expect(await english(page), `English on ${where}`).toEqual([]);
}

test.use({ locale: "ru-RU" });

test("a Russian browser gets the pages before signing in in Russian", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: ru.admin.signIn.submit, exact: true })).toBeVisible();
  await expectRussian(page, "/sign-in");
  await page.goto("/invite/not-a-real-token");
  await expectRussian(page, "/invite (a link that is not valid)");
  await page.goto("/setup");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectRussian(page, "/setup");
});

test.describe("a member who chose Russian", () => {
  test.afterEach(async ({ page }) => {
    // Back to the browser's language (other specs read the English interface with an English browser).
    await page.request.put("/api/account/language", { data: { locale: null } });
  });

  test("sees every page in Russian", async ({ page, request }) => {
    test.setTimeout(600_000);
    await page.goto("/sign-in");
    await page.getByLabel(ru.admin.signIn.email).fill(DEMO.admin.email);
    await page.getByLabel(ru.admin.signIn.password).fill(DEMO.admin.password);
    await page.getByRole("button", { name: ru.admin.signIn.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/messages\/inbox/);
    // The browser is Russian, so the app already is; an explicit choice is what this member keeps everywhere.
    await page.goto("/settings/account");
    await page.getByLabel(ru.admin.language.label).selectOption("ru");
    await expect(page.getByText(ru.admin.language.saved)).toBeVisible();

    for (const tab of TABS) {
      await page.goto(`/messages/${tab}`);
      await expectRussian(page, `/messages/${tab}`);
    }
    const threads = await allThreads(request);
    const fromToloker = threads.find((t) => t.folders.includes("INBOX") && t.messages.some((m) => m.from.role === "USER"));
    const sent = threads.find((t) => t.folders.includes("OUTBOX"));
    for (const [tab, t] of [
      ["inbox", fromToloker],
      ["sent", sent],
    ] as const) {
      await page.goto(`/messages/${tab}?thread=${t!.id}`);
      await expect(page.getByRole("article").first()).toBeVisible();
      await expectRussian(page, `a thread in ${tab}`);
    }
    // The dialogs: keyboard shortcuts, and compose with each way of choosing recipients (the filter builder too).
    await page.goto("/messages/inbox");
    await expect(page.getByRole("button", { name: ru.compose.launcher.newMessage, exact: true })).toBeVisible();
    await page.getByRole("button", { name: ru.inbox.shortcuts.title, exact: true }).click();
    await expect(page.getByRole("dialog", { name: ru.inbox.shortcuts.title })).toBeVisible();
    await expectRussian(page, "the keyboard shortcuts");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: ru.compose.launcher.newMessage, exact: true }).click();
    const compose = page.getByRole("dialog", { name: ru.compose.launcher.newMessage });
    await expect(compose.getByLabel(ru.compose.languageTabs.subject, { exact: true })).toBeVisible();
    await expectRussian(page, "the compose dialog");
    await compose.getByText(ru.compose.recipients.filterLabel).click();
    await expect(compose.getByTestId("filter-description")).toBeVisible();
    await expectRussian(page, "the compose dialog's filter builder");
    await compose.getByText(ru.compose.recipients.allLabel).click();
    await expectRussian(page, "the compose dialog, to all Tolokers");
    await page.keyboard.press("Escape");

    for (const path of [
      `/tolokers/${await someToloker(request)}`,
      "/appeals",
      "/replies",
      "/activity",
      "/settings/account",
      "/settings/team",
      "/settings/connection",
      "/settings/notifications",
    ]) {
      await page.goto(path);
      await expect(page.locator("main h1, main h2").first()).toBeVisible();
      await expectRussian(page, path);
    }
  });
});

// Russian words are longer than English ones: the pages must still fit, at a phone's width, at 1280 px (where the
// English header has its links inline and the Russian one still has them in the menu) and at 1440 px.
for (const width of [390, 1280, 1440] as const) {
  test(`the Russian interface fits at ${width} px`, async ({ browser }) => {
    test.setTimeout(300_000);
    // An English browser: the member's own choice is what makes the pages Russian.
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
    const page = await context.newPage();
    try {
      await signIn(page, "admin");
      expect((await page.request.put("/api/account/language", { data: { locale: "ru" } })).ok()).toBe(true);
      const threads = await allThreads(page.request);
      const fromToloker = threads.find((t) => t.folders.includes("INBOX") && t.messages.some((m) => m.from.role === "USER"))!;
      const paths = [
        "/messages/inbox",
        `/messages/inbox?thread=${fromToloker.id}`,
        "/messages/unassigned",
        `/tolokers/${await someToloker(page.request)}`,
        "/appeals",
        "/replies",
        "/activity",
        "/settings/account",
        "/settings/team",
        "/settings/connection",
        "/settings/notifications",
      ];
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", "ru");
        await page.waitForLoadState("networkidle").catch(() => {});
        await expectLayout(page, `${path} in Russian at ${width} px`);
      }
      // Below 1440 px the Russian header's links are in its menu (its words are longer than English's).
      if (width < 1440) {
        const menu = page.locator("header").first().getByRole("button", { name: ru.inbox.header.menu });
        await menu.click();
        await expectLayout(page, `the menu in Russian at ${width} px`, `[id="${await menu.getAttribute("aria-controls")}"]`);
      }
    } finally {
      await page.request.put("/api/account/language", { data: { locale: null } });
      await context.close();
    }
  });
}
