// Ranks the same keyword searches two ways, for tests/test_keyword_index.py:
// with a single lunr.js 2.3.9 index built here over the given documents (the
// reference), and with the sharded index the build wrote, scored by the
// page's keywords.js. Both are ranked as the page ranks: score, then ref.
// Usage: node keyword_parity.js SITE_DIR < {documents, fields, queries} > answers.json
// documents[i] is ref i's field texts; fields is [[name, boost], ...].
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

function ranked(pairs) {
  return pairs.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

async function main() {
  const site = process.argv[2];
  const lunr = require(path.join(site, "assets", "lunr.min.js"));
  const keywords = await import(pathToFileURL(path.join(site, "assets", "keywords.js")).href);
  const read = (file) => JSON.parse(fs.readFileSync(path.join(site, "search", file), "utf8"));
  const { documents, fields, queries } = JSON.parse(fs.readFileSync(0, "utf8"));

  const reference = lunr(function build() {
    this.ref("ref");
    for (const [name, boost] of fields) {
      this.field(name, { boost });
    }
    documents.forEach((document, ref) => this.add({ ...document, ref: String(ref) }));
  });
  const fetching = {
    manifest: read("manifest.json"),
    loadShard: async (shard) => read(`keywords/${shard}.json`),
    lunr,
  };

  const answers = [];
  for (const text of queries) {
    const tokens = keywords.keywordTokens(text, lunr);
    if (!tokens.length) {
      // No words left (stop words only): no keyword scores, so nothing is ranked by them.
      answers.push({ lunr: null, sharded: await keywords.keywordScores(text, fetching) });
      continue;
    }
    const hits = reference.query((query) => {
      for (const token of tokens) {
        query.term(token, { presence: lunr.Query.presence.REQUIRED });
      }
    });
    const scores = (await keywords.keywordScores(text, fetching)) || {};
    answers.push({
      lunr: ranked(hits.map((hit) => [Number(hit.ref), hit.score])),
      sharded: ranked(Object.entries(scores).map(([ref, score]) => [Number(ref), score])),
    });
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
