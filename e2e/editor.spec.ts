import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { inbound, someToloker, thread } from "./emulator";
import { expect, test } from "./fixtures";
import { openBlank, signIn, visualEditor } from "./helpers";

/*
 * The visual editor (components/editor): what a requester writes with it reaches Toloka as the allowed HTML
 * (lib/schemas/message-html.ts), pasted documents keep only that, the preview shows what a Toloker gets, drafts keep
 * the formatting, and the plain-text mode is there for those who want it.
 */
test.describe.configure({ mode: "serial" });

const stamp = () => Date.now().toString(36);

/** Sends the open compose form to one Toloker with Ctrl+Enter in the text; returns the thread the send made. */
async function sendTo(page: Page, dialog: Locator, toloker: string): Promise<string> {
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(toloker);
  await dialog.getByRole("textbox", { name: "Text" }).press("Control+Enter");
  const progress = page.getByRole("dialog", { name: "Send progress" });
  await expect(progress.getByTestId("send-summary")).toContainText("1 of 1 batch sent", { timeout: 60_000 });
  return (await progress.getByTestId("send-batch").first().getAttribute("data-thread"))!;
}

/** What the emulator holds as the requester's first message of a thread, in English. */
async function sentText(request: Parameters<typeof thread>[0], id: string): Promise<string> {
  return (await thread(request, id)).messages.filter((m) => m.from.role === "REQUESTER")[0].text.EN;
}

/** Pastes `html` (and its plain text) into the focused editor, as a browser's clipboard paste does. */
async function paste(box: Locator, html: string, text: string) {
  await box.evaluate(
    (el, { html, text }) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { html, text },
  );
}

