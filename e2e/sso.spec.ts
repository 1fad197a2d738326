import { expect, test } from "./fixtures";

/*
 * Single sign-on against a real OpenID Connect flow: e2e/server.mjs configures the app with the mock provider of
 * e2e/mock-oidc.mjs (authorization code, PKCE, RS256 ID tokens), allowed domain sso.example, default role viewer.
 */

async function ssoSignIn(page: import("@playwright/test").Page, email: string, name: string, opts: { unverified?: boolean } = {}) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Mock SSO" }).click();
  await expect(page.getByRole("heading", { name: "Mock SSO" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Name").fill(name);
  if (opts.unverified) await page.getByLabel("Email not verified").check();
  await page.getByRole("button", { name: "Approve" }).click();
}

test.describe("single sign-on", () => {
  test("someone from an allowed domain signs in with the default role, and again as the same account", async ({ page }) => {
    const tag = Date.now().toString(36);
    await ssoSignIn(page, `nina-${tag}@sso.example`, `Nina ${tag}`);
    await expect(page).toHaveURL(/\/messages\/inbox/);
    await expect(page.getByTestId("current-user")).toContainText(`Nina ${tag}`);
    await expect(page.getByTestId("current-user")).toContainText("(viewer)");
    await expect(page.getByTestId("thread-row").first()).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await ssoSignIn(page, `nina-${tag}@sso.example`, `Nina ${tag}`);
    await expect(page.getByTestId("current-user")).toContainText(`Nina ${tag}`);
  });

  test("another domain, or an unverified email, is refused with the reason", async ({ page }) => {
    await ssoSignIn(page, "eve@evil.example", "Eve");
    await expect(page).toHaveURL(/\/sign-in\?.*error=sso-domain/);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Your email domain may not sign in here.");
    await ssoSignIn(page, `unverified-${Date.now()}@sso.example`, "Una", { unverified: true });
    await expect(page.getByTestId("sign-in-error")).toContainText("not verified");
    await page.goto("/messages/inbox");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
