import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@demo.local", password: "demo-admin" },
  sender: { email: "sender@demo.local", password: "demo-sender" },
  viewer: { email: "viewer@demo.local", password: "demo-viewer" },
} as const;
export type DemoRole = keyof typeof DEMO;

/**
 * The Toloka token the app holds during the end-to-end run (EMULATOR_TOKEN of the test server): recognisable,
 * so e2e/leaks.check.ts can search every response, the server log and the built client files for it.
 */
export const E2E_TOLOKA_TOKEN = "canary-toloka-token-e2e-5f3a9c1d7b2e";
/** The emulator's credential in the run (the app's Toloka token): the same canary, by the name the specs use. @alias */
export const EMULATOR_TOKEN = E2E_TOLOKA_TOKEN;

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO[role].email);
  await page.getByLabel("Password").fill(DEMO[role].password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/messages\/inbox/);
}

/**
 * The message editor's textbox in `root` (components/editor), once the visual editor is in: until its chunk has
 * loaded, a plain textarea stands in for it, and what is typed there is sent as plain text.
 */
export async function visualEditor(root: Locator, name: string | RegExp): Promise<Locator> {
  await expect(root.getByTestId("message-editor").first()).toHaveAttribute("data-mode", "visual");
  return root.getByRole("textbox", { name });
}

/** Switches the message editor in `root` to its plain-text mode (HTML written by hand is sent as written). */
export async function plainText(root: Locator): Promise<void> {
  await expect(root.getByTestId("message-editor").first()).toHaveAttribute("data-mode", "visual");
  await root.getByRole("button", { name: "Plain text" }).first().click();
  await expect(root.getByTestId("message-editor").first()).toHaveAttribute("data-mode", "plain");
}

/** Opens compose from the header: "New message" always opens a blank form (drafts are listed above it). */
export async function openBlank(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
  return dialog;
}
