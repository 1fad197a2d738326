import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { allThreads, control, inbound, setFaults, type WireThread } from "./emulator";
import { type DemoRole, EMULATOR_TOKEN, signIn } from "./helpers";

// The Toloker beside the conversation (issue 15): what the panel shows is what the emulator holds, the actions do
// exactly what they say (a bonus whose answer is lost is paid once), an appeal is answered from its thread and leaves
// the queue, a viewer sees everything and can do nothing, and a phone gets all of it without anything off the side.

const auth = { Authorization: `ApiKey ${EMULATOR_TOKEN}` };

interface Page_<T> {
  items: T[];
  has_more: boolean;
}
interface WireBonus {
  user_id: string;
  amount: number | string;
  public_title?: Record<string, string>;
}
interface WireRestriction {
  id: string;
  user_id: string;
  scope: string;
  pool_id?: string;
}
interface WireUserSkill {
  id: string;
  user_id: string;
  skill_id: string;
  value: number;
}

const bonusesOf = (request: APIRequestContext, id: string) => control<Page_<WireBonus>>(request, "GET", `bonuses?user_id=${id}`).then((p) => p.items);
const restrictionsOf = (request: APIRequestContext, id: string) =>
  control<Page_<WireRestriction>>(request, "GET", `restrictions?user_id=${id}`).then((p) => p.items);
const skillsOf = (request: APIRequestContext, id: string) => control<Page_<WireUserSkill>>(request, "GET", `user-skills?user_id=${id}`).then((p) => p.items);

const tolokerOf = (t: WireThread) => t.interlocutors.find((i) => i.role === "USER")?.id;

/** Dollars to the cent from Toloka's amount, summed in mills so no float drifts. */
function total(bonuses: WireBonus[]): string {
  const mills = bonuses.reduce((s, b) => s + Math.round(Number(b.amount) * 1000), 0);
  return (mills / 1000).toFixed(2);
}

