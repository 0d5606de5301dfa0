import pytest

from care_directory.listings.text_checks import text_problems


@pytest.mark.parametrize(
    "text, found",
    [
        ("Call in at 12 High Street, Ely", "12 High Street"),
        ("We are at 3a Mill Road.", "3a Mill Road"),
        ("Find us at CB4 1AB", "CB4 1AB"),
        ("postcode cb41ab please", "cb41ab"),
        ("Flat 2, the old mill", "Flat 2"),
        ("14, Church Lane", "14, Church Lane"),
    ],
)
def test_a_home_address_in_any_text_field_is_flagged(text, found):
    assert text_problems({"description": text}) == [
        (
            ("description",),
            f"'{found}' looks like a home address: give only the town and postcode district (for example CB4), never "
            "a street or full postcode",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Based in CB4, we cover Cambridge.",
        "Visits of at least 45 minutes",
        "20 years in care",
        "We work 7 days a week",
        "Mileage is extra, at 45p a mile",
        "Open 9am to 5pm",
        "A team of 8 carers in the Fens",
    ],
)
def test_ordinary_sentences_with_numbers_pass(text):
    assert text_problems({"summary": text}) == []


def test_nested_fields_are_checked_and_named():
    listing = {"base": {"town": "12 Acacia Avenue"}, "pricing": [{"notes": "ok"}, {"notes": "Flat 9"}]}
    assert [path for path, _ in text_problems(listing)] == [("base", "town"), ("pricing", 1, "notes")]


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200f", "\x00", "\x1b", "\u200b"])
def test_hidden_control_characters_are_refused(character):
    (problem,) = text_problems({"name": f"Bright{character} Days"})
    assert problem == (
        ("name",),
        f"contains hidden control characters (U+{ord(character):04X}): retype the text without them",
    )


def test_contact_details_are_left_to_the_schema():
    assert text_problems({"contact": {"phone": "01632 960123", "email": "a@example.org"}}) == []
