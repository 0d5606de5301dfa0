/*
 * The search a resident last opened a provider from, kept in sessionStorage
 * (this tab only) so the provider page can offer "Back to your results".
 * Addresses are site paths with their query, like /search/?location=Ely.
 */
const KEY = "care-directory-last-search";

/** Remember that the provider `slug` was opened from the search at `address`. */
export function rememberSearch(slug, address) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ slug, address }));
  } catch {
    // Storage may be off or full: the link is a convenience, the page works without it.
  }
}

/** The search address the provider `slug` was opened from, or null. */
export function lastSearchFor(slug) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    // Only a path on this site: never a link elsewhere, whatever is in storage.
    const onThisSite = typeof saved?.address === "string" && /^\/(?![/\\])/.test(saved.address);
    return onThisSite && saved.slug === slug ? saved.address : null;
  } catch {
    return null;
  }
}
