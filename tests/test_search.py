"""Search: the index built in Python, queried by lunr.js, filters, postcodes and the page."""

import json
import subprocess
from pathlib import Path

import pytest
from lunr.index import Index

from care_directory.outputs.search_files import search_documents

RUNNER = Path(__file__).parent / "js" / "run_search.js"


@pytest.fixture(scope="module")
def run_js(sample_output):
    """Answer search cases with Node, lunr.js and the built site's own files."""

    def run(cases):
        completed = subprocess.run(
            ["node", str(RUNNER), str(sample_output)],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(completed.stdout)

    return run


@pytest.fixture(scope="module")
def search_data(sample_output):
    return {
        name: json.loads((sample_output / "search" / f"{name}.json").read_text())
        for name in ("index", "providers", "postcodes")
    }


def slugs_in_ref_order(search_data):
    return [p["k"] for p in search_data["providers"]["providers"]]


QUERIES = [
    "bath",
    "Bathing",
    "shopping",
    "groceries",
    "Wisbech",
    "polish",
    "dementia",
    "night",
    "garden",
    "Ely",
    "cooking meals",
    "CB4",
    "paperwork bills",
    "dog",
]


def test_lunr_js_finds_what_python_lunr_finds_with_the_same_scores(run_js, search_data):
    python_index = Index.load(search_data["index"])
    expected = [[[hit["ref"], round(hit["score"], 3)] for hit in python_index.search(q)] for q in QUERIES]
    answers = run_js([{"lunr": q} for q in QUERIES])
    for query, got, want in zip(QUERIES, answers, expected, strict=True):
        assert want, f"no Python results for {query!r}"
        assert [ref for ref, _ in got] == [ref for ref, _ in want], query
        assert [score for _, score in got] == pytest.approx([score for _, score in want], abs=0.002), query


@pytest.mark.parametrize(
    "words, must_find, first",
    [
        ("bath", {"burwell-bathing-service", "bright-days-home-support", "st-ives-personal-care"}, None),
        ("shopping", {"st-neots-shopping-service", "cottenham-cooks"}, None),
        ("groceries", {"st-neots-shopping-service"}, None),
        ("Bright Days", {"bright-days-home-support"}, "bright-days-home-support"),
        ("burwell", {"burwell-bathing-service"}, "burwell-bathing-service"),
        ("Polish", {"wisbech-personal-care-collective", "huntingdon-home-companions"}, None),
        ("march", {"fen-edge-home-care", "march-mobile-hair-and-nails"}, None),
    ],
)
def test_keyword_search_on_the_page_finds_the_right_providers(run_js, words, must_find, first):
    (answer,) = run_js([{"query": f"q={words}"}])
    assert must_find <= set(answer["results"])
    if first:
        assert answer["results"][0] == first


def test_a_name_match_ranks_above_a_description_match(run_js):
    (answer,) = run_js([{"query": "q=cooks"}])
    assert answer["results"][0] == "cottenham-cooks"


@pytest.mark.parametrize(
    "text, district",
    [
        ("cb4 1ab", "CB4"),
        ("CB41AB", "CB4"),
        ("CB4", "CB4"),
        ("  cb4  ", "CB4"),
        ("pe13 2ab", "PE13"),
        ("CB101AB", "CB10"),
        ("sw1a 1aa", "SW1A"),
        ("EC1A1BB", "EC1A"),
    ],
)
def test_postcodes_are_normalised_to_their_district(run_js, text, district):
    assert run_js([{"postcode": text}]) == [{"status": "ok", "district": district}]


@pytest.mark.parametrize(
    "text, status",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("cambridge", "invalid"),
        ("75001", "invalid"),
        ("CB4 1A", "invalid"),
        ("12345-678", "invalid"),
        ("B", "invalid"),
    ],
)
def test_malformed_and_non_uk_postcodes_are_refused(run_js, text, status):
    assert run_js([{"postcode": text}])[0]["status"] == status


@pytest.mark.parametrize(
    "postcode, status",
    [("LS1 4AP", "outside"), ("BT1 1AA", "outside"), ("CB99 1AA", "unknown"), ("cb4", "ok")],
)
def test_a_postcode_outside_the_area_or_unknown_gets_its_own_answer(run_js, postcode, status):
    (answer,) = run_js([{"query": f"postcode={postcode}"}])
    assert answer["postcode"] == status
    assert bool(answer["results"]) == (status == "ok")


def test_washing_and_bathing_by_direct_payment_near_cb4_lists_the_right_providers_nearest_first(run_js):
    (answer,) = run_js([{"query": "postcode=cb4+1ab&service=washing-and-bathing&payment=direct-payments"}])
    assert answer["results"] == [["bright-days-home-support", 0.0], ["histon-helping-hands", 2.7]]


