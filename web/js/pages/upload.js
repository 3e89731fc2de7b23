/** Upload page: drop or pick files, watch them upload and start processing. */
import { h, replaceChildren } from "../dom.js";
import { icon } from "../icons.js";
import { formatBytes, formatEta, formatRate, formatWhen, statusLabel } from "../format.js";
import { MultipartUpload, PendingUploads } from "../uploader.js";
import { errorState, isInProgress, isPlayable, renditionProgress, statusBadge, failureReason } from "../components.js";

const PROCESSING_POLL_MS = 2000;

/** Uploads outlive the page view: switching to the library and back keeps them going. */
const active = [];

export function renderUploadPage(root, { api, concurrency, watchUrl }) {
  const store = new PendingUploads();
  const announcer = h("p", { class: "visually-hidden", "aria-live": "polite", id: "upload-announcer" });
  const titleInput = h("input", { id: "upload-title", name: "title", type: "text", maxlength: 200, autocomplete: "off", placeholder: "Defaults to the file name" });
  const fileInput = h("input", {
    id: "file-input",
    class: "visually-hidden",
    type: "file",
    multiple: true,
    accept: "video/*,audio/*,.mkv,.mov,.mxf,.ts,.m2ts,.webm",
    onchange: () => {
      startAll([...fileInput.files]);
      fileInput.value = "";
    },
  });
  const dropzone = h(
    "div",
    { class: "dropzone", id: "dropzone" },
    fileInput,
    h(
      "label",
      { for: "file-input", class: "dropzone__label" },
      h("span", { class: "dropzone__icon" }, icon("upload")),
      h("span", { class: "dropzone__title" }, "Drop video files here or ", h("span", { class: "link" }, "choose files")),
      h("span", { class: "dropzone__hint" }, "MP4, MOV, MKV, WebM and other video formats. Large files upload in parallel parts and resume after interruptions."),
    ),
  );
  const pendingSection = h("section", { class: "section", "aria-labelledby": "pending-heading", hidden: true });
  const uploadsList = h("div", { class: "upload-list", id: "upload-list" });
  const uploadsSection = h(
    "section",
    { class: "section", "aria-labelledby": "uploads-heading", hidden: active.length === 0 },
    h("h2", { id: "uploads-heading", class: "section__title" }, "This session"),
    uploadsList,
  );

  for (const kind of ["dragenter", "dragover"]) {
    dropzone.addEventListener(kind, (event) => {
      event.preventDefault();
      dropzone.classList.add("dropzone--active");
    });
  }
  for (const kind of ["dragleave", "drop"]) {
    dropzone.addEventListener(kind, (event) => {
      event.preventDefault();
      dropzone.classList.remove("dropzone--active");
    });
  }
  dropzone.addEventListener("drop", (event) => startAll([...(event.dataTransfer?.files || [])]));

  function startAll(files) {
    for (const file of files) {
      const fingerprint = PendingUploads.fingerprint(file);
      if (active.some((entry) => entry.upload.fingerprint === fingerprint && !["failed", "aborted", "done"].includes(entry.upload.state))) {
        announcer.textContent = `${file.name} is already uploading.`;
        continue;
      }
      const upload = new MultipartUpload({ api, file, title: titleInput.value.trim() || undefined, store, concurrency });
      const entry = { upload };
      const dismiss = () => {
        active.splice(active.indexOf(entry), 1);
        entry.view.remove();
        uploadsSection.hidden = active.length === 0;
      };
      entry.view = uploadCard(upload, { api, announcer, watchUrl, dismiss });
      active.unshift(entry);
      uploadsList.prepend(entry.view);
      uploadsSection.hidden = false;
      upload.addEventListener("change", () => {
        if (upload.state === "done" || upload.state === "aborted") renderPending();
      });
      upload.start().then(renderPending);
    }
    titleInput.value = "";
    renderPending();
  }

  function renderPending() {
    const activeFingerprints = new Set(
      active.filter((entry) => !["failed", "aborted", "done"].includes(entry.upload.state)).map((entry) => entry.upload.fingerprint),
    );
    const pending = store.list().filter((entry) => !activeFingerprints.has(entry.fingerprint));
    pendingSection.hidden = pending.length === 0;
    replaceChildren(
      pendingSection,
      h("h2", { id: "pending-heading", class: "section__title" }, "Unfinished uploads"),
      h("p", { class: "muted" }, "These uploads stopped before they finished. Choose the same file again and only the missing parts are sent."),
      h(
        "ul",
        { class: "pending-list" },
        pending.map((entry) =>
          h(
            "li",
            { class: "card pending", dataset: { uploadId: entry.uploadId } },
            h(
              "div",
              { class: "pending__info" },
              h("strong", { class: "pending__name" }, entry.fileName),
              h(
                "span",
                { class: "muted small" },
                `${formatBytes(entry.uploadedBytes || 0)} of ${formatBytes(entry.size)} uploaded · ${formatWhen(entry.savedAt)}`,
              ),
            ),
            h(
              "div",
              { class: "actions" },
              h("button", { class: "btn btn--primary", type: "button", onclick: () => fileInput.click() }, "Choose file to resume"),
              h(
                "button",
                {
                  class: "btn btn--ghost",
                  type: "button",
                  onclick: async () => {
                    store.remove(entry.fingerprint);
                    renderPending();
                    try {
                      await api.abortUpload(entry.uploadId);
                    } catch {
                      // Already gone on the server side: nothing left to clean up.
                    }
                    announcer.textContent = `Discarded the unfinished upload of ${entry.fileName}.`;
                  },
                },
                "Discard",
              ),
            ),
          ),
        ),
      ),
    );
  }

  replaceChildren(
    root,
    h(
      "section",
      { class: "page-head" },
      h("h1", {}, "Upload"),
      h("p", { class: "muted" }, "Files go straight to storage; processing into adaptive HLS starts as soon as an upload completes."),
    ),
    h(
      "div",
      { class: "card upload-form" },
      h("div", { class: "field" }, h("label", { for: "upload-title" }, "Title ", h("span", { class: "muted" }, "(optional)")), titleInput),
      dropzone,
    ),
    announcer,
    pendingSection,
    uploadsSection,
  );
  for (const entry of active) uploadsList.append(entry.view);
  renderPending();
  return () => {};
}

