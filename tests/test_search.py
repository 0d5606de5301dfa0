"""Search: the page's search over the built search files: keywords, filters, postcodes and places."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from care_directory.outputs.keyword_index import search_documents
from care_directory.outputs.search_files import filter_table, numbering
from conftest import node_json, search_records

RUNNER = Path(__file__).parent / "js" / "run_search.js"


@pytest.fixture(scope="module")
def run_js(sample_output):
    """Answer search cases with Node, lunr.js and the built site's own files."""

    def run(cases):
        return node_json(RUNNER, str(sample_output), request=cases)

    return run


@pytest.fixture(scope="module")
def search_data(sample_output):
    data = {
        name: json.loads((sample_output / "search" / f"{name}.json").read_text()) for name in ("manifest", "location")
    }
    data["providers"] = search_records(sample_output)
    return data


def slugs_in_ref_order(search_data):
    return [p["k"] for p in search_data["providers"]]


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
    """A place name among the keywords ("burwell", "march") becomes the location."""
    (answer,) = run_js([{"query": f"q={words}"}])
    found = [result if isinstance(result, str) else result[0] for result in answer["results"]]
    assert must_find <= set(found)
    if first:
        assert found[0] == first


def test_a_name_match_ranks_above_a_description_match(run_js):
    (answer,) = run_js([{"query": "q=cooks"}])
    assert answer["results"][0] == "cottenham-cooks"


def located(run_js, text):
    (answer,) = run_js([{"location": text}])
    return answer["location"]


@pytest.mark.parametrize(
    "text, shown, outcode, precision",
    [
        ("cb4 1aa", "CB4 1AA", "CB4", "postcode"),
        ("CB41AA", "CB4 1AA", "CB4", "postcode"),
        ("  cb4  ", "CB4", "CB4", "district"),
        ("Bar Hill", "Bar Hill", "CB23", "place"),
        ("bar hill", "Bar Hill", "CB23", "place"),
        ("Ely", "Ely", "CB7", "place"),
        ("St Ives (Cambridgeshire)", "St Ives (Cambridgeshire)", "PE27", "place"),
    ],
)
def test_full_postcodes_districts_and_place_names_are_placed_in_the_area(run_js, text, shown, outcode, precision):
    location = located(run_js, text)
    assert (location["status"], location["text"], location["outcode"]) == ("found", shown, outcode)
    assert location["precision"] == precision and location["inArea"] and not location["fallback"]


def test_a_well_formed_postcode_not_in_the_list_falls_back_to_its_district(run_js):
    location = located(run_js, "CB4 9ZZ")
    assert (location["status"], location["precision"], location["fallback"]) == ("found", "district", True)


@pytest.mark.parametrize("text", ["St Ives", "Newport", "saint ives"])
def test_an_ambiguous_place_asks_which_nearest_the_area_first(run_js, text):
    location = located(run_js, text)
    assert location["status"] == "choose" and len(location["options"]) > 1
    if "ives" in text.lower():
        assert location["options"][0] == "St Ives (Cambridgeshire)"


@pytest.mark.parametrize(
    "text, council",
    [("PE1 1AB", "Peterborough"), ("CB9", "West Suffolk"), ("CB10 1AA", "Uttlesford"), ("Newmarket", "West Suffolk")],
)
def test_a_location_in_another_council_is_named(run_js, text, council):
    location = located(run_js, text)
    assert (location["status"], location["council"], location["inArea"]) == ("found", council, False)


@pytest.mark.parametrize("text, status", [("LS1 4AP", "far"), ("CB99 1AA", "unknown"), ("Nowhereville", "unknown")])
def test_places_and_postcodes_that_cannot_be_placed_say_so(run_js, text, status):
    (answer,) = run_js([{"location": text}])
    assert answer["location"]["status"] == status
    assert answer["results"] == []


@pytest.mark.parametrize("text", ["PE15", "CB6 1AA", "CB4 1AA", "St Ives (Cambridgeshire)", "Royston (Hertfordshire)"])
def test_results_are_strictly_nearest_first(run_js, text):
    (answer,) = run_js([{"location": text}])
    miles = [m for _, m in answer["results"]]
    assert miles and miles == sorted(miles)


