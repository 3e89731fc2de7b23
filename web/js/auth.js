/**
 * Sign-in for a console whose API sits behind a JWT authorizer (API Gateway HTTP API with an OIDC
 * issuer: Cognito, Auth0, Okta...): the OAuth 2.0 authorization code flow with PKCE (RFC 7636,
 * S256) for a public client, on Web Crypto and fetch. Active only when config.js has `auth`:
 *
 *   window.SVOD_CONFIG = { apiBase: "https://…", auth: { issuer: "https://issuer", clientId: "abc", scopes: "openid" } };
 *
 * Written here rather than taken from a library (oidc-client-ts and the like) because the console
 * is static files with no build step or package manager, and the flow is this one file.
 *
 * Tokens live in sessionStorage, not localStorage: they stay with this tab and go when it closes,
 * so a shared or borrowed computer keeps no bearer token on disk after the browser is closed and
 * other tabs cannot pick it up. Any script on the page could still read them (as with
 * localStorage), which is why the console never inserts HTML it did not write (js/dom.js).
 */
const TOKENS_KEY = "svod.auth.tokens";
const PENDING_KEY = "svod.auth.pending";
/** Set while an automatic sign-in (expired session, 401 from the API) is under way; see {@link Auth#signInAgain}. */
const AUTOMATIC_KEY = "svod.auth.automatic";
/** An access token this close to its expiry is refreshed first, so it does not expire in flight. */
const EXPIRY_MARGIN_MS = 30_000;
/** Parameters the provider adds to the redirect URI; removed from the address bar on return. */
const CALLBACK_PARAMS = ["code", "state", "error", "error_description", "error_uri", "session_state", "iss"];

/** A sign-in problem the console shows as is: a short title and what happened. */
export class AuthError extends Error {
  constructor(title, message) {
    super(message);
    this.name = "AuthError";
    this.title = title;
  }
}

/** The sign-in of `config.auth`, or null when the console runs without sign-in (`vod local`). */
export function authFromConfig(config = window.SVOD_CONFIG) {
  const auth = config && config.auth;
  if (!auth) return null;
  if (!auth.issuer || !auth.clientId) {
    throw new AuthError("Sign-in is not set up correctly", "config.js sets `auth` but not both `issuer` and `clientId`.");
  }
  return new Auth(auth);
}

export class Auth {
  constructor({ issuer, clientId, scopes, audience }) {
    this.issuer = String(issuer).replace(/\/+$/, "");
    this.clientId = clientId;
    this.scopes = scopes || "openid";
    // Auth0 issues a JWT access token only for an API it is told about; the others ignore it.
    this.audience = audience || null;
    this.discoveryPromise = null;
    this.refreshing = null;
    this.leaving = null;
  }

  /** The provider's host, to name it on the sign-in page. */
  get providerName() {
    try {
      return new URL(this.issuer).host;
    } catch {
      return this.issuer;
    }
  }

  get signedIn() {
    return Boolean(readJson(TOKENS_KEY));
  }

  /** Who is signed in, from the ID token's claims: for display only (the API checks the access token). */
  get userName() {
    const session = readJson(TOKENS_KEY);
    const claims = (session && jwtClaims(session.idToken)) || {};
    return claims.name || claims.email || claims.preferred_username || claims["cognito:username"] || claims.sub || null;
  }

  /** The OpenID configuration (`authorization_endpoint`, `token_endpoint`, `end_session_endpoint`), fetched once per page. */
  discovery() {
    if (!this.discoveryPromise) {
      this.discoveryPromise = loadDiscovery(this.issuer).catch((error) => {
        this.discoveryPromise = null;
        throw error;
      });
    }
    return this.discoveryPromise;
  }

