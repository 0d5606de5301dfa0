import assert from "node:assert/strict";
import { test } from "node:test";

import { mailtoHref, messageBody } from "../../theme/static/mail-message.js";

test("the message gives each question, its field name and the answer, a blank line between", () => {
    const body = messageBody([
        ["How many stars?", "rating", "4"],
        ["Your review", "review", "Good.\r\nOn time."],
    ]);
    assert.equal(body, "How many stars? [rating]\r\n4\r\n\r\nYour review [review]\r\nGood.\r\nOn time.");
});

test("the subject and body are encoded, so the resident's words cannot add recipients", () => {
    const href = mailtoHref("team@example.org", "Review of A & B", "x&bcc=all@example.org\nnext");
    assert.equal(
        href,
        "mailto:team@example.org?subject=Review%20of%20A%20%26%20B&body=x%26bcc%3Dall%40example.org%0D%0Anext",
    );
});