def test_providers_naming_the_postcode_come_before_those_whose_district_covers_it(run_js, search_data):
    (answer,) = run_js([{"query": "postcode=CB1"}])
    providers = {p["k"]: p for p in search_data["providers"]["providers"]}
    tiers = [1 if "CB1" in providers[slug]["p"] else 2 for slug, _ in answer["results"]]
    assert tiers == sorted(tiers) and tiers[0] == 1 and tiers[-1] == 2
    for tier in (1, 2):
        miles = [m for (slug, m), t in zip(answer["results"], tiers, strict=True) if t == tier]
        assert miles == sorted(miles)
    covering = {s for s, p in providers.items() if "CB1" in p["p"] or "cambridge" in p["d"]}
    assert {slug for slug, _ in answer["results"]} == covering


def expected_set(search_data, keep):
    return sorted(
        slug
        for slug, p in zip(slugs_in_ref_order(search_data), search_data["providers"]["providers"], strict=True)
        if keep(p)
    )


@pytest.mark.parametrize(
    "query, keep",
    [
        ("service=cooking", lambda p: "cooking" in p["v"]),
        ("service=cooking&service=shopping", lambda p: {"cooking", "shopping"} <= set(p["v"])),
        ("group=carer-respite", lambda p: set(p["v"]) & {"sitting-service", "day-respite", "overnight-respite"}),
        ("district=fenland&accepting=yes", lambda p: "fenland" in p["d"] and p["a"]),
        ("payment=self-funding&payment=direct-payments", lambda p: p["dp"] and p["sf"]),
        ("payment=direct-payments&cqc=registered", lambda p: p["dp"] and p["r"] == "registered"),
        (
            "cqc=exempt&district=huntingdonshire",
            lambda p: p["r"] == "exempt_sole_trader" and "huntingdonshire" in p["d"],
        ),
        ("language=Polish", lambda p: "Polish" in p["l"]),
        (
            "group=personal-care&accepting=yes&payment=self-funding",
            lambda p: (
                set(p["v"])
                & {
                    "washing-and-bathing",
                    "dressing",
                    "toileting",
                    "eating-and-drinking",
                    "oral-care",
                    "skin-hair-and-nail-care",
                }
                and p["a"]
                and p["sf"]
            ),
        ),
    ],
)
def test_filters_combine(run_js, search_data, query, keep):
    (answer,) = run_js([{"query": query}])
    expected = expected_set(search_data, keep)
    assert expected, "the sample should have matches for this combination"
    assert sorted(answer["results"]) == expected


def test_filters_that_match_nothing_give_an_empty_list(run_js):
    (answer,) = run_js([{"query": "language=Polish&district=cambridge"}])
    assert answer["results"] == []


def test_the_state_round_trips_through_the_query_string(run_js):
    (answer,) = run_js([{"query": "service=cooking&q=meals&service=shopping&payment=direct-payments&empty="}])
    assert answer["query"] == "q=meals&service=cooking&service=shopping&payment=direct-payments"


def test_the_index_holds_every_published_provider_and_nothing_else(search_data, sample_build):
    _, directory = sample_build
    assert slugs_in_ref_order(search_data) == [p.slug for p in directory.providers]
    python_index = Index.load(search_data["index"])
    assert {hit["ref"] for hit in python_index.search("*")} == {str(i) for i in range(len(directory.providers))}
    assert search_data["index"]["fields"] == ["name", "services", "places", "summary"]


def test_every_document_has_every_field(sample_build):
    _, directory = sample_build
    for document in search_documents(directory):
        assert set(document) == {"ref", "name", "services", "places", "summary"}


def test_postcodes_ship_only_the_areas_the_directory_serves(search_data):
    postcodes = search_data["postcodes"]
    assert postcodes["areas"] == ["CB", "PE", "SG"]
    assert all(pc[:2] in {"CB", "PE", "SG"} for pc in postcodes["centres"])
    assert postcodes["centres"]["CB4"] == [52.2437, 0.1177]
    for provider in search_data["providers"]["providers"]:
        assert provider["b"] in postcodes["centres"], provider["n"]


def test_a_directory_with_nothing_published_still_builds_a_search_lunr_js_can_load(site, tmp_path):
    import dataclasses

    from care_directory.pipeline import publish
    from conftest import BUILD_DATE, FIXTURES, write_listing

    write_listing(
        tmp_path,
        "withheld-one",
        (FIXTURES / "valid-listing.yaml").read_text().replace("status: active", "status: suspended"),
    )
    output = tmp_path / "output"
    publish(dataclasses.replace(site, root=tmp_path), output, BUILD_DATE)
    completed = subprocess.run(
        ["node", str(RUNNER), str(output)],
        input=json.dumps([{"lunr": "bath"}, {"query": "q=bath"}]),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout) == [[], {"postcode": None, "results": [], "query": "q=bath"}]
