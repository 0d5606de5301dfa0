/*
 * The search a resident last opened a provider from, kept in sessionStorage
 * (this tab only) so the provider page can offer "Back to your results".
 * Addresses are site paths with their query, like /search/?location=Ely.
 */
const KEY = "care-directory-last-search";

/**
 * Remember that the provider `slug` was opened from the search at `address`,
 * where `shown` results were listed.
 */
export function rememberSearch(slug, address, shown) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ slug, address, shown }));
  } catch {
    // Storage may be off or full: the link is a convenience, the page works without it.
  }
}

function saved() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

/** The search address the provider `slug` was opened from, or null. */
export function lastSearchFor(slug) {
  const last = saved();
  // Only a path on this site: never a link elsewhere, whatever is in storage.
  const onThisSite = typeof last?.address === "string" && /^\/(?![/\\])/.test(last.address);
  return onThisSite && last.slug === slug ? last.address : null;
}

/**
 * When the search page at `address` is the one a provider was last opened
 * from: {slug, shown}, the provider and how many results were listed; else null.
 */
export function returningTo(address) {
  const last = saved();
  const shown = Number(last?.shown);
  return last?.address === address && typeof last.slug === "string" && Number.isInteger(shown) && shown > 0
    ? { slug: last.slug, shown }
    : null;
}
