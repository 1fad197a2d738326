// Renders the app's icons from public/icon.svg: node scripts/icons.mjs (run it again after editing the SVG).
// PNGs come from Chromium through Playwright; favicon.ico is written here, embedding PNG images (allowed since
// Windows Vista, read by every current browser): a 6-byte header, a 16-byte directory entry per image, the PNGs.
// apple-touch-icon.png is full-bleed (no rounded corners, no transparency): iOS rounds it itself.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const pub = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
const svg = fs.readFileSync(path.join(pub, "icon.svg"), "utf8");
const fullBleed = svg.replace(/ rx="\d+"/, "");
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

const browser = await chromium.launch({ executablePath: systemChromium, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
async function png(source, size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`);
  const buf = await page.screenshot({ omitBackground: true });
  await page.close();
  return buf;
}

try {
  for (const size of [192, 512]) fs.writeFileSync(path.join(pub, `icon-${size}.png`), await png(svg, size));
  fs.writeFileSync(path.join(pub, "apple-touch-icon.png"), await png(fullBleed, 180));
  const images = await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(svg, size) })));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // width (0 means 256)
    header.writeUInt8(size % 256, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  fs.writeFileSync(path.join(pub, "favicon.ico"), Buffer.concat([header, ...images.map((i) => i.data)]));
} finally {
  await browser.close();
}
