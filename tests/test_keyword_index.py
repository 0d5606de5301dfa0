"""The sharded keyword index: lunr.js's ranking, term by term files, and small rebuilds."""

import json
import random
import shutil
from pathlib import Path

import pytest

from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.json_files import write_json_files
from care_directory.outputs.keyword_index import (
    INDEX_FIELDS,
    build_keyword_index,
    lunr_terms,
    search_documents,
    shard_of,
    words,
)
from care_directory.outputs.search_files import FIRST_DRAWN, keyword_files
from conftest import node_json

PARITY = Path(__file__).parent / "js" / "keyword_parity.js"


def terms(text: str) -> list[str]:
    """The terms lunr.js indexes for a text, in order."""
    split = words(text)
    term_of = lunr_terms(sorted(set(split)))
    return [term for term in map(term_of.get, split) if term is not None]


SAMPLE_QUERIES = [
    "bath",
    "Bathing",
    "shopping",
    "groceries",
    "Wisbech",
    "polish",
    "dementia",
    "night",
    "garden",
    "cooking meals",
    "CB4",
    "paperwork bills",
    "help with washing and dressing at home",
    "care care",
    "Bright Days",
    "personal care cambridge",
    "cleaning, shopping.",
    "home-help",
    "xqzxqz",
    "with the",
]


def ranked_both_ways(site_output: Path, documents: list[dict], queries: list[str]) -> list[dict]:
    """For each query, [ref, score] ranked by a lunr.js 2.3.9 index over `documents` and by the built shards."""
    request = {"documents": documents, "fields": [list(field) for field in INDEX_FIELDS], "queries": queries}
    return node_json(PARITY, str(site_output), request=request)


def test_the_built_shards_rank_the_sample_exactly_as_one_lunr_js_index(sample_build, sample_output):
    _, directory = sample_build
    answers = ranked_both_ways(sample_output, search_documents(directory), SAMPLE_QUERIES)
    for query, answer in zip(SAMPLE_QUERIES, answers, strict=True):
        assert answer["sharded"] == answer["lunr"], query
    found = [query for query, answer in zip(SAMPLE_QUERIES, answers, strict=True) if answer["lunr"]]
    assert len(found) >= 15, "most sample queries should find something"


# Words that test the edges of lunr.js's tokenizer, trimmer, stop words and
# stemmer: punctuation, hyphens, non-ASCII letters, stop words, property
# names of JavaScript objects, and words that stem alike.
AWKWARD_WORDS = [
    "care",
    "carer",
    "carers",
    "caring",
    "days",
    "day",
    "bath",
    "bathing",
    "baths",
    "cleaning",
    "clean",
    "cleaner",
    "o'brien",
    "£18",
    "(evenings)",
    "co-op",
    "part-time",
    "st.",
    "ives",
    "CB4",
    "pe13",
    "café",
    "naïve",
    "élan",
    "constructor",
    "tostring",
    "valueof",
    "hasownproperty",
    "the",
    "with",
    "and",
    "of",
    "a",
    "happy",
    "happiness",
    "relational",
    "generalization",
    "hopeful",
    "running",
    "runner",
    "runs",
    "ran",
    "Ely",
    "ELY",
    "ely.",
    "---",
    "...",
    "x",
    "y",
    "z",
    "42",
    "2026",
    # where Porter stemmers differ from lunr.js's (found in review), and a character outside the BMP
    "ies",
    "sses",
    "eed",
    "agreed",
    "ponies",
    "caresses",
    "tiyxxyyed",
    "to\U0001f600e",
]


def awkward_documents(count: int, seed: int) -> list[dict]:
    chooser = random.Random(seed)

    def text(most: int) -> str:
        return " ".join(chooser.choice(AWKWARD_WORDS) for _ in range(chooser.randint(0, most)))

    return [{"name": text(4), "services": text(12), "places": text(6), "summary": text(20)} for _ in range(count)]


@pytest.fixture
def awkward_site(sample_output, tmp_path):
    """A site folder with the sample's scripts and a keyword index over awkward documents."""
    documents = awkward_documents(300, seed=2026)
    shutil.copytree(sample_output / "assets", tmp_path / "assets")
    write_json_files(
        tmp_path / "search",
        keyword_files(build_keyword_index(documents, FIRST_DRAWN), cards_of(documents), NUMBERING),
        BuildManifest.fresh(tmp_path / "nothing-published"),
    )
    return tmp_path, documents


