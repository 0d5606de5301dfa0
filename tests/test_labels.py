"""Every fixed choice in the listing schema has its words in schema/labels.yaml."""

import json

import pytest

from care_directory.paths import SCHEMA_DIR

SCHEMA = json.loads((SCHEMA_DIR / "provider.schema.json").read_text())
# Where each labels.yaml section takes its values from in the listing schema.
SECTIONS = {
    "business_type": SCHEMA["properties"]["business_type"],
    "regulation": SCHEMA["properties"]["regulation"]["properties"]["cqc"],
    "unit": SCHEMA["properties"]["pricing"]["items"]["properties"]["unit"],
    "days": SCHEMA["properties"]["availability"]["properties"]["days"]["items"],
    "times": SCHEMA["properties"]["availability"]["properties"]["times"]["items"],
    "status": SCHEMA["properties"]["status"],
}


def enums(node, path=""):
    """(path, values) for every enum in a schema."""
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from enums(value, f"{path}/{index}")


def test_every_enum_in_the_schema_has_a_labels_section():
    labelled = [spec["enum"] for spec in SECTIONS.values()]
    for path, values in enums(SCHEMA):
        assert any(values is known for known in labelled), (
            f"{path}: add its words to schema/labels.yaml and a line to SECTIONS"
        )


@pytest.mark.parametrize("section", SECTIONS)
def test_every_value_has_words_and_no_words_are_left_over(site, section):
    assert list(site.vocabulary.labels[section]) == SECTIONS[section]["enum"]


def test_every_kind_of_vetting_item_has_its_words(site):
    assert set(site.vocabulary.labels["vetting"]) == {"checks", "training", "insurance"}
