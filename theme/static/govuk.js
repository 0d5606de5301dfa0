/*
 * GOV.UK Frontend's own JavaScript, for the components a page marks with
 * data-module (the search page's error summary and checkboxes).
 */
import { initAll } from "./govuk-frontend.min.js";

/**
 * Mark the body govuk-frontend-supported (GOV.UK's page template does this
 * with an inline script, which this site's Content Security Policy forbids)
 * and start every component on the page.
 */
export function startGovukFrontend() {
  document.body.classList.add("govuk-frontend-supported");
  initAll();
}
