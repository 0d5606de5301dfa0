// Prettier: its defaults, with lines as long as the project's Python and
// templates use (the scripts read better without wrapping every call).
"use strict";

module.exports = {
  printWidth: 110,
};