  /**
   * Sends the browser to the provider's sign-in page. The PKCE verifier, the state and where the
   * user was (query and hash route) wait in sessionStorage for {@link completeSignIn}.
   */
  async signIn() {
    if (!window.crypto || !window.crypto.subtle) {
      throw new AuthError("Sign-in needs a secure page", "The browser offers Web Crypto only on HTTPS (or localhost); open the console over HTTPS.");
    }
    const { authorization_endpoint: endpoint } = await this.discovery();
    const verifier = randomToken(32);
    const state = randomToken(16);
    const redirectUri = consoleUrl();
    writeJson(PENDING_KEY, { state, verifier, redirectUri, search: window.location.search, hash: window.location.hash });
    const url = new URL(endpoint);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", this.clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("scope", this.scopes);
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", await s256(verifier));
    url.searchParams.set("code_challenge_method", "S256");
    if (this.audience) url.searchParams.set("audience", this.audience);
    window.location.assign(url.toString());
  }

  /** Sign-in the user asked for: any earlier automatic attempt no longer counts. */
  signInNow() {
    sessionStorage.removeItem(AUTOMATIC_KEY);
    return this.signIn();
  }

  /**
   * On the provider's redirect back (`?code=…&state=…` or `?error=…`): puts the address bar back as
   * the user left it (no code in the history, the hash route restored), checks the state and
   * exchanges the code for tokens. True when it signed in, false when this load is no redirect.
   */
  async completeSignIn() {
    const params = new URLSearchParams(window.location.search);
    if (!params.has("code") && !params.has("error")) return false;
    const pending = readJson(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    const search = pending ? pending.search : withoutCallbackParams(params);
    const hash = pending ? pending.hash : window.location.hash;
    window.history.replaceState(null, "", window.location.pathname + search + hash);

    // The state is checked before anything of the response is shown: a crafted link must not put
    // its own words on this origin as if the provider had said them.
    if (!pending) {
      throw new AuthError("Sign-in did not complete", "This tab received a sign-in response without having started a sign-in, so it was ignored. Sign in again.");
    }
    if (params.get("state") !== pending.state) {
      throw new AuthError("Sign-in did not complete", "The sign-in response does not belong to the sign-in this tab started (its state does not match), so it was ignored. Sign in again.");
    }
    if (params.has("error")) {
      const description = params.get("error_description");
      throw new AuthError("Sign-in did not complete", `The sign-in provider answered "${params.get("error")}"${description ? `: ${description}` : ""}.`);
    }
    const { token_endpoint: endpoint } = await this.discovery();
    const tokens = await tokenRequest(endpoint, {
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: pending.redirectUri,
      client_id: this.clientId,
      code_verifier: pending.verifier,
    });
    saveTokens(tokens, null);
    return true;
  }

  /**
   * A valid access token: the stored one, or a refreshed one when it (nearly) expired and the
   * provider issued a refresh token. Null when there is none: the caller signs in again.
   */
  async accessToken() {
    const session = readJson(TOKENS_KEY);
    if (!session) return null;
    if (!session.expiresAt || Date.now() < session.expiresAt - EXPIRY_MARGIN_MS) return session.accessToken;
    if (!session.refreshToken) return null;
    if (!this.refreshing) {
      this.refreshing = this.refresh(session).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  async refresh(session) {
    try {
      const { token_endpoint: endpoint } = await this.discovery();
      const tokens = await tokenRequest(endpoint, { grant_type: "refresh_token", refresh_token: session.refreshToken, client_id: this.clientId });
      return saveTokens(tokens, session).accessToken;
    } catch {
      clearTokens();
      return null;
    }
  }

  /**
   * Signs in again on its own (the session ended, the API answered 401), but once only: if the API
   * still refuses after that sign-in, the caller shows an error instead of going round in a loop.
   * True when the page is on its way to the provider; false when the one attempt was spent.
   */
  async signInAgain() {
    if (this.leaving) return true;
    if (sessionStorage.getItem(AUTOMATIC_KEY)) return false;
    sessionStorage.setItem(AUTOMATIC_KEY, "1");
    clearTokens();
    this.leaving = this.signIn().then(
      () => true,
      (error) => {
        this.leaving = null;
        throw error;
      },
    );
    return this.leaving;
  }

  /** The API accepted the token: a later 401 may sign in again on its own. */
  accepted() {
    sessionStorage.removeItem(AUTOMATIC_KEY);
  }

  /**
   * Forgets the tokens, then ends the provider's session through its `end_session_endpoint` when it
   * has one (it returns to the console). True when the page is leaving for the provider.
   */
  async signOut() {
    const session = readJson(TOKENS_KEY);
    clearTokens();
    sessionStorage.removeItem(AUTOMATIC_KEY);
    let endpoint = null;
    try {
      endpoint = (await this.discovery()).end_session_endpoint;
    } catch {
      // Signed out of the console; the provider cannot be told, which the next sign-in survives.
    }
    if (!endpoint) return false;
    const url = new URL(endpoint);
    if (session && session.idToken) url.searchParams.set("id_token_hint", session.idToken);
    url.searchParams.set("client_id", this.clientId);
    url.searchParams.set("post_logout_redirect_uri", consoleUrl());
    window.location.assign(url.toString());
    return true;
  }
}

async function loadDiscovery(issuer) {
  const url = `${issuer}/.well-known/openid-configuration`;
  let response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch {
    throw new AuthError("Cannot reach the sign-in provider", `${url} did not answer (is the issuer right, and does it allow this origin?).`);
  }
  const body = response.ok ? await response.json().catch(() => null) : null;
  if (!body || !body.authorization_endpoint || !body.token_endpoint) {
    const why = response.ok ? "is not an OpenID configuration" : `answered ${response.status}`;
    throw new AuthError("Cannot reach the sign-in provider", `${url} ${why}.`);
  }
  return body;
}

/** A form POST to the token endpoint (a CORS-safelisted request: the endpoint must allow this origin). */
async function tokenRequest(endpoint, params) {
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params),
    });
  } catch {
    throw new AuthError("Cannot reach the sign-in provider", `The token endpoint ${endpoint} did not answer; it must allow ${window.location.origin} through CORS, and the page's Content-Security-Policy must allow it (connect-src).`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || !body || !body.access_token) {
    const detail = body && body.error ? `"${body.error}"${body.error_description ? `: ${body.error_description}` : ""}` : `${response.status} without an access token`;
    throw new AuthError("Sign-in did not complete", `The sign-in provider's token endpoint answered ${detail}.`);
  }
  return body;
}

