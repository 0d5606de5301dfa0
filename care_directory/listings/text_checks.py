"""Checks on listing text that a schema cannot express.

- Privacy: many sole traders work from home, so no text may hold a full
  postcode or a house number and street ("this looks like a home address").
  The base is a town and a postcode district only.
- Hidden characters: control characters and bidirectional overrides can
  make a name read differently from what reviewers approved.
"""

from __future__ import annotations

import re
import unicodedata

from care_directory.listings.strict_yaml import FieldPath

FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
STREET_WORDS = (
    "street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent|place|pl|gardens|grove|"
    "terrace|row|hill|mews|walk|square|sq|park|rise|view|green|parade"
)
HOUSE_NUMBER = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Z][a-z']+\s+){{1,3}}(?:{STREET_WORDS})\b", re.IGNORECASE)
FLAT_NUMBER = re.compile(r"\b(?:flat|apartment|apt)\s*\d+", re.IGNORECASE)
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ALLOWED_CONTROLS = set("\n\t")


def text_fields(value, path: FieldPath = ()):
    """Every (path, text) in a parsed listing."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, path + (index,))


def text_problems(data: dict) -> list[tuple[FieldPath, str]]:
    """(field path, message) for every home address or hidden character in a listing's text."""
    problems = []
    for path, text in text_fields(data):
        if path[:1] == ("contact",) and path[1:] in (("email",), ("website",), ("phone",)):
            continue  # checked by the schema; digits in a phone number are not a house number
        if match := FULL_POSTCODE.search(text) or HOUSE_NUMBER.search(text) or FLAT_NUMBER.search(text):
            problems.append((path, f"'{match.group().strip()}' looks like a home address: give only the town and postcode district (for example CB4), never a street or full postcode"))
        if hidden := _hidden_characters(text):
            problems.append((path, f"contains hidden control characters ({', '.join(hidden)}): retype the text without them"))
    return problems


def _hidden_characters(text: str) -> list[str]:
    found = {
        f"U+{ord(ch):04X}"
        for ch in text
        if ch in BIDI_CONTROLS or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in ALLOWED_CONTROLS and ch != "\u00ad")
    }
    return sorted(found)
