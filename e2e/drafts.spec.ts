import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { allThreads, control, thread } from "./emulator";
import { signIn } from "./helpers";

/*
 * Drafts you can find, sends described in the requester's words, and a refusal a retry cannot change. The oracles
 * are the emulator's (its control API, never varied): what it holds, who received what, and how often compose was
 * called. The tests share the sender's drafts, so they run in order.
 */
test.describe.configure({ mode: "serial" });

const stamp = () => Date.now().toString(36);

async function newMessage(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog.getByLabel("Subject", { exact: true })).toBeVisible();
  return dialog;
}

async function write(dialog: Locator, subject: string, text: string) {
  await dialog.getByLabel("Subject", { exact: true }).fill(subject);
  await dialog.getByLabel("Text", { exact: true }).fill(text);
}

async function drafts(dialog: Locator): Promise<Locator> {
  const list = dialog.getByTestId("drafts");
  if ((await list.getAttribute("open")) === null) await list.locator("summary").click();
  return list;
}

async function composeCalls(request: APIRequestContext): Promise<number> {
  return (await control<{ requests: Record<string, number> }>(request, "GET", "stats")).requests.compose ?? 0;
}

test("New message opens blank; drafts are listed, reopened and discarded", async ({ page }) => {
  await signIn(page, "sender");
  const first = `First draft ${stamp()}`;
  const second = `Second draft ${stamp()}`;

  let dialog = await newMessage(page);
  await write(dialog, first, "Written first.");
  await expect(dialog.getByTestId("draft-status")).toContainText("Draft saved");
  await dialog.getByRole("button", { name: "Close" }).first().click();

  // A blank form, not the draft just left.
  dialog = await newMessage(page);
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
  await write(dialog, second, "Written second.");
  await expect(dialog.getByTestId("draft-status")).toContainText("Draft saved");
  await dialog.getByRole("button", { name: "Close" }).first().click();

  await page.reload();
  dialog = await newMessage(page);
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
  const list = await drafts(dialog);
  const firstItem = list.getByTestId("draft-item").filter({ hasText: first });
  const secondItem = list.getByTestId("draft-item").filter({ hasText: second });
  await expect(firstItem).toHaveCount(1);
  await expect(secondItem).toHaveCount(1);
  await expect(firstItem.getByTestId("draft-failed-mark")).toHaveCount(0);

  await firstItem.getByRole("button", { name: `Open draft “${first}”` }).click();
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue(first);
  await expect(dialog.getByLabel("Text", { exact: true })).toHaveText("Written first.");
  await expect(dialog.getByTestId("draft-status")).toHaveText("Draft restored");

  // Discarding another draft from the list leaves the open one alone; the server no longer has it.
  const list2 = await drafts(dialog);
  await list2
    .getByTestId("draft-item")
    .filter({ hasText: second })
    .getByRole("button", { name: `Discard draft “${second}”` })
    .click();
  await expect(list2.getByTestId("draft-item").filter({ hasText: second })).toHaveCount(0);
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue(first);
  const held = await page.request.get("/api/compose/drafts");
  const topics = ((await held.json()) as { items: { content: { languages: { topic: string }[] } }[] }).items.map((d) => d.content.languages[0]?.topic);
  expect(topics).toContain(first);
  expect(topics).not.toContain(second);

  await dialog.getByRole("button", { name: "Discard draft" }).click();
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
});

test("a send by a skill's name, with replies off, reads as sent: the name kept and nobody able to answer", async ({ page, request }) => {
  await signIn(page, "sender");
  const dialog = await newMessage(page);
  const subject = `By skill ${stamp()}`;
  await write(dialog, subject, "For our search relevance experts.");
  await dialog.getByText("A group by filter").click();
  await dialog.getByLabel("Add a condition", { exact: true }).selectOption("skill");
  const row = dialog.getByRole("group", { name: "Skill condition" });
  await row.getByLabel("Skill", { exact: true }).selectOption({ label: "Search relevance" });
  await row.getByLabel("Skill level").fill("0");
  await expect(dialog.getByTestId("filter-description")).toContainText('skill "Search relevance" ≥ 0');
  await dialog.getByLabel("Allows replies").uncheck();
  await dialog.getByRole("button", { name: "Send", exact: true }).click();

  const progress = page.getByRole("dialog", { name: "Send progress" });
  await expect(progress.getByTestId("send-summary")).toContainText("1 of 1 batch sent", { timeout: 60_000 });
  await expect(progress.getByTestId("send-recipients")).toHaveText('To: Tolokers matching: skill "Search relevance" ≥ 0');
  await expect(progress).not.toContainText("skill #");
  const threadId = await progress.getByTestId("send-batch").getAttribute("data-thread");
  // Emulator truth: the thread exists and went to Tolokers.
  const received = await control<{ ids: string[] }>(request, "GET", `threads/${threadId}/recipients`);
  expect(received.ids.length).toBeGreaterThan(0);

  // After a reload, the send's progress still reads in the requester's words.
  await page.reload();
  const sends = await page.request.get("/api/compose/sends");
  const latest = ((await sends.json()) as { items: { send?: { recipientsText?: string } }[] }).items[0];
  expect(latest.send?.recipientsText).toBe('Tolokers matching: skill "Search relevance" ≥ 0');

  // Emulator truth: sent with replies off.
  expect((await thread(request, threadId ?? "")).answerable).toBe(false);
  // In the Sent tab the row and the thread name the skill, and say nobody can answer (not "answers arrive").
  await page.goto(`/messages/sent?thread=${threadId}`);
  await expect(page.getByTestId("thread-party")).toHaveText('Tolokers matching: skill "Search relevance" ≥ 0');
  const sentRow = page.locator(`[data-testid="thread-row"][data-thread-id="${threadId}"]`);
  await expect(sentRow).toContainText('skill "Search relevance" ≥ 0');
  await expect(sentRow.getByTestId("replies-mark")).toHaveAttribute("data-replies", "off");
  await expect(sentRow.getByTestId("replies-mark")).toHaveAttribute("title", "Sent with replies turned off: nobody can answer it");
  const view = page.getByRole("article", { name: /By skill/ });
  await expect(view).toContainText("This message went to many Tolokers with replies turned off: they cannot answer it.");
  await expect(view).not.toContainText("answers arrive");
});

