/*
 * "Shortlist (3)" in the service navigation: the count of providers on the
 * shortlist in this browser, kept up to date as providers are added or
 * removed on this page or in another tab. Screen readers hear
 * "Shortlist, 3 providers". Without JavaScript the link says "Shortlist".
 * Pages without a script of their own load this module (base.html); the
 * others load it through shortlist-control.js.
 */
import { element } from "./helpers.js";
import { navCount } from "./shortlist-share.js";
import { openShortlist, storageKey } from "./shortlist-store.js";

/** The event on document after this page changes the shortlist. */
export const SHORTLIST_CHANGED = "care-directory:shortlist-changed";

/** The site's base path, which the layout puts on <body data-base>. */
export function siteBase() {
  return document.body.dataset.base || "/";
}

function startNavCount(navLink) {
  const shortlist = openShortlist(() => window.localStorage, siteBase());
  const count = element("span", "app-nav-count");

  const text = navLink.textContent.trim();

  const update = () => {
    const words = navCount(shortlist.read().length, text);
    // The name is set whole: Chromium hears a visually hidden part as a separate word.
    count.textContent = words ? words.visible : "";
    if (words) {
      navLink.setAttribute("aria-label", words.label);
    } else {
      navLink.removeAttribute("aria-label");
    }
  };

  navLink.append(count);
  update();
  document.addEventListener(SHORTLIST_CHANGED, update);
  // Another tab changed the shortlist (key is null when storage was cleared).
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === storageKey(siteBase())) {
      update();
    }
  });
}

const navLink = document.querySelector("[data-shortlist-nav]");
if (navLink) {
  startNavCount(navLink);
}
