import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { control, inbound, thread } from "./emulator";
import { plainText, signIn } from "./helpers";

/*
 * Hostile input in the browser (issue 7, item 4): Tolokers write topics and texts carrying XSS vectors, and a
 * member replies with them. In real Chromium, in the list, in search results and in the open thread, no script
 * may run: every vector tries to call `__xss(n)` or set the title to "pwned-n" (both trapped), or to load
 * something from xss.invalid (watched), or open a dialog. The text must stay readable: a Toloker writes plain
 * text, so every character they typed is shown as typed. Besides what the page did, what it holds is checked:
 * a message body has only the sanitiser's elements and attributes, so a vector that only the
 * Content-Security-Policy stopped fails too (and a CSP violation report counts as a hit).
 */

// These tests share one app and emulator; the threads are injected once and read by the tests after.
test.describe.configure({ mode: "serial" });

/** `%N%` is the case's number; each vector tries to run `__xss(N)`, set the title, or load from xss.invalid. */
const VECTORS = [
  // script elements
  "<script>__xss(%N%)</script>",
  "<SCRIPT>__xss(%N%)</SCRIPT>",
  "<ScRiPt>document.title='pwned-%N%'</sCrIpT>",
  "<script src=http://xss.invalid/%N%.js></script>",
  "<script>__xss(%N%)",
  "<scr<script>ipt>__xss(%N%)</scr</script>ipt>",
  "<<script>script>__xss(%N%)<</script>/script>",
  "<script>/*</script><img src=x onerror=__xss(%N%)>*/</script>",
  // event handlers
  "<img src=x onerror=__xss(%N%)>",
  '<img src="x" onerror="__xss(%N%)">',
  "<IMG SRC=x OnErRoR=__xss(%N%)>",
  "<img src=x onerror=&#95;&#95;xss(%N%)>",
  "<img/src/onerror=__xss(%N%)>",
  "<img src=x onerror=__xss(%N%)",
  "<img src=x onerror=\"document.title='pwned-%N%'\">",
  "<svg onload=__xss(%N%)>",
  "<svg/onload=__xss(%N%)>",
  "<svg><animate onbegin=__xss(%N%) attributeName=x dur=1s>",
  "<body onload=__xss(%N%)>",
  "<details open ontoggle=__xss(%N%)>",
  "<input autofocus onfocus=__xss(%N%)>",
  "<select autofocus onfocus=__xss(%N%)></select>",
  "<textarea autofocus onfocus=__xss(%N%)></textarea>",
  "<video><source onerror=__xss(%N%)></video>",
  "<audio src=x onerror=__xss(%N%)>",
  "<marquee onstart=__xss(%N%)>m</marquee>",
  "<div tabindex=1 autofocus onfocusin=__xss(%N%)>focus</div>",
  '<a href="https://toloka.ai/" onclick="__xss(%N%)" onmouseover="__xss(%N%)">a real link</a>',
  "<x onclick=__xss(%N%) style=display:block;position:fixed;inset:0>cover</x>",
  // javascript:, data: and vbscript: URLs
  '<a href="javascript:__xss(%N%)">js link</a>',
  '<a href="JaVaScRiPt:__xss(%N%)">mixed case</a>',
  '<a href=" javascript:__xss(%N%)">leading space</a>',
  '<a href="jav&#x09;ascript:__xss(%N%)">tab entity</a>',
  '<a href="jav&#x0A;ascript:__xss(%N%)">newline entity</a>',
  '<a href="jav\tascript:__xss(%N%)">raw tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(%N%)">entities</a>',
  '<a href="javascript&colon;__xss(%N%)">named colon</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD50b3AuX194c3MoMSk8L3NjcmlwdD4=">data link</a>',
  '<a href="vbscript:msgbox(%N%)">vbscript</a>',
  '<a href="//xss.invalid/%N%">protocol-relative</a>',
  '<iframe src="javascript:top.__xss(%N%)"></iframe>',
  '<iframe src="data:text/html,<script>top.__xss(%N%)</script>"></iframe>',
  '<iframe srcdoc="<script>top.__xss(%N%)</script>"></iframe>',
  '<iframe srcdoc="&lt;img src=x onerror=top.__xss(%N%)&gt;"></iframe>',
  '<form action="javascript:__xss(%N%)"><button>go</button></form>',
  "<form><button formaction=javascript:__xss(%N%)>go</button></form>",
  '<object data="javascript:__xss(%N%)"></object>',
  '<object data="data:text/html,<script>top.__xss(%N%)</script>"></object>',
  '<embed src="javascript:__xss(%N%)">',
  '<embed src="http://xss.invalid/%N%.swf">',
  '<math><maction actiontype="statusline" xlink:href="javascript:__xss(%N%)">click</maction></math>',
  '<svg><a xlink:href="javascript:__xss(%N%)"><text x=20 y=20>svg link</text></a></svg>',
  // CSS
  '<div style="background:url(javascript:__xss(%N%))">css url</div>',
  '<div style="width: expression(__xss(%N%))">css expression</div>',
  "<style>@import 'http://xss.invalid/%N%.css';</style>",
  '<style>body{background:url("http://xss.invalid/%N%.png")}</style>',
  "<link rel=stylesheet href=http://xss.invalid/%N%.css>",
  '<img src="http://xss.invalid/%N%.png">',
  // document-level
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(%N%)">',
  '<meta http-equiv="refresh" content="0;url=http://xss.invalid/%N%">',
  '<base href="http://xss.invalid/%N%/">',
  // breaking out of attributes and raw-text elements
  '"><script>__xss(%N%)</script>',
  "'><img src=x onerror=__xss(%N%)>",
  '" onmouseover="__xss(%N%)" x="',
  "</textarea><script>__xss(%N%)</script>",
  "</title><script>__xss(%N%)</script>",
  "</style><img src=x onerror=__xss(%N%)>",
  "</script><script>__xss(%N%)</script>",
  // namespace and parser tricks (mutation XSS)
  "<template><script>__xss(%N%)</script></template>",
  '<noscript><p title="</noscript><img src=x onerror=__xss(%N%)>"></noscript>',
  "<math><mtext><table><mglyph><style><img src=x onerror=__xss(%N%)>",
  "<svg><style><img src=x onerror=__xss(%N%)></style></svg>",
  '<!--<img src="--><img src=x onerror=__xss(%N%)//">',
  "<![CDATA[<script>__xss(%N%)</script>]]>",
  '<?xml-stylesheet href="javascript:__xss(%N%)"?>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img src=x onerror=__xss(%N%)>">',
  // encodings that must stay text
  "&lt;script&gt;__xss(%N%)&lt;/script&gt;",
  "\\u003cscript\\u003e__xss(%N%)\\u003c/script\\u003e",
  "%3Cscript%3E__xss(%N%)%3C/script%3E",
  "＜script＞__xss(%N%)＜/script＞",
  "{{constructor.constructor('__xss(%N%)')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
  "${__xss(%N%)}",
];

