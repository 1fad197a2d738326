import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { allThreads, awaitingAnswer, control, inbound, setFaults, someToloker, thread, type WireThread } from "./emulator";
import { signIn, visualEditor } from "./helpers";

// These tests share one app and emulator and change their state, so they run one after another.
test.describe.configure({ mode: "serial" });

const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"] as const;
type Tab = (typeof TABS)[number];

function inTab(t: WireThread, tab: Tab): boolean {
  switch (tab) {
    case "inbox":
      return t.folders.includes("INBOX");
    case "sent":
      return t.folders.includes("OUTBOX");
    case "users":
      return t.messages.some((m) => m.from.role === "USER");
    case "administrator":
      return t.messages.some((m) => m.from.role === "ADMINISTRATOR");
    case "notifications":
      return t.folders.includes("AUTOMATIC_NOTIFICATION");
    case "important":
      return t.folders.includes("IMPORTANT");
  }
}

const latest = (t: WireThread) => t.messages[0].created;
const rows = (page: Page) => page.getByTestId("thread-row");
const row = (page: Page, id: string) => page.locator(`[data-testid="thread-row"][data-thread-id="${id}"]`);
const badge = (page: Page, tab: Tab) => page.getByTestId(`tab-${tab}`);

async function expectNoAxeViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

test.afterEach(async ({ request }) => {
  await setFaults(request, []);
});

test("each tab shows its threads newest first, with the unread counts the emulator implies", async ({ page, request }) => {
  await signIn(page, "viewer");
  const threads = await allThreads(request);
  for (const tab of TABS) {
    await page.goto(`/messages/${tab}`);
    const expected = threads.filter((t) => inTab(t, tab)).sort((a, b) => (latest(a) < latest(b) ? 1 : -1));
    const unread = expected.filter((t) => t.folders.includes("UNREAD") && !awaitingAnswer(t)).length;
    if (unread > 0) await expect(badge(page, tab)).toContainText(`${unread} unread`);
    else await expect(badge(page, tab)).not.toContainText("unread");
    if (expected.length === 0) {
      await expect(page.getByTestId("empty-list")).toBeVisible();
      continue;
    }
    await expect(rows(page).first()).toBeVisible();
    const shown = await rows(page).evaluateAll((els) => els.slice(0, 5).map((e) => e.getAttribute("data-thread-id")));
    expect(shown, `first rows of ${tab}`).toEqual(expected.slice(0, 5).map((t) => t.id));
  }
  await expectNoAxeViolations(page, "a tab of the inbox");
});

