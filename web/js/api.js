/**
 * The HTTP API of DESIGN.md ("HTTP API"), one method per route. Errors come back as
 * `{"error": {"code", "message"}}`; they surface here as an {@link ApiError} carrying that message,
 * which the pages show as is.
 */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }

  /** Worth retrying: the network or the server, not the request. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** A listed video's flat `hls`/`poster` as the `playback` object `GET /videos/{id}` has. */
function withPlayback(video) {
  if (video.playback || !(video.hls || video.poster)) return video;
  return { ...video, playback: { hls: video.hls || null, poster: video.poster || null } };
}

/**
 * With an `auth` (js/auth.js, when config.js configures sign-in) every call carries
 * `Authorization: Bearer <access token>`, and a 401 signs in again, once. Presigned S3 URLs and
 * playback (signed URLs, CloudFront) never go through here, so they never carry the token.
 */
export class Api {
  constructor(baseUrl, fetchImpl = (...args) => window.fetch(...args), auth = null) {
    this.baseUrl = baseUrl;
    this.fetch = fetchImpl;
    this.auth = auth;
  }

  /** POST /uploads: `{uploadId, videoId, partSize, parts:[{partNumber,url}], expiresAt}`. */
  createUpload({ filename, size, contentType, title }) {
    return this.request("POST", "/uploads", { filename, size, contentType, title: title || undefined });
  }

  /** GET /uploads/{id}: its status and the parts S3 already holds. */
  getUpload(uploadId) {
    return this.request("GET", `/uploads/${encodeURIComponent(uploadId)}`);
  }

  /** POST /uploads/{id}/parts: fresh presigned URLs for those parts. */
  presignParts(uploadId, partNumbers) {
    return this.request("POST", `/uploads/${encodeURIComponent(uploadId)}/parts`, { partNumbers });
  }

  /** POST /uploads/{id}/complete with every part's ETag, in part order. */
  completeUpload(uploadId, parts) {
    return this.request("POST", `/uploads/${encodeURIComponent(uploadId)}/complete`, { parts });
  }

  /** DELETE /uploads/{id}: aborts the multipart upload. */
  abortUpload(uploadId) {
    return this.request("DELETE", `/uploads/${encodeURIComponent(uploadId)}`);
  }

  /**
   * GET /videos, newest first: `{videos, nextCursor}`. Listed videos are summaries (no renditions;
   * `poster` and `hls` at the top level), shaped here like {@link getVideo}'s `playback`.
   */
  async listVideos({ status, limit, cursor } = {}) {
    const query = new URLSearchParams();
    if (status) query.set("status", status);
    if (limit) query.set("limit", String(limit));
    if (cursor) query.set("cursor", cursor);
    const qs = query.toString();
    const body = (await this.request("GET", `/videos${qs ? `?${qs}` : ""}`)) || {};
    return {
      videos: (body.videos || body.items || []).map(withPlayback),
      nextCursor: body.nextCursor || body.cursor || null,
    };
  }

  /** GET /videos/{id}. */
  getVideo(videoId) {
    return this.request("GET", `/videos/${encodeURIComponent(videoId)}`);
  }

  /** DELETE /videos/{id}: removes records, source and outputs. */
  deleteVideo(videoId) {
    return this.request("DELETE", `/videos/${encodeURIComponent(videoId)}`);
  }

  /** POST /videos/{id}/retry: encodes a PARTIALLY_READY video's failed renditions again; `{videoId, status, retrying}`. */
  retryVideo(videoId) {
    return this.request("POST", `/videos/${encodeURIComponent(videoId)}/retry`);
  }

  async request(method, path, body) {
    const headers = body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" };
    if (this.auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    let response;
    try {
      response = await this.fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, "NetworkError", `Cannot reach the API at ${this.baseUrl}. Check the connection and that the API is running.`);
    }
    if (this.auth && response.status === 401) {
      await this.signInAgain("The API refused the access token (401) even after signing in again. Sign out, then sign in with an account that may use this API.");
    } else if (this.auth && response.ok) {
      this.auth.accepted();
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = json && json.error;
      throw new ApiError(
        response.status,
        (error && error.code) || `Http${response.status}`,
        (error && error.message) || `The API answered ${response.status} ${response.statusText || ""}`.trim(),
      );
    }
    return json;
  }

  /** The access token, or (none left: expired and not refreshable) on to the sign-in page. */
  async accessToken() {
    return (await this.auth.accessToken()) || this.signInAgain("Your session has ended and signing in again did not help. Sign in again.");
  }

  /** Never returns: either the page leaves for the sign-in provider or the request fails with `message`. */
  async signInAgain(message) {
    let leaving;
    try {
      leaving = await this.auth.signInAgain();
    } catch (error) {
      throw new ApiError(401, "SignInFailed", error.message);
    }
    if (leaving) await new Promise(() => {}); // the browser is on its way to the provider: nothing to show
    throw new ApiError(401, "Unauthorized", message);
  }
}