test("bold, a list and a link typed with the keyboard reach the emulator as the allowed HTML, and read the same in the thread", async ({ page, request }) => {
  const toloker = await someToloker(request, 3);
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const subject = `Formatted ${stamp()}`;
  await dialog.getByLabel("Subject", { exact: true }).fill(subject);
  const box = await visualEditor(dialog, "Text");
  await box.click();
  await page.keyboard.type("Hello ");
  await page.keyboard.press("Control+B");
  await page.keyboard.type("team");
  await page.keyboard.press("Control+B");
  await page.keyboard.type(", ");
  await page.keyboard.press("Control+I");
  await page.keyboard.type("please");
  await page.keyboard.press("Control+I");
  await page.keyboard.press("Enter");
  await page.keyboard.type("- first");
  await page.keyboard.press("Enter");
  await page.keyboard.type("second");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("See ");
  // Escape closes the link dialog, not compose, and the cursor is back in the text.
  await page.keyboard.press("Control+K");
  await expect(dialog.getByRole("dialog", { name: "Insert link" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog.getByRole("dialog", { name: "Insert link" })).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(box).toBeFocused();
  await page.keyboard.press("Control+K");
  const panel = dialog.getByRole("dialog", { name: "Insert link" });
  await expect(panel.getByLabel("Link address")).toBeFocused();
  await page.keyboard.type("toloka.ai/tasks?projectId=7");
  await panel.getByLabel("Text to show").fill("the tasks");
  await panel.getByLabel("Text to show").press("Enter");
  await expect(panel).toHaveCount(0);
  // Back in the editor, after the link: what is typed next is not part of it.
  await page.keyboard.type(".");
  await expect(box.getByRole("link", { name: "the tasks" })).toHaveAttribute("href", "https://toloka.ai/tasks?projectId=7");
  await expect(dialog.getByTestId("compose-warnings")).toHaveCount(0);

  const expected =
    '<p>Hello <strong>team</strong>, <em>please</em></p><ul><li><p>first</p></li><li><p>second</p></li></ul><p>See <a href="https://toloka.ai/tasks?projectId=7">the tasks</a>.</p>';
  const id = await sendTo(page, dialog, toloker);
  expect(await sentText(request, id)).toBe(expected);

  // Our thread view shows the same markup (the sanitiser only adds a link's target and rel).
  await page.goto(`/messages/sent?thread=${id}`);
  const body = page.getByTestId("message").first().locator(".message-body");
  await expect(body.locator("strong")).toHaveText("team");
  await expect(body.locator("li")).toHaveText(["first", "second"]);
  const shown = await body.evaluate((el) => el.innerHTML.replace(/ target="_blank" rel="noopener noreferrer nofollow"/g, ""));
  expect(shown).toBe(expected);
  // A list is drawn as one: bullets, indented.
  expect(await body.locator("ul").evaluate((el) => getComputedStyle(el).listStyleType)).toBe("disc");
});

test("a rich document pasted keeps only the allowed markup, and a pasted address becomes a link", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByLabel("Subject", { exact: true }).fill(`Pasted ${stamp()}`);
  const box = await visualEditor(dialog, "Text");
  await box.click();
  // What a word processor puts on the clipboard: classes, styles, spans, a heading, an image, a table, a script.
  await paste(
    box,
    '<html><head><style>p{color:red}</style></head><body><h1 style="font-size:24pt">Pool news</h1>' +
      '<p class="MsoNormal" style="margin:0"><span style="font-family:Calibri">The <b>new</b> pool <span style="font-style:italic">opens</span> at 10:00.</span></p>' +
      '<img src="https://x.example/logo.png" alt="logo"><table><tr><td>Cell</td></tr></table>' +
      '<ul style="margin-left:2em"><li class="x"><p>Read the <a href="https://toloka.ai/tasks" style="color:blue" target="_self" onclick="x()">instructions</a></p></li></ul>' +
      '<p><a href="javascript:alert(1)">not a link</a><script>alert(1)</script></p></body></html>',
    "Pool news\nThe new pool opens at 10:00.",
  );
  await expect(box.locator("strong")).toHaveText("new");
  await page.keyboard.press("Enter");
  await paste(box, "", "https://toloka.ai/tasks?projectId=9");
  await expect(box.getByRole("link", { name: "https://toloka.ai/tasks?projectId=9" })).toHaveAttribute("href", "https://toloka.ai/tasks?projectId=9");

  // The plain-text mode shows the HTML the message now is: nothing but the allowed markup.
  await dialog.getByRole("button", { name: "Plain text" }).click();
  await expect(dialog.getByTestId("message-editor")).toHaveAttribute("data-mode", "plain");
  await expect(dialog.getByLabel("Text", { exact: true })).toHaveValue(
    "<p>Pool news</p><p>The <strong>new</strong> pool <em>opens</em> at 10:00.</p><p>Cell</p>" +
      '<ul><li><p>Read the <a href="https://toloka.ai/tasks">instructions</a></p></li></ul><p>not a link</p>' +
      '<p><a href="https://toloka.ai/tasks?projectId=9">https://toloka.ai/tasks?projectId=9</a></p>',
  );
  await expect(dialog.getByTestId("compose-warnings")).toHaveCount(0);
  // Back to the visual editor, and the choice is this browser's until changed.
  await dialog.getByRole("button", { name: "Plain text" }).click();
  await expect(dialog.getByTestId("message-editor")).toHaveAttribute("data-mode", "visual");
  await expect(box.locator("em")).toHaveText("opens");
});

test("the project-link check's one-click fix works inside the editor, on the link's text and its address", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByLabel("Subject", { exact: true }).fill("Tasks");
  const box = await visualEditor(dialog, "Text");
  await box.click();
  // Typed, an address becomes a link once a space follows it.
  await page.keyboard.type("Open https://toloka.ai/requester/project/4242 today");
  await expect(box.getByRole("link")).toHaveAttribute("href", "https://toloka.ai/requester/project/4242");
  const warning = dialog.getByTestId("warning-requester-link");
  await warning.getByRole("button", { name: "Use https://toloka.ai/tasks?projectId=4242 instead (EN)" }).click();
  await expect(warning).toHaveCount(0);
  await expect(box.getByRole("link", { name: "https://toloka.ai/tasks?projectId=4242" })).toHaveAttribute("href", "https://toloka.ai/tasks?projectId=4242");
  await expect(box).toHaveText("Open https://toloka.ai/tasks?projectId=4242 today");
  // The editor goes on from the fixed text: what is typed is added, nothing is lost.
  await box.press("End");
  await page.keyboard.type("!");
  await expect(box).toHaveText("Open https://toloka.ai/tasks?projectId=4242 today!");
  await dialog.getByRole("button", { name: "Discard draft" }).click();
});

