/**
 * A photo or picture as Kollegi stores it: turned the right way up, stripped of everything but
 * its pixels (a phone's EXIF says where a teacher lives and when she is at school), no bigger
 * than a worksheet needs, with WebP previews for the page. sharp (libvips) does the work.
 */
import sharp, { type SharpOptions } from "sharp";
import { FORMATS, FULL_IMAGE_MAX_SIDE, MAX_IMAGE_PIXELS, PREVIEW_WIDTHS } from "./formats";

// sharp runs on libuv's threads, so the event loop never waits for it. One libvips thread per
// image and one image at a time (the queue below) leaves the second core to everyone else.
sharp.concurrency(1);
// libvips' operation cache keeps recent images' pixels around (up to 50 MB) to reuse them;
// we never process the same image twice, so it would only raise the server's memory.
sharp.cache(false);

export type ProcessedImage = {
  ok: true;
  format: "jpeg" | "png" | "webp";
  mime: string;
  bytes: Buffer;
  width: number;
  height: number;
  /** WebP (image/webp), narrowest first. */
  previews: { width: number; bytes: Buffer }[];
};

export type ImageRefusal = { ok: false; error: "files.errors.imageTooBig" | "files.errors.damaged" };

/** Photos: mozjpeg at 82 looks like the original at a fraction of a camera's bytes. */
const JPEG_QUALITY = 82;
const WEBP_QUALITY = 82;
/** Previews are seen small and often, on phones: lighter still. */
const PREVIEW_QUALITY = 70;
/**
 * A PNG this big is probably a photo saved as PNG: it is also tried as a JPEG, and stored as
 * one when that is under a quarter of the PNG's bytes (a photo gives a tenth; a screenshot,
 * whose flat colours PNG packs well, never comes close). Only opaque images: JPEG has no alpha.
 */
const PNG_PHOTO_BYTES = 1024 * 1024;
const PNG_PHOTO_RATIO = 4;

const INPUT: SharpOptions = {
  // Refused from the header's dimensions, before any pixel is decoded.
  limitInputPixels: MAX_IMAGE_PIXELS,
  // A cut-off file (a half-grey photo) is damaged; libjpeg's harmless warnings are not.
  failOn: "truncated",
};

/** One image at a time, in order; a failure does not stop the ones behind it. */
let queue: Promise<unknown> = Promise.resolve();

export function processImage(bytes: Uint8Array): Promise<ProcessedImage | ImageRefusal> {
  const result = queue.then(() => processNow(bytes));
  queue = result.catch(() => undefined);
  return result;
}

async function processNow(bytes: Uint8Array): Promise<ProcessedImage | ImageRefusal> {
  try {
    const header = await sharp(bytes, INPUT).metadata();
    if (header.width * header.height > MAX_IMAGE_PIXELS) return { ok: false, error: "files.errors.imageTooBig" };
    const format = storedFormat(header.format);
    if (format === null) return { ok: false, error: "files.errors.damaged" };

    // Decoded once: upright, within the stored size, 8-bit sRGB. Raw pixels carry no metadata,
    // so nothing of the original's EXIF, XMP, IPTC or ICC can reach what we encode from them.
    const { data, info } = await sharp(bytes, INPUT)
      .autoOrient()
      .resize({ width: FULL_IMAGE_MAX_SIDE, height: FULL_IMAGE_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };

    const full = await encodeFull(data, raw, format, info.channels === 4);
    const previews = [];
    for (const width of previewWidths(info.width)) {
      const preview = await sharp(data, raw).resize({ width }).webp({ quality: PREVIEW_QUALITY }).toBuffer();
      previews.push({ width, bytes: preview });
    }
    return { ok: true, ...full, mime: FORMATS[full.format].mime, width: info.width, height: info.height, previews };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) return { ok: false, error: "files.errors.imageTooBig" };
    return { ok: false, error: "files.errors.damaged" };
  }
}

/** What an input is stored as: a GIF becomes its first frame as a PNG. */
function storedFormat(input: string | undefined): ProcessedImage["format"] | null {
  switch (input) {
    case "jpeg":
    case "png":
    case "webp":
      return input;
    case "gif":
      return "png";
    default:
      return null;
  }
}

type Raw = { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

async function encodeFull(data: Buffer, raw: Raw, format: ProcessedImage["format"], hasAlpha: boolean) {
  const image = () => sharp(data, raw);
  const jpeg = () => image().jpeg({ quality: JPEG_QUALITY, mozjpeg: true }).toBuffer();
  switch (format) {
    case "jpeg":
      return { format, bytes: await jpeg() };
    case "webp":
      return { format, bytes: await image().webp({ quality: WEBP_QUALITY }).toBuffer() };
    case "png": {
      const png = await image().png({ compressionLevel: 9 }).toBuffer();
      if (hasAlpha || png.length < PNG_PHOTO_BYTES) return { format, bytes: png };
      const asJpeg = await jpeg();
      return asJpeg.length * PNG_PHOTO_RATIO < png.length ? { format: "jpeg" as const, bytes: asJpeg } : { format, bytes: png };
    }
  }
}

/** Each preview width narrower than the image; an image narrower than all gets one at its own width. */
function previewWidths(width: number): number[] {
  const narrower = PREVIEW_WIDTHS.filter((preview) => preview < width);
  return narrower.length > 0 ? narrower : [width];
}
