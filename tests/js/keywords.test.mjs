import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";

import {
    correctTypos,
    keywordScores,
    keywordTokens,
    oneEditApart,
    splitPlace,
    vocabulary,
} from "../../theme/static/keywords.js";
import { placeNames } from "../../theme/static/location.js";
import { places } from "./places.mjs";
import { provider } from "./records.mjs";

const lunr = createRequire(import.meta.url)("lunr");

const documents = [
    { ref: "0", name: "Ely Evening Care", summary: "Washing and dressing in Ely" },
    { ref: "1", name: "Ely Cleaners", summary: "Cleaning in Ely" },
    { ref: "2", name: "Bright Days", summary: "Washing at home" },
];
const index = lunr(function build() {
    this.ref("ref");
    this.field("name");
    this.field("summary");
    documents.forEach((document) => this.add(document));
});

describe("keywordScores", () => {
    test("every word must match, in any field", () => {
        assert.deepEqual(Object.keys(keywordScores("washing Ely", index, lunr)), ["0"]);
        assert.deepEqual(Object.keys(keywordScores("washing", index, lunr)).sort(), ["0", "2"]);
        assert.deepEqual(keywordScores("washing nowhere", index, lunr), {});
    });

    test("stop words are dropped rather than required", () => {
        assert.deepEqual(keywordTokens("help with the washing", lunr).map(String), ["help", "washing"]);
        assert.deepEqual(Object.keys(keywordScores("days with washing", index, lunr)), ["2"]);
    });

    test("no keywords is no keyword filter", () => {
        assert.equal(keywordScores("", index, lunr), null);
        assert.equal(keywordScores("with the", index, lunr), null);
    });
});

describe("splitPlace", () => {
    const names = placeNames(places);

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
    const counts = vocabulary({
        labels: { cleaning: "Cleaning" },
        providers: [provider({ name: "Ely Cleaners", summary: "Cleaning and washing", town: "Ely" })],
    });

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