test("the plain-text mode keeps text as written, and the preview shows the mobile view without images", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByLabel("Subject", { exact: true }).fill("New pool");
  await visualEditor(dialog, "Text");
  await dialog.getByRole("button", { name: "Plain text" }).click();
  const text = dialog.getByLabel("Text", { exact: true });
  await text.fill('<p>Look <img src="https://x.example/a.png"> at <b>this</b></p><div>then this</div>');
  // The check says what will not reach Tolokers as written.
  await expect(dialog.getByTestId("warning-html")).toContainText("<img>");

  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByTestId("message-preview");
  await expect(preview.getByTestId("preview-web")).toContainText("New pool");
  await expect(preview.getByTestId("preview-web").locator("b")).toHaveText("this");
  await preview.getByRole("tab", { name: "Mobile app" }).click();
  const mobile = preview.getByTestId("preview-mobile");
  await expect(mobile).toContainText("Look");
  await expect(mobile).toContainText("then this");
  await expect(mobile.locator("img")).toHaveCount(0);
  await expect(mobile.getByTestId("preview-image-removed")).toHaveText("image not shown");
  await expect(mobile.locator(".message-body div")).toHaveCount(0);
  const width = await mobile.evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(360);
  // The image was never fetched: the preview parses in an inert document.
  expect(await page.evaluate(() => performance.getEntriesByType("resource").some((r) => r.name.includes("x.example")))).toBe(false);

  // Plain text without markup goes back to the editor as paragraphs, and out again unchanged.
  await text.fill("First line\nsecond line\n\nA new paragraph");
  await dialog.getByRole("button", { name: "Plain text" }).click();
  const box = await visualEditor(dialog, "Text");
  await expect(box.locator("p")).toHaveCount(2);
  await dialog.getByRole("button", { name: "Plain text" }).click();
  await expect(text).toHaveValue("First line\nsecond line\n\nA new paragraph");
  await dialog.getByRole("button", { name: "Plain text" }).click();
  await expect(dialog.getByTestId("message-editor")).toHaveAttribute("data-mode", "visual");
});

test("a draft with formatting survives a reload, in compose and in the reply box", async ({ page, request }) => {
  await signIn(page, "sender");
  let dialog = await openBlank(page);
  const subject = `Draft formatted ${stamp()}`;
  await dialog.getByLabel("Subject", { exact: true }).fill(subject);
  let box = await visualEditor(dialog, "Text");
  await box.click();
  await page.keyboard.press("Control+B");
  await page.keyboard.type("Important");
  await page.keyboard.press("Control+B");
  await page.keyboard.press("Enter");
  await page.keyboard.type("1. one");
  await expect(dialog.getByTestId("draft-status")).toContainText("Draft saved");
  await page.reload();
  await page.getByRole("button", { name: "New message" }).click();
  dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByTestId("drafts").locator("summary").click();
  await dialog
    .getByTestId("draft-item")
    .filter({ hasText: subject })
    .getByRole("button", { name: /^Open draft/ })
    .click();
  box = await visualEditor(dialog, "Text");
  await expect(box.locator("strong")).toHaveText("Important");
  await expect(box.locator("ol > li")).toHaveText("one");

  // The reply box keeps its draft in this browser: formatting included.
  const q = await inbound(request, `Reply draft ${stamp()}`, "Is the pool open?");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  const reply = await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/);
  await reply.click();
  await page.keyboard.type("Yes, ");
  await page.keyboard.press("Control+I");
  await page.keyboard.type("today");
  await page.reload();
  const again = await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/);
  await expect(again.locator("em")).toHaveText("today");
  await again.press("Control+Enter");
  await expect(page.getByTestId("toast-info")).toContainText("Reply sent");
  await expect.poll(async () => sentText(request, q.id)).toBe("<p>Yes, <em>today</em></p>");
  await expect(page.getByTestId("message").last().locator("em")).toHaveText("today");
  await expect(again).toHaveText("");
});

test("the editor, its link dialog and the preview have no accessibility violations (axe), and nothing overflows at 390 px", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  const box = await visualEditor(dialog, "Text");
  await box.click();
  await page.keyboard.type("Some text");
  await page.keyboard.press("Control+K");
  await expect(dialog.getByRole("dialog", { name: "Insert link" })).toBeVisible();
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("message-preview")).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[data-testid="message-editor"]').include('[data-testid="message-preview"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  const overflow = await dialog.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Every toolbar button is reachable by the arrow keys from the one Tab stop.
  const toolbar = dialog.getByRole("toolbar", { name: "Formatting" });
  await toolbar.getByRole("button", { name: "Bold" }).focus();
  await page.keyboard.press("End");
  await expect(toolbar.getByRole("button", { name: "Preview" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Bold" })).toBeFocused();
  await page.keyboard.press("Escape");

  const q = await inbound(request, `Axe reply ${stamp()}`, "A question");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  await visualEditor(page.getByRole("form", { name: "Reply" }), /Reply text/);
  const reply = await new AxeBuilder({ page }).include('form[aria-label="Reply"]').analyze();
  expect(reply.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});