test("search finds a Toloker's threads by id and threads by a word, marking the words", async ({ page, request }) => {
  const toloker = await someToloker(request, 7);
  const a = await inbound(request, "Question about quokka labelling", "Is a quokka a marsupial for this task?", toloker);
  const b = await inbound(request, "Another question", "Second message from the same person", toloker);
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  // The list is drawn by the page's script: once it shows, the search box is the page's, not the server's HTML.
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel("Search by Toloker id or words").fill(toloker);
  await expect(page.getByLabel("Search by Toloker id or words")).toHaveValue(toloker);
  await expect(row(page, a.id)).toBeVisible({ timeout: 60_000 });
  await expect(row(page, b.id)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${toloker}`));

  await page.getByLabel("Search by Toloker id or words").fill("quokka");
  await expect(row(page, a.id)).toBeVisible();
  await expect(row(page, b.id)).toHaveCount(0);
  await expect(row(page, a.id).locator("mark").first()).toHaveText(/quokka/i);
  await expectNoAxeViolations(page, "search results");

  await page.getByLabel("Search by Toloker id or words").fill("zzqxnotaword");
  await expect(page.getByTestId("empty-list")).toContainText("Nothing found for “zzqxnotaword”");
  await expectNoAxeViolations(page, "an empty search");
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(page.getByLabel("Search by Toloker id or words")).toHaveValue("");
  await expect(rows(page).first()).toBeVisible();
});

test("important on and off, from the row and from the thread, and the Important tab follows", async ({ page, request }) => {
  const q = await inbound(request, "Star me please", "A thread to flag");
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect(row(page, q.id)).toBeVisible({ timeout: 60_000 });
  await row(page, q.id).getByRole("button", { name: "Important: off" }).click();
  await expect(row(page, q.id).getByRole("button", { name: "Important: on" })).toBeVisible();
  await expect.poll(async () => (await thread(request, q.id)).folders).toContain("IMPORTANT");
  await page.getByTestId("tab-important").click();
  await expect(row(page, q.id)).toBeVisible();

  await row(page, q.id).getByRole("button").first().click();
  await expect(page.getByTestId("thread-topic")).toHaveText("Star me please");
  await page.getByRole("region", { name: "Thread", exact: true }).getByRole("button", { name: "Important", exact: true }).click();
  await expect.poll(async () => (await thread(request, q.id)).folders).not.toContain("IMPORTANT");
  await page.goto("/messages/important");
  await expect(rows(page).first().or(page.getByTestId("empty-list"))).toBeVisible();
  await expect(row(page, q.id)).toHaveCount(0);
});

test("a selection (click, shift-click, x) is marked important and then read as one job each, in Toloka too", async ({ page, request }) => {
  const made: WireThread[] = [];
  for (let i = 0; i < 4; i++) made.push(await inbound(request, `Pick me ${i}`, "A thread for a bulk change"));
  // Newest first: made[3] is the top row of the four.
  const [d, c, b, a] = made.map((t) => t.id);
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect(row(page, a)).toBeVisible({ timeout: 60_000 });
  const box = (id: string) => row(page, id).getByRole("checkbox");
  await box(a).click();
  await box(c).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("bulk-count")).toHaveText("3 selected");
  for (const id of [a, b, c]) await expect(row(page, id)).toHaveAttribute("data-checked", "true");
  await expect(row(page, d)).toHaveAttribute("data-checked", "false");
  // x checks the keyboard's row: j moves to the fourth of ours.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const index = await rows(page).evaluateAll((els, id) => els.findIndex((e) => e.getAttribute("data-thread-id") === id), d);
  for (let i = 0; i <= index; i++) await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByTestId("bulk-count")).toHaveText("4 selected");
  await expectNoAxeViolations(page, "the bulk bar");

  await page.getByRole("toolbar", { name: "Selected threads" }).getByRole("button", { name: "Important", exact: true }).click();
  await expect(page.getByTestId("toast-info")).toContainText("4 threads marked important");
  for (const id of [a, b, c, d]) expect((await thread(request, id)).folders, id).toContain("IMPORTANT");
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  for (const id of [a, b, c, d]) await expect(row(page, id).getByRole("button", { name: "Important: on" })).toBeVisible();

  await box(a).click();
  await box(b).click();
  await page.getByRole("toolbar", { name: "Selected threads" }).getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByTestId("toast-info").last()).toContainText("2 threads marked read");
  for (const id of [a, b]) expect((await thread(request, id)).folders, id).not.toContain("UNREAD");
  for (const id of [c, d]) expect((await thread(request, id)).folders, id).toContain("UNREAD");
  await expect(row(page, a)).toHaveAttribute("data-unread", "false");
});

test("an important flag Toloka keeps refusing is rolled back in the row, with a message saying so", async ({ page, request }) => {
  const q = await inbound(request, "Flag that will not stick", "Toloka refuses this flag");
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect(row(page, q.id)).toBeVisible({ timeout: 60_000 });
  // Every try fails, the app's retries included.
  await setFaults(request, [{ endpoint: "add-to-folders", kind: "503" }]);
  await row(page, q.id).getByRole("button", { name: "Important: off" }).click();
  await expect(page.getByTestId("toast-error")).toContainText("Could not");
  await expect(row(page, q.id).getByRole("button", { name: "Important: off" })).toBeVisible();
  expect((await thread(request, q.id)).folders).not.toContain("IMPORTANT");
  // Once Toloka answers again, the same click works.
  await setFaults(request, []);
  await row(page, q.id).getByRole("button", { name: "Important: off" }).click();
  await expect(row(page, q.id).getByRole("button", { name: "Important: on" })).toBeVisible();
  await expect.poll(async () => (await thread(request, q.id)).folders).toContain("IMPORTANT");
});

test("opening an unread thread marks it read; Mark as unread brings it back, in Toloka too", async ({ page, request }) => {
  const q = await inbound(request, "Read state check", "Please read me");
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect(row(page, q.id)).toHaveAttribute("data-unread", "true", { timeout: 60_000 });
  await row(page, q.id).getByRole("button").first().click();
  await expect(row(page, q.id)).toHaveAttribute("data-unread", "false");
  await expect.poll(async () => (await thread(request, q.id)).folders).not.toContain("UNREAD");
  await expectNoAxeViolations(page, "an open thread");
  await page.getByRole("region", { name: "Thread", exact: true }).getByRole("button", { name: "Mark as unread" }).click();
  await expect(row(page, q.id)).toHaveAttribute("data-unread", "true");
  await expect.poll(async () => (await thread(request, q.id)).folders).toContain("UNREAD");
});

test("a reply appears in the thread and in the emulator", async ({ page, request }) => {
  const q = await inbound(request, "Where is my bonus", "I did 500 tasks");
  await signIn(page, "sender");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  const box = await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/);
  await box.fill("The bonus goes out on Friday.");
  await box.press("Control+Enter");
  await expect(page.getByTestId("message").last()).toContainText("The bonus goes out on Friday.");
  await expect
    .poll(async () => (await thread(request, q.id)).messages.filter((m) => m.from.role === "REQUESTER").map((m) => m.text.EN))
    .toEqual(["<p>The bonus goes out on Friday.</p>"]);
  await expect(box).toHaveText("");
  // The team sees who wrote it, after a reload too (the Toloker sees only the requester).
  await page.reload();
  const reply = page.getByTestId("message").last();
  await expect(reply).toContainText("The bonus goes out on Friday.");
  await expect(reply.getByTestId("message-author")).toHaveAttribute("title", "sender@demo.local");
  await expect(reply).toContainText("You · Sam Sender");
  await expect(page.getByTestId("message").first().getByTestId("message-author")).toHaveCount(0);
});

test("a thread that does not allow replies offers no reply box, and says why", async ({ page, request }) => {
  const notice = await control<WireThread>(request, "POST", "notice", { topic: { EN: "Pool 42 closed" }, text: { EN: "Your pool was closed." } });
  await signIn(page, "sender");
  await page.goto(`/messages/notifications?thread=${notice.id}`);
  await expect(page.getByTestId("thread-topic")).toHaveText("Pool 42 closed");
  await expect(page.getByTestId("reply-unavailable")).toHaveText("Notifications from Toloka cannot be answered.");
  await expect(page.getByLabel(/Reply text/)).toHaveCount(0);
});

test("a Toloka failure on reply shows an error naming the action, and keeps the draft across a reload", async ({ page, request }) => {
  const q = await inbound(request, "Failing reply", "Try to answer me");
  await signIn(page, "sender");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  await setFaults(request, [{ endpoint: "reply", kind: "500", count: 1 }]);
  const box = await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/);
  await box.fill("This reply will fail once.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("toast-error")).toContainText("Could not send the reply");
  await expect(box).toHaveText("This reply will fail once.");
  expect((await thread(request, q.id)).messages.filter((m) => m.from.role === "REQUESTER")).toHaveLength(0);
  await page.reload();
  await expect(await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/)).toHaveText("This reply will fail once.");
});

test("a message injected in the emulator shows up without a reload", async ({ page, request }) => {
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  await expect(rows(page).first()).toBeVisible();
  const before = await page.getByTestId("tab-inbox").textContent();
  const q = await inbound(request, `Live arrival ${Date.now()}`, "Hello from a Toloker");
  await expect(row(page, q.id)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("tab-inbox")).not.toHaveText(before ?? "");
});

test("keyboard: j/k move, o opens, s flags, u marks unread, e goes back, / searches, ? shows the shortcuts", async ({ page }) => {
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect(rows(page).first()).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 200 } });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  const second = rows(page).nth(1);
  await expect(second).toHaveAttribute("data-selected", "true");
  const id = await second.getAttribute("data-thread-id");
  await page.keyboard.press("o");
  await expect(page).toHaveURL(new RegExp(`thread=${id}`));
  await expect(page.getByTestId("thread-topic")).toBeVisible();
  const star = page.getByRole("button", { name: /^(Important|Mark important)$/ });
  const wasImportant = (await star.getAttribute("aria-pressed")) === "true";
  await page.keyboard.press("s");
  await expect(star).toHaveAttribute("aria-pressed", wasImportant ? "false" : "true");
  await page.keyboard.press("u");
  await expect(row(page, id!)).toHaveAttribute("data-unread", "true");
  await page.keyboard.press("e");
  await expect(page).not.toHaveURL(/thread=/);
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search by Toloker id or words")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoAxeViolations(page, "the shortcuts sheet");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
});

test("a narrow screen shows one pane at a time, with a way back", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  await expect(rows(page).first()).toBeVisible();
  await expectNoAxeViolations(page, "the narrow list");
  await rows(page).first().getByRole("button").first().click();
  await expect(page.getByTestId("thread-topic")).toBeVisible();
  await expect(rows(page).first()).toBeHidden();
  await page.getByRole("button", { name: "Back to the list" }).click();
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel("Folder", { exact: true }).selectOption("sent");
  await expect(page).toHaveURL(/\/messages\/sent/);
});

test("at 390 px nothing runs off the side, and every header control is on the screen, for every role", async ({ browser }) => {
  for (const role of ["viewer", "sender", "admin"] as const) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, role);
    await expect(rows(page).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), role).toBeLessThanOrEqual(390);
    for (const control of await page.locator("header").getByRole("button").or(page.locator("header").getByRole("link")).all()) {
      const box = (await control.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= 390, `${role}: ${await control.textContent()}`).toBe(true);
    }
    // An open thread with meta links and every action: the topic keeps its width, the actions wrap below it.
    const withMeta = (await allThreads(page.request)).find(
      (t) => t.folders.includes("INBOX") && (t as { meta?: { assignment_id?: string } }).meta?.assignment_id,
    )!;
    await page.goto(`/messages/inbox?thread=${withMeta.id}`);
    const topic = page.getByTestId("thread-topic");
    await expect(topic).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${role}, open thread`).toBeLessThanOrEqual(390);
    expect((await topic.boundingBox())!.width, `${role}: the topic gets the width`).toBeGreaterThan(200);
    for (const control of await page.getByRole("region", { name: "Thread", exact: true }).locator("header").getByRole("button").all()) {
      const box = (await control.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= 390, `${role}, open thread: ${await control.textContent()}`).toBe(true);
    }
    if (role === "admin") await page.screenshot({ path: "test-results/thread-390.png", fullPage: true });
    await context.close();
  }
});

