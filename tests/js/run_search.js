// Runs search cases through the files a built site serves: lunr.js from
// assets/, the page's search-core.js module (with the search-record.json
// contract beside it), and the search/*.json data.
// Usage: node run_search.js OUTPUT_DIR < cases.json > answers.json
// A case is {"scores": "text"} (the sharded index's keyword scores by ref),
// {"location": "text"} (where the location box places it) or {"query": "?a=b"}
// (the page's search).
"use strict";
const fs = require("fs");
const { loadBuiltSearch, runSearch } = require("./built_search.js");

async function main() {
  const built = await loadBuiltSearch(process.argv[2]);
  const { core, field } = built;

  function placed(location) {
    if (!location) {
      return null;
    }
    const { status, text, outcode, council, inArea, precision, fallback } = location;
    const options = location.options && location.options.map((place) => place.label);
    return { status, text, outcode, council, inArea, precision, fallback, options };
  }

  async function answer(testCase) {
    if ("scores" in testCase) {
      const manifest = await built.fetching.load("search/manifest.json");
      const loadShard = (shard) => built.fetching.load(`search/keywords/${shard}.json`);
      return built.keywords.keywordScores(testCase.scores, { manifest, loadShard, lunr: built.lunr });
    }
    const state = core.stateFromQuery(
      "location" in testCase ? { location: testCase.location } : testCase.query,
    );
    const { outcome, results } = await runSearch(built, state);
    return {
      location: placed(outcome.location),
      corrected: outcome.corrected || null,
      placeFromKeywords: outcome.placeFromKeywords,
      results: results.map((r) => {
        const slug = field.slug(r.card);
        return r.miles === null ? slug : [slug, r.sameDistrict ? 0 : Math.round(r.miles * 10) / 10];
      }),
      query: core.queryFromState(state),
    };
  }

  const cases = JSON.parse(fs.readFileSync(0, "utf8"));
  const answers = [];
  for (const testCase of cases) {
    answers.push(await answer(testCase));
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
