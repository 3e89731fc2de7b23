/**
 * Storyboard thumbnails from a WebVTT file whose cues point into a sprite sheet with media
 * fragments: `storyboard.jpg#xywh=160,0,160,90`.
 */

/** Parses the cues; image URLs are resolved against the VTT file's own URL. */
export function parseStoryboard(vttText, vttUrl) {
  const cues = [];
  const blocks = vttText.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split("\n").map((line) => line.trim()).filter(Boolean);
    const timing = lines.findIndex((line) => line.includes("-->"));
    if (timing < 0 || timing + 1 >= lines.length) continue;
    const [from, to] = lines[timing].split("-->").map((part) => parseTimestamp(part.trim().split(/\s+/)[0]));
    const reference = lines[timing + 1];
    const hash = reference.indexOf("#xywh=");
    if (!Number.isFinite(from) || !Number.isFinite(to) || hash < 0) continue;
    const [x, y, w, h] = reference.slice(hash + 6).split(",").map(Number);
    if (![x, y, w, h].every(Number.isFinite)) continue;
    cues.push({ start: from, end: to, url: new URL(reference.slice(0, hash), vttUrl).href, x, y, w, h });
  }
  return cues.sort((a, b) => a.start - b.start);
}

/** "00:01:02.500" or "01:02.500" -> seconds. */
export function parseTimestamp(text) {
  const parts = String(text).split(":").map(Number);
  if (parts.length < 2 || parts.some((n) => !Number.isFinite(n))) return NaN;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** The cue covering `time`, else the last one starting before it (gaps show the previous frame). */
export function cueAt(cues, time) {
  let found = cues[0] || null;
  for (const cue of cues) {
    if (cue.start > time) break;
    found = cue;
  }
  return found;
}