/** The card of one upload, kept up to date from its "change" events. */
function uploadCard(upload, { api, announcer, watchUrl, dismiss }) {
  const name = h("strong", { class: "upload__name" }, upload.file.name);
  const badge = h("span", { class: "badge" });
  const fill = h("span", { class: "progress__fill" });
  const bar = h("div", { class: "progress", role: "progressbar", "aria-label": `Upload of ${upload.file.name}`, "aria-valuemin": 0, "aria-valuemax": 100 }, fill);
  const stats = h("p", { class: "upload__stats" });
  const notice = h("p", { class: "upload__notice", hidden: true });
  const error = h("p", { class: "upload__error", role: "alert", hidden: true });
  const actions = h("div", { class: "actions" });
  const processing = h("div", { class: "upload__processing", hidden: true, "aria-live": "polite" });
  const card = h(
    "article",
    { class: "card upload", "aria-label": `Upload of ${upload.file.name}` },
    h("div", { class: "upload__head" }, name, h("span", { class: "muted small" }, formatBytes(upload.file.size)), badge),
    bar,
    stats,
    notice,
    error,
    actions,
    processing,
  );

  let scheduled = false;
  let lastAnnounced = -1;
  let lastState = null;
  let pollTimer = null;

  function render() {
    scheduled = false;
    const s = upload.snapshot();
    const percent = Math.floor(s.fraction * 100);
    const rejected = s.state === "failed" && !s.uploadId; // refused before any byte was sent
    card.dataset.uploadState = s.state;
    bar.hidden = rejected;
    stats.hidden = rejected;
    card.dataset.partsDone = String(s.partsDone);
    if (s.videoId) card.dataset.videoId = s.videoId;
    badge.className = `badge badge--upload-${s.state}`;
    badge.textContent = rejected ? "Refused" : UPLOAD_STATE_LABELS[s.state] || s.state;
    fill.style.width = `${(s.fraction * 100).toFixed(1)}%`;
    bar.setAttribute("aria-valuenow", String(percent));
    bar.setAttribute("aria-valuetext", `${percent}% (${formatBytes(s.uploadedBytes)} of ${formatBytes(s.totalBytes)})`);
    stats.textContent = statsLine(s);
    notice.hidden = !s.notice;
    notice.textContent = s.notice || "";
    error.hidden = !s.error;
    if (s.error) replaceChildren(error, h("strong", {}, `${errorHeadline(s.errorCode, s.totalBytes)} `), s.error);
    if (s.state !== lastState) {
      renderActions(s.state);
      announce(s, percent);
      lastState = s.state;
      if (s.state === "done" && s.videoId) followProcessing(s.videoId);
    } else if (s.state === "uploading" && Math.floor(percent / 25) > lastAnnounced) {
      lastAnnounced = Math.floor(percent / 25);
      if (percent > 0) announcer.textContent = `${upload.file.name}: ${percent}% uploaded.`;
    }
  }

  function announce(s, percent) {
    const messages = {
      uploading: `Uploading ${upload.file.name}.`,
      paused: `Paused ${upload.file.name} at ${percent}%.`,
      completing: `Finishing the upload of ${upload.file.name}.`,
      done: `${upload.file.name} uploaded. Processing starts now.`,
      aborted: `Cancelled the upload of ${upload.file.name}.`,
    };
    if (messages[s.state]) announcer.textContent = messages[s.state];
  }

  function renderActions(state) {
    const buttons = [];
    if (state === "uploading") buttons.push(button("Pause", () => upload.pause(), "pause"));
    if (state === "paused") buttons.push(button("Resume", () => upload.resume(), "resume", true));
    if (state === "failed" && upload.uploadId) buttons.push(button("Retry", () => upload.resume(), "retry", true));
    if (["uploading", "paused", "failed", "creating"].includes(state) && upload.uploadId) {
      buttons.push(button("Cancel upload", () => upload.cancel(), "cancel", false, "btn--ghost"));
    }
    if ((state === "failed" && !upload.uploadId) || state === "aborted") buttons.push(button("Dismiss", dismiss, "dismiss", false, "btn--ghost"));
    replaceChildren(actions, buttons);
    actions.hidden = buttons.length === 0;
  }

  function followProcessing(videoId) {
    processing.hidden = false;
    replaceChildren(processing, h("p", { class: "muted small" }, "Processing…"));
    const poll = async () => {
      try {
        const video = await api.getVideo(videoId);
        card.dataset.videoStatus = video.status;
        replaceChildren(
          processing,
          // CREATED here means the upload is in and the workflow has not picked it up yet.
          h("div", { class: "upload__processing-head" }, h("span", {}, "Processing"), statusBadge(video.status === "CREATED" ? "UPLOADED" : video.status)),
          video.status === "FAILED" ? h("p", { class: "upload__error", role: "alert" }, failureReason(video)) : renditionProgress(video),
          h(
            "div",
            { class: "actions" },
            isPlayable(video) ? h("a", { class: "btn btn--primary", href: watchUrl(videoId) }, "Watch") : null,
            h("a", { class: "btn btn--ghost", href: "#/library" }, "Open library"),
          ),
        );
        if (isInProgress(video)) pollTimer = setTimeout(poll, PROCESSING_POLL_MS);
        else announcer.textContent = `${upload.file.name}: ${statusLabel(video.status)}.`;
      } catch (err) {
        replaceChildren(processing, errorState("Could not read the processing status", err.message, poll));
      }
    };
    clearTimeout(pollTimer);
    poll();
  }

  upload.addEventListener("change", () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(render);
    }
  });
  render();
  return card;
}

