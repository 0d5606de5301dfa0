// Times typical queries against a built site's search files with lunr.js
// and the page's own modules (search-plan.js, search-core.js).
// Usage: node query_timing.js OUTPUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const QUERIES = [
  "q=bath",
  "q=shopping",
  "q=cleaning",
  "q=dementia",
  "q=garden",
  "q=Wisbech",
  "q=Polish",
  "q=cooking+meals",
  "q=night+sitting",
  "q=trips+out",
  "location=CB4",
  "location=PE13+2AB",
  "service=washing-and-bathing&payment=direct-payments",
  "location=cb4+1ab&service=washing-and-bathing&payment=direct-payments",
  "district=fenland&accepting=yes",
  "location=Ely",
  "q=help+at+home&district=cambridge",
  "cqc=exempt&location=PE29",
  "language=Polish",
  "q=bright+days",
];

async function main() {
  const site = process.argv[2];
  const read = (file) => JSON.parse(fs.readFileSync(path.join(site, file), "utf8"));
  const asset = (file) => pathToFileURL(path.join(site, "assets", file)).href;
  const lunr = require(path.join(site, "assets", "lunr.min.js"));
  const core = await import(asset("search-core.js"));
  const { prepareSearch } = await import(asset("search-plan.js"));

  const started = process.hrtime.bigint();
  const index = lunr.Index.load(read("search/index.json"));
  const data = read("search/providers.json");
  const table = read("search/location.json");
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  // Files are read once, as the page fetches each once.
  const files = new Map();
  const load = async (file) => files.get(file) || files.set(file, read(file)).get(file);
  const fetching = { data, table, load, loadIndex: async () => [index, lunr] };

  const timings = [];
  for (const query of QUERIES) {
    const state = core.stateFromQuery(query);
    await prepareSearch(state, fetching); // warm the file cache
    const runs = [];
    for (let i = 0; i < 25; i++) {
      const start = process.hrtime.bigint();
      const outcome = await prepareSearch(state, fetching);
      const near = outcome.location && outcome.location.status === "found" ? outcome.location : null;
      core.search({ ...state, q: "" }, data, table, near, outcome.scores || null);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    runs.sort((a, b) => a - b);
    timings.push(runs[Math.floor(runs.length / 2)]);
  }
  timings.sort((a, b) => a - b);
  const pick = (q) => timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)];
  process.stdout.write(JSON.stringify({ loadMs, medianMs: pick(0.5), p95Ms: pick(0.95) }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
