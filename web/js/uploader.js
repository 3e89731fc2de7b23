/**
 * Resumable S3 multipart upload through presigned part URLs (DESIGN.md "HTTP API").
 *
 * The API hands out part URLs; the browser PUTs the file's slices straight to S3, several at a
 * time, and reports progress from XHR upload events (fetch has no upload progress). The upload id
 * is remembered in localStorage under the file's fingerprint, so picking the same file after a
 * reload or a crash asks the API which parts S3 already holds and sends only the rest. A dropped
 * connection is retried with backoff and waits for the browser to come back online.
 */
import { ApiError } from "./api.js";

const STORE_KEY = "svod.pendingUploads";
const MAX_ATTEMPTS = 6;
const MAX_BACKOFF_MS = 30_000;
const URL_EXPIRY_MARGIN_MS = 60_000;
const PRESIGN_BATCH = 50;
const RATE_WINDOW_MS = 5_000;
const FINISHED_UPLOAD_STATES = new Set(["UPLOADED", "COMPLETED", "COMPLETE"]);
const DEAD_UPLOAD_STATES = new Set(["ABORTED", "FAILED", "EXPIRED"]);

/** Uploads the browser started but did not finish, kept in localStorage by file fingerprint. */
export class PendingUploads {
  constructor(storage = window.localStorage) {
    this.storage = storage;
  }

  /** Name, size and modification time: the same file picked again after a reload matches. */
  static fingerprint(file) {
    return `${file.name}|${file.size}|${file.lastModified}`;
  }

  all() {
    try {
      const parsed = JSON.parse(this.storage.getItem(STORE_KEY) || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      return {};
    }
  }

  list() {
    return Object.values(this.all()).sort((a, b) => b.savedAt - a.savedAt);
  }

  get(fingerprint) {
    return this.all()[fingerprint] || null;
  }

  save(entry) {
    const all = this.all();
    all[entry.fingerprint] = { ...entry, savedAt: Date.now() };
    this.storage.setItem(STORE_KEY, JSON.stringify(all));
  }

  remove(fingerprint) {
    const all = this.all();
    delete all[fingerprint];
    this.storage.setItem(STORE_KEY, JSON.stringify(all));
  }
}

/** A failed part PUT; status 0 means the network, not S3, failed. */
class PartError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Thrown inside a run that pause() or cancel() stopped; never shown. */
class Stopped extends Error {}

/**
 * One file's upload. States: idle, creating, uploading, paused, completing, done, failed, aborted.
 * Listen to "change" for state and progress; read {@link snapshot} for what to show.
 */
export class MultipartUpload extends EventTarget {
  constructor({ api, file, title, store = new PendingUploads(), concurrency = 4, online = () => navigator.onLine }) {
    super();
    this.api = api;
    this.file = file;
    this.title = title;
    this.store = store;
    this.concurrency = concurrency;
    this.online = online;
    this.fingerprint = PendingUploads.fingerprint(file);
    this.state = "idle";
    this.error = null;
    this.errorCode = null;
    this.notice = null;
    this.resumeNote = null;
    this.uploadId = null;
    this.videoId = null;
    this.partSize = 0;
    this.totalParts = 0;
    this.resumedParts = 0;
    this.etags = new Map();
    this.urls = new Map();
    this.inflight = new Map();
    this.run = null;
    this.presigning = null;
    this.transferred = 0;
    this.samples = [];
  }

