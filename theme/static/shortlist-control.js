/*
 * The "Add to shortlist" button and its status line for one provider, used
 * on provider pages (shortlist.js) and in search results (search-page.js).
 * Importing it also starts the shortlist count in the service navigation.
 */
import { element, link } from "./helpers.js";
import { SHORTLIST_CHANGED, siteBase } from "./shortlist-nav.js";
import { openShortlist } from "./shortlist-store.js";

export { siteBase };

/** This site's shortlist in this browser's localStorage; each change is announced to the page. */
export function browserShortlist() {
  const shortlist = openShortlist(() => window.localStorage, siteBase());
  function write(list) {
    const saved = shortlist.write(list);
    document.dispatchEvent(new CustomEvent(SHORTLIST_CHANGED));
    return saved;
  }
  function toggle(slug, name) {
    const message = shortlist.toggle(slug, name);
    document.dispatchEvent(new CustomEvent(SHORTLIST_CHANGED));
    return message;
  }
  return { ...shortlist, write, toggle };
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
