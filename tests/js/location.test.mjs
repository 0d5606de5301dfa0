import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    councilDistricts,
    distanceWords,
    findPlaces,
    locate,
    milesBetween,
    neighbourLinks,
    parseLocation,
} from "../../theme/static/location.js";
import { places, table } from "./places.mjs";

describe("parseLocation", () => {
    test("reads full postcodes and postcode districts in any case and spacing", () => {
        for (const text of ["cb4 1ab", "CB41AB", " Cb4  1aB "]) {
            assert.deepEqual(parseLocation(text), {
                kind: "postcode",
                outcode: "CB4",
                inward: "1AB",
                text: "CB4 1AB",
            });
        }
        assert.deepEqual(parseLocation(" cb4 "), { kind: "district", outcode: "CB4", text: "CB4" });
        assert.deepEqual(parseLocation("EC1A 1BB").outcode, "EC1A");
    });

    test("anything else is a place name, and nothing is empty", () => {
        assert.deepEqual(parseLocation("  Bar   Hill "), { kind: "place", text: "Bar Hill" });
        assert.deepEqual(parseLocation("CB4 1A"), { kind: "place", text: "CB4 1A" });
        assert.deepEqual(parseLocation(""), { kind: "empty" });
        assert.deepEqual(parseLocation(undefined), { kind: "empty" });
    });
});

describe("locate", () => {
    const cb4 = { c: ["Cambridge"], p: { "1AA": [52.2301, 0.1302, 0] } };

    test("a full postcode in the list is placed at the postcode itself", () => {
        const found = locate(parseLocation("cb4 1aa"), table, cb4, null);
        assert.deepEqual(found, {
            status: "found",
            inArea: true,
            fallback: false,
            text: "CB4 1AA",
            outcode: "CB4",
            point: [52.2301, 0.1302],
            council: "Cambridge",
            precision: "postcode",
        });
    });

    test("a well-formed postcode not in the list falls back to its district, and says so", () => {
        const found = locate(parseLocation("CB4 9ZZ"), table, cb4, null);
        assert.equal(found.precision, "district");
        assert.equal(found.fallback, true);
        assert.deepEqual(found.point, [52.23, 0.13]);
    });

    test("a district in another council is found and named, not in the area", () => {
        const found = locate(parseLocation("PE1"), table, null, null);
        assert.equal(found.council, "Peterborough");
        assert.equal(found.inArea, false);
    });

    test("unknown districts near the area and districts far away are told apart", () => {
        assert.equal(locate(parseLocation("CB99"), table, null, null).status, "unknown");
        assert.equal(locate(parseLocation("LS1 4AP"), table, null, null).status, "far");
        assert.equal(locate(parseLocation("constructor"), table, null, places).status, "unknown");
    });

    test("a place name is placed at the place, said as the resident said it", () => {
        const found = locate(parseLocation("bar hill"), table, null, places);
        assert.equal(found.text, "Bar Hill");
        assert.equal(found.outcode, "CB23");
        assert.equal(locate(parseLocation("Ely"), table, null, places).outcode, "CB7");
    });

    test("places sharing a name ask which, nearest the area first; a label chooses one", () => {
        const choice = locate(parseLocation("saint ives"), table, null, places);
        assert.equal(choice.status, "choose");
        assert.deepEqual(
            choice.options.map((place) => place.label),
            ["St Ives (Cambridgeshire)", "St Ives (Cornwall)"],
        );
        const chosen = locate(parseLocation("St Ives (Cornwall)"), table, null, places);
        assert.equal(chosen.council, "Cornwall");
        assert.equal(chosen.inArea, false);
    });

    test("findPlaces ranks by nearness to the middle of the council's area", () => {
        const found = findPlaces("St Ives", places, table);
        assert.ok(found[0].miles < found[1].miles);
    });
});

describe("councils and neighbours", () => {
    test("a place's council district comes from its council", () => {
        assert.deepEqual(councilDistricts({ outcode: "CB4", council: "Cambridge" }, table), ["cambridge"]);
        assert.deepEqual(councilDistricts({ outcode: "PE1", council: "Peterborough" }, table), []);
    });

    test("the neighbouring council's own directory comes first", () => {
        const links = neighbourLinks({ council: "Peterborough" }, table).map((n) => n.name);
        assert.deepEqual(links, ["Peterborough's directory", "Suffolk's directory"]);
    });
});

describe("distances", () => {
    test("a degree of latitude is about 69 miles, and a point is no distance from itself", () => {
        assert.ok(Math.abs(milesBetween([52, 0], [53, 0]) - 69.1) < 0.1);
        assert.equal(milesBetween([52.2, 0.1], [52.2, 0.1]), 0);
    });

    test("are rounded to whole miles, and the resident's own district is 'in your area'", () => {
        assert.equal(distanceWords(0, true), "in your area");
        assert.equal(distanceWords(0.3, false), "about 1 mile away");
        assert.equal(distanceWords(1.4, false), "about 1 mile away");
        assert.equal(distanceWords(4.6, false), "about 5 miles away");
    });
});
