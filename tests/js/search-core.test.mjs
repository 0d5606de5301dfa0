import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    covers,
    nextBatch,
    queryFromState,
    RESULT_BATCH,
    needsFilters,
    search,
    stateFromQuery,
} from "../../theme/static/search-core.js";
import { field } from "../../theme/static/record.js";
import { provider } from "./records.mjs";
import { table } from "./places.mjs";

describe("query-string state", () => {
    test("reads every filter, trimming text and dropping empty list values", () => {
        const state = stateFromQuery(
            "?q=+bath+&location=cb4&service=cleaning&service=&service=shopping&payment=self-funding",
        );
        assert.deepEqual(state, {
            q: "bath",
            location: "cb4",
            district: "",
            accepting: "",
            cqc: "",
            language: "",
            sort: "",
            service: ["cleaning", "shopping"],
            payment: ["self-funding"],
        });
    });

    test("writes only the filters in use, and reads back what it writes", () => {
        const state = stateFromQuery("");
        assert.equal(queryFromState(state), "");
        const chosen = {
            ...state,
            language: "Polish",
            service: ["cleaning"],
            payment: ["direct-payments", "self-funding"],
        };
        const query = queryFromState(chosen);
        assert.equal(query, "language=Polish&service=cleaning&payment=direct-payments&payment=self-funding");
        assert.deepEqual(stateFromQuery(query), chosen);
    });
});

const data = {
    count: 3,
    rows: [
        provider({
            slug: "a",
            service_ids: ["cleaning"],
            district_ids: ["fenland"],
            base_postcode_district: "PE13",
        }),
        provider({
            slug: "b",
            service_ids: ["washing-and-bathing"],
            district_ids: ["cambridge"],
            base_postcode_district: "CB1",
            direct_payments: 1,
            regulation: "registered",
        }),
        provider({
            slug: "c",
            service_ids: ["cleaning", "washing-and-bathing"],
            district_ids: ["cambridge"],
            postcodes: ["CB4"],
            base_postcode_district: "CB4",
            accepting_new_clients: 0,
            languages: ["Polish"],
            regulation: "exempt_sole_trader",
        }),
    ],
};
const inCambridge = (outcode, point) => ({
    status: "found",
    outcode,
    point,
    council: "Cambridge",
    inArea: true,
});

