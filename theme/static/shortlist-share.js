/*
 * Sharing a shortlist and counting it, in words. A shared shortlist is a
 * link to the shortlist page with the providers' slugs in the address
 * (shortlist/?p=slug-a,slug-b): slugs only, nothing about the resident, and
 * nothing is sent anywhere until someone opens the link. No DOM here, so
 * this module runs in Node.
 */
import { LIMIT } from "./shortlist-store.js";

/** The address parameter that carries the slugs. */
export const SHARE_PARAM = "p";

/**
 * The slugs in a shared link's query string ("?p=a,b"), in order, each once,
 * at most LIMIT. Anything may be typed into an address: a slug that is not
 * listed is only ever counted ("1 provider in this link is no longer
 * listed"), never shown. null when the address has no p parameter, so the
 * page shows the resident's own list.
 */
export function sharedSlugs(search) {
  const params = new URLSearchParams(search);
  if (!params.has(SHARE_PARAM)) {
    return null;
  }
  const slugs = params
    .get(SHARE_PARAM)
    .split(",")
    .map((slug) => slug.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(slugs)].slice(0, LIMIT);
}

/** The shortlist page's address for these slugs, below the site's base path ("/" or "/directory/"). */
export function sharePath(base, slugs) {
  // Slugs need no escaping, and commas left as they are keep the link readable.
  return `${base}shortlist/?${SHARE_PARAM}=${slugs.join(",")}`;
}

/** True when two lists hold the same slugs in the same order. */
export function sameList(a, b) {
  return a.length === b.length && a.every((slug, i) => slug === b[i]);
}

/** "1 provider" or "3 providers". */
export function providersInWords(count) {
  return `${count} ${count === 1 ? "provider" : "providers"}`;
}

/** What to say about providers that are no longer listed, from a shared link or the resident's own list. */
export function goneWords(gone, shared) {
  if (!gone) {
    return "";
  }
  if (shared) {
    return gone === 1
      ? "1 provider in this link is no longer listed."
      : `${gone} providers in this link are no longer listed.`;
  }
  return gone === 1
    ? "1 provider on your shortlist is no longer listed, so it was removed."
    : `${gone} providers on your shortlist are no longer listed, so they were removed.`;
}

/**
 * What the "save this shortlist" offer says, given the resident's own list:
 * saving never replaces their list without saying so first.
 */
export function saveOffer(shared, own) {
  if (sameList(shared, own)) {
    return { canSave: false, text: "This is the same as the shortlist saved in this browser." };
  }
  if (!own.length) {
    return {
      canSave: true,
      text: "You can save these providers as your shortlist in this browser.",
      button: "Save as your shortlist",
    };
  }
  return {
    canSave: true,
    text: `You already have ${providersInWords(own.length)} on your shortlist in this browser. Saving these instead will replace them.`,
    button: `Replace your shortlist with these ${providersInWords(shared.length)}`,
  };
}

/**
 * The service navigation's shortlist link: the count shown after its text,
 * and its accessible name ("Shortlist, 3 providers"), which speaks the
 * count in words. null for an empty shortlist: the link says "Shortlist".
 */
export function navCount(count, text = "Shortlist") {
  if (!count) {
    return null;
  }
  return { visible: ` (${count})`, label: `${text}, ${providersInWords(count)}` };
}
