/** Library page: every video newest first, live progress while processing, delete. */
import { h, replaceChildren } from "../dom.js";
import { formatWhen } from "../format.js";
import {
  durationOf,
  emptyState,
  errorState,
  failureReason,
  isInProgress,
  isPlayable,
  loadingState,
  overallProgress,
  renditionProgress,
  statusBadge,
  videoTitle,
} from "../components.js";

const PAGE_SIZE = 24;
/** Polling: often while something is processing, now and then otherwise (to show new uploads). */
const POLL_BUSY_MS = 3000;
const POLL_IDLE_MS = 10000;
const FILTERS = [
  ["", "All videos"],
  ["PROCESSING", "Processing"],
  ["PARTIALLY_READY", "Playable, processing"],
  ["READY", "Ready"],
  ["FAILED", "Failed"],
];

export function renderLibraryPage(root, { api, watchUrl }) {
  let videos = [];
  let nextCursor = null;
  let status = "";
  let pollTimer = null;
  let disposed = false;
  const cards = new Map();

  const announcer = h("p", { class: "visually-hidden", "aria-live": "polite", id: "library-announcer" });
  const filter = h(
    "select",
    { id: "library-filter", onchange: () => load(filter.value) },
    FILTERS.map(([value, label]) => h("option", { value }, label)),
  );
  const refresh = h("button", { class: "btn btn--ghost", type: "button", onclick: () => load(status) }, "Refresh");
  const body = h("div", { class: "library", "aria-busy": "true" }, loadingState("Loading videos…"));
  const grid = h("ul", { class: "video-grid", id: "video-grid", "aria-label": "Videos" });
  const more = h("button", { class: "btn", type: "button", hidden: true, onclick: loadMore }, "Load more");

  replaceChildren(
    root,
    h(
      "section",
      { class: "page-head page-head--row" },
      h("div", {}, h("h1", {}, "Library"), h("p", { class: "muted" }, "Newest first. Processing videos update by themselves.")),
      h("div", { class: "toolbar" }, h("label", { for: "library-filter", class: "toolbar__label" }, "Show"), filter, refresh),
    ),
    announcer,
    body,
  );

  async function load(newStatus) {
    status = newStatus;
    clearTimeout(pollTimer);
    body.setAttribute("aria-busy", "true");
    replaceChildren(body, loadingState("Loading videos…"));
    try {
      const page = await api.listVideos({ status, limit: PAGE_SIZE });
      if (disposed) return;
      videos = await withDetails(page.videos);
      nextCursor = page.nextCursor;
      cards.clear();
      grid.replaceChildren();
      renderAll();
      schedulePoll();
    } catch (error) {
      if (disposed) return;
      replaceChildren(body, errorState("Could not load the library", error.message, () => load(status)));
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  }

  async function loadMore() {
    more.disabled = true;
    try {
      const page = await api.listVideos({ status, limit: PAGE_SIZE, cursor: nextCursor });
      const fresh = await withDetails(page.videos.filter((v) => !videos.some((known) => known.videoId === v.videoId)));
      videos = videos.concat(fresh);
      nextCursor = page.nextCursor;
      renderAll();
    } catch (error) {
      announcer.textContent = `Could not load more videos: ${error.message}`;
    } finally {
      more.disabled = false;
    }
  }

  function renderAll() {
    if (videos.length === 0) {
      replaceChildren(
        body,
        emptyState(
          status ? "No videos with this status" : "No videos yet",
          status ? "Choose another filter to see the rest of the library." : "Upload a video and it appears here while it is processed.",
          status ? null : h("a", { class: "btn btn--primary", href: "#/upload" }, "Upload a video"),
        ),
      );
      return;
    }
    if (!body.contains(grid)) replaceChildren(body, grid, h("div", { class: "more" }, more));
    const order = [];
    for (const video of videos) {
      const key = JSON.stringify(video);
      const known = cards.get(video.videoId);
      if (!known || known.key !== key) {
        const card = videoCard(video);
        if (known) known.el.replaceWith(card);
        cards.set(video.videoId, { key, el: card });
      }
      order.push(cards.get(video.videoId).el);
    }
    order.forEach((el, index) => {
      if (grid.children[index] !== el) grid.insertBefore(el, grid.children[index] || null);
    });
    while (grid.children.length > order.length) grid.lastElementChild.remove();
    more.hidden = !nextCursor;
  }

  function videoCard(video) {
    const playable = isPlayable(video);
    const duration = durationOf(video);
    const source = video.source || {};
    const details = [
      formatWhen(video.createdAt),
      source.width && source.height ? `${source.width}×${source.height}` : null,
      (video.renditions || []).length ? `${video.renditions.length} renditions` : null,
    ].filter(Boolean);
    const thumbInner = [
      video.playback && video.playback.poster
        ? h("img", { src: video.playback.poster, alt: "", loading: "lazy", onerror: (e) => e.target.remove() })
        : null,
      h("span", { class: "thumb__placeholder", "aria-hidden": "true" }),
      duration ? h("span", { class: "thumb__duration" }, duration) : null,
      isInProgress(video) && video.status !== "PARTIALLY_READY"
        ? h("span", { class: "thumb__progress" }, `${overallProgress(video)}%`)
        : null,
    ];
    const title = videoTitle(video);
    return h(
      "li",
      { class: "video-card", dataset: { videoId: video.videoId, status: video.status } },
      playable
        ? h("a", { class: "thumb", href: watchUrl(video.videoId), tabindex: -1, "aria-hidden": "true" }, thumbInner)
        : h("div", { class: "thumb" }, thumbInner),
      h(
        "div",
        { class: "video-card__body" },
        h("h2", { class: "video-card__title" }, playable ? h("a", { href: watchUrl(video.videoId) }, title) : title),
        h("div", { class: "video-card__meta" }, statusBadge(video.status), h("span", { class: "muted small" }, details.join(" · "))),
        video.status === "FAILED" ? h("p", { class: "video-card__error" }, failureReason(video)) : null,
        isInProgress(video) ? renditionProgress(video) : null,
        h(
          "div",
          { class: "actions" },
          playable ? h("a", { class: "btn btn--primary btn--small", href: watchUrl(video.videoId) }, "Watch") : null,
          h(
            "button",
            { class: "btn btn--ghost btn--small btn--danger", type: "button", dataset: { action: "delete" }, "aria-label": `Delete ${title}`, onclick: () => remove(video) },
            "Delete",
          ),
        ),
      ),
    );
  }

  /**
   * Listed videos are summaries; those still processing (rendition progress) or failed (the
   * reason) are fetched in full, a dozen at a time at most.
   */
  async function withDetails(list) {
    const wanted = list.filter((v) => !v.renditions && (isInProgress(v) || v.status === "FAILED")).slice(0, 12);
    const details = await Promise.all(wanted.map((v) => api.getVideo(v.videoId).catch(() => v)));
    const byId = new Map(details.map((v) => [v.videoId, v]));
    return list.map((v) => byId.get(v.videoId) || v);
  }

  async function remove(video) {
    const title = videoTitle(video);
    if (!window.confirm(`Delete “${title}” with its source and all renditions? This cannot be undone.`)) return;
    try {
      await api.deleteVideo(video.videoId);
      videos = videos.filter((v) => v.videoId !== video.videoId);
      cards.get(video.videoId)?.el.remove();
      cards.delete(video.videoId);
      renderAll();
      announcer.textContent = `Deleted ${title}.`;
    } catch (error) {
      announcer.textContent = `Could not delete ${title}: ${error.message}`;
      window.alert(`Could not delete “${title}”: ${error.message}`);
    }
  }

  /** Refreshes the first page (new uploads) and every video still in progress. */
  function schedulePoll() {
    clearTimeout(pollTimer);
    if (disposed) return;
    pollTimer = setTimeout(poll, videos.some(isInProgress) ? POLL_BUSY_MS : POLL_IDLE_MS);
  }

  async function poll() {
    if (disposed) return;
    try {
      const page = await api.listVideos({ status, limit: PAGE_SIZE });
      const known = new Map(videos.map((v) => [v.videoId, v]));
      const listed = new Map(page.videos.map((v) => [v.videoId, v]));
      const fresh = page.videos.filter((v) => !known.has(v.videoId));
      // A listed summary replaces what we had unless nothing changed (keeps the fetched details).
      const merged = fresh.concat(videos.map((v) => {
        const summary = listed.get(v.videoId);
        return summary && (summary.status !== v.status || isInProgress(summary)) ? summary : v;
      }));
      videos = (await withDetails(merged)).filter((v) => v.status !== "DELETED");
      if (!disposed) renderAll();
    } catch {
      // A missed refresh is retried on the next tick; the page keeps what it has.
    }
    schedulePoll();
  }

  load("");
  return () => {
    disposed = true;
    clearTimeout(pollTimer);
  };
}
