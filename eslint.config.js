// ESLint flat config: the recommended rules, with the globals each kind of
// file really has (browser modules in theme/static, Node for tests/js and
// the configs). CommonJS, because package.json has no "type": Node scripts
// such as tests/js/run_search.js and bench/query_timing.js use require().
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {
    // node_modules is ignored by default; tests/fixtures holds deliberately
    // broken sites for the quality gate's own tests.
    ignores: [".venv/", ".cache/", "output/", ".output-*/", "**/.*-spare/", "tests/fixtures/"],
  },
  js.configs.recommended,
  {
    files: ["theme/static/**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: globals.node },
  },
  {
    // Node scripts the build, the Python tests and benchmarks run, and the configs.
    files: ["tests/js/**/*.js", "bench/**/*.js", "care_directory/**/*.js", "*.config.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs", globals: globals.node },
  },
];