interface Case {
  n: number;
  /** A word of its own, to find the case by search. */
  token: string;
  vector: string;
  topic: string;
  text: string;
  id?: string;
}

const CASES: Case[] = VECTORS.map((v, i) => {
  const n = i + 1;
  const token = `xsscase${n}q`;
  const vector = v.replaceAll("%N%", String(n));
  return { n, token, vector, topic: `${token} ${vector}`, text: `${token} readable words before\n${vector}\nand after ${n}` };
});

const ALLOWED_TAGS = new Set(["A", "B", "STRONG", "I", "EM", "U", "S", "BR", "P", "UL", "OL", "LI", "BLOCKQUOTE", "CODE", "PRE"]);

/** Whitespace as the page shows it: runs of it are one space. */
const norm = (s: string) => s.replace(/\s+/g, " ").trim();

let injected: Promise<void> | undefined;

/** Every case as a Toloker's new thread (once for the file; later tests reuse them). */
function inject(request: APIRequestContext): Promise<void> {
  injected ??= (async () => {
    for (const c of CASES) c.id = (await control<{ id: string }>(request, "POST", "inbound", { topic: { EN: c.topic }, text: { EN: c.text } })).id;
  })();
  return injected;
}

interface Traps {
  /** What ran or was loaded that should not have been, so far. */
  hits(): Promise<string[]>;
}

