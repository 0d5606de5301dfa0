/*
 * The e-mail a form composes (form-mail.js), kept apart from the page so
 * Node's test runner can check it: build.py review-add reads this layout.
 */

/** The e-mail body: each question with its field name in brackets, then the answer, a blank line between. */
export function messageBody(entries) {
  return entries.map(([question, name, answer]) => `${question} [${name}]\r\n${answer}`).join("\r\n\r\n");
}

/** A mailto: address with the subject and body encoded (line breaks as %0D%0A, as RFC 6068 asks). */
export function mailtoHref(address, subject, body) {
  const crlf = body.replace(/\r?\n/g, "\r\n");
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}
