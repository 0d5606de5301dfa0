import pytest

from care_directory.listings.strict_yaml import YamlError, parse_yaml


@pytest.mark.parametrize(
    "text, expected",
    [
        ("value: no", "no"),
        ("value: yes", "yes"),
        ("value: off", "off"),
        ("value: 0123", "0123"),
        ("value: 0o17", "0o17"),
        ("value: 12:30", "12:30"),
        ("value: 1_000", "1_000"),
        ("value: 2025-03-01", "2025-03-01"),
        ("value: .inf", ".inf"),
        ("value: true", True),
        ("value: false", False),
        ("value: 7", 7),
        ("value: 21.50", 21.5),
        ("value: -3", -3),
        ("value:", None),
        ("value: '0123'", "0123"),
    ],
)
def test_only_yaml_1_2_core_scalars_become_non_text(text, expected):
    value = parse_yaml(text).value["value"]
    assert value == expected and type(value) is type(expected)


def test_every_field_knows_its_line():
    parsed = parse_yaml("name: A\ncontact:\n  phone: '1'\npricing:\n  - amount: 3\n    unit: hour\n")
    assert parsed.lines[("name",)] == 1
    assert parsed.lines[("contact",)] == 2
    assert parsed.lines[("contact", "phone")] == 3
    assert parsed.lines[("pricing", 0, "unit")] == 6
    assert parsed.line_of(("contact", "email")) == 2  # a missing field points at its parent


def test_a_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(YamlError) as raised:
        parse_yaml("name: A\nsummary: x\nname: B\n")
    assert raised.value.line == 3
    assert raised.value.message == "'name' appears twice (first on line 1): keep one, or YAML silently uses the last"


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: &x [1, 2]\n"])
def test_anchors_and_aliases_are_refused(text):
    with pytest.raises(YamlError, match="not allowed in listings"):
        parse_yaml(text)


def test_a_syntax_error_names_its_line():
    with pytest.raises(YamlError) as raised:
        parse_yaml("name: A\nbase:\n  town: Ely\n postcode_district: CB7\n")
    assert raised.value.line == 4
    assert raised.value.message.startswith("this line is not valid YAML: check the indentation and the quotes")


def test_python_object_tags_are_refused():
    with pytest.raises(YamlError, match="tags such as"):
        parse_yaml("name: !!python/object:os.system ls\n")


def test_more_than_one_document_is_refused():
    with pytest.raises(YamlError, match="exactly one YAML document"):
        parse_yaml("name: A\n---\nname: B\n")