/** Traps every way a vector can show it worked, installed before any script of the page runs. */
async function trap(page: Page, baseURL: string): Promise<Traps> {
  const outside: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __xssHits: string[]; __xss: (n: unknown) => void };
    w.__xssHits = [];
    w.__xss = (n) => void w.__xssHits.push(`__xss(${String(n)}) ran`);
    // The page's own code probes once whether eval is allowed (zod does, to pick its fast path): that report is
    // no vector's, and a vector could only reach eval by running first, which the other traps catch.
    document.addEventListener(
      "securitypolicyviolation",
      (e) => e.blockedURI !== "eval" && w.__xssHits.push(`CSP stopped ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      true,
    );
    const title = Object.getOwnPropertyDescriptor(Document.prototype, "title")!;
    Object.defineProperty(document, "title", {
      configurable: true,
      get() {
        return title.get!.call(this);
      },
      set(v: string) {
        if (String(v).includes("pwned")) w.__xssHits.push(`title set to ${v}`);
        title.set!.call(this, v);
      },
    });
  });
  page.on("dialog", (d) => {
    outside.push(`a ${d.type()} opened: ${d.message()}`);
    void d.dismiss();
  });
  page.on("popup", (p) => outside.push(`a popup opened: ${p.url()}`));
  page.on("request", (r) => {
    if (r.url().includes("xss.invalid")) outside.push(`loaded ${r.url()}`);
  });
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame() && !f.url().startsWith(baseURL)) outside.push(`navigated to ${f.url()}`);
  });
  await page.route(/xss\.invalid/, (r) => r.abort());
  return {
    async hits() {
      const inPage = await page
        .evaluate(() => (window as unknown as { __xssHits?: string[] }).__xssHits ?? ["the trap is gone"])
        .catch(() => ["the page is gone"]);
      return [...outside, ...inPage, ...(/pwned/.test(await page.title()) ? [`title is ${await page.title()}`] : [])];
    },
  };
}

/** Elements and attributes in message bodies that the sanitiser does not allow: each would be a way in. */
async function unsafeMarkup(page: Page): Promise<string[]> {
  return page.locator(".message-body").evaluateAll(
    (bodies, allowed) => {
      const out: string[] = [];
      for (const body of bodies) {
        for (const el of body.querySelectorAll("*")) {
          if (!allowed.includes(el.tagName)) out.push(`<${el.tagName.toLowerCase()}>`);
          for (const a of el.attributes) {
            const ok = el.tagName === "A" && ["href", "title", "target", "rel"].includes(a.name);
            if (!ok) out.push(`${el.tagName.toLowerCase()}[${a.name}]`);
          }
          if (el.tagName === "A" && el.hasAttribute("href")) {
            const href = (el as HTMLAnchorElement).href;
            if (!/^(https?:|mailto:)/.test(href)) out.push(`a[href=${href}]`);
          }
        }
      }
      return out;
    },
    [...ALLOWED_TAGS],
  );
}

/** Lets focus, animations, media errors and a meta refresh have their moment before the traps are read. */
async function settle(page: Page) {
  await page.mouse.move(300, 300);
  await page.mouse.move(600, 400);
  await page.keyboard.press("Tab");
  await page.waitForTimeout(150);
}

test("the traps catch what they are there for (else a pass would prove nothing)", async ({ page, baseURL }) => {
  const traps = await trap(page, baseURL!);
  await signIn(page, "viewer");
  await expect(page.getByTestId("thread-row").first()).toBeVisible();
  expect(await traps.hits()).toEqual([]);
  // A script that runs, a handler the Content-Security-Policy stops, the title, a dialog, a load from outside.
  await page.evaluate(() => (window as unknown as { __xss: (n: number) => void }).__xss(0));
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/favicon.ico?trap" onload="__xss(-1)">'));
  await page.evaluate(() => (document.title = "pwned-0"));
  await page.evaluate(() => setTimeout(() => alert("trap"), 0));
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="http://xss.invalid/trap.png">'));
  await expect.poll(async () => (await traps.hits()).length).toBeGreaterThanOrEqual(5);
  const hits = (await traps.hits()).join("\n");
  for (const seen of ["__xss(0) ran", "CSP stopped script-src", "title set to pwned-0", "a alert opened: trap", "loaded http://xss.invalid/trap.png"])
    expect(hits).toContain(seen);
  // And markup the sanitiser would not have let through is seen in a message body.
  await page.getByTestId("thread-row").first().click();
  await expect(page.locator(".message-body").first()).toBeVisible();
  await page
    .locator(".message-body")
    .first()
    .evaluate((b) => b.insertAdjacentHTML("beforeend", '<a href="javascript:void 0" onclick="x">x</a><iframe></iframe>'));
  expect(await unsafeMarkup(page)).toEqual(expect.arrayContaining(["a[onclick]", "a[href=javascript:void 0]", "<iframe>"]));
});

const chunks: Case[][] = [];
for (let i = 0; i < CASES.length; i += 20) chunks.push(CASES.slice(i, i + 20));

test("the corpus is broad: at least 50 vectors, each a case of its own", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(50);
  expect(new Set(VECTORS).size).toBe(VECTORS.length);
});

for (const [k, chunk] of chunks.entries()) {
  test(`Toloker topics and texts carrying XSS vectors ${chunk[0].n}–${chunk[chunk.length - 1].n} of ${CASES.length}: in search results and the open thread, nothing runs and every character reads as typed`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(300_000);
    await inject(request);
    const traps = await trap(page, baseURL!);
    await signIn(page, "viewer");
    for (const c of chunk) {
      const what = `case ${c.n}: ${c.vector}`;
      await page.goto(`/messages/inbox?q=${c.token}&thread=${c.id}`);
      // In search results: the row, its topic as typed, the search word marked.
      const row = page.locator(`[data-testid="thread-row"][data-thread-id="${c.id}"]`);
      await expect(row, what).toBeVisible();
      await expect(row, what).toContainText(norm(c.topic));
      await expect(row.locator("mark").first(), what).toHaveText(c.token);
      // The open thread: the topic and the whole text, every character of it.
      await expect(page.getByTestId("thread-topic"), what).toHaveText(norm(c.topic));
      const body = page.getByTestId("message").locator(".message-body");
      await expect(body, what).toHaveCount(1);
      await expect(body, what).toHaveText(norm(c.text), { useInnerText: true });
      await settle(page);
      expect(await unsafeMarkup(page), what).toEqual([]);
      expect(await traps.hits(), what).toEqual([]);
    }
    // And in the plain list (the newest threads are these), rendered by the client without a search.
    if (k === chunks.length - 1) {
      await page.goto("/messages/inbox");
      const last = CASES[CASES.length - 1];
      await expect(page.locator(`[data-testid="thread-row"][data-thread-id="${last.id}"]`)).toContainText(norm(last.topic));
      const shown = await page.getByTestId("thread-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-thread-id")));
      expect(shown.filter((id) => CASES.some((c) => c.id === id)).length).toBeGreaterThanOrEqual(10);
      await page.getByTestId("thread-row").first().click();
      await expect(page.getByTestId("thread-topic")).toBeVisible();
      await settle(page);
      expect(await unsafeMarkup(page)).toEqual([]);
      expect(await traps.hits()).toEqual([]);
    }
  });
}

test("a member's replies carrying the vectors are stored as written and shown without running", async ({ page, request, baseURL }) => {
  test.setTimeout(300_000);
  const target = await inbound(request, "xssreplytarget A question", "Could you check my payment?");
  const traps = await trap(page, baseURL!);
  await signIn(page, "sender");
  await page.goto(`/messages/inbox?thread=${target.id}`);

  // One reply through the reply box, every vector in it, written as HTML by hand (the plain-text mode).
  const all = CASES.map((c) => `${c.token} reply words: ${c.vector}`).join("\n");
  await plainText(page.getByRole("form", { name: "Reply" }));
  await page.getByLabel(/Reply text/).fill(all);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("toast-info")).toContainText("Reply sent");
  await expect(page.getByTestId("message")).toHaveCount(2);
  await settle(page);
  expect(await traps.hits(), "after the reply box's reply").toEqual([]);

  // Then each vector on its own (one cannot hide another), through the same route the reply box calls.
  for (const c of CASES) {
    const res = await page.request.post(`/api/threads/${target.id}/reply`, { data: { text: { EN: `${c.token} reply words: ${c.vector}` } } });
    expect(res.status(), `case ${c.n}: ${await res.text()}`).toBe(200);
  }
  // Stored: Toloka has every reply exactly as written.
  const stored = (await thread(request, target.id)).messages.filter((m) => m.from.role === "REQUESTER").map((m) => m.text.EN);
  expect(stored).toContain(all);
  for (const c of CASES) expect(stored, `case ${c.n}`).toContain(`${c.token} reply words: ${c.vector}`);

  // Shown, from a fresh load: the words before each vector readable, nothing unsafe in the page, nothing ran.
  await page.goto(`/messages/inbox?thread=${target.id}`);
  await expect(page.getByTestId("message")).toHaveCount(CASES.length + 2);
  const texts = await page.locator(".message-body").evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, " ")));
  for (const c of CASES)
    expect(
      texts.some((t) => t.startsWith(`${c.token} reply words:`)),
      `case ${c.n}: ${c.vector}`,
    ).toBe(true);
  await page.getByTestId("message").last().scrollIntoViewIfNeeded();
  await settle(page);
  expect(await unsafeMarkup(page)).toEqual([]);
  expect(await traps.hits()).toEqual([]);
});
