import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { allThreads, control, inbound, someToloker, thread } from "./emulator";
import { type DemoRole, signIn, visualEditor } from "./helpers";

// The team's workflow (issue 16), with two members in two browsers: Ada (admin) and Sam (sender). Who owns a
// thread, done and snoozed, notes that never reach Toloka, who else is replying, and saved replies. The snooze
// test moves the app's clock forward (the emulator's control API), so it runs last here: this file runs alone.

async function member(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="thread-row"][data-thread-id="${id}"]`);

test.describe.configure({ mode: "serial" });

test("Ada assigns a thread to Sam; Sam finds it in Mine, and Unassigned no longer has it", async ({ browser, request }) => {
  const t = await inbound(request, `Assign me ${Date.now()}`, "Could you look at my task?");
  const ada = await member(browser, "admin");
  const sam = await member(browser, "sender");

  await ada.goto(`/messages/unassigned?thread=${t.id}`);
  await expect(row(ada, t.id)).toBeVisible({ timeout: 20_000 });
  await ada.getByTestId("owner-select").selectOption({ label: "Sam Sender" });
  await expect(ada.getByTestId("timeline-event").filter({ hasText: "Ada Admin assigned to Sam Sender" })).toBeVisible();
  await expect(row(ada, t.id)).toHaveCount(0);

  await sam.goto("/messages/mine");
  await expect(row(sam, t.id)).toBeVisible();
  await expect(row(sam, t.id).getByTestId("row-workflow")).toContainText("Sam Sender");
  await expect(sam.getByTestId("tab-mine")).toContainText(/\d/);
  await sam.context().close();
  await ada.context().close();
});

test("Sam sees that Ada is replying within 2 s, and is warned before sending after her reply", async ({ browser, request }) => {
  const t = await inbound(request, `Two answerers ${Date.now()}`, "Hello, anyone there?");
  const ada = await member(browser, "admin");
  const sam = await member(browser, "sender");
  await ada.goto(`/messages/inbox?thread=${t.id}`);
  await sam.goto(`/messages/inbox?thread=${t.id}`);
  await expect(sam.getByTestId("presence-viewing")).toContainText("Ada Admin is viewing this thread");

  // Sam begins a reply first.
  await sam.getByRole("form", { name: "Reply" }).getByRole("textbox").first().fill("Sam's answer");
  // Ada types: Sam sees it within 2 s.
  await ada.getByRole("form", { name: "Reply" }).getByRole("textbox").first().fill("Ada's answer");
  await expect(sam.getByTestId("presence-typing")).toHaveText(/Ada Admin is replying/, { timeout: 2_000 });

  await ada.getByRole("button", { name: "Send reply" }).click();
  await expect(ada.getByText("Reply sent")).toBeVisible();
  const after = (await thread(request, t.id)).messages.length;

  // Sam's view shows the warning before sending (Ada's reply arrived); sending is refused until he says so.
  await expect(sam.getByTestId("replied-meanwhile")).toContainText("Ada Admin replied after you began", { timeout: 5_000 });
  await sam.getByRole("button", { name: "Send reply" }).click();
  await expect(sam.getByTestId("replied-meanwhile")).toContainText("Ada Admin replied in this thread after you began your reply");
  expect((await thread(request, t.id)).messages.length).toBe(after);
  await sam.getByRole("button", { name: "Send anyway" }).click();
  await expect(sam.getByText("Reply sent")).toBeVisible();
  expect((await thread(request, t.id)).messages.length).toBe(after + 1);
  await sam.context().close();
  await ada.context().close();
});

test("a note with a mention shows to the team in its own style and never reaches Toloka", async ({ browser, request }) => {
  const t = await inbound(request, `Note me ${Date.now()}`, "My payment is late");
  const ada = await member(browser, "admin");
  const sam = await member(browser, "sender");
  const secret = `internal-${Date.now()}`;
  await ada.goto(`/messages/inbox?thread=${t.id}`);
  await sam.goto(`/messages/inbox?thread=${t.id}`);
  await ada.getByTestId("add-note").click();
  await ada.getByTestId("note-text").fill(`Checked the pool, ${secret}. @Sa`);
  await ada.getByRole("button", { name: "@Sam Sender" }).click();
  await expect(ada.getByTestId("note-text")).toHaveValue(`Checked the pool, ${secret}. @Sam Sender `);
  await ada.getByTestId("save-note").click();
  const note = sam.getByTestId("note");
  await expect(note).toContainText(secret, { timeout: 5_000 });
  await expect(note).toContainText("Internal note");
  await expect(note.locator("strong")).toHaveText("@Sam Sender");
  // Not a message, not in the reply, and nowhere in the emulator.
  await expect(sam.getByTestId("message").filter({ hasText: secret })).toHaveCount(0);
  const everything = JSON.stringify(await allThreads(request));
  expect(everything).not.toContain(secret);
  await sam.context().close();
  await ada.context().close();
});

test("a saved reply fills its variables from the thread", async ({ browser, request }) => {
  const toloker = await someToloker(request, 7);
  const t = await inbound(request, `Saved reply ${Date.now()}`, "What is my status?", toloker);
  const sam = await member(browser, "sender");
  await sam.goto("/replies");
  await sam.getByTestId("new-saved-reply").click();
  await sam.getByLabel("Title").fill("Status answer");
  await sam.getByLabel("Text").fill("Hello {toloker_id}, this is {member_name}.");
  await sam.getByRole("button", { name: "Save" }).click();
  await expect(sam.getByTestId("saved-reply").filter({ hasText: "Status answer" })).toBeVisible();

  await sam.goto(`/messages/inbox?thread=${t.id}`);
  const reply = sam.getByRole("form", { name: "Reply" });
  // Once the editor is in (a textarea stands in while it loads), the shortcut from inside it opens the list.
  const editor = await visualEditor(reply, /Reply text/);
  await editor.click();
  await sam.keyboard.press("Control+Shift+S");
  const picker = sam.getByRole("dialog", { name: "Insert a saved reply" });
  await picker.getByRole("searchbox").fill("status");
  await picker.getByTestId("saved-reply-option").first().click();
  await expect(editor).toContainText(`Hello ${toloker}, this is Sam Sender.`);
  await reply.getByRole("button", { name: "Send reply" }).click();
  await expect(sam.getByText("Reply sent")).toBeVisible();
  const texts = (await thread(request, t.id)).messages.map((m) => JSON.stringify(m.text));
  expect(
    texts.some((x) => x.includes(`Hello ${toloker}, this is Sam Sender.`)),
    texts.join("\n"),
  ).toBe(true);

  // In a new message to this Toloker, the same shortcut puts it in the text, filled the same way.
  await sam.getByRole("button", { name: "Write to this Toloker" }).click();
  const dialog = sam.getByRole("dialog", { name: "Write to this Toloker" });
  const text = dialog.getByLabel("Text", { exact: true });
  await expect(dialog.getByLabel("Toloker ids", { exact: true })).toHaveValue(toloker);
  await text.click();
  await sam.keyboard.press("Control+Shift+S");
  const composePicker = sam.getByRole("dialog", { name: "Insert a saved reply" });
  await composePicker.getByRole("searchbox").fill("status");
  await composePicker.getByTestId("saved-reply-option").first().click();
  await expect(text).toContainText(`Hello ${toloker}, this is Sam Sender.`);
  await dialog.getByRole("button", { name: "Discard draft", exact: true }).click();
  await sam.context().close();
});

test("done leaves the open views until the Toloker writes again; a snooze ends on time", async ({ browser, request }) => {
  const toloker = await someToloker(request, 3);
  const t = await inbound(request, `Done and back ${Date.now()}`, "First question", toloker);
  const sam = await member(browser, "sender");
  await sam.goto(`/messages/unassigned?thread=${t.id}`);
  await expect(sam.getByTestId("workflow-bar")).toBeVisible({ timeout: 20_000 });
  await sam.keyboard.press("a");
  await expect(sam.getByTestId("owner-select")).toHaveValue("demo-sender");
  await sam.getByTestId("mark-done").click();
  await expect(sam.getByTestId("thread-status")).toHaveText("Done");
  await sam.goto("/messages/mine");
  await expect(sam.getByTestId("thread-list").or(sam.getByTestId("empty-list"))).toBeVisible();
  await expect(row(sam, t.id)).toHaveCount(0);
  await sam.goto("/messages/done");
  await expect(row(sam, t.id)).toBeVisible();

  // The Toloker writes: the thread is open again, still Sam's.
  await control(request, "POST", "toloker-reply", { thread_id: t.id, toloker_id: toloker, text: { EN: "One more thing" } });
  await sam.goto("/messages/mine");
  await expect(row(sam, t.id)).toBeVisible({ timeout: 20_000 });

  // Snoozed for an hour: in Snoozed, not in Mine; an hour later (the app's clock moved on) back in Mine.
  await sam.goto(`/messages/mine?thread=${t.id}`);
  await sam.getByRole("button", { name: "Snooze" }).click();
  await sam.getByRole("button", { name: "For 1 hour" }).click();
  await expect(sam.getByTestId("thread-status")).toHaveText(/^Snoozed until/);
  await expect(row(sam, t.id)).toHaveCount(0);
  await sam.goto("/messages/snoozed");
  await expect(row(sam, t.id)).toBeVisible();
  await control(request, "POST", "clock", { advance_ms: 3_600_000 + 5_000 });
  await sam.reload();
  await expect(sam.getByTestId("empty-list")).toBeVisible();
  await sam.goto("/messages/mine");
  await expect(row(sam, t.id)).toBeVisible();
  await sam.context().close();
});
