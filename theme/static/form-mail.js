/*
 * Forms sent by e-mail (forms.delivery: email in the site config). When the
 * resident sends the form, the message opened in their e-mail program holds
 * each question and its answer, rather than the browser's own name=value
 * lines, and the page shows the same text to copy if no e-mail program
 * opens. Without JavaScript the browser sends the form to the same mailto:
 * address itself. `build.py review-add` reads both kinds of message.
 */

import { questionOf } from "./form-questions.js";
import { mailtoHref, messageBody } from "./mail-message.js";

/** [question, field name, answer] for each answered field the resident sees. */
function answers(form) {
  const entries = [];
  for (const control of form.elements) {
    const skipped = !control.name || control.type === "hidden" || control.type === "submit";
    const unchecked = (control.type === "radio" || control.type === "checkbox") && !control.checked;
    if (skipped || unchecked || control.closest("[hidden]") || !control.value.trim()) {
      continue;
    }
    const answer = control.type === "checkbox" ? "Yes" : control.value.trim();
    entries.push([questionOf(control), control.name, answer]);
  }
  return entries;
}

function composeOnSubmit(form) {
  const composed = form.nextElementSibling?.matches("[data-mail-composed]") ? form.nextElementSibling : null;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const hidden = [...form.elements].filter((c) => c.type === "hidden" && c.name);
    const body = messageBody([...answers(form), ...hidden.map((c) => [c.name, c.name, c.value])]);
    if (composed) {
      composed.querySelector("[data-mail-text]").textContent = body;
      composed.hidden = false;
      composed.focus();
    }
    window.location.href = mailtoHref(form.dataset.mailTo, form.dataset.mailSubject, body);
  });
}

for (const form of document.querySelectorAll("form[data-mail-to]")) {
  composeOnSubmit(form);
}
