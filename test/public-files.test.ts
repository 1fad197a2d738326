import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/* public/: the favicon, the app icons and the web manifest (scripts/icons.mjs renders them from icon.svg). */

const pub = path.resolve(__dirname, "..", "public");
const read = (name: string) => fs.readFileSync(path.join(pub, name));

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("public files", () => {
  it("has the favicon, the icons and the manifest", () => {
    for (const name of ["favicon.ico", "icon.svg", "icon-192.png", "icon-512.png", "apple-touch-icon.png", "manifest.webmanifest"]) {
      expect(fs.statSync(path.join(pub, name)).size, name).toBeGreaterThan(0);
    }
    expect(read("icon.svg").toString("utf8")).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 512 512"/);
  });

  it("has PNG icons of the sizes their names say", () => {
    expect(pngSize(read("icon-192.png"))).toEqual({ width: 192, height: 192 });
    expect(pngSize(read("icon-512.png"))).toEqual({ width: 512, height: 512 });
    expect(pngSize(read("apple-touch-icon.png"))).toEqual({ width: 180, height: 180 });
  });

  it("has a valid ICO favicon with 16, 32 and 48 px images", () => {
    const ico = read("favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon (2 would be a cursor)
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const width = ico.readUInt8(entry) || 256;
      const height = ico.readUInt8(entry + 1) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset).toBeGreaterThanOrEqual(6 + 16 * count);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      // The directory's size must agree with the embedded PNG's own.
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width, height });
      expect(width).toBe(height);
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 48]);
  });

  it("has a manifest that parses and names icons that exist, with their real sizes", () => {
    const manifest = JSON.parse(read("manifest.webmanifest").toString("utf8"));
    expect(manifest).toMatchObject({
      name: "Toloka Messages",
      start_url: "/messages/inbox",
      display: "standalone",
      theme_color: "#1d4ed8",
      background_color: "#ffffff",
    });
    expect(manifest.short_name).toEqual(expect.any(String));
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    const icons = manifest.icons as { src: string; sizes: string; type: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of icons) {
      expect(icon.src).toMatch(/^\/[^/]/);
      const file = read(icon.src.slice(1));
      if (icon.type === "image/png") {
        const { width, height } = pngSize(file);
        expect(icon.sizes).toBe(`${width}x${height}`);
      } else {
        expect(icon.type).toBe("image/svg+xml");
      }
    }
  });

  it("is what the root layout's metadata links to", () => {
    const layout = fs.readFileSync(path.resolve(__dirname, "..", "app", "layout.tsx"), "utf8");
    const linked = [...layout.matchAll(/(?:url|manifest): "(\/[^"]+)"/g)].map((m) => m[1]);
    expect(linked).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/manifest.webmanifest"]));
    for (const url of linked) expect(fs.existsSync(path.join(pub, url.slice(1))), url).toBe(true);
  });
});
