/*
 * Provider pages: adds an "Add to shortlist" button to each element marked
 * data-shortlist-slug and data-shortlist-name. Without JavaScript no
 * buttons appear and nothing else changes.
 */
import { shortlistControl } from "./shortlist-control.js";

for (const placeholder of document.querySelectorAll("[data-shortlist-slug]")) {
  placeholder.append(shortlistControl(placeholder.dataset.shortlistSlug, placeholder.dataset.shortlistName));
}
