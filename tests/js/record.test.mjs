import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { field, filterRecords } from "../../theme/static/record.js";

const contract = JSON.parse(
    readFileSync(new URL("../../care_directory/model/search_record.json", import.meta.url), "utf8"),
);

test("there is a reader for every field the contract names, in both files", () => {
    const fields = [...Object.values(contract.provider), ...Object.values(contract.details)].map(
        (entry) => entry.field,
    );
    assert.deepEqual(Object.keys(field).sort(), [...fields].sort());
});

test("a reader takes its field from the short key the contract gives it", () => {
    const record = {};
    for (const section of [contract.provider, contract.details]) {
        for (const [key, entry] of Object.entries(section)) {
            record[key] = `value of ${entry.field}`;
        }
    }
    for (const [name, read] of Object.entries(field)) {
        assert.equal(read(record), `value of ${name}`);
    }
});

test("the two files use different keys, so a provider's details can be merged into its record", () => {
    const shared = Object.keys(contract.provider).filter((key) => key in contract.details);
    assert.deepEqual(shared, []);
});

test("the readers cannot be changed", () => {
    assert.ok(Object.isFrozen(field));
});

test("the filter table's rows become records, each string position read from its key's list", () => {
    const table = {
        keys: ["v", "b", "dp", "l"],
        values: { v: ["cooking", "cleaning"], b: ["CB7", "PE13"] },
        rows: [
            [[1, 0], 1, 1, []],
            [[1], 0, 0, []],
        ],
    };
    assert.deepEqual(filterRecords(table), [
        { v: ["cleaning", "cooking"], b: "PE13", dp: 1, l: [] },
        { v: ["cleaning"], b: "CB7", dp: 0, l: [] },
    ]);
});

test("filter and card keys are the provider record's own", () => {
    for (const key of [...contract.filter_keys, ...contract.card_keys]) {
        assert.ok(key in contract.provider, key);
    }
});