def test_only_providers_covering_the_location_are_listed(run_js, search_data):
    (answer,) = run_js([{"location": "CB1 2AA"}])
    cambridge = search_data["location"]["districts"]["cambridge"]
    assert cambridge["c"] is not None
    for provider in search_data["providers"]:
        listed = provider["p"]
        covers = "CB1" in listed if listed else "cambridge" in provider["d"]
        assert (provider["k"] in {slug for slug, _ in answer["results"]}) == covers, provider["k"]


def test_washing_and_bathing_by_direct_payment_near_cb4_lists_the_right_providers_nearest_first(run_js):
    (answer,) = run_js([{"query": "location=cb4+1ab&service=washing-and-bathing&payment=direct-payments"}])
    assert [slug for slug, _ in answer["results"]] == ["bright-days-home-support", "histon-helping-hands"]
    assert answer["results"][0][1] == 0  # based in CB4 itself: "in your area"


def test_every_keyword_must_match(run_js):
    (every,) = run_js([{"query": "q=help+with+bath"}])
    (bath,) = run_js([{"query": "q=bath"}])
    assert set(every["results"]) <= set(bath["results"])
    (nonsense,) = run_js([{"query": "q=bath+xqzxqz"}])
    assert nonsense["results"] == []


def test_a_place_in_the_keywords_is_used_as_the_location(run_js):
    (answer,) = run_js([{"query": "q=washing+Ely"}])
    assert answer["placeFromKeywords"] == "Ely"
    assert answer["location"]["outcode"] == "CB7"
    (washing,) = run_js([{"query": "q=washing&location=Ely"}])
    assert answer["results"] == washing["results"] and answer["results"]


def test_a_one_letter_typo_is_corrected_once_when_nothing_matches(run_js):
    (answer,) = run_js([{"query": "q=cleening"}])
    (right,) = run_js([{"query": "q=cleaning"}])
    assert answer["corrected"] == "cleaning"
    assert answer["results"] == right["results"] and answer["results"]
    (far,) = run_js([{"query": "q=clxxning"}])
    assert far["corrected"] is None and far["results"] == []


def expected_set(search_data, keep):
    return sorted(
        slug for slug, p in zip(slugs_in_ref_order(search_data), search_data["providers"], strict=True) if keep(p)
    )


