import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openBlank, signIn } from "./helpers";

/*
 * When forms show their errors (useTouched, components/ui/use-touched.ts): a field's once the user left it after
 * changing or visiting it, every one after a try to submit, which focuses the first invalid field; an error that
 * shows follows the input and goes once it is fixed. Nothing before the user did anything.
 */
test.describe.configure({ mode: "serial" });

const EMPTY_GROUP = "add a condition to this group, or remove it";
const A_TOLOKER_ID = "0123456789abcdef0123456789abcdef";

async function write(dialog: Locator, subject: string, text: string) {
  await dialog.getByLabel("Subject", { exact: true }).fill(subject);
  await dialog.getByLabel("Text", { exact: true }).fill(text);
}

/** Discards the draft: the dialog goes on with a blank form. */
async function discard(dialog: Locator) {
  await dialog.getByRole("button", { name: "Discard draft", exact: true }).click();
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("");
}

async function openTeam(page: Page): Promise<Locator> {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Team" }).click();
  return page.getByRole("form", { name: "Invite a member" });
}

test("compose by filter: no error before anything is done; a try to send shows it and focuses the group; fixing it clears it", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  // Straight from the autofocused subject to the filter: nothing was touched, nothing is wrong yet.
  await dialog.getByText("A group by filter").click();
  await expect(dialog.getByTestId("filter-builder")).toBeVisible();
  await expect(dialog.getByText(EMPTY_GROUP)).toHaveCount(0);
  await expect(dialog.getByText("Write a subject.")).toHaveCount(0);
  await expect(dialog.getByText("Not sent yet:")).toHaveCount(0);
  const root = dialog.getByRole("group", { name: "Recipients must match: all of" });
  await expect(root).not.toHaveAttribute("aria-describedby");

  await write(dialog, `Validation ${Date.now().toString(36)}`, "Shown after touch, not before.");
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByText(EMPTY_GROUP)).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("Fix the filter's marked conditions");
  const add = dialog.getByLabel("Add a condition", { exact: true });
  await expect(add).toBeFocused();
  await expect(root).toHaveAttribute("aria-describedby", /-error$/);

  // Live from now on: a condition without its value is marked at once, then fixed.
  await add.selectOption("country");
  await expect(dialog.getByText(EMPTY_GROUP)).toHaveCount(0);
  const country = dialog.getByRole("group", { name: "Country condition" }).getByLabel("Country", { exact: true });
  await expect(country).toHaveAttribute("aria-invalid", "true");
  await country.selectOption("DE");
  await expect(country).not.toHaveAttribute("aria-invalid");
  await expect(dialog.getByText("Fix the filter's marked conditions")).toHaveCount(0);
  await expect(dialog.getByTestId("filter-description")).toHaveText("Tolokers matching: country is Germany.");
  await discard(dialog);
});

test("compose by filter: emptying a group by hand is touching it", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByText("A group by filter").click();
  await dialog.getByLabel("Add a condition", { exact: true }).selectOption("country");
  // A new condition's problem waits for its row to be touched too.
  const country = dialog.getByRole("group", { name: "Country condition" });
  await expect(country.getByLabel("Country", { exact: true })).not.toHaveAttribute("aria-invalid");
  await expect(country.getByText("Value: choose a country")).toHaveCount(0);
  await expect(dialog.getByText(EMPTY_GROUP)).toHaveCount(0);
  await dialog.getByRole("button", { name: "Remove this country condition" }).click();
  await expect(dialog.getByText(EMPTY_GROUP)).toBeVisible();
  await expect(dialog.getByText("Not sent yet:")).toHaveCount(0);
  await discard(dialog);
});

test("compose by ids: a bad entry is not marked while it is typed, is named once the field is left, and goes when fixed", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await write(dialog, `Validation ids ${Date.now().toString(36)}`, "Shown after touch, not before.");
  const ids = dialog.getByLabel("Toloker ids", { exact: true });
  await ids.click();
  await ids.pressSequentially(`${A_TOLOKER_ID}, not-an-id`);
  await expect(dialog.getByTestId("ids-summary")).toContainText("1 Toloker");
  await expect(dialog.getByTestId("ids-summary")).not.toContainText("not a Toloker id");
  await expect(dialog.getByRole("list", { name: "Entries that are not Toloker ids" })).toHaveCount(0);
  await expect(ids).not.toHaveAttribute("aria-invalid");

  await ids.blur();
  await expect(dialog.getByTestId("ids-summary")).toContainText("1 not a Toloker id");
  await expect(dialog.getByRole("list", { name: "Entries that are not Toloker ids" })).toContainText("not-an-id");
  const error = dialog.getByText("Fix or remove the entry that is not a Toloker id. A Toloker id is 32 characters, 0-9 and a-f.");
  await expect(error).toBeVisible();
  await expect(ids).toHaveAttribute("aria-invalid", "true");
  const errorId = await error.getAttribute("id");
  await expect(ids).toHaveAttribute("aria-describedby", new RegExp(`${errorId}$`));
  // Nobody tried to send: the field says it, the form's summary does not.
  await expect(dialog.getByText("Not sent yet:")).toHaveCount(0);

  await ids.fill(A_TOLOKER_ID);
  await expect(error).toHaveCount(0);
  await expect(ids).not.toHaveAttribute("aria-invalid");
  await expect(dialog.getByTestId("ids-summary")).not.toContainText("not a Toloker id");
  await discard(dialog);
});

test("compose: a try to send with nothing written focuses the subject and lists what is missing", async ({ page }) => {
  await signIn(page, "sender");
  const dialog = await openBlank(page);
  await dialog.getByLabel("Toloker ids", { exact: true }).fill(A_TOLOKER_ID);
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  const subject = dialog.getByLabel("Subject", { exact: true });
  await expect(subject).toBeFocused();
  await expect(subject).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("alert")).toContainText("Write a subject.");
  await expect(dialog.getByRole("alert")).toContainText("Write the message.");
  await subject.fill("Now with a subject");
  await expect(subject).not.toHaveAttribute("aria-invalid");
  await expect(dialog.getByRole("alert")).not.toContainText("Write a subject.");
  await discard(dialog);
  // The blank form that follows has nothing touched.
  await expect(dialog.getByText("Write a subject.")).toHaveCount(0);
  await expect(dialog.getByText("Not sent yet:")).toHaveCount(0);
  await expect(dialog.getByLabel("Subject", { exact: true })).not.toHaveAttribute("aria-invalid");
});

test("team invite: the email's problem shows once it is left; Invite names every missing field and focuses the first", async ({ page }) => {
  const form = await openTeam(page);
  const email = form.getByLabel("Email");
  const name = form.getByLabel("Name");
  await email.fill("not-an-email");
  await expect(form.getByText("This is not an email address")).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid");
  await email.blur();
  await expect(form.getByText("This is not an email address (like name@example.com).")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter their name.")).toHaveCount(0);

  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByText("Enter their name.")).toBeVisible();
  await expect(email).toBeFocused();
  await expect(page.getByTestId("access-grant")).toHaveCount(0);

  await email.fill("someone@team.example");
  await expect(form.getByText("This is not an email address")).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid");
  await name.fill("Someone");
  await expect(form.getByText("Enter their name.")).toHaveCount(0);
  await expect(name).not.toHaveAttribute("aria-invalid");
});

test("sign in: a try with empty fields names them and focuses the email", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByText("Enter your email address.")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.getByLabel("Email").fill("sender@demo.local");
  await expect(page.getByText("Enter your email address.")).toHaveCount(0);
  await expect(page.getByTestId("sign-in-error")).toHaveCount(0);
});
