/** The pages of a console with sign-in (js/auth.js) before it can show anything else. */
import { h, replaceChildren } from "../dom.js";
import { errorState, loadingState } from "../components.js";

/** "Sign in" with the provider's name; the button starts the redirect (its errors show here). */
export function renderSignInPage(root, auth) {
  const button = h("button", { class: "btn btn--primary", type: "button", id: "sign-in" }, "Sign in");
  button.addEventListener("click", () => startSignIn(root, auth));
  replaceChildren(
    root,
    h(
      "section",
      { class: "signin", "aria-labelledby": "signin-title" },
      h(
        "div",
        { class: "state signin__card" },
        h("span", { class: "brand__mark", "aria-hidden": "true" }),
        h("h1", { id: "signin-title" }, "Sign in"),
        h("p", {}, "The console shows your uploads and videos once you have signed in with ", h("strong", {}, auth.providerName), "."),
        button,
      ),
    ),
  );
  document.title = "Sign in · Serverless VOD";
  document.body.dataset.page = "signin";
}

/** A sign-in that went wrong, in plain words, with the way back. */
export function renderSignInError(root, auth, error) {
  const title = error.title || "Sign-in did not complete";
  replaceChildren(
    root,
    h(
      "section",
      { class: "signin", id: "signin-error" },
      errorState(title, error.message || String(error), auth ? () => startSignIn(root, auth) : null, "Sign in again"),
    ),
  );
  document.title = "Sign-in problem · Serverless VOD";
  document.body.dataset.page = "signin";
}

async function startSignIn(root, auth) {
  replaceChildren(root, loadingState(`Opening ${auth.providerName}…`));
  try {
    await auth.signInNow();
  } catch (error) {
    renderSignInError(root, auth, error);
  }
}
