"""Property-based tests: no input file can crash the loader, the policy engine or page preparation."""

import dataclasses
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from care_directory.listings.loader import load_listing
from care_directory.listings.text_checks import hidden_characters, lookalike_name
from care_directory.model.provider import provider_from_listing
from care_directory.policy.rules import evaluate
from conftest import FIXTURES

VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["no", "yes", "0123", "12:30", "2025-02-30", "2026-01-15", "~", "cooking", "cambridge"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)


def check_file(site, text: str) -> None:
    """Load one file; it must load, or every problem must name the file and say what is wrong."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content" / "providers" / "listing.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        listing, problems = load_listing(dataclasses.replace(site, root=Path(folder)), path)
    assert (listing is None) == bool(problems)
    for problem in problems:
        assert problem.file == "content/providers/listing.yaml" and problem.message
    if listing:
        evaluate(listing, site.policy, site.vocabulary, date(2026, 12, 1))
        provider_from_listing(site, listing, date(2026, 12, 1))


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_file_is_loaded_or_reported(site, text):
    check_file(site, text)


@SETTINGS
@given(document=documents)
def test_any_yaml_document_is_loaded_or_reported(site, document):
    check_file(site, yaml.safe_dump(document, allow_unicode=True))


def paths_of(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_of(item, path + (index,))


FIELD_PATHS = [p for p in paths_of(VALID) if p]


def mutated(listing: dict, path: tuple, replacement, delete: bool) -> dict:
    copy = yaml.safe_load(yaml.safe_dump(listing))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return copy


@SETTINGS
@given(path=st.sampled_from(FIELD_PATHS), replacement=documents, delete=st.booleans())
def test_any_mutation_of_a_valid_listing_is_loaded_or_reported_with_its_field(site, path, replacement, delete):
    check_file(site, yaml.safe_dump(mutated(VALID, path, replacement, delete), allow_unicode=True, sort_keys=False))


@SETTINGS
@given(name=st.text(min_size=1, max_size=40))
def test_a_name_is_accepted_only_as_visible_text_in_one_alphabet(site, name):
    """Whatever characters a name holds (controls, soft hyphens, noncharacters, lookalike letters), it is
    published only if none is hidden, it keeps to one alphabet and it has no spaces at either end.

    What is checked is the name as read: YAML folds a line break inside a quoted name, U+0085 among them,
    into a space, so '0\x850' is published as '0 0'."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content" / "providers" / "listing.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(yaml.safe_dump({**VALID, "name": name}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        listing, problems = load_listing(dataclasses.replace(site, root=Path(folder)), path)
    if listing:
        published = listing.data["name"]
        assert not hidden_characters(published) and lookalike_name(published) is None
        assert published == published.strip()
    else:
        assert all(p.file == "content/providers/listing.yaml" and (p.field or p.line) for p in problems)


@settings(max_examples=40, deadline=None)
@given(depth=st.integers(1, 30_000), flow=st.booleans())
def test_no_depth_of_nesting_crashes_the_reader(site, depth, flow):
    nested = "[" * depth + "]" * depth if flow else "".join(f"{'  ' * i}- \n" for i in range(min(depth, 3000)))
    check_file(site, f"name: Tidy Homes\nnested: {nested}\n" if flow else f"name: Tidy Homes\nnested:\n{nested}")
