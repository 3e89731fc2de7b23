/**
 * Where the console finds the API: `?api=URL` for one visit, else `window.SVOD_CONFIG.apiBase`
 * from config.js, else `/api` on the console's own origin (what `vod local` serves).
 *
 * With sign-in (`config.auth`) only config.js decides: every API call carries the bearer token,
 * and a link with `?api=` must not be able to send it to somebody else's server.
 */
const DEFAULT_API_BASE = "/api";

export function apiBaseUrl(locationLike = window.location, config = window.SVOD_CONFIG) {
  const fromQuery = config && config.auth ? null : new URLSearchParams(locationLike.search).get("api");
  const chosen = fromQuery || (config && config.apiBase) || DEFAULT_API_BASE;
  return chosen.replace(/\/+$/, "");
}

/** Parallel part uploads per file; browsers allow about six connections per host. */
export function uploadConcurrency(config = window.SVOD_CONFIG) {
  const value = Number(config && config.uploadConcurrency);
  return Number.isInteger(value) && value > 0 ? value : 4;
}
