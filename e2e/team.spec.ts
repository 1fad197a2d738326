import AxeBuilder from "@axe-core/playwright";
import { DEMO, signIn } from "./helpers";
import { expect, test } from "./fixtures";
import { apiSignIn, newMember, signInAs } from "./team-helpers";

/** Names of controls that change something: a viewer must never be offered one (it could only fail). */
const WRITE_CONTROLS = /^(reply|send|compose|new message|mark (all )?(as )?(read|unread)|important|invite|remove|save|temp password|new link)/i;

/** The enabled buttons and text boxes on the page whose accessible name is a write control's. */
async function writeControls(page: import("@playwright/test").Page): Promise<string[]> {
  const found: string[] = [];
  for (const control of [...(await page.getByRole("button").all()), ...(await page.getByRole("textbox").all())]) {
    if (!(await control.isVisible()) || !(await control.isEnabled())) continue;
    const name = (await control.getAttribute("aria-label")) ?? (await control.getAttribute("title")) ?? (await control.innerText()).trim();
    if (WRITE_CONTROLS.test(name)) found.push(name);
  }
  return found;
}

async function firstInboxThread(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const res = await request.get("/api/threads?tab=inbox&limit=50");
  expect(res.ok()).toBeTruthy();
  const items: { id: string; canReply: boolean }[] = (await res.json()).items;
  return items.find((t) => t.canReply)!.id;
}

