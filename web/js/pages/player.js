/**
 * Player page: hls.js with a quality menu (Auto + every rendition), the rendition playing now, an
 * audio-language menu when the stream has several audio renditions, storyboard thumbnails over the
 * seek bar, the poster; plays while the video is PARTIALLY_READY and picks up new renditions when
 * they finish.
 */
import { h, replaceChildren } from "../dom.js";
import { icon } from "../icons.js";
import { formatBitrate, formatClock, formatWhen, audioLanguage } from "../format.js";
import { signingQuery, withSigning } from "../signing.js";
import { cueAt, parseStoryboard } from "../storyboard.js";
import {
  byHeight,
  durationOf,
  errorState,
  failureReason,
  isInProgress,
  isPlayable,
  loadingState,
  renditionProgress,
  statusBadge,
  videoTitle,
} from "../components.js";

const STATUS_POLL_MS = 3000;

export function renderPlayerPage(root, { api, videoId }) {
  let disposed = false;
  let pollTimer = null;
  let player = null;

  replaceChildren(root, loadingState("Loading the video…"));

  async function load() {
    let video;
    try {
      video = await api.getVideo(videoId);
    } catch (error) {
      if (disposed) return;
      const missing = error.status === 404;
      replaceChildren(
        root,
        backLink(),
        errorState(missing ? "Video not found" : "Could not load the video", missing ? "It may have been deleted." : error.message, missing ? null : load),
      );
      return;
    }
    if (disposed) return;
    document.title = `${videoTitle(video)} · Serverless VOD`;
    if (isPlayable(video)) {
      player = new Player(root, video, () => api.retryVideo(videoId));
      if (video.status !== "READY") pollUntilReady();
    } else {
      renderWaiting(video);
      if (isInProgress(video)) pollTimer = setTimeout(load, STATUS_POLL_MS);
    }
  }

  function renderWaiting(video) {
    const failed = video.status === "FAILED";
    replaceChildren(
      root,
      backLink(),
      h(
        "section",
        { class: "card waiting" },
        h("div", { class: "waiting__head" }, h("h1", {}, videoTitle(video)), statusBadge(video.status)),
        failed
          ? h("p", { class: "video-card__error", role: "alert" }, failureReason(video))
          : h("p", { class: "muted", role: "status" }, "Not playable yet: the first rendition is still being encoded. This page starts the player when it is ready."),
        failed ? null : renditionProgress(video),
      ),
    );
  }

  async function pollUntilReady() {
    pollTimer = setTimeout(async () => {
      if (disposed || !player) return;
      try {
        const video = await api.getVideo(videoId);
        if (disposed) return;
        player.update(video);
        if (video.status !== "READY") pollUntilReady();
      } catch {
        pollUntilReady();
      }
    }, STATUS_POLL_MS);
  }

  load();
  return () => {
    disposed = true;
    clearTimeout(pollTimer);
    if (player) player.destroy();
    document.title = "Serverless VOD";
  };
}

function backLink() {
  return h("a", { class: "back", href: "#/library" }, "← Library");
}

