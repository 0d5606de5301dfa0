// Stylelint: the standard rules for SCSS.
"use strict";

module.exports = {
  extends: ["stylelint-config-standard-scss"],
  rules: {
    // GOV.UK Frontend names classes block__element--modifier (BEM), and the
    // theme's own app- classes follow it, so allow those instead of only
    // kebab-case.
    "selector-class-pattern": [
      "^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+(-[a-z0-9]+)*)?$",
      { message: (selector) => `Expected class selector "${selector}" to be BEM in kebab-case` },
    ],
  },
};
