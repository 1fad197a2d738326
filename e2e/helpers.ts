import { expect, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@demo.local", password: "demo-admin" },
  sender: { email: "sender@demo.local", password: "demo-sender" },
  viewer: { email: "viewer@demo.local", password: "demo-viewer" },
} as const;
export type DemoRole = keyof typeof DEMO;

/** The emulator's demo credential, as the app's default configuration has it. */
export const EMULATOR_TOKEN = "demo-ad5f0c9e4b7d2a1f88.emulator.local";

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO[role].email);
  await page.getByLabel("Password").fill(DEMO[role].password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/messages\/inbox/);
}
