import { expect, test, type Page } from "@playwright/test";
import { allThreads, inbound, thread, type WireThread } from "./emulator";
import { signIn } from "./helpers";

/*
 * The compose dialog's body is a chunk of its own (components/compose/lazy.tsx), the filter builder another: the
 * inbox's first view does not fetch them, opening compose does, and a failed fetch says so and can retry. Nor does
 * the first view carry zod (lib/schemas/plain.ts): the Sent tab's filter sends load the filter language when shown.
 */

function scripts(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on("request", (r) => {
    if (r.resourceType() === "script") seen.add(r.url());
  });
  return seen;
}

/** A sender's inbox, loaded and settled: the scripts seen from now on, and those its first view loaded. */
async function firstView(page: Page): Promise<{ seen: Set<string>; first: Set<string> }> {
  const seen = scripts(page);
  await signIn(page, "sender");
  await expect(page.getByRole("button", { name: "New message" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  return { seen, first: new Set(seen) };
}

test("the inbox's first view loads compose only when it is opened, and the form works", async ({ page }) => {
  const { seen, first } = await firstView(page);

  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  const subject = dialog.getByLabel("Subject", { exact: true });
  await expect(subject).toHaveValue("");
  await expect(subject).toBeFocused();
  const withCompose = new Set(seen);
  expect([...withCompose].filter((u) => !first.has(u)).length, "opening compose fetches its chunk").toBeGreaterThan(0);
  // The filter builder only with the filter mode.
  await dialog.getByText("A group by filter").click();
  await expect(dialog.getByTestId("filter-description")).toBeVisible();
  expect([...seen].filter((u) => !withCompose.has(u)).length, "the filter mode fetches the builder").toBeGreaterThan(0);

  // The form works, and leaves no draft for the other specs' Drafts lists.
  await subject.fill("Lazy subject");
  await expect(dialog.getByTestId("draft-status")).toContainText("Draft saved");
  await dialog.getByRole("button", { name: "Discard draft", exact: true }).click();
  await expect(subject).toHaveValue("");

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "New message" })).toBeFocused();
});

test("a compose chunk that fails to load says so, and Retry loads it", async ({ page }) => {
  const { first } = await firstView(page);
  let blocking = true;
  await page.route("**/_next/static/**/*.js", (route) => (blocking && !first.has(route.request().url()) ? route.abort() : route.continue()));

  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog.getByTestId("compose-load-error")).toContainText("Could not load the message form");

  blocking = false;
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
});

/** Whether a script is (or bundles) zod: its schemas keep their internals under `_zod`, which survives minifying. */
const isZod = (source: string) => source.includes("._zod");

test("the first view carries no zod, and a filter send in Sent is still read out in words", async ({ page, request }) => {
  const { first } = await firstView(page);
  const sources = await Promise.all([...first].map(async (u) => ({ url: u, zod: isZod(await (await request.get(u)).text()) })));
  expect(sources.length).toBeGreaterThan(3);
  expect(
    sources.filter((s) => s.zod).map((s) => s.url),
    "first-view scripts with zod in them",
  ).toEqual([]);

  // A seeded filter send, found in Sent by its topic: its row reads the filter out, which needs the filter language.
  const sent = (await allThreads(request)).find(
    (t) => (t as WireThread & { compose_details?: { recipients_select_type?: string } }).compose_details?.recipients_select_type === "FILTER",
  );
  expect(sent, "the seed has a filter send").toBeDefined();
  await page.goto(`/messages/sent?q=${encodeURIComponent(`"${sent?.topic.EN}"`)}`);
  await expect(page.getByTestId("thread-row").filter({ hasText: "Tolokers matching:" }).first()).toBeVisible();
});

/** Whether a script is (or bundles) the editor: ProseMirror names its classes after itself, which survives minifying. */
const isEditor = (source: string) => source.includes("ProseMirror");

test("the first view carries no editor; a reply box fetches it, and if it cannot, plain text still sends", async ({ page, request }) => {
  const { seen, first } = await firstView(page);
  const sources = await Promise.all([...first].map(async (u) => ({ url: u, editor: isEditor(await (await request.get(u)).text()) })));
  expect(
    sources.filter((s) => s.editor).map((s) => s.url),
    "first-view scripts with the editor in them",
  ).toEqual([]);

  // A thread with a reply box: the editor's chunk comes, and the visual editor with it.
  const q = await inbound(request, `Editor chunk ${Date.now().toString(36)}`, "A question for the editor");
  await page.goto(`/messages/inbox?thread=${q.id}`);
  await expect(page.getByTestId("message-editor")).toHaveAttribute("data-mode", "visual");
  const later = await Promise.all([...seen].filter((u) => !first.has(u)).map(async (u) => isEditor(await (await request.get(u)).text())));
  expect(later.some(Boolean), "the reply box fetched the editor").toBe(true);

  // A new page whose editor chunk cannot be fetched: the reply box is a textarea, and a reply still goes out.
  const other = await page.context().newPage();
  await other.route("**/_next/static/**/*.js", async (route) => {
    const res = await route.fetch();
    if (isEditor(await res.text())) return route.abort();
    return route.fulfill({ response: res });
  });
  await other.goto(`/messages/inbox?thread=${q.id}`);
  await expect(other.getByTestId("message-editor")).toContainText("The visual editor could not be loaded");
  await other.getByLabel(/Reply text/).fill("Plain text still works.");
  await other.getByLabel(/Reply text/).press("Control+Enter");
  await expect(other.getByTestId("toast-info")).toContainText("Reply sent");
  await expect
    .poll(async () => (await thread(request, q.id)).messages.filter((m) => m.from.role === "REQUESTER").map((m) => m.text.EN))
    .toEqual(["Plain text still works."]);
  await other.close();
});
