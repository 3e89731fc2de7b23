/**
 * Signed playback (a stack deployed with `signedUrls`, or `vod local --signed-urls`): the API signs
 * one CloudFront custom policy for every file under `v/{videoId}/` and returns its query string as
 * `playback.signing.query`. Playlists name variants, segments and storyboard sprites with relative
 * URIs, which lose the playlist's query when resolved, so the player adds the query to each request
 * itself (see infra/README.md, "Signed playback").
 */

/** The video's signing query (`Policy=...&Signature=...&Key-Pair-Id=...`), or "" when unsigned. */
export function signingQuery(video) {
  return (video && video.playback && video.playback.signing && video.playback.signing.query) || "";
}

/** `url` with the signing query, unless there is none or the URL already carries a signature. */
export function withSigning(url, query) {
  if (!query || !url || /[?&]Key-Pair-Id=/.test(url)) return url;
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? "" : url.slice(hash);
  return `${base}${base.includes("?") ? "&" : "?"}${query}${fragment}`;
}
