import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { allThreads, awaitingAnswer, control, type WireThread } from "./emulator";
import { signIn } from "./helpers";

// These tests share one app and emulator, and one of them adds a thread, so they run one after another.
test.describe.configure({ mode: "serial" });

/** A thread as the control API holds it, with the parts these oracles read. */
type Held = WireThread & {
  created: string;
  meta?: { pool_id?: string; project_id?: string; assignment_id?: string };
  compose_details?: { recipients_ids?: string[] };
};

const rows = (page: Page) => page.getByTestId("thread-row");
const count = (page: Page) => page.getByTestId("result-count");

function lastActivity(t: Held): string {
  return (
    [t.created, ...t.messages.map((m) => m.created)]
      .map((d) => new Date(d).toISOString())
      .sort()
      .at(-1) ?? ""
  );
}

/** The Tolokers a thread involves, as the app's from: means it: an interlocutor, an author, or a recipient. */
function tolokersOf(t: Held): Set<string> {
  return new Set([
    ...t.interlocutors.filter((i) => i.role === "USER").map((i) => i.id),
    ...t.messages.filter((m) => m.from.role === "USER").map((m) => m.from.id),
    ...(t.compose_details?.recipients_ids ?? []),
  ]);
}

function words(t: Held): string {
  return [...Object.values(t.topic), ...t.messages.flatMap((m) => Object.values(m.text))].join(" ").replace(/<[^>]*>/g, " ");
}

