/*
 * "Back to your results" on a provider page, when the resident opened it
 * from the search page in this tab: search-page.js keeps the search's
 * address in sessionStorage (this tab only, gone when it closes; no cookie).
 */
import { lastSearchFor } from "./last-search.js";

const back = document.getElementById("back-to-results");
const slug = document.querySelector("[data-shortlist-slug]")?.dataset.shortlistSlug;
const address = back && slug ? lastSearchFor(slug) : null;
if (address) {
  back.querySelector("a").href = address;
  back.hidden = false;
}
