/** Pieces the pages share: status badges, rendition progress, empty/loading/error states. */
import { h } from "./dom.js";
import { formatClock, statusLabel } from "./format.js";

const IN_PROGRESS = new Set(["CREATED", "UPLOADING", "UPLOADED", "PROCESSING", "PARTIALLY_READY"]);

export function isInProgress(video) {
  return IN_PROGRESS.has(video.status);
}

export function isPlayable(video) {
  return (video.status === "READY" || video.status === "PARTIALLY_READY") && Boolean(video.playback && video.playback.hls);
}

export function videoTitle(video) {
  return video.title || video.filename || video.videoId;
}

/** The failure reason, whichever shape the API gives it (string or {code, message}). */
export function failureReason(video) {
  const error = video.error || video.failureReason || video.reason;
  if (!error) return "The video could not be processed.";
  return typeof error === "string" ? error : error.message || error.reason || error.code || "The video could not be processed.";
}

export function durationOf(video) {
  const seconds = (video.source && video.source.durationSeconds) ?? video.durationSeconds;
  return Number.isFinite(seconds) ? formatClock(seconds) : null;
}

/** Video renditions tallest first, then audio. */
export function byHeight(renditions) {
  return [...renditions].sort((a, b) => (b.height || 0) - (a.height || 0));
}

export function statusBadge(status) {
  return h("span", { class: `badge badge--${String(status || "unknown").toLowerCase()}` }, statusLabel(status));
}

/** One row per rendition with its own progress bar; announces nothing by itself. */
export function renditionProgress(video) {
  const renditions = video.renditions || [];
  if (renditions.length === 0) {
    const waiting = video.status === "PROCESSING" ? "Analysing the source and planning renditions…" : "Waiting to start processing…";
    return h("p", { class: "muted small" }, waiting);
  }
  return h(
    "ul",
    { class: "renditions", "aria-label": "Renditions" },
    byHeight(renditions).map((rendition) => {
      const progress = rendition.status === "DONE" ? 100 : clampPercent(rendition.progress);
      return h(
        "li",
        { class: `rendition rendition--${String(rendition.status || "").toLowerCase()}` },
        h("span", { class: "rendition__name" }, rendition.name || `${rendition.height}p`),
        h(
          "span",
          {
            class: "meter",
            role: "progressbar",
            "aria-label": `${rendition.name} progress`,
            "aria-valuemin": 0,
            "aria-valuemax": 100,
            "aria-valuenow": progress,
          },
          h("span", { class: "meter__fill", style: { width: `${progress}%` } }),
        ),
        h("span", { class: "rendition__status" }, rendition.status === "PROCESSING" ? `${progress}%` : statusLabel(rendition.status)),
      );
    }),
  );
}

export function overallProgress(video) {
  const renditions = video.renditions || [];
  if (renditions.length === 0) return 0;
  const sum = renditions.reduce((total, r) => total + (r.status === "DONE" ? 100 : clampPercent(r.progress)), 0);
  return Math.round(sum / renditions.length);
}

function clampPercent(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
}

export function loadingState(text) {
  return h("div", { class: "state state--loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

export function errorState(title, message, retry, retryLabel = "Try again") {
  return h(
    "div",
    { class: "state state--error", role: "alert" },
    h("strong", {}, title),
    h("p", {}, message),
    retry ? h("button", { class: "btn", type: "button", onclick: retry }, retryLabel) : null,
  );
}

export function emptyState(title, message, action) {
  return h("div", { class: "state state--empty" }, h("strong", {}, title), h("p", {}, message), action || null);
}