test.describe("team access", () => {
  test("a viewer sees no write controls, no admin pages, and the API refuses them anyway", async ({ page }) => {
    await signIn(page, "viewer");
    await expect(page.getByTestId("thread-row").first()).toBeVisible();
    const nav = page.getByRole("navigation", { name: "App" });
    await expect(nav.getByRole("link", { name: "Messages" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Account" })).toBeVisible();
    for (const name of ["Team", "Connection", "Activity"]) await expect(nav.getByRole("link", { name })).toHaveCount(0);
    // The list, and a thread opened from it: nothing to reply, flag or mark with.
    await page.getByTestId("thread-row").first().getByRole("button").first().click();
    await expect(page.getByTestId("messages")).toBeVisible();
    expect(await writeControls(page)).toEqual([]);

    for (const path of ["/settings/team", "/settings/connection", "/activity"]) {
      await page.goto(path);
      await expect(page.getByRole("alert").filter({ hasText: "Not available to you" })).toContainText("needs the admin role");
      expect(await writeControls(page)).toEqual([]);
    }
    const id = await firstInboxThread(page.request);
    const res = await page.request.post(`/api/threads/${id}/flags`, { data: { important: true } });
    expect(res.status()).toBe(403);
  });

  test("a sender is offered the write controls a viewer is not; an admin also the team's pages", async ({ page }) => {
    await signIn(page, "sender");
    await page.getByTestId("thread-row").first().getByRole("button").first().click();
    await expect(page.getByTestId("messages")).toBeVisible();
    expect((await writeControls(page)).length).toBeGreaterThan(0);
    await expect(page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Team" })).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, "admin");
    const nav = page.getByRole("navigation", { name: "App" });
    for (const name of ["Team", "Connection", "Activity"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  });

  test("a sender with a temporary password is offered nothing but choosing their own: no New message, no pages", async ({ page, browser }) => {
    const tag = Date.now().toString(36);
    const email = `e2e-sender-temp-${tag}@team.example`;
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Team" }).click();
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill(`Sam Temp ${tag}`);
    await form.getByLabel("Role").selectOption("sender");
    await form.getByLabel("A temporary password").check();
    await form.getByRole("button", { name: "Invite" }).click();
    const temporary = (await page.getByTestId("temporary-password").innerText()).trim();

    const other = await browser.newContext();
    const them = await other.newPage();
    await signInAs(them, email, temporary);
    await expect(them.getByTestId("must-change-password")).toBeVisible();
    await expect(them.getByRole("button", { name: "New message" })).toHaveCount(0);
    await expect(them.getByRole("navigation", { name: "App" })).toHaveCount(0);
    await them.getByLabel("New password", { exact: true }).fill(`sam's own passphrase ${tag}`);
    await them.getByLabel("New password again").fill(`sam's own passphrase ${tag}`);
    await them.getByRole("button", { name: "Save password" }).click();
    await expect(them.getByTestId("must-change-password")).toHaveCount(0);
    await expect(them.getByRole("button", { name: "New message" })).toBeVisible();
    await expect(them.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Account" })).toBeVisible();
    await other.close();
  });

  test("an admin invites someone with a temporary password, changes their role, and the change takes effect", async ({ page, browser }) => {
    const tag = Date.now().toString(36);
    const email = `e2e-invitee-${tag}@team.example`;
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Team" }).click();
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill(`Ivy Invitee ${tag}`);
    await form.getByLabel("A temporary password").check();
    await form.getByRole("button", { name: "Invite" }).click();
    const temporary = (await page.getByTestId("temporary-password").innerText()).trim();
    expect(temporary).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.locator(`[data-testid="member-row"][data-email="${email}"]`);
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("viewer");

    // The newcomer signs in with the temporary password and must choose their own first.
    const other = await browser.newContext();
    const them = await other.newPage();
    await signInAs(them, email, temporary);
    await expect(them.getByTestId("must-change-password")).toBeVisible();
    await expect(them.getByTestId("thread-row")).toHaveCount(0);
    await them.getByLabel("New password", { exact: true }).fill(`ivy's own passphrase ${tag}`);
    await them.getByLabel("New password again").fill(`ivy's own passphrase ${tag}`);
    await them.getByRole("button", { name: "Save password" }).click();
    await expect(them.getByTestId("must-change-password")).toHaveCount(0);
    await expect(them.getByTestId("thread-row").first()).toBeVisible();
    await expect(them).toHaveURL(/\/messages\/inbox/);
    await expect(them.getByTestId("current-user")).toContainText("(viewer)");
    const thread = await firstInboxThread(them.request);
    expect((await them.request.post(`/api/threads/${thread}/flags`, { data: { important: true } })).status()).toBe(403);

    // The admin makes them a sender: their very next request has the new role.
    await row.getByLabel(`Role of ${email}`).selectOption("sender");
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("sender");
    await them.reload();
    await expect(them.getByTestId("current-user")).toContainText("(sender)");
    expect((await them.request.post(`/api/threads/${thread}/flags`, { data: { important: false } })).status()).toBe(200);

    // Removal ends their access at once.
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await expect(row).toHaveCount(0);
    await them.reload();
    await expect(them).toHaveURL(/\/sign-in/);
    await other.close();
  });

  test("a wrong password is refused, and repeated failures are slowed down even for the right one", async ({ page, browser, request }) => {
    const member = await newMember(browser, "viewer");
    await page.goto("/sign-in");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill(member.email);
      await page.getByLabel("Password").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
    }
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Too many failed attempts. Try again in 15 minutes.");
    await expect(page).toHaveURL(/\/sign-in/);

    // The API says so too: 429 with how long to wait.
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email: member.email, password: member.password, json: "true" } });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(60);
    // Another account is not affected.
    expect(await apiSignIn(request, DEMO.viewer.email, DEMO.viewer.password)).toBe(200);
  });

  test("the session cookie is HttpOnly and SameSite=Lax (and Secure only behind HTTPS)", async ({ page, context }) => {
    await signIn(page, "viewer");
    const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });

  test("signing out everywhere ends the person's other sessions", async ({ page, browser }) => {
    const member = await newMember(browser, "sender");
    const laptop = await browser.newContext();
    const other = await laptop.newPage();
    await signInAs(other, member.email, member.password);
    await expect(other).toHaveURL(/\/messages\/inbox/);

    await signInAs(page, member.email, member.password);
    await expect(page).toHaveURL(/\/messages\/inbox/);
    await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Account" }).click();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await other.reload();
    await expect(other).toHaveURL(/\/sign-in/);
    await laptop.close();
  });

  test("a cross-site POST is refused", async ({ page }) => {
    await signIn(page, "sender");
    const thread = await firstInboxThread(page.request);
    const before = (await (await page.request.get(`/api/threads/${thread}`)).json()).important;
    const target = new URL(`/api/threads/${thread}/flags`, page.url()).toString();

    // A page on another site submits a form to the app in the signed-in browser.
    await page.route("http://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form id="f" method="POST" action="${target}" enctype="text/plain"><input name='{"important":${!before},"x":"' value='"}'></form><script>document.getElementById("f").submit()</script>`,
      }),
    );
    const refused = page.waitForResponse((r) => r.url() === target && r.request().method() === "POST");
    await page.goto("http://evil.example/attack");
    const res = await refused;
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("Cross-site requests are refused");
    // Another site's request to next-auth's sign-out, and a forged Origin on the API: refused, nothing changed.
    const signOut = await page.request.post(new URL("/api/auth/signout", target).toString(), {
      headers: { Origin: "http://evil.example" },
      form: { csrfToken: "x" },
    });
    expect(signOut.status()).toBe(403);
    const forged = await page.request.post(target, { headers: { Origin: "http://evil.example" }, data: { important: !before } });
    expect(forged.status()).toBe(403);
    await page.goto("/messages/inbox");
    expect((await (await page.request.get(`/api/threads/${thread}`)).json()).important).toBe(before);
  });

  test("the activity log shows who replied, and the thread knows which team member wrote the reply", async ({ page, browser }) => {
    const member = await newMember(browser, "sender");
    await signInAs(page, member.email, member.password);
    await expect(page).toHaveURL(/\/messages\/inbox/);
    const thread = await firstInboxThread(page.request);
    const text = `Answer from ${member.name}`;
    // A same-origin request from the app's page, as the reply box sends it.
    const status = await page.evaluate(
      async ({ thread, text }) =>
        (
          await fetch(`/api/threads/${thread}/reply`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ text: { EN: text } }),
          })
        ).status,
      { thread, text },
    );
    expect(status).toBe(200);
    const detail = await (await page.request.get(`/api/threads/${thread}`)).json();
    const mine = detail.messages.filter((m: { html: { EN?: string } }) => m.html.EN === text);
    expect(mine.at(-1).sentBy).toMatchObject({ id: member.id, name: member.name });
    await page.goto(`/messages/inbox?thread=${thread}`);
    await expect(page.getByTestId("message").filter({ hasText: text }).last()).toContainText(`You · ${member.name}`);

    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signIn(adminPage, "admin");
    await adminPage.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Activity" }).click();
    const filters = adminPage.getByRole("form", { name: "Filter the activity" });
    await filters.getByLabel("Member").selectOption({ label: `${member.name} (${member.email})` });
    await filters.getByLabel("What").selectOption({ label: "Replied" });
    await filters.getByRole("button", { name: "Filter" }).click();
    const row = adminPage.getByTestId("activity-row").first();
    await expect(row).toContainText(member.name);
    await expect(row).toContainText("Replied");
    await expect(row).toContainText(`thread ${thread.slice(-8)}`);
    await expect(adminPage.getByTestId("activity-row")).toHaveCount(1);
    await admin.close();
  });

  test("an admin sees the connection with the key masked and tests it", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Connection" }).click();
    await expect(page.getByTestId("connection-environment")).toHaveText("Embedded emulator (demo data)");
    await expect(page.getByTestId("connection-key")).toContainText("••••");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-test-result")).toContainText("Connected.");
    await expect(page.getByTestId("sync-status")).toContainText("threads held");
  });

  test("the team's pages have no accessibility violations (axe)", async ({ page, browser }) => {
    const check = async (state: string) => {
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
        `axe violations on ${state}`,
      ).toEqual([]);
    };
    await page.goto("/sign-in?error=sso-domain");
    await check("the sign-in page with single sign-on and an error");
    await page.goto("/setup");
    await check("the setup page");
    await page.goto("/invite/not-a-valid-link-token-000000");
    await check("an invitation link that is not valid");
    await signIn(page, "admin");
    for (const path of ["/settings/team", "/settings/connection", "/activity", "/settings/account", "/appeals"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await check(path);
    }
    const viewer = await browser.newContext();
    const vp = await viewer.newPage();
    await signIn(vp, "viewer");
    await vp.goto("/settings/team");
    const results = await new AxeBuilder({ page: vp }).analyze();
    expect(
      results.violations.map((v) => v.id),
      "the page a viewer gets instead of the team",
    ).toEqual([]);
    await viewer.close();
  });
});
