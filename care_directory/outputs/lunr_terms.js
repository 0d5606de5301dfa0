// The terms lunr.js 2.3.9 indexes for each word: lunr.Builder's own pipeline
// (its tokenizer's lower case, trimmer, stop word filter and stemmer), so the
// keyword index (care_directory/outputs/keyword_index.py) holds exactly the
// terms the search page's lunr.js makes of what residents type.
// Usage: node lunr_terms.js LUNR_JS < words.json > terms.json
// Each word (already split on lunr's separators) gives its term, or null
// when lunr drops it (a stop word).
"use strict";
const fs = require("fs");

const lunr = require(process.argv[2]);
const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

const words = JSON.parse(fs.readFileSync(0, "utf8"));
const terms = words.map((word) => {
  const [term] = pipeline.run(lunr.tokenizer(word));
  return term === undefined ? null : term.toString();
});
process.stdout.write(JSON.stringify(terms));
