import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    distanceWords,
    locatePostcode,
    milesBetween,
    normalisePostcode,
    queryFromState,
    search,
    stateFromQuery,
} from "../../theme/static/search-core.js";
import { field } from "../../theme/static/record.js";
import { provider } from "./records.mjs";

describe("normalisePostcode", () => {
    test("reads full and outward-only postcodes in any case and spacing", () => {
        for (const text of ["cb4 1ab", "CB41AB", " cb4 ", "Cb4  1aB"]) {
            assert.deepEqual(normalisePostcode(text), { status: "ok", district: "CB4" });
        }
        assert.deepEqual(normalisePostcode("EC1A 1BB"), { status: "ok", district: "EC1A" });
    });

    test("says when there is nothing or something that is not a postcode", () => {
        assert.deepEqual(normalisePostcode(""), { status: "empty" });
        assert.deepEqual(normalisePostcode(undefined), { status: "empty" });
        for (const text of ["nonsense", "CB", "4CB", "CB4 1A", "CB4 1ABC"]) {
            assert.deepEqual(normalisePostcode(text), { status: "invalid" }, text);
        }
    });
});

const postcodes = {
    areas: ["CB", "PE"],
    centres: { CB4: [52.23, 0.13], CB1: [52.19, 0.14], PE13: [52.66, 0.16] },
    districts: { cambridge: ["CB1", "CB4"], fenland: ["PE13"] },
};

describe("locatePostcode", () => {
    test("finds a district's centre", () => {
        assert.deepEqual(locatePostcode("cb4 1ab", postcodes), {
            status: "ok",
            district: "CB4",
            centre: [52.23, 0.13],
        });
    });

    test("tells outside the council's area from unknown districts inside it", () => {
        assert.deepEqual(locatePostcode("LS1 4AP", postcodes), { status: "outside", district: "LS1" });
        assert.deepEqual(locatePostcode("CB99", postcodes), { status: "unknown", district: "CB99" });
        assert.deepEqual(locatePostcode("xyz", postcodes), { status: "invalid" });
    });
});

describe("distances", () => {
    test("a degree of latitude is about 69 miles, and a point is no distance from itself", () => {
        assert.ok(Math.abs(milesBetween([52, 0], [53, 0]) - 69.1) < 0.1);
        assert.equal(milesBetween([52.2, 0.1], [52.2, 0.1]), 0);
    });

    test("are put in words to one decimal place", () => {
        assert.equal(distanceWords(0.4), "less than a mile away");
        assert.equal(distanceWords(1), "1.0 miles away");
        assert.equal(distanceWords(4.56), "4.6 miles away");
    });
});

describe("query-string state", () => {
    test("reads every filter, trimming text and dropping empty list values", () => {
        const state = stateFromQuery(
            "?q=+bath+&postcode=cb4&service=cleaning&service=&service=shopping&payment=self-funding",
        );
        assert.deepEqual(state, {
            q: "bath",
            postcode: "cb4",
            group: "",
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

describe("search", () => {
    const data = {
        groups: { "personal-care": ["washing-and-bathing"], "home-help": ["cleaning"] },
        providers: [
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
                base_postcode_district: "CB1",
                accepting_new_clients: 0,
                languages: ["Polish"],
                regulation: "exempt_sole_trader",
            }),
        ],
    };
    const slugs = (query) =>
        search(stateFromQuery(query), data, postcodes, null, null).results.map((r) => field.slug(r.provider));

    test("without filters lists everyone in the files' A to Z order", () => {
        assert.deepEqual(slugs(""), ["a", "b", "c"]);
    });

    test("sorted by rating, the highest average comes first and the unrated last", () => {
        const rated = {
            ...data,
            providers: [
                provider({ slug: "unrated" }),
                provider({ slug: "good", rating: 4.2 }),
                provider({ slug: "best", rating: 4.8 }),
            ],
        };
        const order = (query) =>
            search(stateFromQuery(query), rated, postcodes, null, null).results.map((r) =>
                field.slug(r.provider),
            );
        assert.deepEqual(order("sort=rating"), ["best", "good", "unrated"]);
        assert.deepEqual(order(""), ["unrated", "good", "best"]);
    });

    test("applies each filter", () => {
        assert.deepEqual(slugs("service=cleaning"), ["a", "c"]);
        assert.deepEqual(slugs("service=cleaning&service=washing-and-bathing"), ["c"]);
        assert.deepEqual(slugs("group=home-help"), ["a", "c"]);
        assert.deepEqual(slugs("district=cambridge"), ["b", "c"]);
        assert.deepEqual(slugs("payment=direct-payments"), ["b"]);
        assert.deepEqual(slugs("payment=self-funding"), ["a", "b", "c"]);
        assert.deepEqual(slugs("accepting=yes"), ["a", "b"]);
        assert.deepEqual(slugs("cqc=registered"), ["b"]);
        assert.deepEqual(slugs("cqc=exempt"), ["c"]);
        assert.deepEqual(slugs("language=Polish"), ["c"]);
    });

    test("a group or postcode named after a built-in property finds nothing rather than failing", () => {
        assert.deepEqual(slugs("group=constructor"), []);
        assert.deepEqual(slugs("group=__proto__"), []);
        assert.doesNotThrow(() => slugs("postcode=toString"));
    });

    test("with a postcode lists those naming its district first, then those covering it, nearest first", () => {
        const outcome = search(stateFromQuery("postcode=CB4+1AB"), data, postcodes, null, null);
        assert.deepEqual(
            outcome.results.map((r) => [field.slug(r.provider), r.tier]),
            [
                ["c", 1],
                ["b", 2],
            ],
        );
        assert.ok(outcome.results[1].miles > 2 && outcome.results[1].miles < 4);
        assert.equal(outcome.postcode.status, "ok");
    });

    test("a postcode it cannot use gives no results and says why", () => {
        const outcome = search(stateFromQuery("postcode=LS1"), data, postcodes, null, null);
        assert.deepEqual(outcome, { results: [], postcode: { status: "outside", district: "LS1" } });
    });

    test("keywords keep only matching providers, best match first", () => {
        const index = {
            query(build) {
                const terms = [];
                build({ term: (tokens) => terms.push(...tokens) });
                assert.deepEqual(terms, ["bath"]);
                return [
                    { ref: "1", score: 0.5 },
                    { ref: "2", score: 2 },
                ];
            },
        };
        const lunr = { tokenizer: (text) => [text] };
        const outcome = search(stateFromQuery("q=bath"), data, postcodes, index, lunr);
        assert.deepEqual(
            outcome.results.map((r) => field.slug(r.provider)),
            ["c", "b"],
        );
    });
});
