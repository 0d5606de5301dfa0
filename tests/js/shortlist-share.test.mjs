import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
    goneWords,
    navCount,
    providersInWords,
    sameList,
    saveOffer,
    sharedSlugs,
    sharePath,
} from "../../theme/static/shortlist-share.js";

describe("share links", () => {
    test("put the slugs in the address, below the site's base path", () => {
        assert.equal(sharePath("/", ["a-b", "c"]), "/shortlist/?p=a-b,c");
        assert.equal(sharePath("/directory/", ["a"]), "/directory/shortlist/?p=a");
    });

    test("read back the slugs they were made from", () => {
        const slugs = ["chatteris-paperwork-pal", "fen-edge-home-care", "wisbech-walk-and-talk"];
        const path = sharePath("/", slugs);
        assert.deepEqual(sharedSlugs(path.slice(path.indexOf("?"))), slugs);
    });

    test("an address without p shows the resident's own list", () => {
        assert.equal(sharedSlugs(""), null);
        assert.equal(sharedSlugs("?district=fenland"), null);
    });

    test("tolerate what people do to links: spaces, capitals, repeats, empty parts, encoded commas", () => {
        assert.deepEqual(sharedSlugs("?p=A-b,%20c%20,,a-b,"), ["a-b", "c"]);
        assert.deepEqual(sharedSlugs("?p=a%2Cb"), ["a", "b"]);
        assert.deepEqual(sharedSlugs("?p="), []);
    });

    test("keep at most five, as the shortlist does", () => {
        assert.deepEqual(sharedSlugs("?p=a,b,c,d,e,f,g"), ["a", "b", "c", "d", "e"]);
    });
});

describe("words", () => {
    test("count providers", () => {
        assert.equal(providersInWords(1), "1 provider");
        assert.equal(providersInWords(3), "3 providers");
    });

    test("name providers no longer listed, plainly, for a link and for the saved list", () => {
        assert.equal(goneWords(0, true), "");
        assert.equal(goneWords(1, true), "1 provider in this link is no longer listed.");
        assert.equal(goneWords(2, true), "2 providers in this link are no longer listed.");
        assert.equal(
            goneWords(1, false),
            "1 provider on your shortlist is no longer listed, so it was removed.",
        );
        assert.equal(
            goneWords(2, false),
            "2 providers on your shortlist are no longer listed, so they were removed.",
        );
    });

    test("the navigation shows a count and says what it counts", () => {
        assert.equal(navCount(0), null);
        assert.deepEqual(navCount(1), { visible: " (1)", label: "Shortlist, 1 provider" });
        assert.deepEqual(navCount(3), { visible: " (3)", label: "Shortlist, 3 providers" });
    });
});

describe("saving a shared list", () => {
    test("is offered plainly when nothing is saved", () => {
        assert.deepEqual(saveOffer(["a", "b"], []), {
            canSave: true,
            text: "You can save these providers as your shortlist in this browser.",
            button: "Save as your shortlist",
        });
    });

    test("says first that it replaces a different saved shortlist", () => {
        const offer = saveOffer(["a", "b"], ["c"]);
        assert.equal(offer.canSave, true);
        assert.match(offer.text, /You already have 1 provider on your shortlist in this browser/);
        assert.match(offer.text, /will replace them/);
        assert.equal(offer.button, "Replace your shortlist with these 2 providers");
    });

    test("is not offered when the link holds the saved shortlist", () => {
        assert.equal(saveOffer(["a", "b"], ["a", "b"]).canSave, false);
        assert.equal(sameList(["a", "b"], ["b", "a"]), false);
    });
});
