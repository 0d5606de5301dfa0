// Times typical queries against a built site's search files with lunr.js
// and the page's own modules (search-plan.js, search-core.js).
// Usage: node query_timing.js OUTPUT_DIR
"use strict";
const path = require("path");
const { loadBuiltSearch, runSearch } = require(path.join(__dirname, "..", "tests", "js", "built_search.js"));

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
  const built = await loadBuiltSearch(process.argv[2]);
  const timings = [];
  for (const query of QUERIES) {
    const state = built.core.stateFromQuery(query);
    await runSearch(built, state); // the page fetches each file once: warm them
    const runs = [];
    for (let i = 0; i < 25; i++) {
      const start = process.hrtime.bigint();
      await runSearch(built, state);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    runs.sort((a, b) => a - b);
    timings.push(runs[Math.floor(runs.length / 2)]);
  }
  timings.sort((a, b) => a - b);
  const pick = (q) => timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)];
  process.stdout.write(JSON.stringify({ medianMs: pick(0.5), p95Ms: pick(0.95) }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
