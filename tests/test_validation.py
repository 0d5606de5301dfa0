"""The compiled schema check (jsonschema-rs) says "valid" exactly when jsonschema finds no problem.

The build trusts the compiled check for valid listings and asks jsonschema
for the wording only when it says no, so the two must never disagree.
"""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from care_directory.listings.loader import LISTING_SCHEMA
from care_directory.listings.strict_yaml import ParsedYaml, parse_yaml
from care_directory.listings.validation import compiled_schema, load_schema, quick_schema_problems
from conftest import FIXTURES

VALID = parse_yaml((FIXTURES / "valid-listing.yaml").read_text()).value
# Fields whose checks are patterns, formats, lengths, enums and number limits.
FIELDS = [
    ("name",),
    ("summary",),
    ("workers",),
    ("services", 0),
    ("areas", "districts", 0),
    ("base", "postcode_district"),
    ("contact", "phone"),
    ("contact", "email"),
    ("contact", "website"),
    ("availability", "accepting_new_clients"),
    ("listed_since",),
    ("last_reviewed",),
    ("regulation", "cqc"),
    ("council_reference",),
]
awkward_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "CB4\n",
            "CB4",
            "2025-02-30",
            "2025-02-28\n",
            "1899-12-31",
            "a$b@example.org",
            "hello@example.org",
            "https://example.org/ x",
            "https://example.org/",
            "01632 960000",
            "01632 960000\n",
            " Tidy",
            "",
        ]
    ),
)


def with_value(path: tuple, value) -> dict:
    data = copy.deepcopy(VALID)
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = value
    return data


def jsonschema_valid(data) -> bool:
    return not any(True for _ in load_schema(LISTING_SCHEMA).iter_errors(data))


def test_the_fixture_listing_is_valid_to_both():
    assert compiled_schema(LISTING_SCHEMA).is_valid(VALID) and jsonschema_valid(VALID)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), awkward_values)
def test_the_quick_check_agrees_with_jsonschema(path, value):
    data = with_value(path, value)
    assert (quick_schema_problems(LISTING_SCHEMA, ParsedYaml(data, {}), "x.yaml") == []) == jsonschema_valid(data)


def test_white_space_the_regex_engines_read_differently_is_left_to_jsonschema():
    # Found by the test above: Python's \S refuses \x1f, jsonschema-rs's accepts it.
    data = with_value(("name",), "0\x1f")
    assert compiled_schema(LISTING_SCHEMA).is_valid(data) != jsonschema_valid(data)
    assert quick_schema_problems(LISTING_SCHEMA, ParsedYaml(data, {}), "x.yaml") != []


def test_an_invalid_listing_gets_jsonschemas_words():
    data = with_value(("base", "postcode_district"), "CB4\n")
    problems = quick_schema_problems(LISTING_SCHEMA, ParsedYaml(data, {}), "x.yaml")
    assert [p.field for p in problems] == ["base.postcode_district"]
    assert "is not in the right form" in problems[0].message
