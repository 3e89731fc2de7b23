/**
 * The console's entry point: a hash router over three pages.
 *   #/upload            upload files
 *   #/library           the catalog
 *   #/watch/{videoId}   the player
 * Hash routes keep the console a set of static files that any host (vod local, S3 + CloudFront)
 * can serve without rewrite rules. With `auth` in config.js the pages wait for a sign-in first
 * (js/auth.js); without it (vod local) they show at once.
 */
import { Api } from "./api.js";
import { authFromConfig } from "./auth.js";
import { apiBaseUrl, uploadConcurrency } from "./settings.js";
import { renderUploadPage } from "./pages/upload.js";
import { renderLibraryPage } from "./pages/library.js";
import { renderPlayerPage } from "./pages/player.js";
import { renderSignInError, renderSignInPage } from "./pages/signin.js";

const main = document.getElementById("main");
let context = null;
let unmount = () => {};

function route() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [page, ...rest] = hash.split("/");
  unmount();
  main.replaceChildren();
  document.title = "Serverless VOD";
  let current = "upload";
  if (page === "library") {
    current = "library";
    unmount = renderLibraryPage(main, context);
  } else if (page === "watch" && rest.length > 0) {
    current = "library";
    unmount = renderPlayerPage(main, { ...context, videoId: decodeURIComponent(rest.join("/")) });
  } else {
    unmount = renderUploadPage(main, context);
  }
  document.body.dataset.page = page === "watch" ? "watch" : current;
  for (const link of document.querySelectorAll(".nav__link")) {
    if (link.dataset.route === current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** The pages, once signed in (or when there is no sign-in). */
function startConsole(auth) {
  const api = new Api(apiBaseUrl(), undefined, auth);
  context = {
    api,
    concurrency: uploadConcurrency(),
    watchUrl: (videoId) => `#/watch/${encodeURIComponent(videoId)}`,
  };
  window.addEventListener("hashchange", () => {
    route();
    main.focus({ preventScroll: true });
  });
  route();
}

/** The header's "Signed in as … / Sign out". */
function showAccount(auth) {
  const account = document.getElementById("account");
  document.getElementById("account-name").textContent = auth.userName || "Signed in";
  document.getElementById("sign-out").addEventListener("click", async () => {
    unmount();
    unmount = () => {};
    account.hidden = true;
    if (!(await auth.signOut())) window.location.reload(); // no provider sign-out: back to "Sign in"
  });
  account.hidden = false;
}

/** Until signed in, the pages (and the navigation to them) are not there. */
function showSignedOut(render) {
  document.querySelector(".nav").hidden = true;
  render();
}

async function start() {
  let auth;
  try {
    auth = authFromConfig();
    if (auth) await auth.completeSignIn();
  } catch (error) {
    showSignedOut(() => renderSignInError(main, auth, error));
    return;
  } finally {
    // Here the address is the user's again (a sign-in's `code` and `state` are gone, `?api=` is back).
    document.getElementById("api-base").textContent = apiBaseUrl();
  }
  if (auth && !auth.signedIn) {
    showSignedOut(() => renderSignInPage(main, auth));
    return;
  }
  if (auth) showAccount(auth);
  startConsole(auth);
}

start();