  /** Starts the upload, or resumes the one remembered for this file. */
  async start() {
    try {
      this.setState("creating");
      const saved = this.store.get(this.fingerprint);
      if (!(saved && (await this.adopt(saved)))) await this.create();
      if (this.state === "done") return;
      await this.upload();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops sending; parts already in S3 stay there. */
  pause() {
    if (this.state !== "uploading") return;
    this.stopRun();
    this.setState("paused");
  }

  /** Continues after pause() or a failure, sending only what is missing. */
  async resume() {
    if (this.state !== "paused" && this.state !== "failed") return;
    this.error = null;
    try {
      if (!this.uploadId) {
        await this.start();
        return;
      }
      await this.upload();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Aborts the multipart upload so nothing is left behind, and forgets it. */
  async cancel() {
    this.stopRun();
    this.store.remove(this.fingerprint);
    this.setState("aborted");
    if (this.uploadId) {
      try {
        await this.api.abortUpload(this.uploadId);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) console.warn("abort failed", error);
      }
    }
  }

  /** What the page shows: bytes, rate, ETA, parts. */
  snapshot() {
    const uploaded = this.uploadedBytes();
    const rate = this.rate();
    return {
      state: this.state,
      error: this.error,
      errorCode: this.errorCode,
      notice: this.notice || this.resumeNote,
      fileName: this.file.name,
      totalBytes: this.file.size,
      uploadedBytes: uploaded,
      fraction: this.file.size > 0 ? uploaded / this.file.size : 0,
      rate,
      etaSeconds: rate > 0 ? (this.file.size - uploaded) / rate : NaN,
      partsDone: this.etags.size,
      totalParts: this.totalParts,
      resumedParts: this.resumedParts,
      videoId: this.videoId,
      uploadId: this.uploadId,
    };
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async create() {
    const created = await this.api.createUpload({
      filename: this.file.name,
      size: this.file.size,
      contentType: this.file.type || "application/octet-stream",
      title: this.title,
    });
    this.uploadId = created.uploadId;
    this.videoId = created.videoId;
    this.partSize = created.partSize;
    this.totalParts = created.partCount || partCount(this.file.size, this.partSize);
    this.rememberUrls(created.parts, created.expiresAt);
    this.persist();
  }

  /** Picks up a remembered upload; false when the API no longer knows it (start afresh). */
  async adopt(saved) {
    let status;
    try {
      status = await this.api.getUpload(saved.uploadId);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
        this.store.remove(this.fingerprint);
        return false;
      }
      throw error;
    }
    const state = String(status.status || "").toUpperCase();
    if (DEAD_UPLOAD_STATES.has(state)) {
      this.store.remove(this.fingerprint);
      return false;
    }
    this.uploadId = saved.uploadId;
    this.videoId = status.videoId || saved.videoId;
    this.partSize = status.partSize || saved.partSize;
    this.totalParts = partCount(this.file.size, this.partSize);
    if (FINISHED_UPLOAD_STATES.has(state)) {
      this.store.remove(this.fingerprint);
      for (let n = 1; n <= this.totalParts; n++) this.etags.set(n, "");
      this.setState("done");
      return true;
    }
    for (const part of uploadedParts(status)) this.etags.set(part.partNumber, part.etag || "");
    this.resumedParts = this.etags.size;
    this.resumeNote = this.resumedParts > 0
      ? `Resumed: ${this.resumedParts} of ${this.totalParts} parts were already uploaded.`
      : "Resumed an earlier upload of this file.";
    return true;
  }

  async upload() {
    const run = { stopped: false, xhrs: new Set(), cancels: new Set() };
    this.run = run;
    this.samples = [];
    this.setState("uploading");
    const queue = [];
    for (let n = 1; n <= this.totalParts; n++) if (!this.etags.has(n)) queue.push(n);
    const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, () => this.work(queue, run));
    try {
      await Promise.all(workers);
    } catch (error) {
      if (run.stopped) return;
      this.stopRun();
      throw error;
    }
    if (run.stopped) return;
    await this.complete(run);
  }

  async work(queue, run) {
    while (!run.stopped && queue.length > 0) {
      const partNumber = queue.shift();
      try {
        await this.sendPart(partNumber, run);
      } catch (error) {
        if (error instanceof Stopped) return;
        throw error;
      }
    }
  }

  async sendPart(partNumber, run) {
    for (let attempt = 1; ; attempt++) {
      await this.waitOnline(run);
      try {
        const url = await this.urlFor(partNumber);
        if (run.stopped) throw new Stopped();
        const etag = await this.put(partNumber, url, run);
        this.inflight.delete(partNumber);
        this.etags.set(partNumber, etag);
        this.notice = null;
        this.persist();
        this.changed();
        return;
      } catch (error) {
        this.inflight.delete(partNumber);
        if (run.stopped || error instanceof Stopped) throw new Stopped();
        if (error.status === 403) this.urls.delete(partNumber); // expired or revoked URL: presign again
        const permanent = error.status >= 400 && error.status < 500 && error.status !== 403 && error.status !== 408 && error.status !== 429;
        if (permanent || attempt >= MAX_ATTEMPTS) {
          throw new Error(`Part ${partNumber} could not be uploaded: ${error.message}`);
        }
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        const cause = error.status === 0 ? "Connection lost" : error.message;
        this.notice = `${cause}; retrying part ${partNumber} in ${Math.round(delay / 1000)} s…`;
        this.changed();
        await sleep(delay, run);
      }
    }
  }

  async complete(run) {
    this.setState("completing");
    let etags = this.etags;
    if ([...etags.values()].some((etag) => !etag)) {
      // The S3 CORS rule did not expose ETag to the page: ask the API, which lists the parts.
      const status = await this.api.getUpload(this.uploadId);
      etags = new Map(uploadedParts(status).map((part) => [part.partNumber, part.etag]));
    }
    const parts = [...etags.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([partNumber, etag]) => ({ partNumber, etag }));
    for (let attempt = 1; ; attempt++) {
      try {
        const completed = await this.api.completeUpload(this.uploadId, parts);
        if (completed && completed.videoId) this.videoId = completed.videoId;
        break;
      } catch (error) {
        if (!(error instanceof ApiError && error.transient) || attempt >= MAX_ATTEMPTS) throw error;
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        const cause = error.status === 0 ? "Connection lost while finishing" : `The API answered ${error.status} while finishing`;
        this.notice = `${cause}; trying again in ${Math.round(delay / 1000)} s…`;
        this.changed();
        await sleep(delay, run);
      }
    }
    this.store.remove(this.fingerprint);
    this.notice = null;
    this.setState("done");
  }

  // ---- parts -----------------------------------------------------------------------------------

  put(partNumber, url, run) {
    const start = (partNumber - 1) * this.partSize;
    const body = this.file.slice(start, Math.min(start + this.partSize, this.file.size));
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      run.xhrs.add(xhr);
      let reported = 0;
      xhr.open("PUT", url);
      xhr.upload.onprogress = (event) => {
        this.transferred += event.loaded - reported;
        reported = event.loaded;
        this.inflight.set(partNumber, event.loaded);
        this.changed();
      };
      xhr.onload = () => {
        run.xhrs.delete(xhr);
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader("ETag") || "");
        else reject(new PartError(xhr.status, s3ErrorMessage(xhr)));
      };
      xhr.onerror = () => {
        run.xhrs.delete(xhr);
        reject(new PartError(0, "network error"));
      };
      xhr.onabort = () => {
        run.xhrs.delete(xhr);
        reject(new PartError(0, "stopped"));
      };
      xhr.send(body);
    });
  }