/** A plain-words headline for the API's error codes; the API's own message follows it. */
function errorHeadline(code, size) {
  switch (code) {
    case "UNSUPPORTED_MEDIA_TYPE":
      return "This is not a video or audio file.";
    case "UPLOAD_TOO_LARGE":
      return `This file is too large to upload (${formatBytes(size)}).`;
    case "INVALID_SIZE":
      return "This file is empty.";
    case "NetworkError":
      return "The API cannot be reached.";
    default:
      return "The upload failed.";
  }
}

const UPLOAD_STATE_LABELS = {
  idle: "Waiting",
  creating: "Preparing",
  uploading: "Uploading",
  paused: "Paused",
  completing: "Finishing",
  done: "Uploaded",
  failed: "Failed",
  aborted: "Cancelled",
};

function statsLine(s) {
  const bytes = `${formatBytes(s.uploadedBytes)} of ${formatBytes(s.totalBytes)}`;
  const parts = s.totalParts > 1 ? ` · ${s.partsDone} of ${s.totalParts} parts` : "";
  switch (s.state) {
    case "uploading":
      return `${bytes} · ${formatRate(s.rate)} · ${formatEta(s.etaSeconds)}${parts}`;
    case "paused":
      return `${bytes} · paused${parts}`;
    case "done":
      return `${formatBytes(s.totalBytes)} uploaded`;
    case "creating":
      return "Preparing the upload…";
    case "completing":
      return `${bytes} · finishing…`;
    case "aborted":
      return "Cancelled; nothing was kept.";
    default:
      return bytes;
  }
}

function button(label, onclick, action, primary = false, extra = "") {
  return h("button", { class: `btn ${primary ? "btn--primary" : ""} ${extra}`.trim(), type: "button", dataset: { action }, onclick }, label);
}
