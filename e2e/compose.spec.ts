import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { EMULATOR_TOKEN, openBlank, plainText, signIn } from "./helpers";

/*
 * Compose against the app's embedded emulator: the emulator's control API sets faults up and says who received
 * what. The tests share the sender's drafts and the day's send to all, so they run in order.
 */
test.describe.configure({ mode: "serial" });

const auth = { Authorization: `ApiKey ${EMULATOR_TOKEN}` };

async function control<T>(request: APIRequestContext, method: "GET" | "POST" | "PUT" | "DELETE", path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`/emulator/control/${path}`, { method, headers: auth, data });
  expect(res.ok(), `${method} ${path}: ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

type Toloker = { id: string; didTask: boolean };
async function tolokers(request: APIRequestContext, limit = 10_000): Promise<Toloker[]> {
  return (await control<{ items: Toloker[] }>(request, "GET", `tolokers?limit=${limit}`)).items;
}

/** Opens the draft with `subject` from the Drafts list of a blank "New message". */
async function openDraft(page: Page, subject: string): Promise<Locator> {
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
  await dialog.getByTestId("drafts").locator("summary").click();
  await dialog
    .getByTestId("draft-item")
    .filter({ hasText: subject })
    .getByRole("button", { name: /^Open draft/ })
    .click();
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue(subject);
  return dialog;
}

async function write(dialog: Locator, subject: string, text: string) {
  await dialog.getByLabel("Subject", { exact: true }).fill(subject);
  await dialog.getByLabel("Text", { exact: true }).fill(text);
}

/** Waits for the send in the dialog to finish and returns its batches' threads. */
async function finishedThreads(dialog: Locator, batches: number): Promise<string[]> {
  const progress = dialog.getByTestId("send-progress");
  await expect(progress.getByTestId("send-summary")).toContainText(`${batches} of ${batches} ${batches === 1 ? "batch" : "batches"} sent`, { timeout: 60_000 });
  const rows = progress.getByTestId("send-batch");
  await expect(rows).toHaveCount(batches);
  return Promise.all((await rows.all()).map(async (r) => (await r.getAttribute("data-thread"))!));
}

// Faults are the emulator's, shared with specs running in parallel: only the tests that set them clear them, and
// they touch the compose endpoint only.
async function withComposeFaults<T>(request: APIRequestContext, rules: unknown[], body: () => Promise<T>): Promise<T> {
  await control(request, "PUT", "faults", rules);
  try {
    return await body();
  } finally {
    await control(request, "DELETE", "faults");
  }
}

test("a viewer has no compose button; a sender has one", async ({ page, browser }) => {
  await signIn(page, "viewer");
  await expect(page.getByTestId("current-user")).toContainText("(viewer)");
  await expect(page.getByRole("button", { name: "New message" })).toHaveCount(0);
  const other = await browser.newPage();
  await signIn(other, "sender");
  await expect(other.getByRole("button", { name: "New message" })).toBeVisible();
  await other.close();
});

test("by ids: 250 ids become three threads, the emulator shows 250 distinct recipients, progress survives a reload", async ({ page, request }) => {
  const ids = (await tolokers(request, 250)).map((t) => t.id);
  expect(ids).toHaveLength(250);
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const topic = `Three batches ${Date.now().toString(36)}`;
  await write(dialog, topic, "New pools are open for you.");
  const idsBox = dialog.getByLabel("Toloker ids", { exact: true });
  await idsBox.fill(`${ids.join(", ")}\n${ids.slice(0, 5).join("\n")}\nnot-an-id`);
  // The bad entry is marked once the field is left, not while it is being pasted (e2e/validation.spec.ts).
  await idsBox.blur();
  await expect(dialog.getByTestId("ids-summary")).toContainText("250 Tolokers · 3 batches of at most 100 · 5 duplicates removed · 1 not a Toloker id");
  await expect(dialog.getByRole("list", { name: "Entries that are not Toloker ids" })).toContainText("not-an-id");

  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Fix or remove the entry that is not a Toloker id.");
  await idsBox.fill(ids.join("\n"));
  await expect(dialog.getByTestId("ids-summary")).toContainText("250 Tolokers · 3 batches of at most 100");

  // Slow Toloka down so the send is still running across a reload. The three batches go out at once, so the send
  // lasts about as long as one compose call: long enough for a reload on a busy machine, whose first page loads
  // can take seconds (a shorter delay let the send finish before the page was back, and no chip was left to show).
  const progress = page.getByRole("dialog", { name: "Send progress" });
  const threads = await withComposeFaults(request, [{ endpoint: "compose", kind: "latency", latency_ms: 8000 }], async () => {
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await expect(progress).toBeVisible();
    await page.reload();
    const chip = page.getByTestId("send-chip");
    await expect(chip).toContainText(/Sending: \d of 3 batches/);
    await chip.click();
    return finishedThreads(progress, 3);
  });
  await expect(progress.getByTestId("send-summary")).toContainText("250 of 250 Tolokers reached");

  const received: string[] = [];
  for (const id of threads) received.push(...(await control<{ ids: string[] }>(request, "GET", `threads/${id}/recipients`)).ids);
  expect(received).toHaveLength(250);
  expect(new Set(received)).toEqual(new Set(ids));

  // The Sent tab shows the new threads.
  await progress.getByRole("button", { name: "Done" }).click();
  await page.goto("/messages/sent");
  await expect(page.getByTestId("thread-row").filter({ hasText: topic })).toHaveCount(3);
});

test("by a nested filter: the emulator's recipients are exactly the Tolokers the filter selects", async ({ page, request }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await write(dialog, `Filtered ${Date.now().toString(36)}`, "A task for German speakers or smartphone users.");
  await dialog.getByText("A group by filter").click();
  await dialog.getByLabel("Add a condition", { exact: true }).selectOption("languages");
  await dialog.getByRole("group", { name: "Language condition" }).getByLabel("Language", { exact: true }).selectOption("EN");
  await dialog.getByRole("button", { name: "+ Add a group" }).click();
  const nested = dialog.getByRole("group", { name: /^Nested group/ });
  await expect(nested.getByLabel("Match all or any of this group's conditions")).toHaveValue("or");
  await nested.getByLabel("Add a condition to this group").selectOption("country");
  await nested.getByRole("group", { name: "Country condition" }).getByLabel("Country", { exact: true }).selectOption("DE");
  await nested.getByLabel("Add a condition to this group").selectOption("device");
  await nested.getByRole("group", { name: "Device category condition" }).getByLabel("Device", { exact: true }).selectOption("SMARTPHONE");
  await expect(dialog.getByTestId("filter-description")).toHaveText("Tolokers matching: speaks English and (country is Germany or device is a smartphone).");
  const filter = JSON.parse((await dialog.getByTestId("filter-json").textContent())!);
  expect(filter).toEqual({
    and: [
      { category: "profile", key: "languages", operator: "IN", value: "EN" },
      {
        or: [
          { category: "profile", key: "country", operator: "EQ", value: "DE" },
          { category: "computed", key: "device_category", operator: "EQ", value: "SMARTPHONE" },
        ],
      },
    ],
  });
  const axe = await new AxeBuilder({ page }).include("dialog").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  const selected = (await control<{ ids: string[] }>(request, "POST", "select", { filter })).ids;
  expect(selected.length).toBeGreaterThan(0);

  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  const [thread] = await finishedThreads(page.getByRole("dialog", { name: "Send progress" }), 1);
  const received = (await control<{ ids: string[] }>(request, "GET", `threads/${thread}/recipients`)).ids;
  expect([...received].sort()).toEqual([...selected].sort());
});

test("pasted JSON is checked and fills the builder", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByText("A group by filter").click();
  await dialog.getByRole("button", { name: "Paste a filter as JSON…" }).click();
  const box = dialog.getByLabel("Filter JSON to use");
  await box.fill('{"and":[{"category":"profile","key":"gender","operator":"GT","value":"MALE"}]}');
  await dialog.getByRole("button", { name: "Use this JSON" }).click();
  await expect(dialog.getByText(/This JSON is not a filter Toloka accepts: at and\.0\.operator: operator "GT" is not allowed/)).toBeVisible();
  await box.fill(
    '{"or":[{"category":"computed","key":"os_family","operator":"EQ","value":"IOS"},{"and":[{"category":"skill","key":"26366","operator":"EQ","value":null}]}]}',
  );
  await dialog.getByRole("button", { name: "Use this JSON" }).click();
  await expect(dialog.getByRole("group", { name: "Operating system condition" }).getByLabel("Value", { exact: true })).toHaveValue("IOS");
  await expect(dialog.getByRole("group", { name: "Skill condition" }).getByLabel("Skill comparison")).toHaveValue("none");
  await expect(dialog.getByTestId("filter-description")).toHaveText('Tolokers matching: OS is iOS or does not have skill "English (verified)".');
  await dialog.getByRole("button", { name: "Discard draft" }).click();
});

test("to all: behind a confirmation naming the once-a-day limit; every Toloker who did a task receives it once", async ({ page, request }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await write(dialog, `To everyone ${Date.now().toString(36)}`, "Thank you all for your work this month.");
  await dialog.getByText("All Tolokers").first().click();
  await expect(dialog.getByTestId("all-confirmation")).toContainText("one message to all Tolokers a day");
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Confirm that this goes to all Tolokers.");
  await dialog.getByLabel("Yes, send this to all Tolokers, using today's one message to all").check();
  // The seeded mailbox holds sends to all only from before today: the day's one is not taken as used.
  await expect(dialog.getByTestId("warning-all-today")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  const [thread] = await finishedThreads(page.getByRole("dialog", { name: "Send progress" }), 1);
  const received = (await control<{ ids: string[] }>(request, "GET", `threads/${thread}/recipients`)).ids;
  const workers = (await tolokers(request)).filter((t) => t.didTask).map((t) => t.id);
  expect(received).toHaveLength(new Set(received).size);
  expect([...received].sort()).toEqual([...workers].sort());
});

test("each warning shows, can be fixed or overridden, and blocks the send until read", async ({ page, request }) => {
  const ids = (await tolokers(request, 1001)).map((t) => t.id);
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  // HTML written by hand: the plain-text mode sends it as written (the visual editor would take it as text).
  await plainText(dialog);
  await write(
    dialog,
    "Questions? Call +44 20 7946 0958",
    'Mail me at boss@example.com or @boss_tg. Tasks: https://toloka.ai/requester/project/4242 <span style="color:red">now</span>',
  );
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(ids.join("\n"));
  await expect(dialog.getByTestId("warning-contacts")).toContainText("an email address, a phone number and a messenger handle or link");
  await expect(dialog.getByTestId("warning-contacts")).toContainText("@boss_tg");
  await expect(dialog.getByTestId("warning-html")).toContainText("<span>");
  await expect(dialog.getByTestId("warning-many-recipients")).toContainText("1,001 recipients");
  const link = dialog.getByTestId("warning-requester-link");
  await expect(link).toContainText("https://toloka.ai/requester/project/4242");
  await link.getByRole("button", { name: "Use https://toloka.ai/tasks?projectId=4242 instead (EN)" }).click();
  await expect(dialog.getByLabel("Text", { exact: true })).toHaveValue(/Tasks: https:\/\/toloka\.ai\/tasks\?projectId=4242 </);
  await expect(link).toHaveCount(0);

  await dialog.getByLabel("Add a language").selectOption("RU");
  await dialog.getByLabel("Subject", { exact: true }).fill("Новые задания");
  await expect(dialog.getByTestId("warning-languages-differ")).toContainText("RU has a subject but no text");

  // A send to all went out today (the test before this one), so choosing all warns.
  await dialog.getByText("All Tolokers").first().click();
  await expect(dialog.getByTestId("warning-all-today")).toContainText("already went out today");
  await dialog.getByLabel("Yes, send this to all Tolokers, using today's one message to all").check();
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Read the 4 warnings above");
  await dialog.getByText("Tolokers by id").click();
  await expect(dialog.getByTestId("compose-warnings").getByRole("listitem")).toHaveCount(4);

  // Overridden, every warning goes with the send: the server takes it, in 11 batches.
  for (const box of await dialog.getByTestId("compose-warnings").getByRole("checkbox").all()) await box.check();
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  const threads = await finishedThreads(page.getByRole("dialog", { name: "Send progress" }), 11);
  expect(new Set(threads).size).toBe(11);
  const axe = await new AxeBuilder({ page }).include("dialog").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("a draft is saved as one types and restored after a reload; the dialog is accessible", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const subject = `Draft ${Date.now().toString(36)}`;
  await dialog.getByLabel("Add a language").selectOption("DE");
  await write(dialog, subject, "Hallo! Neue Aufgaben.");
  await dialog.getByRole("tab", { name: /English/ }).click();
  await write(dialog, `${subject} (EN)`, "Hello! New tasks.");
  await dialog.getByLabel("Allows replies").uncheck();
  await expect(dialog.getByTestId("draft-status")).toContainText("Draft saved");

  const axe = await new AxeBuilder({ page }).include("dialog").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Esc closes, focus returns to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "New message" })).toBeFocused();

  await page.reload();
  const restored = await openDraft(page, `${subject} (EN)`);
  await expect(restored.getByTestId("draft-status")).toHaveText("Draft restored");
  await expect(restored.getByLabel("Allows replies")).not.toBeChecked();
  await restored.getByRole("tab", { name: /German/ }).click();
  await expect(restored.getByLabel("Subject", { exact: true })).toHaveValue(subject);
  await expect(restored.getByLabel("Text", { exact: true })).toHaveText("Hallo! Neue Aufgaben.");

  // Focus stays in the dialog: Tab from the last control wraps to the first.
  await restored.getByRole("button", { name: "Send", exact: true }).focus();
  await page.keyboard.press("Tab");
  expect(await restored.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await restored.getByRole("button", { name: "Discard draft" }).click();
});

test("an injected failure is reported per batch, keeps the draft, and the failed batch can be retried", async ({ page, request }) => {
  const [one] = (await tolokers(request, 1)).map((t) => t.id);
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const subject = `Will fail ${Date.now().toString(36)}`;
  await write(dialog, subject, "This one meets a broken Toloka.");
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(one);
  const progress = page.getByRole("dialog", { name: "Send progress" });
  await withComposeFaults(request, [{ endpoint: "compose", kind: "500", count: 20 }], async () => {
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await expect(progress.getByRole("heading", { level: 3 })).toHaveText("The send to 1 Toloker failed", { timeout: 60_000 });
    const row = progress.getByTestId("send-batch");
    await expect(row).toHaveAttribute("data-status", "failed");
    await expect(row).toContainText("Toloka failed 4 times (last: 500 INTERNAL_ERROR); the batch was not sent.");
    await expect(progress).toContainText("Your message is kept as a draft");
  });

  await page.reload();
  await expect(page.getByTestId("send-chip")).toHaveAccessibleName("Send failed for 1 of 1 batch");
  await page.getByRole("button", { name: "New message" }).click();
  const list = page.getByRole("dialog", { name: "New message" }).getByTestId("drafts");
  await list.locator("summary").click();
  await expect(list.getByTestId("draft-item").filter({ hasText: subject }).getByTestId("draft-failed-mark")).toHaveText("From a failed send");
  await page.getByRole("dialog", { name: "New message" }).getByRole("button", { name: "Close" }).first().click();
  const kept = await openDraft(page, subject);
  await expect(kept.getByLabel("Toloker ids", { exact: true })).toHaveValue(one);
  await expect(kept).toContainText("This draft is what a send that failed left behind");
  await kept.getByRole("button", { name: "Close" }).first().click();

  await page.getByTestId("send-chip").click();
  const again = page.getByRole("dialog", { name: "Send progress" });
  await again.getByRole("button", { name: "Retry the failed batch" }).click();
  const [thread] = await finishedThreads(again, 1);
  expect((await control<{ ids: string[] }>(request, "GET", `threads/${thread}/recipients`)).ids).toEqual([one]);
});

test("a send Toloka's listing cannot prove is unconfirmed, not sent again; the sender says it arrived", async ({ page, request }) => {
  const [one] = (await tolokers(request, 3)).map((t) => t.id).slice(2);
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const subject = `Maybe arrived ${Date.now().toString(36)}`;
  await write(dialog, subject, "Toloka made this thread, then its answer was lost.");
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(one);
  const progress = page.getByRole("dialog", { name: "Send progress" });
  // Toloka writes the thread and answers 500; its listings then leave out the messages and compose_details that
  // would tell this thread apart.
  const doubt = await withComposeFaults(
    request,
    [
      { endpoint: "compose", kind: "500", after_write: true, count: 1 },
      { endpoint: "list", kind: "sparse" },
    ],
    async () => {
      await dialog.getByRole("button", { name: "Send", exact: true }).click();
      await expect(progress.getByRole("heading", { level: 3 })).toHaveText(
        /^Unconfirmed: Toloka did not say whether 1 batch of the send to 1 Toloker arrived/,
        { timeout: 60_000 },
      );
      const batch = progress.getByTestId("unconfirmed-batch");
      await expect(batch).toContainText("Batch 1 (1 Toloker): did it arrive?");
      await expect(progress.getByRole("button", { name: /Retry the failed/ })).toHaveCount(0);
      const candidates = await batch.getByRole("link", { name: /^Thread / }).allTextContents();
      expect(candidates).toHaveLength(1);
      return candidates[0].replace(/^Thread\s*/, "");
    },
  );
  const stats = await control<{ requests: Record<string, number> }>(request, "GET", "stats");
  const recipients = await control<{ ids: string[] }>(request, "GET", `threads/${doubt}/recipients`);
  expect(recipients.ids).toEqual([one]);
  await page.reload();
  await expect(page.getByTestId("send-chip")).toHaveAccessibleName("Unconfirmed: 1 of 1 batch, say whether it arrived");
  // At a phone's width: the choices fit and can be reached.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("send-chip").click();
  const again = page.getByRole("dialog", { name: "Send progress" });
  const choice = again.getByTestId("unconfirmed-batch");
  await expect(choice.getByRole("button", { name: "It did not arrive: send it again" })).toBeVisible();
  await choice.getByRole("button", { name: "It did not arrive: send it again" }).click();
  await expect(choice).toContainText("If it did arrive, 1 Toloker gets the message twice.");
  await page.screenshot({ path: "test-results/unconfirmed-send-390.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "390 px").toBeLessThanOrEqual(390);
  await choice.getByRole("button", { name: "Cancel" }).click();
  await choice.getByRole("button", { name: "This is it" }).click();
  await expect(again.getByTestId("send-batch")).toHaveAttribute("data-status", "done");
  await expect(again.getByTestId("send-batch")).toContainText("you said it arrived");
  expect((await control<{ requests: Record<string, number> }>(request, "GET", "stats")).requests.compose, "not composed again").toBe(stats.requests.compose);
});