describe("search", () => {
    const slugs = (query, location = null, scores = null) =>
        search(stateFromQuery(query), data, table, location, scores).map((r) => field.slug(r.provider));

    test("without filters lists everyone in the files' A to Z order", () => {
        assert.deepEqual(slugs(""), ["a", "b", "c"]);
    });

    test("sorted by rating, the highest average comes first and the unrated last", () => {
        const rated = {
            count: 3,
            rows: [
                provider({ slug: "unrated" }),
                provider({ slug: "good", rating: 4.2 }),
                provider({ slug: "best", rating: 4.8 }),
            ],
        };
        const order = (query) =>
            search(stateFromQuery(query), rated, table, null, null).map((r) => field.slug(r.provider));
        assert.deepEqual(order("sort=rating"), ["best", "good", "unrated"]);
        assert.deepEqual(order(""), ["unrated", "good", "best"]);
    });

    test("applies each filter; ticking several services means all of them", () => {
        assert.deepEqual(slugs("service=cleaning"), ["a", "c"]);
        assert.deepEqual(slugs("service=cleaning&service=washing-and-bathing"), ["c"]);
        assert.deepEqual(slugs("district=cambridge"), ["b", "c"]);
        assert.deepEqual(slugs("payment=direct-payments"), ["b"]);
        assert.deepEqual(slugs("payment=self-funding"), ["a", "b", "c"]);
        assert.deepEqual(slugs("accepting=yes"), ["a", "b"]);
        assert.deepEqual(slugs("cqc=registered"), ["b"]);
        assert.deepEqual(slugs("cqc=exempt"), ["c"]);
        assert.deepEqual(slugs("language=Polish"), ["c"]);
    });

    test("keywords keep only the providers lunr matched, best match first", () => {
        assert.deepEqual(slugs("", null, { 1: 0.5, 2: 2 }), ["c", "b"]);
        assert.deepEqual(slugs("", null, {}), []);
    });

    test("without the filter table, lists refs A to Z or by keyword score", () => {
        const refs = (scores) =>
            search(stateFromQuery(""), { count: 3, rows: null }, table, null, scores).map((r) => r.ref);
        assert.deepEqual(refs(null), [0, 1, 2]);
        assert.deepEqual(refs({ 0: 1, 2: 3 }), [2, 0]);
    });

    test("the filter table is needed only to filter, locate or order by rating", () => {
        assert.equal(needsFilters(stateFromQuery("q=bath"), undefined), false);
        assert.equal(needsFilters(stateFromQuery(""), undefined), false);
        for (const query of [
            "service=cleaning",
            "payment=self-funding",
            "district=x",
            "accepting=yes",
            "cqc=exempt",
            "language=Polish",
            "sort=rating",
        ]) {
            assert.equal(needsFilters(stateFromQuery(query), undefined), true, query);
        }
        assert.equal(needsFilters(stateFromQuery(""), inCambridge("CB1", [52.2, 0.14])), true);
    });

    test("with a location lists only those covering it, strictly nearest first", () => {
        const results = search(stateFromQuery(""), data, table, inCambridge("CB1", [52.2, 0.14]), null);
        assert.deepEqual(
            results.map((r) => [field.slug(r.provider), r.sameDistrict]),
            [["b", true]],
        );
        const nearCb4 = search(stateFromQuery(""), data, table, inCambridge("CB4", [52.23, 0.13]), null);
        assert.deepEqual(
            nearCb4.map((r) => field.slug(r.provider)),
            ["c", "b"],
        );
        assert.equal(nearCb4[0].miles, 0);
        assert.ok(nearCb4[1].miles > 1 && nearCb4[1].miles < 4);
    });
});

describe("covers", () => {
    const [a, b, c] = data.rows;

    test("a provider listing postcode districts covers those only", () => {
        assert.ok(covers(c, inCambridge("CB4", [0, 0]), table));
        assert.ok(!covers(c, inCambridge("CB1", [0, 0]), table));
    });

    test("a provider listing none covers its council districts", () => {
        assert.ok(covers(b, inCambridge("CB1", [0, 0]), table));
        assert.ok(!covers(a, inCambridge("CB1", [0, 0]), table));
        assert.ok(covers(a, { outcode: "PE13", council: "Fenland" }, table));
    });

    test("a place in another council is covered only by listed postcode districts", () => {
        assert.ok(!covers(b, { outcode: "CB4", council: "Peterborough" }, table));
    });
});

describe("result batches", () => {
    test("the first batch is 20 results, and the button offers 20 more while more than 20 are left", () => {
        assert.equal(RESULT_BATCH, 20);
        assert.deepEqual(nextBatch(0, 126), { end: 20, more: "Show 20 more results" });
        assert.deepEqual(nextBatch(20, 126), { end: 40, more: "Show 20 more results" });
    });

    test("the button names how many are left in the last batch", () => {
        assert.deepEqual(nextBatch(80, 120), { end: 100, more: "Show the last 20 results" });
        assert.deepEqual(nextBatch(100, 126), { end: 120, more: "Show the last 6 results" });
        assert.deepEqual(nextBatch(0, 21), { end: 20, more: "Show the last result" });
    });

    test("no button once every result is listed", () => {
        assert.deepEqual(nextBatch(120, 126), { end: 126, more: "" });
        assert.deepEqual(nextBatch(0, 20), { end: 20, more: "" });
        assert.deepEqual(nextBatch(0, 0), { end: 0, more: "" });
    });

    test("a smaller batch size counts the same way", () => {
        assert.deepEqual(nextBatch(0, 5, 2), { end: 2, more: "Show 2 more results" });
        assert.deepEqual(nextBatch(2, 5, 2), { end: 4, more: "Show the last result" });
    });
});
