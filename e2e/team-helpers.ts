import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { DEMO } from "./helpers";

/** Signs an API request context in with next-auth's credentials flow (CSRF token, then the callback). */
export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<number> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  return res.status();
}

let n = 0;

/**
 * A new team member for one test (never the demo accounts, which other tests share): invited by the demo
 * admin with a temporary password, which is then replaced by `password` as the member would at first sign-in.
 */
export async function newMember(
  browser: Browser,
  role: "viewer" | "sender" | "admin",
  opts: { keepTemporary?: boolean } = {},
): Promise<{ id: string; email: string; name: string; password: string }> {
  const tag = `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `e2e-${role}-${tag}@team.example`;
  const name = `E2E ${role} ${tag}`;
  const admin = await browser.newContext();
  try {
    expect(await apiSignIn(admin.request, DEMO.admin.email, DEMO.admin.password)).toBe(200);
    const res = await admin.request.post("/api/team", { data: { email, name, role, method: "password" } });
    expect(res.status(), await res.text()).toBe(201);
    const grant = await res.json();
    if (opts.keepTemporary) return { id: grant.member.id, email, name, password: grant.temporaryPassword };
    const member = await browser.newContext();
    try {
      expect(await apiSignIn(member.request, email, grant.temporaryPassword)).toBe(200);
      const password = `e2e passphrase ${tag}`;
      const changed = await member.request.post("/api/account/password", { data: { newPassword: password } });
      expect(changed.status(), await changed.text()).toBe(200);
      return { id: grant.member.id, email, name, password };
    } finally {
      await member.close();
    }
  } finally {
    await admin.close();
  }
}

/** Signs in through the sign-in page with any account, as a person would. */
export async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