const hasWord = (t: Held, w: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}($|[^\\p{L}\\p{N}])`, "iu").test(words(t));

async function held(request: APIRequestContext): Promise<Held[]> {
  return (await allThreads(request)) as Held[];
}

function resultsText(n: number): string {
  return n === 1 ? "1 result" : `${n.toLocaleString("en-US")} results`;
}

/**
 * Searches every folder through the box and checks the app against the emulator's truth: the count it shows, and
 * that every row it draws is one the oracle expects.
 */
async function expectSearch(page: Page, q: string, expected: Held[]) {
  const box = page.getByRole("searchbox");
  await box.fill(q);
  await box.press("Enter");
  await expect(page).toHaveURL((u) => u.searchParams.get("q") === q);
  const ids = new Set(expected.map((t) => t.id));
  if (expected.length === 0) {
    await expect(page.getByTestId("empty-list")).toBeVisible();
    return;
  }
  await expect(count(page)).toHaveText(resultsText(expected.length));
  const newest = [...expected].sort((a, b) => (lastActivity(a) < lastActivity(b) ? 1 : -1))[0];
  await expect(rows(page).first()).toBeVisible();
  const shown = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-thread-id") ?? ""));
  for (const id of shown) expect(ids.has(id), `row ${id} for ${q}`).toBe(true);
  // Ties in the same second may order either way; the newest is among the first rows drawn.
  expect(shown.slice(0, 5).some((id) => lastActivity(expected.find((t) => t.id === id) as Held) === lastActivity(newest))).toBe(true);
}

test("each operator finds what the emulator holds", async ({ page, request }) => {
  await signIn(page, "viewer");
  await page.goto("/messages/inbox?q=x&scope=all");
  await expect(page.getByRole("radio", { name: "All folders" })).toBeChecked();
  const threads = await held(request);

  const withPool = threads.find((t) => t.meta?.pool_id);
  expect(withPool, "the seed has threads with a pool").toBeTruthy();
  const pool = withPool?.meta?.pool_id as string;
  await expectSearch(
    page,
    `pool:${pool}`,
    threads.filter((t) => t.meta?.pool_id === pool),
  );

  const project = (threads.find((t) => t.meta?.project_id) as Held).meta?.project_id as string;
  await expectSearch(
    page,
    `project:${project}`,
    threads.filter((t) => t.meta?.project_id === project),
  );

  const assignment = threads.find((t) => t.meta?.assignment_id)?.meta?.assignment_id;
  if (assignment)
    await expectSearch(
      page,
      `assignment:${assignment}`,
      threads.filter((t) => t.meta?.assignment_id === assignment),
    );

  await expectSearch(
    page,
    "is:unread",
    threads.filter((t) => t.folders.includes("UNREAD") && !awaitingAnswer(t)),
  );
  await expectSearch(
    page,
    "is:important",
    threads.filter((t) => t.folders.includes("IMPORTANT")),
  );
  await expectSearch(
    page,
    "has:replies-off",
    threads.filter((t) => !t.answerable),
  );

  // A Toloker who wrote: the first 8 characters of their id.
  const writer = threads.flatMap((t) => t.messages).find((m) => m.from.role === "USER")?.from.id as string;
  const prefix = writer.slice(0, 8);
  await expectSearch(
    page,
    `from:${prefix}`,
    threads.filter((t) => [...tolokersOf(t)].some((id) => id.startsWith(prefix))),
  );

  // A day in the middle of the threads' activity.
  const days = threads.map((t) => lastActivity(t).slice(0, 10)).sort();
  const mid = days[Math.floor(days.length / 2)];
  await expectSearch(
    page,
    `after:${mid}`,
    threads.filter((t) => lastActivity(t).slice(0, 10) >= mid),
  );
  await expectSearch(
    page,
    `before:${mid}`,
    threads.filter((t) => lastActivity(t).slice(0, 10) < mid),
  );

  // -word: the important threads without a word that some of them have.
  const important = threads.filter((t) => t.folders.includes("IMPORTANT"));
  const word = words(important[0] ?? threads[0])
    .split(/[^A-Za-z]+/)
    .find((w) => w.length >= 5) as string;
  await expectSearch(
    page,
    `is:important -${word}`,
    important.filter((t) => !hasWord(t, word)),
  );
});

test("a wrong operator is said under the box, and the list stays", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  await expect(rows(page).first()).toBeVisible();
  const box = page.getByRole("searchbox");
  await box.fill("payment label:urgent");
  await expect(page.getByTestId("search-error")).toContainText("label:");
  await page.waitForTimeout(600); // longer than the box's pause in typing
  await expect(rows(page).first()).toBeVisible();
  await expect(page).toHaveURL((u) => !u.searchParams.has("q"));

  // A link with a bad value: the server's 400 names q, and the page says so under the box.
  await page.goto(`/messages/inbox?q=${encodeURIComponent("before:2026-02-30")}`);
  await expect(page.getByTestId("search-error")).toContainText("before:");
  await expect(page.getByTestId("list-error")).toHaveCount(0);
});

test("a search over the length limit is cut at the box, never a broken list", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  const box = page.getByRole("searchbox");
  await box.fill(`payment ${"x".repeat(600)}`);
  await expect(page.getByTestId("search-trimmed")).toBeVisible();
  expect((await box.inputValue()).length).toBe(500);
  await expect(page).toHaveURL((u) => (u.searchParams.get("q") ?? "").length === 500);
  await expect(page.getByTestId("empty-list")).toBeVisible();
  await expect(page.getByTestId("list-error")).toHaveCount(0);

  // Past the box (a hand-made link): the API's refusal is shown under it, not as a broken list.
  await page.goto(`/messages/inbox?q=${"y".repeat(600)}`);
  await expect(page.getByTestId("search-error")).toContainText("500");
  await expect(page.getByTestId("list-error")).toHaveCount(0);
});

test("a pool chip in a row filters the list to that pool", async ({ page, request }) => {
  const pool = `e2e${Date.now().toString(36)}`;
  const made = await control<WireThread>(request, "POST", "inbound", {
    topic: "Chip test: a question about the pool",
    text: "Which pool is this?",
    meta: { pool_id: pool, project_id: "e2e-project" },
  });
  await signIn(page, "viewer");
  await page.goto("/messages/inbox");
  const row = page.locator(`[data-testid="thread-row"][data-thread-id="${made.id}"]`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByTestId("chip-pool").click();
  await expect(page).toHaveURL((u) => u.searchParams.get("q") === `pool:${pool}`);
  await expect(page.getByRole("searchbox")).toHaveValue(`pool:${pool}`);
  const truth = (await held(request)).filter((t) => t.meta?.pool_id === pool);
  await expect(count(page)).toHaveText(resultsText(truth.length));
  await expect(rows(page)).toHaveCount(truth.length);
  await expect(row).toBeVisible();

  // The project chip replaces nothing of the pool's: both narrow.
  await row.getByTestId("chip-project").click();
  await expect(page).toHaveURL((u) => u.searchParams.get("q") === `pool:${pool} project:e2e-project`);
  await expect(count(page)).toHaveText(resultsText(truth.length));
});

test("a saved search is listed in its member's sidebar only, and runs from there", async ({ page, browser }) => {
  const q = `is:important -zzqxnothing${Date.now().toString(36)}`;
  await signIn(page, "viewer");
  await page.goto(`/messages/inbox?q=${encodeURIComponent(q)}&scope=all`);
  await page.getByRole("button", { name: "Save this search" }).click();
  await page.getByLabel("Name of the saved search").fill("Important, all folders");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const link = page.getByTestId("saved-search").filter({ hasText: "Important, all folders" });
  await expect(link).toBeVisible();

  await page.goto("/messages/sent");
  await link.click();
  await expect(page).toHaveURL((u) => u.pathname === "/messages/sent" && u.searchParams.get("q") === q && u.searchParams.get("scope") === "all");
  await expect(page.getByRole("searchbox")).toHaveValue(q);

  // Another member does not see it.
  const other = await browser.newPage();
  await signIn(other, "sender");
  await expect(other.getByRole("navigation", { name: "Folders" })).toBeVisible();
  await expect(other.getByTestId("saved-search").filter({ hasText: "Important, all folders" })).toHaveCount(0);
  await other.close();

  await page.getByRole("button", { name: "Remove the saved search Important, all folders" }).click();
  await expect(link).toHaveCount(0);
});