test("mark all read of a tab with 200 unread threads finishes, and the counts drop to zero", async ({ page, request }) => {
  for (let i = 0; i < 200; i++) await inbound(request, `Bulk question ${i}`, "Unread on purpose");
  // Every unread Inbox thread Toloka holds, earlier tests' included: the page must show them all before the
  // click, or threads the mirror has not fetched yet would (rightly) be left out of the job.
  const count = (await allThreads(request)).filter((t) => t.folders.includes("INBOX") && t.folders.includes("UNREAD")).length;
  expect(count).toBeGreaterThanOrEqual(200);
  await signIn(page, "sender");
  await page.goto("/messages/inbox");
  await expect.poll(async () => Number((await badge(page, "inbox").textContent())?.replace(/\D/g, "") || 0), { timeout: 60_000 }).toBe(count);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark all as read in Inbox?" });
  await expect(dialog.getByTestId("mark-all-count")).toHaveText(count.toLocaleString("en"));
  await expectNoAxeViolations(page, "the mark-all-read confirmation");
  // Slow Toloka down so the job is still running when the page reloads.
  await setFaults(request, [{ endpoint: "remove-from-folders", kind: "latency", latency_ms: 500 }]);
  await dialog.getByRole("button", { name: `Mark ${count.toLocaleString("en")} as read` }).click();
  // The progress survives a reload.
  await expect(page.getByTestId("mark-all-progress")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("toast-info")).toContainText("as read", { timeout: 60_000 });
  await expect(badge(page, "inbox")).not.toContainText("unread");
  const leftUnread = (await allThreads(request)).filter((t) => t.folders.includes("INBOX") && t.folders.includes("UNREAD"));
  expect(leftUnread).toHaveLength(0);
});

