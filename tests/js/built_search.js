// Loads a built site's search into Node as the page has it: lunr.js from
// assets/, the page's own modules, the search/*.json files, and the
// fetching that search-plan.js is given (each file read once).
// Shared by tests/js/run_search.js and bench/query_timing.js.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

/** {lunr, core, field, prepareSearch, loadCards, keywords, fetching} for the site built in `site`. */
async function loadBuiltSearch(site) {
  const asset = (file) => pathToFileURL(path.join(site, "assets", file)).href;
  const lunr = require(path.join(site, "assets", "lunr.min.js"));
  const core = await import(asset("search-core.js"));
  const { prepareSearch, loadCards } = await import(asset("search-plan.js"));
  const keywords = await import(asset("keywords.js"));
  const { field } = await import(asset("record.js"));
  const files = new Map();
  const load = async (file) => {
    if (!files.has(file)) {
      files.set(file, JSON.parse(fs.readFileSync(path.join(site, file), "utf8")));
    }
    return files.get(file);
  };
  const fetching = { load, loadLunr: async () => lunr };
  return { lunr, core, field, prepareSearch, loadCards, keywords, fetching };
}

/** The results a search state gives, as the page lists them, each with its card. */
async function runSearch(built, state) {
  const outcome = await built.prepareSearch(state, built.fetching);
  const near = outcome.location && outcome.location.status === "found" ? outcome.location : null;
  const scores = outcome.keywordsFailed ? null : outcome.scores || null;
  const found =
    outcome.location && !near
      ? []
      : built.core.search({ ...state, q: "" }, outcome.data, outcome.table, near, scores);
  const cards = await built.loadCards(
    found.map((result) => result.ref),
    built.fetching,
  );
  return { outcome, results: found.map((result, i) => ({ ...result, card: cards[i] })) };
}

module.exports = { loadBuiltSearch, runSearch };