  async urlFor(partNumber) {
    const known = this.urls.get(partNumber);
    if (known && known.expiresAt - URL_EXPIRY_MARGIN_MS > Date.now()) return known.url;
    if (!this.presigning) {
      const wanted = [];
      for (let n = partNumber; n <= this.totalParts && wanted.length < PRESIGN_BATCH; n++) {
        if (!this.etags.has(n) && !this.inflight.has(n)) wanted.push(n);
      }
      if (!wanted.includes(partNumber)) wanted.unshift(partNumber);
      this.presigning = this.api
        .presignParts(this.uploadId, wanted)
        .then((answer) => this.rememberUrls(answer.parts, answer.expiresAt))
        .finally(() => {
          this.presigning = null;
        });
    }
    await this.presigning;
    const fresh = this.urls.get(partNumber);
    if (!fresh) return this.urlFor(partNumber);
    return fresh.url;
  }

  rememberUrls(parts, expiresAt) {
    const expiry = Date.parse(expiresAt) || Date.now() + 15 * 60_000;
    for (const part of parts || []) this.urls.set(part.partNumber, { url: part.url, expiresAt: expiry });
  }

  // ---- bookkeeping -----------------------------------------------------------------------------

  /** Bytes in S3 (finished parts) plus, unless `finishedOnly`, what the parts in flight have sent. */
  uploadedBytes(finishedOnly = false) {
    let bytes = 0;
    for (const n of this.etags.keys()) bytes += partLength(n, this.partSize, this.file.size);
    if (!finishedOnly) for (const loaded of this.inflight.values()) bytes += loaded;
    return Math.min(bytes, this.file.size);
  }