/** Stores a token response; a refresh answer may leave out the refresh and ID tokens, which stay. */
function saveTokens(tokens, previous) {
  const expiresIn = Number(tokens.expires_in);
  const exp = (jwtClaims(tokens.access_token) || {}).exp;
  const session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token || (previous && previous.refreshToken) || null,
    idToken: tokens.id_token || (previous && previous.idToken) || null,
    expiresAt: expiresIn > 0 ? Date.now() + expiresIn * 1000 : Number.isFinite(exp) ? exp * 1000 : null,
  };
  writeJson(TOKENS_KEY, session);
  return session;
}

function clearTokens() {
  sessionStorage.removeItem(TOKENS_KEY);
}

/** The redirect URI: the console's address without query or hash (what the provider has registered). */
function consoleUrl() {
  return window.location.origin + window.location.pathname.replace(/index\.html$/, "");
}

function withoutCallbackParams(params) {
  const kept = new URLSearchParams(params);
  for (const name of CALLBACK_PARAMS) kept.delete(name);
  const text = kept.toString();
  return text ? `?${text}` : "";
}

function randomToken(bytes) {
  return base64Url(window.crypto.getRandomValues(new Uint8Array(bytes)));
}

async function s256(verifier) {
  const digest = await window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function base64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A JWT's payload, unverified: good for names and expiry hints, never for trust. */
function jwtClaims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

function readJson(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  sessionStorage.setItem(key, JSON.stringify(value));
}
