// Times typical queries against a built site's search files with lunr.js
// and the page's own search-core.js. Usage: node query_timing.js OUTPUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");

const site = process.argv[2];
const read = (file) => JSON.parse(fs.readFileSync(path.join(site, file), "utf8"));
const lunr = require(path.join(site, "assets", "lunr.min.js"));
const CareSearch = require(path.join(site, "assets", "search-core.js"));

let started = process.hrtime.bigint();
const index = lunr.Index.load(read("search/index.json"));
const data = read("search/providers.json");
const postcodes = read("search/postcodes.json");
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;

const QUERIES = [
  "q=bath", "q=shopping", "q=cleaning", "q=dementia", "q=garden", "q=Wisbech", "q=Polish", "q=cooking+meals",
  "q=night+sitting", "q=trips+out", "postcode=CB4", "postcode=PE13+2AB", "service=washing-and-bathing&payment=direct-payments",
  "postcode=cb4+1ab&service=washing-and-bathing&payment=direct-payments", "district=fenland&accepting=yes", "group=carer-respite",
  "q=help+at+home&district=cambridge", "cqc=exempt&postcode=PE29", "language=Polish", "q=bright+days",
];
const timings = QUERIES.map((query) => {
  const state = CareSearch.stateFromQuery(query);
  const runs = [];
  for (let i = 0; i < 25; i++) {
    const start = process.hrtime.bigint();
    CareSearch.search(state, data, postcodes, index, lunr);
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
});
timings.sort((a, b) => a - b);
const pick = (q) => timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)];
process.stdout.write(JSON.stringify({ loadMs, medianMs: pick(0.5), p95Ms: pick(0.95) }));
