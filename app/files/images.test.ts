import fs from "node:fs";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { describe, expect, test } from "vitest";
import { phonePhoto, photoPixels, pixelBombPng } from "../../tests/fixtures/files/builders";
import { FULL_IMAGE_MAX_SIDE, MAX_IMAGE_PIXELS } from "./formats";
import { processImage, type ProcessedImage } from "./images.server";

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, "../../tests/fixtures/files", name));

/** Image work on a loaded two-core machine: a 12 MP photo takes seconds there. */
const IMAGE_TEST_TIMEOUT_MS = 120_000;

async function processed(bytes: Uint8Array): Promise<ProcessedImage> {
  const result = await processImage(bytes);
  if (!result.ok) throw new Error(`expected an image, got ${result.error}`);
  return result;
}

/** The tags of a TIFF-style EXIF block's first directory (IFD0), enough to see a GPS pointer. */
function exifTags(exif: Buffer): number[] {
  const tiff = exif.subarray(6); // after "Exif\0\0"
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  return Array.from({ length: u16(ifd0) }, (_, i) => u16(ifd0 + 2 + i * 12));
}
const GPS_IFD_POINTER = 0x8825;

/** Mean absolute difference of two images' pixels, both scaled to 30 × 40. */
async function difference(a: Sharp, b: Sharp): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((image) => image.resize(30, 40, { fit: "fill" }).removeAlpha().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += Math.abs(x![i]! - y![i]!);
  return sum / x!.length;
}

describe("a phone photo with GPS", () => {
  const input = fixture("photo-gps.jpg");

  test("the fixture really carries GPS, XMP and Orientation 6", async () => {
    const metadata = await sharp(input).metadata();
    expect(metadata.orientation).toBe(6);
    expect(exifTags(metadata.exif!)).toContain(GPS_IFD_POINTER);
    expect(metadata.xmpAsString).toContain("GPSLatitude");
  });

  test("comes out with no EXIF, GPS, XMP, IPTC or orientation left", { timeout: IMAGE_TEST_TIMEOUT_MS }, async () => {
    const image = await processed(input);
    for (const bytes of [image.bytes, ...image.previews.map((preview) => preview.bytes)]) {
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(bytes.includes("Fixture Phone")).toBe(false);
      expect(bytes.includes("GPSLatitude")).toBe(false);
    }
  });

  test("is turned upright: Orientation 6 swaps width and height and rotates the pixels", { timeout: IMAGE_TEST_TIMEOUT_MS }, async () => {
    const image = await processed(input);
    expect([image.width, image.height]).toEqual([1200, 1600]);
    expect(await sharp(image.bytes).metadata()).toMatchObject({ width: 1200, height: 1600, format: "jpeg" });
    const upright = await difference(sharp(image.bytes), sharp(input).autoOrient());
    const upsideDown = await difference(sharp(image.bytes), sharp(input).autoOrient().rotate(180));
    expect(upright).toBeLessThan(4);
    expect(upsideDown).toBeGreaterThan(upright * 4);
  });

  test(
    "is stored as a JPEG with WebP previews 320 and 640 wide, each smaller than the photo",
    { timeout: IMAGE_TEST_TIMEOUT_MS },
    async () => {
      const image = await processed(input);
      expect(image).toMatchObject({ format: "jpeg", mime: "image/jpeg" });
      expect(image.previews.map((preview) => preview.width)).toEqual([320, 640]);
      for (const preview of image.previews) {
        const metadata = await sharp(preview.bytes).metadata();
        expect(metadata.format).toBe("webp");
        expect(metadata.width).toBe(preview.width);
        expect(metadata.height).toBe(Math.round((preview.width * 1600) / 1200));
        expect(preview.bytes.length).toBeLessThan(input.length);
      }
    },
  );
});

test("a 12 MP phone photo is stored at 2560 px with previews of tens of KB", { timeout: IMAGE_TEST_TIMEOUT_MS }, async () => {
  const photo = await phonePhoto(4000, 3000, { seed: 12, detail: 60, grain: 20, quality: 90 });
  const image = await processed(photo);
  expect([image.width, image.height]).toEqual([1920, FULL_IMAGE_MAX_SIDE]); // upright: the phone was held portrait
  expect(image.bytes.length).toBeLessThan(photo.length / 3);
  expect(image.previews.map((preview) => preview.width)).toEqual([320, 640, 1280]);
  const preview640 = image.previews.find((preview) => preview.width === 640)!;
  expect(preview640.bytes.length).toBeLessThan(100 * 1024);
});

test("a screenshot stays a PNG; at exactly 1280 px wide it gets no 1280 preview", async () => {
  const image = await processed(fixture("screenshot.png"));
  expect(image).toMatchObject({ format: "png", mime: "image/png", width: 1280, height: 800 });
  expect(image.previews.map((preview) => preview.width)).toEqual([320, 640]);
});

test("an image narrower than every preview width gets one preview at its own width, and is never enlarged", async () => {
  const small = await sharp({ create: { width: 200, height: 150, channels: 3, background: "#2f6fdf" } })
    .png()
    .toBuffer();
  const image = await processed(small);
  expect([image.width, image.height]).toEqual([200, 150]);
  expect(image.previews.map((preview) => preview.width)).toEqual([200]);
});

