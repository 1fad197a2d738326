import { allThreads } from "./emulator";
import { expect, test } from "./fixtures";
import { DEMO, signIn, type DemoRole } from "./helpers";

test.describe("sign-in", () => {
  test("an anonymous visitor is sent to the sign-in page, which lists the demo accounts", async ({ page }) => {
    await page.goto("/messages/inbox");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmessages%2Finbox/);
    for (const role of Object.keys(DEMO) as DemoRole[]) {
      await expect(page.getByText(`${DEMO[role].email} / ${DEMO[role].password}`)).toBeVisible();
    }
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO.admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  for (const role of Object.keys(DEMO) as DemoRole[]) {
    test(`${role} signs in and sees the seeded threads from the emulator`, async ({ page, request }) => {
      await signIn(page, role);
      await expect(page.getByTestId("current-user")).toContainText(`(${role})`);
      const rows = page.getByTestId("thread-row");
      await expect(rows.first()).toBeVisible();

      // The page shows what the emulator holds: the first row is an INBOX thread with the latest activity.
      // (Read as the emulator holds them: its Toloka API may, in variety mode, leave a listing's messages out.)
      const items = (await allThreads(request)).filter((t) => t.folders.includes("INBOX"));
      const newest = items.reduce((a, b) => (b.messages[0].created > a.messages[0].created ? b : a)).messages[0].created;
      const firstId = await rows.first().getAttribute("data-thread-id");
      const first = items.find((t) => t.id === firstId);
      expect(first, "the first row is an INBOX thread").toBeDefined();
      expect(first!.messages[0].created).toBe(newest);
      await expect(rows.first()).toContainText(first!.topic.EN ?? Object.values(first!.topic)[0]);
      expect(await rows.count()).toBeGreaterThan(10);
    });
  }

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "viewer");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/messages/inbox");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the API refuses a request without a session with the error envelope", async ({ request }) => {
    const res = await request.get("/api/threads?tab=inbox");
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue." } });
  });
});
