// Runs search cases through the files a built site serves: lunr.js from
// assets/, the page's search-core.js module (with the search-record.json
// contract beside it), and the search/*.json data.
// Usage: node run_search.js OUTPUT_DIR < cases.json > answers.json
// A case is {"lunr": "text"} (lunr.js's own query parser),
// {"postcode": "text"} (normalisePostcode) or {"query": "?a=b"} (the page's search).
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

async function main() {
  const site = process.argv[2];
  const read = (file) => JSON.parse(fs.readFileSync(path.join(site, file), "utf8"));
  const asset = (file) => pathToFileURL(path.join(site, "assets", file)).href;
  const lunr = require(path.join(site, "assets", "lunr.min.js"));
  const core = await import(asset("search-core.js"));
  const { field } = await import(asset("record.js"));
  const data = read("search/providers.json");
  const postcodes = read("search/postcodes.json");
  const index = lunr.Index.load(read("search/index.json"));

  function answer(testCase) {
    if ("lunr" in testCase) {
      return index.search(testCase.lunr).map((hit) => [hit.ref, Math.round(hit.score * 1000) / 1000]);
    }
    if ("postcode" in testCase) {
      return core.normalisePostcode(testCase.postcode);
    }
    const state = core.stateFromQuery(testCase.query);
    const outcome = core.search(state, data, postcodes, index, lunr);
    return {
      postcode: outcome.postcode && outcome.postcode.status,
      results: outcome.results.map((r) => {
        const slug = field.slug(r.provider);
        return r.miles === null ? slug : [slug, Math.round(r.miles * 10) / 10];
      }),
      query: core.queryFromState(state),
    };
  }

  const cases = JSON.parse(fs.readFileSync(0, "utf8"));
  process.stdout.write(JSON.stringify(cases.map(answer)));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