class Player {
  /** @param retry starts a retry of the video's failed renditions (`POST /videos/{id}/retry`) */
  constructor(root, video, retry) {
    this.video = video;
    this.retryFailed = retry;
    this.hls = null;
    this.storyboard = [];
    this.doneCount = countDone(video);
    // The audio track the viewer chose, kept when the playlist is loaded again (renditions added).
    this.chosenAudio = null;

    this.signing = signingQuery(video);
    this.media = h("video", { id: "player-video", playsinline: true, preload: "metadata", poster: withSigning(video.playback.poster, this.signing) || undefined });
    this.playButton = h("button", { class: "ctl", type: "button", id: "play-button", "aria-label": "Play", onclick: () => this.togglePlay() }, icon("play"));
    this.bigPlay = h("button", { class: "big-play", type: "button", "aria-label": "Play video", onclick: () => this.togglePlay() }, icon("play"));
    this.seek = h("input", { id: "seek", class: "seek__range", type: "range", min: 0, max: 0, step: "any", value: 0, "aria-label": "Seek" });
    this.previewThumb = h("span", { class: "seek__thumb" });
    this.previewTime = h("span", { class: "seek__time" });
    this.preview = h("span", { class: "seek__preview", hidden: true, "aria-hidden": "true" }, this.previewThumb, this.previewTime);
    this.seekWrap = h("div", { class: "seek" }, this.seek, this.preview);
    this.time = h("span", { class: "time", "aria-hidden": "true" }, "0:00 / 0:00");
    this.muteButton = h("button", { class: "ctl", type: "button", "aria-label": "Mute", onclick: () => (this.media.muted = !this.media.muted) }, icon("volume"));
    this.volume = h("input", { class: "volume", type: "range", min: 0, max: 1, step: 0.05, value: 1, "aria-label": "Volume" });
    this.quality = h("select", { id: "quality", class: "quality" }, h("option", { value: "-1" }, "Auto"));
    this.audioTrack = h("select", { id: "audio-track", class: "quality", title: "Audio language" });
    this.audioControl = h(
      "span",
      { class: "controls__audio", hidden: true },
      h("label", { for: "audio-track", class: "visually-hidden" }, "Audio language"),
      this.audioTrack,
    );
    this.fullscreenButton = h("button", { class: "ctl", type: "button", "aria-label": "Full screen", onclick: () => this.toggleFullscreen() }, icon("fullscreen"));
    this.nowPlaying = h("p", { class: "now-playing", id: "now-playing", "aria-live": "polite" }, "Loading…");
    this.message = h("div", { class: "player__message", hidden: true, role: "alert" });
    this.processingNote = h("p", { class: "notice", id: "processing-note", hidden: true, role: "status" });
    this.info = h("section", { class: "video-info", "aria-labelledby": "video-title" });

    this.frame = h(
      "div",
      { class: "player", tabindex: -1, dataset: { state: "loading" } },
      h("div", { class: "player__stage" }, this.media, this.bigPlay, this.message),
      h(
        "div",
        { class: "controls", role: "group", "aria-label": "Player controls" },
        this.playButton,
        this.seekWrap,
        this.time,
        h("div", { class: "controls__volume" }, this.muteButton, this.volume),
        h("label", { for: "quality", class: "visually-hidden" }, "Quality"),
        this.quality,
        this.audioControl,
        this.fullscreenButton,
      ),
    );
    replaceChildren(root, backLink(), this.processingNote, this.frame, this.nowPlaying, this.info);
    this.renderInfo();
    this.renderProcessingNote();
    this.wire();
    this.attach(0);
    this.loadStoryboard();
  }

  wire() {
    const m = this.media;
    m.addEventListener("play", () => this.syncPlayState());
    m.addEventListener("pause", () => this.syncPlayState());
    m.addEventListener("ended", () => this.syncPlayState());
    m.addEventListener("click", () => this.togglePlay());
    m.addEventListener("loadedmetadata", () => this.syncTime());
    m.addEventListener("durationchange", () => this.syncTime());
    m.addEventListener("timeupdate", () => this.syncTime());
    m.addEventListener("waiting", () => (this.frame.dataset.buffering = "true"));
    m.addEventListener("playing", () => delete this.frame.dataset.buffering);
    m.addEventListener("volumechange", () => {
      this.volume.value = m.muted ? 0 : m.volume;
      replaceChildren(this.muteButton, icon(m.muted || m.volume === 0 ? "muted" : "volume"));
      this.muteButton.setAttribute("aria-label", m.muted ? "Unmute" : "Mute");
    });
    this.volume.addEventListener("input", () => {
      m.volume = Number(this.volume.value);
      m.muted = m.volume === 0;
    });
    this.seek.addEventListener("input", () => {
      m.currentTime = Number(this.seek.value);
      this.showPreview(Number(this.seek.value));
    });
    this.seek.addEventListener("change", () => this.hidePreview());
    this.seek.addEventListener("blur", () => this.hidePreview());
    this.seekWrap.addEventListener("pointermove", (event) => {
      const rect = this.seek.getBoundingClientRect();
      const fraction = Math.max(0, Math.min(1, (event.clientX - rect.left) / rect.width));
      this.showPreview(fraction * (m.duration || 0));
    });
    this.seekWrap.addEventListener("pointerleave", () => this.hidePreview());
    this.quality.addEventListener("change", () => {
      if (!this.hls) return;
      this.hls.currentLevel = Number(this.quality.value);
      this.syncNowPlaying();
    });
    this.audioTrack.addEventListener("change", () => {
      if (!this.hls) return;
      const index = Number(this.audioTrack.value);
      this.chosenAudio = this.hls.audioTracks[index] || null;
      if (index !== this.hls.audioTrack) this.hls.audioTrack = index;
    });
    this.frame.addEventListener("keydown", (event) => {
      if (event.target.closest("select, input[type=range]") && event.key !== " ") return;
      if (event.key === " " || event.key === "k") {
        if (event.target.closest("button, select")) return;
        event.preventDefault();
        this.togglePlay();
      } else if (event.key === "f") {
        this.toggleFullscreen();
      } else if (event.key === "m") {
        m.muted = !m.muted;
      }
    });
  }

