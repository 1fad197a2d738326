import { expect, test } from "./fixtures";
import { control, inbound, thread } from "./emulator";
import { signIn } from "./helpers";

/* Toloka may send what our emulator does not: a thread that cannot be read is set aside, counted and shown. */

test("a thread Toloka sends unreadably is set aside: the sync goes on, the team is told, an admin sees why", async ({ page, browser, request }) => {
  const q = await inbound(request, `Odd shape ${Date.now().toString(36)}`, "Will Toloka send this one oddly?");
  const original = await thread(request, q.id);
  await signIn(page, "admin");
  await expect(page.getByTestId("thread-row").filter({ hasText: "Odd shape" }).first()).toBeVisible({ timeout: 60_000 });
  try {
    // From now on the emulator sends this thread with a date that is no date, as a real service might.
    await control(request, "PUT", `threads/${q.id}/wire`, { ...original, created: "yesterday" });
    await page.getByRole("button", { name: "Refresh" }).first().click();
    // The sync line is in the folder column (and the phone layout's own copy): the one on screen.
    const note = page.getByTestId("sync-unreadable").filter({ visible: true });
    await expect(note).toContainText("1 thread from Toloka could not be read");
    // The sync did not stop: it completed, and the inbox still lists the thread as last read.
    await expect(page.getByTestId("sync-status").filter({ visible: true })).not.toContainText("Sync failed");
    await expect(page.getByTestId("thread-row").filter({ hasText: "Odd shape" }).first()).toBeVisible();

    await note.getByRole("link", { name: "See it" }).click();
    await expect(page).toHaveURL(/\/settings\/connection#unreadable/);
    const card = page.getByTestId("unreadable-threads");
    await expect(card).toContainText(q.id);
    await expect(card).toContainText('created: date "yesterday" is not a date');
    await card.getByText("What Toloka sent").click();
    await expect(card.locator("pre")).toContainText('"created":"yesterday"');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/unreadable-thread-${width}.png`, fullPage: true });
    }

    // A viewer is told too, and where an admin can look.
    const viewer = await browser.newPage();
    await signIn(viewer, "viewer");
    await expect(viewer.getByTestId("sync-unreadable").filter({ visible: true })).toContainText("An admin can see why on the Connection page.");
    await viewer.close();
  } finally {
    await control(request, "PUT", `threads/${q.id}/wire`, original);
  }
  // Sent readably again: the next sync takes it back and the note goes.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/messages/inbox");
  await page.getByRole("button", { name: "Refresh" }).first().click();
  await expect(page.getByTestId("sync-unreadable")).toHaveCount(0);
});
