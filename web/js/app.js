/**
 * The console's entry point: a hash router over three pages.
 *   #/upload            upload files
 *   #/library           the catalog
 *   #/watch/{videoId}   the player
 * Hash routes keep the console a set of static files that any host (vod local, S3 + CloudFront)
 * can serve without rewrite rules.
 */
import { Api } from "./api.js";
import { apiBaseUrl, uploadConcurrency } from "./settings.js";
import { renderUploadPage } from "./pages/upload.js";
import { renderLibraryPage } from "./pages/library.js";
import { renderPlayerPage } from "./pages/player.js";

const api = new Api(apiBaseUrl());
const main = document.getElementById("main");
const context = {
  api,
  concurrency: uploadConcurrency(),
  watchUrl: (videoId) => `#/watch/${encodeURIComponent(videoId)}`,
};
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

document.getElementById("api-base").textContent = api.baseUrl;
window.addEventListener("hashchange", () => {
  route();
  main.focus({ preventScroll: true });
});
route();
