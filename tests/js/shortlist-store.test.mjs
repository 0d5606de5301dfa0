import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    LIMIT,
    listedProviders,
    openShortlist,
    parseList,
    storageKey,
} from "../../theme/static/shortlist-store.js";

/** A Storage like window.localStorage, in memory; full = true makes setItem throw as a full one does. */
function memoryStorage(items = {}) {
    return {
        items,
        full: false,
        getItem(key) {
            return key in this.items ? this.items[key] : null;
        },
        setItem(key, value) {
            if (this.full) {
                throw new Error("QuotaExceededError");
            }
            this.items[key] = String(value);
        },
    };
}

describe("storage", () => {
    test("keeps one list for each base path the site is built for", () => {
        assert.equal(storageKey("/"), "care-directory-shortlist:/");
        assert.equal(storageKey("/directory/"), "care-directory-shortlist:/directory/");
    });

    test("reads only a list of slugs, at most five, and treats anything else as empty", () => {
        assert.deepEqual(parseList(null), []);
        assert.deepEqual(parseList("not json"), []);
        assert.deepEqual(parseList('{"a": 1}'), []);
        assert.deepEqual(parseList('["a", 2, null, "b"]'), ["a", "b"]);
        assert.deepEqual(parseList('["a", "b", "c", "d", "e", "f"]'), ["a", "b", "c", "d", "e"]);
        assert.equal(LIMIT, 5);
    });

    test("an unreadable store (storage turned off) reads as an empty list and cannot be written", () => {
        const shortlist = openShortlist(() => {
            throw new Error("SecurityError");
        }, "/");
        assert.deepEqual(shortlist.read(), []);
        assert.equal(shortlist.write(["a"]), false);
        assert.equal(
            shortlist.toggle("a", "Ann's Care"),
            "Your browser is not letting this site save your shortlist.",
        );
    });
});

describe("adding and removing", () => {
    test("adds, says how many, and removes again", () => {
        const storage = memoryStorage();
        const shortlist = openShortlist(() => storage, "/");
        assert.equal(shortlist.toggle("a", "Ann's Care"), "Ann's Care added. 1 of 5 on your shortlist.");
        assert.equal(storage.items["care-directory-shortlist:/"], '["a"]');
        assert.ok(shortlist.has("a"));
        assert.equal(shortlist.toggle("b", "Bob's Help"), "Bob's Help added. 2 of 5 on your shortlist.");
        assert.equal(shortlist.toggle("a", "Ann's Care"), "Ann's Care removed. 1 of 5 on your shortlist.");
        assert.deepEqual(shortlist.read(), ["b"]);
        assert.ok(!shortlist.has("a"));
    });

    test("refuses a sixth provider and says how to make room", () => {
        const storage = memoryStorage({ "care-directory-shortlist:/": '["a","b","c","d","e"]' });
        const shortlist = openShortlist(() => storage, "/");
        assert.equal(
            shortlist.toggle("f", "Fen Care"),
            "Your shortlist is full. You can compare up to 5 providers: remove one to add Fen Care.",
        );
        assert.deepEqual(shortlist.read(), ["a", "b", "c", "d", "e"]);
    });

    test("says so when the browser will not save", () => {
        const storage = memoryStorage();
        storage.full = true;
        const shortlist = openShortlist(() => storage, "/");
        assert.equal(
            shortlist.toggle("a", "Ann's Care"),
            "Your browser is not letting this site save your shortlist.",
        );
    });

    test("lists for other base paths are left alone", () => {
        const storage = memoryStorage({ "care-directory-shortlist:/other/": '["x"]' });
        openShortlist(() => storage, "/").toggle("a", "Ann's Care");
        assert.equal(storage.items["care-directory-shortlist:/other/"], '["x"]');
    });
});

test("providers no longer listed are dropped from the comparison and counted", () => {
    const bySlug = new Map([
        ["a", {}],
        ["c", {}],
    ]);
    assert.deepEqual(listedProviders(["a", "b", "c", "constructor"], bySlug), {
        listed: ["a", "c"],
        gone: 2,
    });
});
