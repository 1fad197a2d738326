// `npm run bench -- scroll`: the thread list with 10,000 rows loaded, in real Chromium. Seeds the emulator with
// 20,000 threads, starts the production build, signs in, scrolls the Inbox until 10,000 rows are loaded (infinite
// scroll, 50 a page), then scrolls through them and prints frame times and how many rows are in the DOM.
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { startApp } from "../test/reliability/harness";

const TARGET_ROWS = 10_000;

async function main() {
  const app = await startApp({ port: 3251, threads: 20_000, env: { EMULATOR_VARIETY: "on" } });
  const base = app.base;
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
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill("viewer@demo.local");
    await page.getByLabel("Password").fill("demo-viewer");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/messages\/inbox/);
    await page.getByTestId("thread-row").first().waitFor({ timeout: 120_000 });

    const list = page.getByTestId("thread-list");
    // The list says how many threads it holds: rows are not all one height (chips, density).
    const loaded = () => list.evaluate((el) => Number((el as HTMLElement).dataset.rows));
    const t0 = Date.now();
    while ((await loaded()) < TARGET_ROWS) {
      await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
      await page.waitForTimeout(30);
    }
    const loadMs = Date.now() - t0;
    const rowsLoaded = Math.round(await loaded());

    // Scroll one step a frame, recording how long each frame took: a fast flick (120 px a frame, about
    // 7,000 px a second) through the middle of the list, then jumps across the whole list (1/600th a frame).
    const measure = (mode: "flick" | "jump") =>
      list.evaluate(async (el, m) => {
        const scroller = el.parentElement!;
        const start = m === "flick" ? scroller.scrollHeight / 2 : 0;
        const step = m === "flick" ? 120 : scroller.scrollHeight / 600;
        scroller.scrollTo({ top: start });
        const deltas: number[] = [];
        let last = performance.now();
        for (let i = 0; i < 600; i++) {
          await new Promise<void>((r) =>
            requestAnimationFrame(() => {
              const now = performance.now();
              deltas.push(now - last);
              last = now;
              scroller.scrollTop = start + step * i;
              r();
            }),
          );
        }
        return deltas.slice(1).sort((a, b) => a - b);
      }, mode);
    const domRows = await page.getByTestId("thread-row").count();
    for (const mode of ["flick", "jump"] as const) {
      const frames = await measure(mode);
      const p = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
      console.log(
        `Frame time, ${mode === "flick" ? "fast flick, 120 px a frame" : "jumping through all rows, ~16 rows a frame"}: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms (a 60 fps frame is 16.7 ms)`,
      );
    }
    console.log(`Rows in the DOM while scrolling: ${domRows}`);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(`Rows loaded by infinite scroll: ${rowsLoaded.toLocaleString("en")} in ${(loadMs / 1000).toFixed(1)} s (${Math.round(rowsLoaded / 50)} pages)`);
    if (heap) console.log(`Page JS heap: ${Math.round(heap / 1024 / 1024)} MB`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
