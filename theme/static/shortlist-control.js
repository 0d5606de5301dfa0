/*
 * The "Add to shortlist" button and its status line for one provider, used
 * on provider pages (shortlist.js) and in search results (search-page.js).
 */
import { element, link } from "./helpers.js";
import { openShortlist } from "./shortlist-store.js";

/** The site's base path, which the layout puts on <body data-base>. */
export function siteBase() {
  return document.body.dataset.base || "/";
}

/** This site's shortlist in this browser's localStorage. */
export function browserShortlist() {
  return openShortlist(() => window.localStorage, siteBase());
}

function label(button, on, name) {
  button.textContent = on ? "Remove " : "Add ";
  button.append(element("span", "govuk-visually-hidden", `${name} `), on ? "from shortlist" : "to shortlist");
}

/** A shortlist button and its status line, for one provider. */
export function shortlistControl(slug, name) {
  const shortlist = browserShortlist();
  const wrapper = element("div", "app-shortlist-control");
  const button = element("button", "govuk-button govuk-button--secondary govuk-!-margin-bottom-1");
  button.type = "button";
  const status = element("p", "govuk-body-s");
  status.setAttribute("role", "status");
  label(button, shortlist.has(slug), name);
  button.addEventListener("click", () => {
    const message = shortlist.toggle(slug, name);
    label(button, shortlist.has(slug), name);
    status.textContent = `${message} `;
    if (shortlist.read().length > 0) {
      status.append(link(`${siteBase()}shortlist/`, "Compare your shortlist"));
    }
  });
  wrapper.append(button, status);
  return wrapper;
}