async function desktop(browser: Browser, role: DemoRole, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

/** The Toloker panel beside the open thread (a column from 1280 px on). */
async function openWithPanel(page: Page, threadId: string) {
  await page.goto(`/messages/users?thread=${threadId}`);
  await expect(page.getByTestId("thread-topic")).toBeVisible();
  const panel = page.getByTestId("toloker-column").getByTestId("toloker-panel");
  await expect(panel.getByTestId("panel-profile")).toBeVisible({ timeout: 20_000 });
  return panel;
}

/** A thread with a Toloker the emulator has records of: a bonus, and (when asked) a skill. */
async function threadWithRecords(request: APIRequestContext): Promise<{ thread: WireThread; tolokerId: string }> {
  const paid = new Set((await control<Page_<WireBonus>>(request, "GET", "bonuses")).items.map((b) => b.user_id));
  const threads = (await allThreads(request)).filter((t) => t.folders.includes("INBOX") && t.answerable);
  const thread = threads.find((t) => paid.has(tolokerOf(t) ?? ""));
  expect(thread, "a seeded thread with a Toloker who was paid bonuses").toBeTruthy();
  return { thread: thread!, tolokerId: tolokerOf(thread!)! };
}

test.afterEach(async ({ request }) => {
  await setFaults(request, []);
});

test("the panel shows what the emulator holds of the Toloker, and the thread shows before it", async ({ browser, request }) => {
  const { thread, tolokerId } = await threadWithRecords(request);
  const [bonuses, restrictions, skills] = await Promise.all([bonusesOf(request, tolokerId), restrictionsOf(request, tolokerId), skillsOf(request, tolokerId)]);
  const meta = (await (await request.get(`/emulator/api/v1/user-metadata/${tolokerId}`, { headers: auth })).json()) as { country: string; languages: string[] };

  const page = await desktop(browser, "admin");
  const panel = await openWithPanel(page, thread.id);
  await expect(panel.getByTestId("panel-profile")).toContainText(meta.country);
  for (const l of meta.languages) await expect(panel.getByTestId("panel-profile")).toContainText(l);
  await expect(panel.getByTestId("bonus-total")).toContainText(`$${total(bonuses)}`);
  await expect(panel.getByTestId("panel-bonus")).toHaveCount(Math.min(bonuses.length, 10));
  await expect(panel.getByTestId("panel-restriction")).toHaveCount(restrictions.length);
  await expect(panel.getByTestId("panel-skill")).toHaveCount(skills.length);
  // Every thread with them the mirror holds, this one among them.
  await expect(panel.getByTestId("panel-threads").locator(`a[href$="thread=${thread.id}"]`)).toHaveAttribute("aria-current", "page");
  // The same panel on a page of its own, from the id.
  await page.goto(`/tolokers/${tolokerId}`);
  await expect(page.getByTestId("bonus-total")).toContainText(`$${total(bonuses)}`);
  await page.context().close();
});

test("a viewer sees the panel and the appeal but no action", async ({ browser, request }) => {
  const { thread: appealThread } = await control<{ thread: WireThread }>(request, "POST", "appeals", { rejected_days_ago: 2 });
  const page = await desktop(browser, "viewer");
  const panel = await openWithPanel(page, appealThread.id);
  await expect(panel.getByTestId("panel-bonuses")).toBeVisible();
  for (const name of ["Pay a bonus", "Restrict", "Set a skill", "Lift", "Remove", "Change"]) {
    await expect(panel.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByTestId("appeal-card")).toBeVisible();
  await expect(page.getByTestId("appeal-days")).toHaveText("7 days left");
  await expect(page.getByTestId("appeal-accept")).toHaveCount(0);
  await expect(page.getByTestId("appeal-keep")).toHaveCount(0);
  // And the server refuses them anyway.
  const tolokerId = tolokerOf(appealThread)!;
  const res = await page.request.post(`/api/tolokers/${tolokerId}/restrictions`, { data: { scope: "ALL_PROJECTS", comment: "no" } });
  expect(res.status()).toBe(403);
  await page.context().close();
});

test("a restriction is set with its scope and end, and lifted", async ({ browser, request }) => {
  const { thread: t } = await control<{ thread: WireThread }>(request, "POST", "appeals", { rejected_days_ago: 1, pool_id: "41822071" });
  const tolokerId = tolokerOf(t)!;
  expect(await restrictionsOf(request, tolokerId)).toEqual([]);
  const page = await desktop(browser, "admin");
  const panel = await openWithPanel(page, t.id);
  await panel.getByRole("button", { name: "Restrict", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Restrict Toloker/ });
  // The thread's pool is offered; the reason is required.
  await expect(dialog.getByRole("textbox", { name: "Pool" })).toHaveValue("41822071");
  await dialog.getByRole("combobox", { name: /^For/ }).selectOption("7d");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByText("Say why (only your team sees it).")).toBeVisible();
  await dialog.getByLabel(/^Why/).fill("Too fast on control tasks");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByTestId("action-summary")).toContainText("Pool 41822071");
  await expect(dialog.getByTestId("action-summary")).toContainText("until");
  await dialog.getByTestId("restrict-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("panel-restriction")).toHaveCount(1);
  await expect(panel.getByTestId("panel-restriction")).toContainText("Pool 41822071");
  const held = await restrictionsOf(request, tolokerId);
  expect(held).toHaveLength(1);
  expect(held[0]).toMatchObject({ scope: "POOL", pool_id: "41822071" });

  await panel.getByTestId("panel-restriction").getByRole("button", { name: "Lift" }).click();
  const lift = page.getByRole("dialog", { name: "Lift the restriction?" });
  await expect(lift.getByTestId("action-summary")).toContainText("Pool 41822071");
  await lift.getByTestId("lift-confirm").click();
  await expect(panel.getByTestId("panel-restriction")).toHaveCount(0);
  expect(await restrictionsOf(request, tolokerId)).toEqual([]);
  await page.context().close();
});

test("an appeal accepted from its thread is ACCEPTED in the emulator, answered, and gone from the queue", async ({ browser, request }) => {
  const { thread: t, assignment } = await control<{ thread: WireThread; assignment: { id: string } }>(request, "POST", "appeals", {
    rejected_days_ago: 8.5,
    topic: { EN: `Appeal ${Date.now().toString(36)}` },
  });
  const page = await desktop(browser, "sender");
  // In the queue, with its time left, and counted in the sidebar.
  await page.goto("/appeals");
  const row = page.locator(`[data-testid="appeal-row"][data-thread="${t.id}"]`);
  // It shows once the sync has brought the thread and the assignment was read: the page keeps looking.
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("1 day left");
  await page.goto("/messages/inbox");
  await expect(page.getByTestId("tab-appeals")).toContainText(/\d/);
  await page.goto("/appeals");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`thread=${t.id}`));
  const card = page.getByTestId("appeal-card");
  await expect(card).toHaveAttribute("data-status", "REJECTED");
  await expect(card.getByTestId("appeal-status")).toHaveText("Rejected");
  await card.getByTestId("appeal-reply").fill("You are right: we rechecked it and accepted it.");
  await card.getByTestId("appeal-comment").fill("Accepted after your appeal");
  await card.getByTestId("appeal-accept").click();
  await expect(card.getByTestId("appeal-decision")).toHaveText(/Accepted by/);
  const held = await control<{ status: string; public_comment?: string }>(request, "GET", `assignments/${assignment.id}`);
  expect(held.status).toBe("ACCEPTED");
  expect(held.public_comment).toBe("Accepted after your appeal");
  // The reply went in the same step.
  const after = await control<WireThread>(request, "GET", `threads/${t.id}`);
  expect(after.messages.some((m) => Object.values(m.text).some((x) => x.includes("we rechecked it")))).toBe(true);
  await page.goto("/appeals");
  await expect(page.getByRole("heading", { name: "Appeals", level: 1 })).toBeVisible();
  await expect(page.getByTestId("appeals").or(page.getByTestId("appeals-empty"))).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.context().close();
});