test("a filter no Toloker matches is reported as such, without a Retry, and its draft is marked", async ({ page, request }) => {
  await signIn(page, "sender");
  const dialog = await newMessage(page);
  const subject = `Nobody ${stamp()}`;
  await write(dialog, subject, "Nobody can get this one.");
  await dialog.getByText("A group by filter").click();
  await dialog.getByRole("button", { name: "Paste a filter as JSON…" }).click();
  // Nobody both lacks a skill and holds it at some level.
  await dialog
    .getByLabel("Filter JSON to use")
    .fill('{"and":[{"category":"skill","key":"41027","operator":"EQ","value":null},{"category":"skill","key":"41027","operator":"GTE","value":0}]}');
  await dialog.getByRole("button", { name: "Use this JSON" }).click();
  const before = await composeCalls(request);
  const threadsBefore = (await allThreads(request)).length;
  await dialog.getByRole("button", { name: "Send", exact: true }).click();

  const progress = page.getByRole("dialog", { name: "Send progress" });
  const batch = progress.getByTestId("send-batch");
  await expect(batch).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await expect(batch).toContainText("No Toloker matches this filter");
  await expect(batch).toContainText("Toloka: 400 INCORRECT_RECIPIENTS");
  await expect(progress.getByTestId("send-refused")).toContainText("a reason a retry cannot change");
  await expect(progress.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  // Emulator truth: one compose call, refused; no thread was made.
  expect(await composeCalls(request)).toBe(before + 1);
  expect((await allThreads(request)).length).toBe(threadsBefore);

  await progress.getByRole("button", { name: "Write another message" }).click();
  const again = page.getByRole("dialog", { name: "New message" });
  const item = (await drafts(again)).getByTestId("draft-item").filter({ hasText: subject });
  await expect(item.getByTestId("draft-failed-mark")).toHaveText("From a failed send");
  await item.getByRole("button", { name: `Discard draft “${subject}”` }).click();
  await expect(item).toHaveCount(0);
});

test("a daily quota used up is reported in words, without a Retry", async ({ page, request }) => {
  const [one] = (await control<{ items: { id: string }[] }>(request, "GET", "tolokers?limit=1")).items.map((t) => t.id);
  await signIn(page, "sender");
  const dialog = await newMessage(page);
  const subject = `Over quota ${stamp()}`;
  await write(dialog, subject, "Toloka's quota is used up.");
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(one);
  await control(request, "PUT", "faults", [{ endpoint: "compose", kind: "429", interval: "DAY", count: 1 }]);
  try {
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    const progress = page.getByRole("dialog", { name: "Send progress" });
    const batch = progress.getByTestId("send-batch");
    await expect(batch).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
    await expect(batch).toContainText("daily quota");
    await expect(progress.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  } finally {
    await control(request, "DELETE", "faults");
  }
});

test("a filter on a skill Toloka marks deprecated is warned about before the send, by the skill's name", async ({ page, request }) => {
  await signIn(page, "sender");
  const dialog = await newMessage(page);
  await write(dialog, `Old skill ${stamp()}`, "For those who did the old relevance pools.");
  await dialog.getByText("A group by filter").click();
  await dialog.getByLabel("Add a condition", { exact: true }).selectOption("skill");
  const row = dialog.getByRole("group", { name: "Skill condition" });
  const picker = row.getByLabel("Skill", { exact: true });
  const label = (await picker.locator("option", { hasText: "Old relevance" }).textContent())?.trim() ?? "";
  expect(label).toMatch(/deprecated/);
  await picker.selectOption({ label });
  await row.getByLabel("Skill level").fill("50");

  const warning = dialog.getByTestId("compose-warnings");
  await expect(warning).toContainText("A deprecated skill in the filter");
  await expect(warning).toContainText('Toloka marks "Old relevance (2021)" as deprecated');
  // Not sent until the requester says so: Toloka is not asked at all.
  const before = await composeCalls(request);
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByText(/Read the warning above/)).toBeVisible();
  expect(await composeCalls(request)).toBe(before);
  await dialog.getByRole("button", { name: "Discard draft" }).click();
});