test("Write to this Toloker, from a thread, sends a new message to that Toloker alone", async ({ page, request }) => {
  const toloker = await someToloker(request, 11);
  const q = await inbound(request, "Can I get more tasks?", "I finished them all", toloker);
  await signIn(page, "sender");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  await expect(page.getByTestId("thread-topic")).toHaveText("Can I get more tasks?");
  await page.getByRole("region", { name: "Thread", exact: true }).getByRole("button", { name: "Write to this Toloker" }).click();
  const dialog = page.getByRole("dialog", { name: "Write to this Toloker" });
  await expect(dialog.getByLabel("Toloker ids", { exact: true })).toHaveValue(toloker);
  const topic = `New pool for you ${Date.now().toString(36)}`;
  await dialog.getByLabel("Subject", { exact: true }).fill(topic);
  await dialog.getByLabel("Text", { exact: true }).fill("A new pool opens tomorrow.");
  await dialog.getByRole("button", { name: /^Send/ }).click();
  await expect.poll(async () => (await allThreads(request)).find((t) => t.topic.EN === topic)?.id, { timeout: 60_000 }).toBeTruthy();
  const sent = (await allThreads(request)).find((t) => t.topic.EN === topic)!;
  expect((await control<{ ids: string[] }>(request, "GET", `threads/${sent.id}/recipients`)).ids).toEqual([toloker]);
  // The new thread says which team member wrote it.
  await page.goto(`/messages/sent?thread=${sent.id}`);
  await expect(page.getByTestId("thread-topic")).toHaveText(topic);
  await expect(page.getByTestId("message").first()).toContainText("You · Sam Sender");
});
