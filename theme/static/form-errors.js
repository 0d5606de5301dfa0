/*
 * Problems with a form's answers, shown the GOV.UK way. Without JavaScript
 * the browser's own checks (required, pattern, maxlength) stop a form sent
 * with a missing or malformed answer. With it, this script checks instead
 * and shows every problem at once: a "There is a problem" summary at the
 * top, linking to each question, and the message above each answer.
 * Registered before the e-mail composer, whose submit it stops when an
 * answer is wrong.
 */

import { element } from "./helpers.js";
import { focusQuestion, questionOf } from "./form-questions.js";

// GOV.UK's red border for each kind of field in a question with a problem.
const FIELD_ERROR_CLASS = {
  "govuk-input": "govuk-input--error",
  "govuk-textarea": "govuk-textarea--error",
  "govuk-select": "govuk-select--error",
};
const ERROR_CLASSES = ["govuk-form-group--error", ...Object.values(FIELD_ERROR_CLASS)];

/** The message for a control the browser's constraint checks refuse. */
function messageFor(control) {
  const question = questionOf(control);
  if (control.validity.valueMissing) {
    if (control.type === "radio") {
      return `Choose an answer to "${question}"`;
    }
    return control.type === "checkbox" ? `Tick "${question}" to send this form` : `Answer "${question}"`;
  }
  return `"${question}": ${control.validationMessage}`;
}

/** The first control of each question the browser would refuse (one problem per question). */
function problems(form) {
  const seen = new Set();
  const found = [];
  for (const control of form.elements) {
    if (!control.willValidate || control.validity.valid || control.closest("[hidden]")) {
      continue;
    }
    const group = control.closest(".govuk-form-group") || control;
    if (!seen.has(group)) {
      seen.add(group);
      found.push({ control, group, message: messageFor(control) });
    }
  }
  return found;
}

function clearProblems(form) {
  document.getElementById("form-error-summary")?.remove();
  for (const message of form.querySelectorAll(".govuk-error-message[data-form-error]")) {
    message.remove();
  }
  for (const marked of form.querySelectorAll(ERROR_CLASSES.map((name) => `.${name}`).join(", "))) {
    marked.classList.remove(...ERROR_CLASSES);
  }
  for (const control of form.querySelectorAll('[aria-describedby*="form-error-"]')) {
    const kept = control
      .getAttribute("aria-describedby")
      .split(" ")
      .filter((id) => !id.startsWith("form-error-"));
    if (kept.length) {
      control.setAttribute("aria-describedby", kept.join(" "));
    } else {
      control.removeAttribute("aria-describedby");
    }
  }
}

function showInline({ control, group, message }, number) {
  const error = element("p", "govuk-error-message");
  error.id = `form-error-${number}`;
  error.dataset.formError = "";
  error.append(element("span", "govuk-visually-hidden", "Error:"), ` ${message}`);
  const choices = group.querySelector(".govuk-radios, .govuk-checkboxes, .govuk-date-input");
  const before = choices || control;
  before.parentNode.insertBefore(error, before);
  group.classList.add("govuk-form-group--error");
  for (const [kind, errorClass] of Object.entries(FIELD_ERROR_CLASS)) {
    group.querySelectorAll(`.${kind}`).forEach((field) => field.classList.add(errorClass));
  }
  const describedBy = control.getAttribute("aria-describedby") || "";
  control.setAttribute("aria-describedby", `${describedBy} ${error.id}`.trim());
}

function showSummary(form, found) {
  const summary = element("div", "govuk-error-summary");
  summary.id = "form-error-summary";
  summary.tabIndex = -1;
  const alert = element("div");
  alert.setAttribute("role", "alert");
  const list = element("ul", "govuk-list govuk-error-summary__list");
  for (const problem of found) {
    const link = element("a", "", problem.message);
    link.href = `#${problem.control.id}`;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusQuestion(problem.control);
    });
    const item = element("li");
    item.append(link);
    list.append(item);
  }
  const body = element("div", "govuk-error-summary__body");
  body.append(list);
  alert.append(element("h2", "govuk-error-summary__title", "There is a problem"), body);
  summary.append(alert);
  const heading = document.querySelector("main h1") || form;
  heading.parentNode.insertBefore(summary, heading);
  return summary;
}

function checkOnSubmit(form) {
  const title = document.title;
  form.noValidate = true; // this script reports problems instead of the browser's bubbles
  form.addEventListener(
    "submit",
    (event) => {
      clearProblems(form);
      const found = problems(form);
      document.title = found.length ? `Error: ${title}` : title;
      if (!found.length) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation(); // nothing is composed or sent
      found.forEach(showInline);
      showSummary(form, found).focus();
    },
    { capture: true },
  );
}

for (const form of document.querySelectorAll("form[data-form-checked]")) {
  checkOnSubmit(form);
}