test("a photo saved as PNG is stored as a JPEG; a PNG with transparency stays a PNG", { timeout: IMAGE_TEST_TIMEOUT_MS }, async () => {
  const pixels = await photoPixels(2000, 1500, { seed: 3, detail: 40, grain: 12 });
  const photoPng = await sharp(pixels, { raw: { width: 2000, height: 1500, channels: 3 } })
    .png()
    .toBuffer();
  expect(await processed(photoPng)).toMatchObject({ format: "jpeg", mime: "image/jpeg", width: 2000 });

  const transparent = await sharp(pixels, { raw: { width: 2000, height: 1500, channels: 3 } })
    .ensureAlpha(0.5)
    .png()
    .toBuffer();
  const image = await processed(transparent);
  expect(image.format).toBe("png");
  expect((await sharp(image.previews[0]!.bytes).metadata()).hasAlpha).toBe(true);
});

test("a WebP stays a WebP", async () => {
  const webp = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#c33" } })
    .webp()
    .toBuffer();
  expect(await processed(webp)).toMatchObject({ format: "webp", mime: "image/webp", width: 800, height: 600 });
});

test("an animated GIF is stored as its first frame, as a PNG", async () => {
  const frame = (colour: number[]) => Buffer.alloc(120 * 80 * 3).map((_, i) => colour[i % 3]!);
  const gif = await sharp(Buffer.concat([frame([255, 0, 0]), frame([0, 0, 255])]), {
    raw: { width: 120, height: 160, channels: 3, pageHeight: 80 },
  })
    .gif()
    .toBuffer();
  expect((await sharp(gif).metadata()).pages).toBe(2);
  const image = await processed(gif);
  expect(image).toMatchObject({ format: "png", width: 120, height: 80 });
  const { channels } = await sharp(image.bytes).stats();
  expect(channels[0]!.mean).toBeGreaterThan(200);
  expect(channels[2]!.mean).toBeLessThan(50);
});

test("a CMYK JPEG comes out as an sRGB one", async () => {
  const cmyk = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#3a7" } })
    .toColourspace("cmyk")
    .jpeg()
    .toBuffer();
  expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
  const image = await processed(cmyk);
  expect(await sharp(image.bytes).metadata()).toMatchObject({ space: "srgb", channels: 3 });
});

describe("pixel bombs", () => {
  test("a 50 KB PNG claiming 20,000 × 20,000 pixels is refused as too big, without decoding it", async () => {
    const before = process.memoryUsage().rss;
    expect(await processImage(fixture("bomb.png"))).toEqual({ ok: false, error: "files.errors.imageTooBig" });
    // Decoded, its 400 MP would take gigabytes.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test("our limit is applied, not only sharp's own (268 MP): 72 MP is refused", async () => {
    const bomb = pixelBombPng(9000, 8000);
    expect(9000 * 8000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(await processImage(bomb)).toEqual({ ok: false, error: "files.errors.imageTooBig" });
  });
});

describe("damaged images are refused, never thrown", () => {
  const photo = fixture("photo-gps.jpg");

  test("a JPEG cut in half", async () => {
    expect(await processImage(photo.subarray(0, photo.length / 2))).toEqual({ ok: false, error: "files.errors.damaged" });
  });

  test("a JPEG header followed by noise", async () => {
    let seed = 1;
    const noise = Buffer.from(Array.from({ length: 20_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 23));
    const result = await processImage(Buffer.concat([photo.subarray(0, 600), noise]));
    expect(result).toEqual({ ok: false, error: "files.errors.damaged" });
  });

  test("a PNG whose pixel data is corrupted", async () => {
    const png = Buffer.from(fixture("screenshot.png"));
    png.fill(0x55, 200, 400);
    expect(await processImage(png)).toEqual({ ok: false, error: "files.errors.damaged" });
  });

  test.each([
    ["no bytes", new Uint8Array(0)],
    ["a PDF", fixture("worksheet.pdf")],
    ["an SVG (sharp could render it, but it is not an upload's image)", fixture("evil.svg")],
  ])("%s", async (_name, bytes) => {
    expect(await processImage(bytes)).toEqual({ ok: false, error: "files.errors.damaged" });
  });
});

test("images are processed one at a time, and a refused one does not stop the queue", { timeout: IMAGE_TEST_TIMEOUT_MS }, async () => {
  expect(sharp.concurrency()).toBe(1);
  expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, items: { max: 0 } });

  const photo = fixture("photo-gps.jpg");
  let mostAtOnce = 0;
  let samples = 0;
  const watch = setInterval(() => {
    const { process: running, queue } = sharp.counters();
    mostAtOnce = Math.max(mostAtOnce, running + queue);
    samples += running > 0 ? 1 : 0;
  }, 1);
  try {
    const results = await Promise.all([
      processImage(photo),
      processImage(photo.subarray(0, 1000)),
      processImage(photo),
      processImage(photo),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false, true, true]);
  } finally {
    clearInterval(watch);
  }
  expect(samples).toBeGreaterThan(0);
  expect(mostAtOnce).toBe(1);
});
