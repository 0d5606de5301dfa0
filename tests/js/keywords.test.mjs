import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";

import {
    correctTypos,
    keywordTokens,
    oneEditApart,
    queryTerms,
    splitPlace,
} from "../../theme/static/keywords.js";
import { shardOf } from "../../theme/static/shards.js";
import { placeNames } from "../../theme/static/location.js";

const lunr = createRequire(import.meta.url)("lunr");

// keywordScores is checked against a lunr.js index over built shards in
// tests/test_keyword_index.py and tests/test_search.py.
describe("query terms", () => {
    test("stop words are dropped rather than required, and punctuation trimmed", () => {
        assert.deepEqual(keywordTokens("help with the washing,", lunr).map(String), ["help", "washing"]);
        assert.deepEqual(keywordTokens("with the ...", lunr), []);
    });

    test("words are stemmed as lunr.js stems them, repeats kept", () => {
        assert.deepEqual(queryTerms("Bright Days days", lunr), ["bright", "day", "day"]);
    });
});

describe("shardOf", () => {
    test("is FNV-1a of the UTF-8 bytes, as the build computes it", () => {
        // Published FNV-1a 32-bit test vectors, and a non-ASCII word.
        assert.equal(shardOf("a", 2 ** 32), 0xe40c292c);
        assert.equal(shardOf("foobar", 2 ** 32), 0xbf9cf968);
        assert.equal(shardOf("café", 2 ** 32), 0xa82b5049);
        assert.equal(shardOf("café", 64), 0xa82b5049 % 64);
    });
});

describe("splitPlace", () => {
    const names = placeNames(["Ely", "Bar Hill", "St Ives", "St Ives (Cambridgeshire)"]);

    test("takes the longest place name out of the keywords", () => {
        assert.deepEqual(splitPlace("washing Ely", names), { keywords: "washing", place: "Ely" });
        assert.deepEqual(splitPlace("cleaning bar hill weekly", names), {
            keywords: "cleaning weekly",
            place: "bar hill",
        });
        assert.deepEqual(splitPlace("washing", names), { keywords: "washing", place: "" });
    });
});

describe("typo correction", () => {
    // search/words.json, read into a Map: the words of names, summaries, towns and labels, with counts.
    const counts = new Map([
        ["ely", 2],
        ["cleaners", 1],
        ["cleaning", 2],
        ["and", 1],
        ["washing", 1],
    ]);

    test("one letter added, removed, changed or swapped is one edit", () => {
        for (const [a, b] of [
            ["cleening", "cleaning"],
            ["claening", "cleaning"],
            ["cleanng", "cleaning"],
            ["cleaaning", "cleaning"],
        ]) {
            assert.ok(oneEditApart(a, b), `${a} ${b}`);
        }
        assert.ok(!oneEditApart("clxxning", "cleaning"));
        assert.ok(!oneEditApart("cleaning", "cleaning"));
    });

    test("replaces unknown words with the most common directory word one letter away", () => {
        assert.equal(correctTypos("cleening", counts), "cleaning");
        assert.equal(correctTypos("washin Ely", counts), "washing Ely");
    });

    test("leaves known, short and hopeless words alone", () => {
        assert.equal(correctTypos("cleaning", counts), null);
        assert.equal(correctTypos("xqzxqz", counts), null);
        assert.equal(correctTypos("Elx", counts), null);
    });
});
