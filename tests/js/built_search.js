// Loads a built site's search into Node as the page has it: lunr.js from
// assets/, the page's own modules, the search/*.json files, and the
// fetching that search-plan.js is given (each file read once).
// Shared by tests/js/run_search.js and bench/query_timing.js.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

/** {lunr, core, field, prepareSearch, index, data, table, fetching, loadMs} for the site built in `site`. */
async function loadBuiltSearch(site) {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(site, file), "utf8"));
  const asset = (file) => pathToFileURL(path.join(site, "assets", file)).href;
  const lunr = require(path.join(site, "assets", "lunr.min.js"));
  const core = await import(asset("search-core.js"));
  const { prepareSearch } = await import(asset("search-plan.js"));
  const { field } = await import(asset("record.js"));
  const started = process.hrtime.bigint();
  const index = lunr.Index.load(read("search/index.json"));
  const data = read("search/providers.json");
  const table = read("search/location.json");
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const files = new Map();
  const load = async (file) => files.get(file) || files.set(file, read(file)).get(file);
  const fetching = { data, table, load, loadIndex: async () => [index, lunr] };
  return { lunr, core, field, prepareSearch, index, data, table, fetching, loadMs };
}

/** The results a search state gives, as the page lists them. */
async function runSearch(built, state) {
  const outcome = await built.prepareSearch(state, built.fetching);
  const near = outcome.location && outcome.location.status === "found" ? outcome.location : null;
  const results =
    outcome.location && !near
      ? []
      : built.core.search({ ...state, q: "" }, built.data, built.table, near, outcome.scores || null);
  return { outcome, results };
}

module.exports = { loadBuiltSearch, runSearch };
