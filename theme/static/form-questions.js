/*
 * What the resident reads as the question a form control answers: the
 * legend of its group of radios or checkboxes, or its own label. Shared by
 * the e-mail composer and the error summary.
 */

/** The question's text for a control, its name when it has no label. */
export function questionOf(control) {
  const fieldset = control.type === "radio" ? control.closest("fieldset") : null;
  const question = fieldset ? fieldset.querySelector("legend") : control.labels[0];
  return question ? question.textContent.trim().replace(/\s+/g, " ") : control.name;
}

/** Move focus to a control with its question in view, as GOV.UK Frontend's error summary does. */
export function focusQuestion(control) {
  control.focus({ preventScroll: true });
  const fieldset =
    control.type === "radio" || control.type === "checkbox" ? control.closest("fieldset") : null;
  const question = fieldset ? fieldset.querySelector("legend") : control.labels[0];
  (question || control).scrollIntoView();
}