test("a bonus whose answer is lost is paid once", async ({ browser, request }) => {
  const { thread: t } = await control<{ thread: WireThread }>(request, "POST", "appeals", { rejected_days_ago: 1 });
  const tolokerId = tolokerOf(t)!;
  const before = await bonusesOf(request, tolokerId);
  // The seed may have paid this Toloker $0.75 already: the panel then shows one row of it more, not two.
  const earlier = before.filter((b) => Number(b.amount) === 0.75).length;
  const page = await desktop(browser, "admin");
  const panel = await openWithPanel(page, t.id);
  await panel.getByRole("button", { name: "Pay a bonus" }).click();
  const dialog = page.getByRole("dialog", { name: /Pay a bonus/ });
  await expect(dialog.getByTestId("bonus-balance")).toContainText("$");
  await dialog.getByLabel("Amount, US dollars").fill("100.5");
  await dialog.getByLabel(/^Title/).fill("Thank you");
  await dialog.getByLabel(/^Message/).fill("For the careful work on the last pool.");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByText("must be at most $100")).toBeVisible();
  await dialog.getByLabel("Amount, US dollars").fill("0.75");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByTestId("action-summary")).toContainText("Pay $0.75 to Toloker");
  // Toloka makes the bonus, then the answer never arrives.
  await setFaults(request, [{ endpoint: "bonus-create", kind: "timeout", after_write: true, count: 1, hang_ms: 30_000 }]);
  await dialog.getByTestId("bonus-confirm").click();
  await expect(dialog.getByTestId("bonus-outcome")).toHaveAttribute("data-state", /paid|unconfirmed/, { timeout: 90_000 });
  await expect(dialog.getByTestId("bonus-outcome")).toHaveAttribute("data-state", "paid");
  const after = await bonusesOf(request, tolokerId);
  expect(after.length - before.length, "one bonus more, not two").toBe(1);
  await dialog.getByRole("button", { name: "Close" }).click();
  // The row's amount is its first text: "$10.75" is not "$0.75".
  await expect(panel.getByTestId("panel-bonus").filter({ hasText: /^\$0\.75(?!\d)/ })).toHaveCount(earlier + 1);
  await page.context().close();
});