  /** Loads the multivariant playlist (again, when renditions were added) from `startAt`. */
  attach(startAt) {
    const url = this.video.playback.hls;
    const Hls = window.Hls;
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
    if (Hls && Hls.isSupported()) {
      const signing = this.signing;
      const hls = new Hls({
        startPosition: startAt > 0 ? startAt : -1,
        capLevelToPlayerSize: false,
        // Signed playback: every playlist, init segment and segment request carries the signature
        // (hls.js does not open the request again when xhrSetup did).
        xhrSetup: signing ? (xhr, requestUrl) => xhr.open("GET", withSigning(requestUrl, signing), true) : undefined,
      });
      this.hls = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        this.frame.dataset.state = "ready";
        this.renderQualityMenu();
        this.syncNowPlaying();
      });
      hls.on(Hls.Events.LEVEL_SWITCHED, () => this.syncNowPlaying());
      hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, () => this.renderAudioMenu());
      // Switched = the new track's audio is buffered: what the viewer hears from now on.
      hls.on(Hls.Events.AUDIO_TRACK_SWITCHED, (_event, track) => {
        this.frame.dataset.audioLanguage = track.lang || "";
        this.syncAudioMenu();
      });
      let recoveries = 0;
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && recoveries++ < 2) {
          hls.recoverMediaError();
        } else if (data.type === Hls.ErrorTypes.NETWORK_ERROR && recoveries++ < 3) {
          setTimeout(() => hls.startLoad(), 1000 * recoveries);
        } else {
          this.fail(`Playback failed (${data.details}). Check that the stream is reachable: ${url}`);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(this.media);
    } else if (this.media.canPlayType("application/vnd.apple.mpegurl")) {
      // Safari plays HLS natively; its own ABR picks the rendition. It cannot add a signature to the
      // variant requests: signed playback there needs the CloudFront cookies (infra/README.md).
      this.media.src = url;
      if (startAt > 0) this.media.addEventListener("loadedmetadata", () => (this.media.currentTime = startAt), { once: true });
      this.frame.dataset.state = "ready";
      this.renderQualityMenu();
      this.nowPlaying.textContent = "Quality chosen by the browser (native HLS).";
    } else {
      this.fail(Hls ? "This browser cannot play HLS (no Media Source Extensions)." : "The player library (hls.js) did not load: vendor/hls.min.js is missing on this host.");
    }
  }

  renderQualityMenu() {
    const options = [h("option", { value: "-1" }, "Auto")];
    if (this.hls) {
      this.hls.levels
        .map((level, index) => ({ level, index }))
        .sort((a, b) => b.level.height - a.level.height || b.level.bitrate - a.level.bitrate)
        .forEach(({ level, index }) => options.push(h("option", { value: String(index) }, levelLabel(level, this.video))));
      this.quality.disabled = false;
    } else {
      this.quality.disabled = true;
    }
    replaceChildren(this.quality, options);
    this.quality.value = this.hls && !this.hls.autoLevelEnabled ? String(this.hls.currentLevel) : "-1";
  }

  /**
   * One entry per audio track of the playing group (by its playlist NAME, marked with its LANGUAGE
   * so a screen reader says "Deutsch" in German), shown only when there is a choice. A track chosen
   * before the playlist was loaded again is chosen again.
   */
  renderAudioMenu() {
    const tracks = this.hls ? this.hls.audioTracks : [];
    const chosen = this.chosenAudio ? tracks.findIndex((t) => t.name === this.chosenAudio.name && t.lang === this.chosenAudio.lang) : -1;
    if (chosen >= 0 && chosen !== this.hls.audioTrack) this.hls.audioTrack = chosen;
    replaceChildren(
      this.audioTrack,
      tracks.map((track, index) => h("option", { value: String(index), lang: track.lang || undefined }, track.name || `Track ${index + 1}`)),
    );
    this.audioControl.hidden = tracks.length < 2;
    this.syncAudioMenu();
  }

  /** Selects hls.js's current audio track (the one playing or being switched to) in the menu. */
  syncAudioMenu() {
    if (this.hls && this.hls.audioTrack >= 0) this.audioTrack.value = String(this.hls.audioTrack);
  }

  syncNowPlaying() {
    if (!this.hls) return;
    const index = this.hls.currentLevel >= 0 ? this.hls.currentLevel : this.hls.nextLoadLevel;
    const level = this.hls.levels[index];
    const mode = this.hls.autoLevelEnabled ? "Auto" : "Manual";
    this.frame.dataset.level = level ? String(level.height) : "";
    this.nowPlaying.textContent = level
      ? `Now playing ${levelLabel(level, this.video)} (${level.width}×${level.height}) · ${mode}`
      : `Choosing a quality · ${mode}`;
  }

  async loadStoryboard() {
    const playback = this.video.playback;
    const url = playback.storyboardVtt || (/\.vtt(\?|$)/.test(playback.storyboard || "") ? playback.storyboard : null);
    if (!url) return;
    try {
      const response = await fetch(withSigning(url, this.signing));
      if (!response.ok) return;
      this.storyboard = parseStoryboard(await response.text(), new URL(url, window.location.href).href)
        .map((cue) => ({ ...cue, url: withSigning(cue.url, this.signing) })); // sprite URLs are relative
      for (const cue of this.storyboard.slice(0, 1)) new Image().src = cue.url; // warm the sprite
      this.frame.dataset.storyboard = String(this.storyboard.length);
    } catch {
      this.storyboard = []; // thumbnails are a nicety: the seek bar still shows the time
    }
  }

  showPreview(time) {
    const duration = this.media.duration;
    if (!Number.isFinite(duration) || duration <= 0) return;
    const cue = cueAt(this.storyboard, time);
    if (cue) {
      Object.assign(this.previewThumb.style, {
        display: "block",
        width: `${cue.w}px`,
        height: `${cue.h}px`,
        backgroundImage: `url("${cue.url}")`,
        backgroundPosition: `-${cue.x}px -${cue.y}px`,
      });
    } else {
      this.previewThumb.style.display = "none";
    }
    this.previewTime.textContent = formatClock(time);
    this.preview.hidden = false;
    const width = this.seek.getBoundingClientRect().width;
    const half = (cue ? cue.w : 48) / 2 + 4;
    const x = Math.max(half, Math.min(width - half, (time / duration) * width));
    this.preview.style.left = `${x}px`;
  }

  hidePreview() {
    this.preview.hidden = true;
  }

  togglePlay() {
    if (this.media.paused || this.media.ended) {
      this.media.play().catch((error) => {
        if (error.name !== "AbortError") this.fail(`The browser refused to play: ${error.message}`);
      });
    } else {
      this.media.pause();
    }
  }

  toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else this.frame.requestFullscreen?.().catch(() => {});
  }

  syncPlayState() {
    const playing = !this.media.paused && !this.media.ended;
    this.frame.dataset.playing = String(playing);
    replaceChildren(this.playButton, icon(playing ? "pause" : "play"));
    this.playButton.setAttribute("aria-label", playing ? "Pause" : "Play");
    this.bigPlay.hidden = playing;
  }

  syncTime() {
    const duration = Number.isFinite(this.media.duration) ? this.media.duration : 0;
    const now = this.media.currentTime;
    this.seek.max = String(duration);
    if (document.activeElement !== this.seek) this.seek.value = String(now);
    this.seek.style.setProperty("--progress", duration > 0 ? `${(now / duration) * 100}%` : "0%");
    this.seek.setAttribute("aria-valuetext", `${formatClock(now)} of ${formatClock(duration)}`);
    this.time.textContent = `${formatClock(now)} / ${formatClock(duration)}`;
  }

  fail(message) {
    this.frame.dataset.state = "error";
    this.message.hidden = false;
    replaceChildren(this.message, h("strong", {}, "Cannot play this video"), h("p", {}, message));
  }

  /** New status from polling: when more renditions are done, reload the playlist in place. */
  update(video) {
    const done = countDone(video);
    this.video = video;
    this.renderInfo();
    this.renderProcessingNote();
    if (done > this.doneCount && isPlayable(video)) {
      this.doneCount = done;
      const resumeAt = this.media.currentTime;
      const wasPlaying = !this.media.paused;
      this.attach(resumeAt);
      if (wasPlaying) this.media.play().catch(() => {});
    }
  }

  renderProcessingNote() {
    const renditions = this.video.renditions || [];
    const done = countDone(this.video);
    const processing = this.video.status === "PARTIALLY_READY";
    this.processingNote.hidden = !processing;
    const failed = renditions.filter((r) => r.status === "FAILED").map((r) => r.name);
    if (!processing) {
      replaceChildren(this.processingNote);
    } else if (failed.length && this.video.settledAt) {
      // Its run has ended with failures (e.g. an outage outlasted the workflow's retries): offer to
      // retry them. FAILED renditions alone do not say so: the workflow may still retry their task.
      replaceChildren(
        this.processingNote,
        `${done} of ${renditions.length} renditions are ready; ${failed.join(", ")} failed. `,
        h("button", { class: "btn", type: "button", id: "retry-button", onclick: () => this.retry() }, "Retry failed renditions"),
      );
    } else {
      replaceChildren(this.processingNote, `Still processing: ${done} of ${renditions.length} renditions are ready. Higher qualities are added to the menu when they finish.`);
    }
  }

  /** Starts the retry; the page's polling then shows the renditions' progress and adds them to the player. */
  async retry() {
    const button = this.processingNote.querySelector("button");
    if (button) button.disabled = true;
    try {
      const answer = await this.retryFailed();
      replaceChildren(this.processingNote, `Retrying ${answer.retrying.join(", ")}: they are added to the menu when they finish.`);
    } catch (error) {
      replaceChildren(this.processingNote, `The retry did not start: ${error.message}`);
    }
  }

  renderInfo() {
    const video = this.video;
    const source = video.source || {};
    const facts = [
      durationOf(video),
      source.width && source.height ? `${source.width}×${source.height}` : null,
      source.fps ? `${Math.round(source.fps * 100) / 100} fps` : null,
      formatWhen(video.createdAt),
    ].filter(Boolean);
    replaceChildren(
      this.info,
      h("div", { class: "video-info__head" }, h("h1", { id: "video-title" }, videoTitle(video)), statusBadge(video.status)),
      h("p", { class: "muted" }, facts.join(" · ")),
      (video.renditions || []).length
        ? h(
            "div",
            { class: "table-wrap" },
            h(
            "table",
            { class: "table" },
            h("caption", { class: "visually-hidden" }, "Renditions"),
            h("thead", {}, h("tr", {}, ["Rendition", "Resolution / language", "Bitrate (avg / peak)", "Codecs", "Status"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              byHeight(video.renditions).map((r) =>
                h(
                  "tr",
                  {},
                  h("td", {}, r.name),
                  h("td", {}, resolutionOrLanguage(r)),
                  h("td", {}, [formatBitrate(r.averageBandwidth), formatBitrate(r.bandwidth)].filter(Boolean).join(" / ") || "–"),
                  h("td", {}, h("code", {}, r.codecs || "–")),
                  h("td", {}, statusBadge(r.status), r.status === "PROCESSING" ? ` ${Math.round(r.progress || 0)}%` : ""),
                ),
              ),
            ),
            ),
          )
        : null,
    );
  }

  destroy() {
    if (this.hls) this.hls.destroy();
    this.hls = null;
    this.media.removeAttribute("src");
    this.media.load();
  }
}

function countDone(video) {
  return (video.renditions || []).filter((r) => r.status === "DONE").length;
}

/** "640×360" for a video rendition, the language in its own words ("Deutsch") for an audio one. */
function resolutionOrLanguage(rendition) {
  if (rendition.width && rendition.height) return `${rendition.width}×${rendition.height}`;
  const language = audioLanguage(rendition.language);
  return language ? h("span", { lang: language.tag }, language.name) : "–";
}

/** "360p · 0.8 Mbps", using the API's rendition name when one matches the level's height. */
function levelLabel(level, video) {
  const named = (video.renditions || []).find((r) => r.height === level.height && r.name);
  const name = named ? named.name : `${level.height}p`;
  const rate = formatBitrate(level.bitrate);
  return rate ? `${name} · ${rate}` : name;
}