@pytest.mark.parametrize(
    "query, keep",
    [
        ("service=cooking", lambda p: "cooking" in p["v"]),
        ("service=cooking&service=shopping", lambda p: {"cooking", "shopping"} <= set(p["v"])),
        ("district=fenland&accepting=yes", lambda p: "fenland" in p["d"] and p["a"]),
        ("payment=self-funding&payment=direct-payments", lambda p: p["dp"] and p["sf"]),
        ("payment=direct-payments&cqc=registered", lambda p: p["dp"] and p["r"] == "registered"),
        (
            "cqc=exempt&district=huntingdonshire",
            lambda p: p["r"] == "exempt_sole_trader" and "huntingdonshire" in p["d"],
        ),
        ("language=Polish", lambda p: "Polish" in p["l"]),
        (
            "service=washing-and-bathing&accepting=yes&payment=self-funding",
            lambda p: "washing-and-bathing" in p["v"] and p["a"] and p["sf"],
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


def test_the_search_files_hold_every_published_provider_in_ref_order_and_nothing_else(search_data, sample_build):
    _, directory = sample_build
    slugs = [p.slug for p in directory.providers]
    assert slugs_in_ref_order(search_data) == slugs
    assert search_data["manifest"]["documents"] == len(slugs)
    search = sample_build[0] / "search"
    per_file = search_data["manifest"]["cards_per_file"]
    cards = [
        card
        for n in range(-(-len(slugs) // per_file))
        for card in json.loads((search / "cards" / f"{n}.json").read_text())["cards"]
    ]
    assert [card["k"] for card in cards] == slugs
    table = json.loads((search / "filters.json").read_text())
    assert len(table["rows"]) == len(slugs) and "n" not in table["keys"] and "v" in table["keys"]
    assert not (search / "index.json").exists()


def test_every_search_file_holding_refs_carries_the_manifests_numbering(sample_build):
    search = sample_build[0] / "search"
    numbered = json.loads((search / "manifest.json").read_text())["numbering"]
    holding_refs = [search / "filters.json", *(search / "cards").glob("*.json"), *(search / "keywords").glob("*.json")]
    assert {json.loads(path.read_text())["numbering"] for path in holding_refs} == {numbered}


def test_the_numbering_changes_when_a_listing_is_added_removed_or_renamed_not_when_one_is_edited():
    def numbered(*slugs):
        return numbering(SimpleNamespace(providers=[SimpleNamespace(slug=slug) for slug in slugs]))

    assert numbered("ash-care", "birch-help") == numbered("ash-care", "birch-help")
    assert numbered("ash-care", "birch-help") != numbered("ash-care", "aspen-care", "birch-help")
    assert numbered("ash-care", "birch-help") != numbered("birch-help")
    assert numbered("ash-care", "birch-help") != numbered("ash-homes", "birch-help")
    # one slug split differently is another numbering
    assert numbered("a", "b-c") != numbered("a-b", "c")


def decode_strings(table):
    """The rows with each string position replaced by its string, as record.js's filterRecords() does."""
    strings = [table["values"].get(key) for key in table["keys"]]

    def decoded(value, known):
        if known is None:
            return value
        return [known[i] for i in value] if isinstance(value, list) else known[value]

    return [[decoded(value, known) for value, known in zip(row, strings, strict=True)] for row in table["rows"]]


def test_the_filter_table_writes_each_string_once_and_decodes_to_the_filter_facts():
    records = [
        {
            "v": ["cooking", "cleaning"],
            "d": ["ely"],
            "p": [],
            "b": "CB7",
            "dp": 1,
            "sf": 0,
            "a": 1,
            "r": "registered",
            "l": [],
            "st": 4.5,
        },
        {
            "v": ["cleaning"],
            "d": ["ely", "fenland"],
            "p": ["PE13"],
            "b": "PE13",
            "dp": 0,
            "sf": 1,
            "a": 0,
            "r": "registered",
            "l": ["Polish"],
            "st": 0,
        },
    ]
    table = filter_table([{**record, "n": "a name left out"} for record in records])
    assert table["values"]["v"] == ["cooking", "cleaning"] and table["values"]["r"] == ["registered"]
    assert table["rows"][1][:2] == [[1], [0, 1]]
    assert [dict(zip(table["keys"], row, strict=True)) for row in decode_strings(table)] == records


def test_every_document_has_every_field(sample_build):
    _, directory = sample_build
    for document in search_documents(directory):
        assert set(document) == {"name", "services", "places", "summary"}


def test_location_files_cover_the_area_and_its_border(search_data, sample_output):
    location = search_data["location"]
    files = {path.stem for path in (sample_output / "search" / "postcodes").glob("*.json")}
    assert {"CB4", "PE15", "SG8", "CB8"} <= files
    assert "LS1" not in files and "LS1" not in location["outcodes"]
    assert location["outcodes"]["PE1"][3] == 0 and location["outcodes"]["CB4"][3] == 1
    for provider in search_data["providers"]:
        assert provider["b"] in location["outcodes"], provider["n"]
    cb4 = json.loads((sample_output / "search" / "postcodes" / "CB4.json").read_text())
    assert cb4["c"] == ["Cambridge"] or "Cambridge" in cb4["c"]
    assert all(len(inward) == 3 for inward in cb4["p"])


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
    assert node_json(RUNNER, str(output), request=[{"scores": "bath"}, {"query": "q=bath"}]) == [
        {},
        {"location": None, "corrected": None, "placeFromKeywords": "", "results": [], "query": "q=bath"},
    ]
