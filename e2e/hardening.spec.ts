import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, signIn } from "./helpers";
import { apiSignIn, newMember, signInAs } from "./team-helpers";

/* The holes an attacker found in a fresh build (issue 12), each tried again the way it was found. */

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test.describe("hardening", () => {
  test("password guessing in JSON, or in a crafted mix of formats, is counted and locked after 5 tries like form data", async ({ browser, request }) => {
    const member = await newMember(browser, "viewer");
    const other = await newMember(browser, "viewer");
    // Five wrong passwords as JSON bodies (next-auth reads JSON as well as form data).
    for (let i = 0; i < 5; i++) {
      const res = await request.post("/api/auth/callback/credentials", {
        data: { csrfToken: await csrf(request), email: member.email, password: `wrong ${i}`, json: "true" },
      });
      expect(res.status(), `try ${i + 1}`).toBe(401);
    }
    // Locked: the right password in JSON is refused, with how long to wait.
    const right = await request.post("/api/auth/callback/credentials", {
      data: { csrfToken: await csrf(request), email: member.email, password: member.password, json: "true" },
    });
    expect(right.status()).toBe(429);
    expect(Number(right.headers()["retry-after"])).toBeGreaterThan(60);
    // A JSON body smuggling another account into a field as form data once made the limiter count that account.
    const smuggled = await request.post("/api/auth/callback/credentials", {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ csrfToken: await csrf(request), email: member.email, password: member.password, json: "true", x: `&email=${other.email}` }),
    });
    expect(smuggled.status()).toBe(429);
    // A form body naming two accounts: next-auth takes the last, so that is the one counted.
    const token = await csrf(request);
    const twice = await request.post("/api/auth/callback/credentials", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: new URLSearchParams([
        ["csrfToken", token],
        ["email", other.email],
        ["email", member.email],
        ["password", member.password],
        ["json", "true"],
      ]).toString(),
    });
    expect(twice.status()).toBe(429);
    // A body in neither format is refused before anything is checked.
    const plain = await request.post("/api/auth/callback/credentials", {
      headers: { "Content-Type": "text/plain" },
      data: `csrfToken=${await csrf(request)}&email=${member.email}&password=${member.password}`,
    });
    expect(plain.status()).toBe(400);
    expect((await plain.json()).error).toMatchObject({ code: "BAD_REQUEST", fields: { body: expect.stringContaining("form data") } });
    // The other account was never counted: it signs in at once.
    expect(await apiSignIn(request, other.email, other.password)).toBe(200);
  });

  test("a failed sign-in is logged with the connection's address, not the X-Forwarded-For the client made up", async ({ browser, page }) => {
    const member = await newMember(browser, "viewer");
    const anon = await browser.newContext();
    const res = await anon.request.post("/api/auth/callback/credentials", {
      headers: { "X-Forwarded-For": "203.0.113.77" },
      form: { csrfToken: await csrf(anon.request), email: member.email, password: "not the password", json: "true" },
    });
    expect(res.status()).toBe(401);
    await anon.close();
    await signIn(page, "admin");
    const log = await (await page.request.get("/api/activity?action=auth.sign-in-failed")).json();
    const entry = (log.items as { target?: string; ip?: string }[]).find((e) => e.target === member.email);
    expect(entry, JSON.stringify(log.items.slice(0, 3))).toBeDefined();
    expect(entry!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  test("signing out revokes the session: a copy of the cookie is refused afterwards", async ({ browser, page, context }) => {
    const member = await newMember(browser, "sender");
    await signInAs(page, member.email, member.password);
    await expect(page).toHaveURL(/\/messages\/inbox/);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    // Another browser with a copy of the cookie (a stolen one, or a second tab's) works while the session lasts...
    const copy = await browser.newContext();
    await copy.addCookies([cookie]);
    expect((await copy.request.get("/api/threads/counts")).status()).toBe(200);
    // ...and not once the person has signed out.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const after = await copy.request.get("/api/threads/counts");
    expect(after.status()).toBe(401);
    const copyPage = await copy.newPage();
    await copyPage.goto("/messages/inbox");
    await expect(copyPage).toHaveURL(/\/sign-in/);
    await copy.close();
    // Their other sessions are theirs to end (Sign out everywhere): a new sign-in works as before.
    await signInAs(page, member.email, member.password);
    await expect(page).toHaveURL(/\/messages\/inbox/);
  });

  // What browsers follow off-site, as a link would carry them in callbackUrl (query-encoded, as typed in a link).
  const REDIRECTS = [
    "/%5Cevil.example",
    "/%09/evil.example",
    "//evil.example",
    "/%5C/evil.example",
    "%2F%2Fevil.example",
    "/%0A/evil.example",
    "https://evil.example/",
    "/.//evil.example",
    "javascript:alert(1)",
  ];

  test("no open redirect: after signing in, every crafted callbackUrl lands on the app", async ({ page, baseURL }) => {
    // Nine sign-ins in a row, each through the page.
    test.setTimeout(300_000);
    // Anything that leaves the app would show up here.
    const offSite: string[] = [];
    await page.route(
      (url) => url.hostname.endsWith("evil.example"),
      (route) => {
        offSite.push(route.request().url());
        return route.fulfill({ status: 200, body: "off site" });
      },
    );
    page.on("dialog", (d) => void d.dismiss());
    const origin = new URL(baseURL!).origin;
    for (const [i, target] of REDIRECTS.entries()) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?callbackUrl=${target}`);
      const role = (["viewer", "sender", "admin"] as const)[i % 3];
      await page.getByLabel("Email").fill(DEMO[role].email);
      await page.getByLabel("Password").fill(DEMO[role].password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      // Every one of them is refused: the sign-in goes to the inbox instead.
      await expect(page, target).toHaveURL(`${origin}/messages/inbox`);
      // Already signed in, the sign-in page redirects at once: the same rule.
      await page.goto(`/sign-in?callbackUrl=${target}`);
      await expect(page, target).toHaveURL(`${origin}/messages/inbox`);
    }
    expect(offSite).toEqual([]);
    // A path of the app's own is kept.
    await page.goto("/sign-in?callbackUrl=%2Fmessages%2Fsent");
    await expect(page).toHaveURL(`${origin}/messages/sent`);
  });
});