  /** Bytes per second over the last few seconds of this session's sending. */
  rate() {
    const now = performance.now();
    this.samples.push({ at: now, bytes: this.transferred });
    while (this.samples.length > 2 && now - this.samples[0].at > RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const elapsed = (now - first.at) / 1000;
    return elapsed > 0.25 ? (this.transferred - first.bytes) / elapsed : NaN;
  }

  persist() {
    this.store.save({
      fingerprint: this.fingerprint,
      uploadId: this.uploadId,
      videoId: this.videoId,
      fileName: this.file.name,
      size: this.file.size,
      partSize: this.partSize,
      title: this.title || "",
      uploadedBytes: this.uploadedBytes(true),
    });
  }

  waitOnline(run) {
    if (this.online()) return Promise.resolve();
    this.notice = "You are offline. The upload continues when the connection is back.";
    this.changed();
    return new Promise((resolve, reject) => {
      const onOnline = () => {
        window.removeEventListener("online", onOnline);
        run.cancels.delete(onOnline);
        this.notice = null;
        run.stopped ? reject(new Stopped()) : resolve();
      };
      window.addEventListener("online", onOnline);
      run.cancels.add(onOnline);
    });
  }

  stopRun() {
    const run = this.run;
    if (!run) return;
    run.stopped = true;
    for (const xhr of run.xhrs) xhr.abort();
    for (const cancel of [...run.cancels]) cancel();
    this.inflight.clear();
    this.run = null;
  }

  fail(error) {
    if (error instanceof Stopped) return;
    this.stopRun();
    this.error = error.message || String(error);
    this.errorCode = error.code || null;
    this.notice = null;
    this.setState("failed");
  }

  setState(state) {
    this.state = state;
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event("change"));
  }
}

/** Parts the API reports as already in S3, whatever the field is called. */
function uploadedParts(status) {
  const parts = status.parts || status.uploadedParts || status.completedParts || [];
  return parts
    .map((part) => ({ partNumber: Number(part.partNumber ?? part.PartNumber), etag: part.etag ?? part.eTag ?? part.ETag ?? "" }))
    .filter((part) => Number.isInteger(part.partNumber) && part.partNumber > 0);
}

function partCount(size, partSize) {
  return Math.max(1, Math.ceil(size / partSize));
}

function partLength(partNumber, partSize, size) {
  return Math.max(0, Math.min(partSize, size - (partNumber - 1) * partSize));
}

function sleep(ms, run) {
  return new Promise((resolve, reject) => {
    const wake = () => {
      clearTimeout(timer);
      run.cancels.delete(wake);
      reject(new Stopped());
    };
    const timer = setTimeout(() => {
      run.cancels.delete(wake);
      resolve();
    }, ms);
    run.cancels.add(wake);
  });
}

function s3ErrorMessage(xhr) {
  const text = xhr.responseText || "";
  const message = /<Message>([^<]*)<\/Message>/.exec(text);
  return `S3 answered ${xhr.status}${message ? `: ${message[1]}` : ""}`;
}