def test_the_shards_rank_awkward_words_exactly_as_one_lunr_js_index(awkward_site):
    site, documents = awkward_site
    chooser = random.Random(7)
    queries = [" ".join(chooser.choice(AWKWARD_WORDS) for _ in range(chooser.randint(1, 4))) for _ in range(60)]
    queries += AWKWARD_WORDS  # each word alone too
    answers = ranked_both_ways(site, documents, queries)
    for query, answer in zip(queries, answers, strict=True):
        assert answer["sharded"] == answer["lunr"], query
    assert sum(bool(answer["lunr"]) for answer in answers) >= 30


def test_each_shard_carries_the_cards_of_the_first_results_of_a_search_for_each_of_its_words(awkward_site):
    site, documents = awkward_site
    manifest = json.loads((site / "search" / "manifest.json").read_text())
    # each terms() call runs lunr.js in Node once: once a word is enough
    one_term = {word: found[0] for word in AWKWARD_WORDS if len(found := terms(word)) == 1 and found[0]}
    answers = ranked_both_ways(site, documents, list(one_term))
    first_drawn = manifest["first_drawn"]
    assert first_drawn == FIRST_DRAWN
    for (word, term), answer in zip(one_term.items(), answers, strict=True):
        shard = json.loads((site / "search" / "keywords" / f"{shard_of(term, manifest['shards'])}.json").read_text())
        for ref, _ in answer["lunr"][:first_drawn]:
            assert shard["cards"][str(ref)] == {"n": documents[ref]["name"]}, word
    assert sum(len(answer["lunr"]) > first_drawn for answer in answers) >= 5


def test_terms_are_lower_case_trimmed_stemmed_and_free_of_stop_words():
    assert terms("The Bright DAYS, (evenings) part-time £18 with café ...") == [
        "bright",
        "day",
        "even",
        "part",
        "time",
        "18",
        "caf",
        "",
    ]


# The digest of the providers' slugs that search_files.numbering() would give; any string will do here.
NUMBERING = "0123456789abcdef"


def cards_of(documents: list[dict]) -> list[dict]:
    """A card for each document: its name."""
    return [{"n": document["name"]} for document in documents]


def shard_bytes(documents: list[dict]) -> dict[str, str]:
    files = keyword_files(build_keyword_index(documents, FIRST_DRAWN), cards_of(documents), NUMBERING)
    return {name: json.dumps(data) for name, data in files.items()}


def test_editing_one_summary_rewrites_the_manifest_and_only_the_shards_of_its_old_and_new_terms():
    chooser = random.Random(1)
    words = [f"word{i}" for i in range(3000)]
    documents = [{field: " ".join(chooser.choices(words, k=8)) for field, _ in INDEX_FIELDS} for _ in range(500)]
    edited = [dict(document) for document in documents]
    edited[42]["summary"] = "a wholly new summary mentioning gardening"
    before, after = shard_bytes(documents), shard_bytes(edited)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    # terms it keeps change too: the field's length is in each posting
    summary_terms = set(terms(documents[42]["summary"])) | set(terms(edited[42]["summary"]))
    shards = build_keyword_index(edited, FIRST_DRAWN).manifest["shards"]
    assert changed == {"manifest.json"} | {f"keywords/{shard_of(term, shards)}.json" for term in summary_terms}
    assert len(changed) <= 14 < len(before) / 20


def test_an_empty_directory_has_a_manifest_and_one_empty_shard():
    files = keyword_files(build_keyword_index([], FIRST_DRAWN), [], NUMBERING)
    assert files["manifest.json"]["documents"] == 0
    assert files == {
        "manifest.json": files["manifest.json"],
        "keywords/0.json": {"terms": {}, "cards": {}, "numbering": NUMBERING},
    }


def test_the_shard_of_a_term_is_fnv_1a_of_its_utf_8_bytes():
    # Published FNV-1a 32-bit test vectors; tests/js/keywords.test.mjs checks the page's shardOf against the same.
    assert shard_of("a", 2**32) == 0xE40C292C
    assert shard_of("foobar", 2**32) == 0xBF9CF968
    assert shard_of("café", 2**32) == 0xA82B5049


def test_without_node_the_build_says_what_to_install(monkeypatch):
    from care_directory.outputs import keyword_index
    from care_directory.outputs.theme_assets import AssetError

    monkeypatch.setattr(keyword_index.shutil, "which", lambda name: None)
    with pytest.raises(AssetError, match="Node.js is not installed"):
        build_keyword_index([{"name": "A", "services": "", "places": "", "summary": ""}], FIRST_DRAWN)