test("a skill given to the Tolokers of a selection reaches each of them once", async ({ browser, request }) => {
  const tolokers = (await control<{ items: { id: string }[] }>(request, "GET", "tolokers?limit=2&offset=40")).items.map((t) => t.id);
  const made: WireThread[] = [];
  for (const id of tolokers) made.push(await inbound(request, `Skill pick ${id.slice(0, 6)}`, "A thread for a skill", id));
  const page = await desktop(browser, "sender");
  await page.goto("/messages/inbox");
  const row = (id: string) => page.locator(`[data-testid="thread-row"][data-thread-id="${id}"]`);
  for (const t of made) await expect(row(t.id)).toBeVisible({ timeout: 60_000 });
  for (const t of made) await row(t.id).getByRole("checkbox").click();
  await page.getByRole("toolbar", { name: "Selected threads" }).getByRole("button", { name: "Give a skill" }).click();
  const dialog = page.getByRole("dialog", { name: "Give a skill to the Tolokers of 2 selected threads" });
  const picker = dialog.getByRole("combobox", { name: /^Skill/ });
  const option = picker.locator("option").nth(1);
  const skillId = (await option.getAttribute("value"))!;
  await picker.selectOption(skillId);
  await dialog.getByRole("textbox", { name: /^Value/ }).fill("61");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByTestId("action-summary")).toContainText("each Toloker of the 2 selected threads");
  await dialog.getByRole("button", { name: "Give the skill" }).click();
  await expect(dialog.getByTestId("grant-outcome")).toContainText("2 Tolokers have", { timeout: 30_000 });
  for (const id of tolokers) {
    const held = (await skillsOf(request, id)).filter((x) => x.skill_id === skillId);
    expect(held, id).toHaveLength(1);
    expect(held[0].value).toBe(61);
  }
  await page.context().close();
});

test("at 390 px the panel and its dialogs fit the phone, every control reachable", async ({ browser, request }) => {
  const { thread: t } = await control<{ thread: WireThread }>(request, "POST", "appeals", { rejected_days_ago: 4 });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto(`/messages/users?thread=${t.id}`);
  await expect(page.getByTestId("appeal-card")).toBeVisible({ timeout: 20_000 });
  await expectFits(page, "390 thread with appeal");
  await page.getByTestId("open-toloker-panel").click();
  const dialog = page.getByRole("dialog", { name: "Toloker" });
  await expect(dialog.getByTestId("panel-profile")).toBeVisible({ timeout: 20_000 });
  await expectFits(page, "390 panel");
  for (const b of await dialog.getByRole("button").all()) {
    await b.scrollIntoViewIfNeeded();
    const box = (await b.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 390, `button ${await b.innerText()} inside the screen`).toBe(true);
  }
  await page.screenshot({ path: "test-results/toloker/390-panel.png" });
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.goto("/appeals");
  await expect(page.getByTestId("appeal-row").first()).toBeVisible();
  await expectFits(page, "390 appeals");
  await page.screenshot({ path: "test-results/toloker/390-appeals.png" });
  await context.close();
});

async function expectFits(page: Page, label: string) {
  const wide = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (getComputedStyle(el).position === "fixed") continue;
      if (r.right > window.innerWidth + 0.5) out.push(`${el.tagName}.${el.className.toString().slice(0, 40)} right ${Math.round(r.right)}`);
    }
    return { out: out.slice(0, 5), scroll: document.documentElement.scrollWidth, vw: window.innerWidth };
  });
  expect(wide.scroll, `${label}: nothing scrolls across`).toBeLessThanOrEqual(wide.vw);
  expect(wide.out, `${label}: nothing off the right side`).toEqual([]);
}
