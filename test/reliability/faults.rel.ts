// Faults: with Toloka (the emulator) failing 10% of calls with 500 or 503, 5% with 429 and Retry-After, 2%
// timing out after the write, and 200 ms of latency on every call, a scripted requester in Chromium browses
// every tab, searches, replies, flips flags, marks 1,000 threads read and sends to 2,000 ids. Every action
// either succeeds or shows an error the requester can act on (and acting on it, retrying, gets it done);
// afterwards no reply or recipient is duplicated or missing in the emulator, and the mirror equals the emulator.
// `npx tsx test/reliability/faults.rel.ts [--replies 50 --flags 200 --unread 1000 --ids 2000]`
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { chromium, expect as baseExpect } from "@playwright/test";
import { checker, deliveriesOfSend, parseArgs, startApp, type App } from "./harness";

const args = parseArgs({ replies: 50, flags: 200, unread: 1000, ids: 2000 });
// Waits are bounded by what they wait for; these defaults only catch a page stuck for good, on a busy machine too.
const expect = baseExpect.configure({ timeout: 30_000 });
const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"];
const FAULTS = [
  { endpoint: "*", kind: "latency", latency_ms: 200 },
  { endpoint: "*", kind: "timeout", rate: 0.02, after_write: true, hang_ms: 4000 },
  { endpoint: "*", kind: "500", rate: 0.05 },
  { endpoint: "*", kind: "503", rate: 0.0527 },
  { endpoint: "*", kind: "429", rate: 0.0556, retry_after: 1 },
];

type Thread = { id: string; folders: string[]; messages: { from: { role: string }; text: Record<string, string> }[] };

async function allThreads(app: App): Promise<Thread[]> {
  const out: Thread[] = [];
  for (let idGt = ""; ; ) {
    // The control API: the threads as the emulator holds them, never varied.
    const page = (await app.emu("GET", `/emulator/control/threads?limit=300${idGt ? `&id_gt=${idGt}` : ""}`)) as { items: Thread[]; has_more: boolean };
    out.push(...page.items);
    if (!page.has_more) return out;
    idGt = page.items[page.items.length - 1].id;
  }
}

