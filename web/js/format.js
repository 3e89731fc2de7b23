/** Human-readable numbers for sizes, rates, durations and times. */

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"];

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

export function formatRate(bytesPerSecond) {
  return Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : "–";
}

export function formatBitrate(bitsPerSecond) {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) return "";
  return bitsPerSecond >= 1e6 ? `${(bitsPerSecond / 1e6).toFixed(1)} Mbps` : `${Math.round(bitsPerSecond / 1e3)} kbps`;
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function formatClock(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00";
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Remaining time in words: "8 s left", "3 min left". */
export function formatEta(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "calculating…";
  if (seconds < 1) return "almost done";
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}

/** "just now", "5 min ago", or a date for older things. */
export function formatWhen(isoOrMillis, now = Date.now()) {
  const time = typeof isoOrMillis === "number" ? isoOrMillis : Date.parse(isoOrMillis);
  if (!Number.isFinite(time)) return "";
  const ago = (now - time) / 1000;
  if (ago < 45) return "just now";
  if (ago < 3600) return `${Math.round(ago / 60)} min ago`;
  if (ago < 86400) return `${Math.round(ago / 3600)} h ago`;
  return new Date(time).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

const STATUS_LABELS = {
  CREATED: "Waiting for upload",
  UPLOADING: "Uploading",
  UPLOADED: "Starting",
  PROCESSING: "Processing",
  PARTIALLY_READY: "Playable · processing",
  READY: "Ready",
  FAILED: "Failed",
  DELETED: "Deleted",
  PENDING: "Queued",
  DONE: "Done",
};

export function statusLabel(status) {
  return STATUS_LABELS[status] || (status ? status.charAt(0) + status.slice(1).toLowerCase() : "Unknown");
}

/**
 * An audio rendition's language as the API gives it (ISO 639-2: "deu", also "ger" or "de") as
 * `{ tag: "de", name: "Deutsch" }`: the shortest BCP 47 tag and the name in the language itself,
 * as the master playlist's LANGUAGE and NAME. Null when the source did not say ("und").
 */
export function audioLanguage(code) {
  if (!code || code === "und") return null;
  try {
    const [tag] = Intl.getCanonicalLocales(code);
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) || tag;
    return { tag, name: name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) };
  } catch {
    return { tag: code, name: code }; // not a well-formed tag: show it as it came
  }
}
