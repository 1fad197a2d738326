// `npm run bench -- lighthouse [--runs N]`: Lighthouse 12.2.3 (pinned: newer needs Node 22) on /messages/inbox,
// signed in as a sender (New message and the send chip are in their first view, the heavier one), with the
// mobile preset (its default config) and the desktop preset, on the system Chromium. Prints the median of N runs
// (3 by default) per preset: score, FCP, LCP, TBT, CLS, JS transferred and the largest scripts, against the
// targets (mobile >= 0.9, desktop 1.0).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Result } from "lighthouse";
import { parseArgs, startApp } from "../test/reliability/harness";

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  jsBytes: number;
  scripts: { url: string; bytes: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Lighthouse's own CLI, in a plain Node process: run from this file (tsx), the functions it evaluates in the page
// carry esbuild's `__name` helpers and fail there ("__name is not defined").
/** One run; once more when Chromium fails to load the page (it now and then shows an interstitial on a loaded machine). */
function once(url: string, cookie: string, desktop: boolean): Run {
  try {
    return attempt(url, cookie, desktop);
  } catch (e) {
    console.log(`  (a run failed, once more: ${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    return attempt(url, cookie, desktop);
  }
}

function attempt(url: string, cookie: string, desktop: boolean): Run {
  const out = path.join(os.tmpdir(), `lighthouse-${process.pid}.json`);
  const res = spawnSync(
    process.execPath,
    [
      path.join(__dirname, "..", "node_modules", "lighthouse", "cli", "index.js"),
      url,
      "--only-categories=performance",
      "--output=json",
      `--output-path=${out}`,
      "--quiet",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      ...(desktop ? ["--preset=desktop"] : []),
    ],
    { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, encoding: "utf8" },
  );
  if (res.status !== 0) throw new Error(`lighthouse failed: ${res.stderr.slice(-500)}`);
  const lhr = JSON.parse(fs.readFileSync(out, "utf8")) as Result;
  fs.rmSync(out, { force: true });
  const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = ((lhr.audits["network-requests"]?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] })?.items ?? []).filter(
    (r) => r.resourceType === "Script",
  );
  return {
    score: lhr.categories.performance.score ?? 0,
    fcp: num("first-contentful-paint"),
    lcp: num("largest-contentful-paint"),
    tbt: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    jsBytes: items.reduce((a, r) => a + (r.transferSize ?? 0), 0),
    scripts: items.map((r) => ({ url: new URL(r.url).pathname, bytes: r.transferSize ?? 0 })).sort((a, b) => b.bytes - a.bytes),
  };
}

async function main() {
  const { runs } = parseArgs({ runs: 3 });
  const app = await startApp({ port: 3252 });
  try {
    const cookie = await app.cookie("demo-sender");
    // A team's server has its mirror filled: the first sync happens once, before the first run, not inside it.
    await app.api(cookie, "GET", "/api/threads?tab=inbox&limit=50");
    const url = `${app.base}/messages/inbox`;
    for (const [name, desktop, target] of [
      ["mobile", false, 0.9],
      ["desktop", true, 1],
    ] as const) {
      const all: Run[] = [];
      for (let i = 0; i < runs; i++) all.push(once(url, cookie, desktop));
      const m = (k: "score" | "fcp" | "lcp" | "tbt" | "cls" | "jsBytes") => median(all.map((r) => r[k]));
      const mid = all.find((r) => r.score === m("score")) ?? all[0];
      console.log(`\n${name} (median of ${runs}; scores ${all.map((r) => r.score.toFixed(2)).join(", ")})`);
      console.log(`  performance ${m("score").toFixed(2)}, target ${target}: ${m("score") >= target ? "met" : "NOT met"}`);
      console.log(`  FCP ${Math.round(m("fcp"))} ms, LCP ${Math.round(m("lcp"))} ms, TBT ${Math.round(m("tbt"))} ms, CLS ${m("cls").toFixed(3)}`);
      console.log(`  JS transferred ${(m("jsBytes") / 1024).toFixed(1)} KiB; largest scripts:`);
      for (const s of mid.scripts.slice(0, 5)) console.log(`    ${(s.bytes / 1024).toFixed(1).padStart(7)} KiB  ${s.url}`);
    }
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