async function main() {
  const log = { errorsShown: 0, retries: 0 };
  const check = checker();
  // The browser first: if it cannot start, no server is left running.
  const browser = await chromium.launch({
    executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const app = await startApp({ port: 3255, env: { TOLOKA_TIMEOUT_MS: "2500" } }).catch(async (error) => {
    await browser.close();
    throw error;
  });
  try {
    // Setup without faults: questions to reply to, and unread threads to mark read.
    await app.emu("PUT", "/emulator/control/limits", { requests_per_second: 0 });
    const tolokers = ((await app.emu("GET", `/emulator/control/tolokers?limit=${args.ids}`)) as { items: { id: string }[] }).items.map((t) => t.id);
    const questions: string[] = [];
    for (let i = 0; i < args.replies; i++) {
      questions.push(
        ((await app.emu("POST", "/emulator/control/inbound", { topic: { EN: `Faulty question ${i}` }, text: { EN: "Please answer" } })) as { id: string }).id,
      );
    }
    for (let i = questions.length; i < args.unread; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, args.unread - i) }, (_, k) =>
          app.emu("POST", "/emulator/control/inbound", { topic: { EN: `Unread ${i + k}` }, text: { EN: "Unread on purpose" } }),
        ),
      );
    }
    await app.emu("PUT", "/emulator/control/limits", { requests_per_second: 300 });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(60_000);
    page.on("dialog", (d) => void d.dismiss());
    await page.goto(`${app.base}/sign-in`);
    await page.getByLabel("Email").fill("sender@demo.local");
    await page.getByLabel("Password").fill("demo-sender");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/messages\/inbox/);
    await page.getByTestId("thread-row").first().waitFor({ timeout: 60_000 });
    await app.emu("PUT", "/emulator/control/faults", FAULTS);
    console.log(`Faults: ${JSON.stringify(FAULTS.map((f) => `${f.kind}${"rate" in f ? ` ${f.rate}` : ""}`))}; TOLOKA_TIMEOUT_MS=2500`);

    // Browse every tab and search.
    for (const tab of TABS) {
      await page.goto(`${app.base}/messages/${tab}`);
      await expect(page.getByTestId("thread-row").first().or(page.getByTestId("empty-list"))).toBeVisible({ timeout: 60_000 });
    }
    await page.goto(`${app.base}/messages/inbox`);
    await page.getByLabel("Search by Toloker id or words").fill("Faulty question");
    await expect(page.getByTestId("thread-row").first()).toBeVisible({ timeout: 60_000 });
    check(true, "browsed every tab and searched");

    // Replies: each either lands or says it did not; a requester retries those that did not.
    const replyText = (i: number) => `Answer number ${i} under faults`;
    for (let i = 0; i < questions.length; i++) {
      await page.goto(`${app.base}/messages/inbox?thread=${questions[i]}`);
      // The visual editor, once its chunk is in (a textarea stands in for it until then).
      await page.locator('[data-testid="message-editor"][data-mode="visual"]').waitFor({ timeout: 60_000 });
      const box = page.getByRole("textbox", { name: /Reply text/ });
      await box.fill(replyText(i));
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) log.retries++;
        await page.getByRole("button", { name: "Send reply" }).click();
        const outcome = await Promise.race([
          page
            .getByTestId("toast-error")
            .last()
            .waitFor({ timeout: 90_000 })
            .then(() => "error" as const),
          expect(box)
            .toHaveText("", { timeout: 90_000 })
            .then(() => "sent" as const),
        ]);
        if (outcome === "sent") break;
        log.errorsShown++;
        const message = (await page.getByTestId("toast-error").last().textContent()) ?? "";
        if (!/Could not send the reply/.test(message)) throw new Error(`unclear error for a reply: ${message}`);
        await expect(box).toHaveText(replyText(i));
        await page.getByRole("button", { name: "Dismiss" }).last().click();
        if (attempt > 5) throw new Error(`reply ${i} never went through`);
      }
    }
    // The checks read the emulator without its faults (they are the test's own eyes, not the app's).
    await app.emu("DELETE", "/emulator/control/faults");
    const afterReplies = await allThreads(app);
    const byId = new Map(afterReplies.map((t) => [t.id, t]));
    let duplicated = 0;
    let missing = 0;
    questions.forEach((id, i) => {
      const n = byId.get(id)!.messages.filter((m) => m.from.role === "REQUESTER" && m.text.EN === `<p>${replyText(i)}</p>`).length;
      if (n > 1) duplicated++;
      if (n === 0) missing++;
    });
    check(duplicated === 0 && missing === 0, `${questions.length} replies: ${duplicated} duplicated, ${missing} missing in the emulator`);
    await app.emu("PUT", "/emulator/control/faults", FAULTS);

    // Flag changes from the rows: each shows at once, and is rolled back with a message if Toloka refuses it.
    await page.goto(`${app.base}/messages/inbox`);
    await page.getByTestId("thread-row").first().waitFor();
    // The flag calls the page has made and not yet had an answer to (retries included, they are the server's).
    let flagsInFlight = 0;
    const isFlagCall = (url: string) => /\/api\/threads\/[^/?]+\/flags/.test(url);
    page.on("request", (r) => void (isFlagCall(r.url()) && flagsInFlight++));
    const answered = (r: { url(): string }) => void (isFlagCall(r.url()) && flagsInFlight--);
    page.on("requestfinished", answered);
    page.on("requestfailed", answered);
    for (let i = 0; i < args.flags; i++) {
      const row = page.getByTestId("thread-row").nth(i % 8);
      await row.getByRole("button", { name: /^Important: (on|off)$/ }).click();
      await page.waitForTimeout(150); // a person's pace between clicks
    }
    // Every change answered, however long Toloka's faults and this machine make that.
    await expect.poll(() => flagsInFlight, { timeout: 180_000, intervals: [250] }).toBe(0);
    const flagErrors = await page.getByTestId("toast-error").count();
    log.errorsShown += flagErrors;
    // What the rows show is what Toloka holds: a refused change was rolled back, not left showing.
    await app.emu("DELETE", "/emulator/control/faults");
    const rowsAgainstToloka = async () => {
      const shown = await page
        .getByTestId("thread-row")
        .evaluateAll((rows) =>
          rows.slice(0, 8).map((r) => [r.getAttribute("data-thread-id"), r.querySelector('button[aria-label^="Important:"]')?.getAttribute("aria-label")]),
        );
      const upstreamFlags = new Map((await allThreads(app)).map((t) => [t.id, t.folders.includes("IMPORTANT")]));
      return { rows: shown.length, wrong: shown.filter(([id, label]) => upstreamFlags.get(id!) !== (label === "Important: on")).length };
    };
    // The answers are in; give the page a moment to render the last of them (a rollback never shown fails here).
    await expect
      .poll(async () => (await rowsAgainstToloka()).wrong, { timeout: 15_000, intervals: [500] })
      .toBe(0)
      .catch(() => undefined);
    const flags = await rowsAgainstToloka();
    check(
      flags.wrong === 0 && flags.rows === 8,
      `${args.flags} important toggles: ${flagErrors} refused and rolled back with a message; the ${flags.rows} rows show what Toloka holds (${flags.wrong} differ)`,
    );
    await app.emu("PUT", "/emulator/control/faults", FAULTS);

    // Mark all read of the inbox, retried until nothing is left unread. Each round does work: a job that reports
    // failures is run again at once; one that reports success is followed until the badge shows it (threads
    // that reached the mirror only after the job began are left for the next round).
    const unreadBadge = async () => {
      const badge = page.getByTestId("tab-inbox");
      await badge.waitFor();
      return Number(((await badge.textContent()) ?? "").match(/(\d[\d,]*)\s*unread/)?.[1]?.replace(/,/g, "") ?? 0);
    };
    for (let round = 0; ; round++) {
      await page.goto(`${app.base}/messages/inbox`);
      if ((await unreadBadge()) === 0) break;
      if (round > 4) throw new Error(`mark all read never finished: ${await unreadBadge()} unread after ${round} rounds`);
      if (round > 0) log.retries++;
      await page.getByRole("button", { name: "Mark all as read" }).click();
      await page.getByRole("button", { name: /^Mark [\d,]+ as read$/ }).click();
      await page.getByTestId("toast-info").or(page.getByTestId("toast-error")).last().waitFor({ timeout: 300_000 });
      if (await page.getByTestId("toast-error").count()) {
        log.errorsShown++;
        continue;
      }
      await page.getByRole("button", { name: "Refresh" }).first().click();
      await expect
        .poll(unreadBadge, { timeout: 60_000, intervals: [1_000] })
        .toBe(0)
        .catch(() => undefined);
    }
    check(true, `mark all read of ${args.unread}+ threads finished`);

    // A send to 2,000 ids, retrying failed batches from the report.
    const topic = `Faulty send ${Date.now().toString(36)}`;
    const sentSince = new Date().toISOString();
    await page.getByRole("button", { name: "New message" }).click();
    const dialog = page.getByRole("dialog", { name: "New message" });
    await dialog.getByLabel("Subject", { exact: true }).fill(topic);
    await dialog.getByLabel("Text", { exact: true }).fill("A new pool is open for you.");
    await dialog.getByLabel("Toloker ids", { exact: true }).fill(tolokers.join("\n"));
    // The checks run as the form changes: wait for the one a large send raises before acknowledging them all.
    if (tolokers.length > 1000) await expect(dialog.getByTestId("warning-many-recipients")).toBeVisible({ timeout: 60_000 });
    for (const ack of await dialog.getByRole("checkbox", { name: /^Send anyway:/ }).all()) await ack.check();
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    const summary = page.getByTestId("send-summary");
    for (let round = 0; ; round++) {
      await expect(summary).not.toContainText("sending…", { timeout: 600_000 });
      const text = (await summary.textContent()) ?? "";
      if (!/failed/.test(text)) break;
      log.errorsShown++;
      if (round > 4) throw new Error(`the send never finished: ${text}`);
      log.retries++;
      await page.getByRole("button", { name: /Retry the failed batch/ }).click();
      // The report moves on from what it said (sending again), however soon this machine gets there.
      await expect(summary).not.toHaveText(text, { timeout: 60_000 });
    }
    await app.emu("DELETE", "/emulator/control/faults");

    const sent = await deliveriesOfSend(app, { since: sentSince, topic, tolokers });
    check(
      sent.twice === 0 && sent.missing === 0,
      `send to ${tolokers.length.toLocaleString("en")} ids: ${sent.twice} twice, ${sent.missing} missing, in ${sent.threads} threads`,
    );

    // The mirror equals the emulator after a sync (without faults).
    const cookieFree = await page.context().cookies();
    const cookie = cookieFree.map((c) => `${c.name}=${c.value}`).join("; ");
    await app.api(cookie, "POST", "/api/sync?mode=full");
    const upstream = await allThreads(app);
    const mirror = new Database(path.join(app.dataDir, "mirror.sqlite"), { readonly: true });
    const rows = mirror.prepare("SELECT id, message_count, in_inbox, in_outbox, in_notifications, important, unread FROM threads").all() as Record<
      string,
      number | string
    >[];
    mirror.close();
    const mine = new Map(rows.map((r) => [r.id as string, r]));
    let differ = 0;
    for (const t of upstream) {
      const m = mine.get(t.id);
      const f = (x: string) => (t.folders.includes(x) ? 1 : 0);
      if (
        !m ||
        m.message_count !== t.messages.length ||
        m.in_inbox !== f("INBOX") ||
        m.in_outbox !== f("OUTBOX") ||
        m.in_notifications !== f("AUTOMATIC_NOTIFICATION") ||
        m.important !== f("IMPORTANT") ||
        m.unread !== f("UNREAD")
      )
        differ++;
    }
    check(differ === 0 && rows.length === upstream.length, `mirror equals the emulator: ${rows.length} threads, ${differ} differ`);
    console.log(`  errors shown to the requester and acted on: ${log.errorsShown}; retries: ${log.retries}`);
  } catch (error) {
    // What the requester saw when it went wrong.
    const shot = path.join(process.cwd(), "test-results", "faults-failure.png");
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    for (const p of browser.contexts().flatMap((c) => c.pages())) await p.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error(`  screenshot at the failure: ${shot}`);
    throw error;
  } finally {
    await browser.close();
    await app.stop();
  }
  process.exitCode = check.failed() ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
