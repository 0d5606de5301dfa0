"""Checks on listing text that a schema cannot express.

- Privacy: many sole traders work from home, so no text may hold a
  postcode or a house number and street ("this looks like a home
  address"). The base is a town and a postcode district only. A postcode
  written in an unusual way (CB4-1AA, cb4 / 1aa) is recognised by looking
  it up in the list of every real GB postcode (data/gb-postcodes.txt.gz).
- Hidden characters: control and formatting characters (right-to-left
  overrides, zero-width spaces, soft hyphens), unassigned code points and
  noncharacters can make text read differently from what reviewers
  approved, or break feeds; they are refused in every field.
- Impersonation: a name that mixes scripts (a Cyrillic "о" among Latin
  letters) looks like another business's; Unicode's confusable-detection
  rules (UTS #39, via the confusable-homoglyphs library) find it.
"""

from __future__ import annotations

import gzip
import html
import re
import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables

from care_directory.listings.description import description_html
from care_directory.listings.strict_yaml import FieldPath
from care_directory.paths import PROJECT_ROOT

GB_POSTCODES = PROJECT_ROOT / "data" / "gb-postcodes.txt.gz"
# A postcode in the usual shape, with a space, hyphen or dot (or nothing) between its halves.
FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?[\s.-]{0,2}[0-9][A-Z]{2}\b", re.IGNORECASE)
# Postcode-like text in any other form; refused only when it is a real postcode.
LOOSE_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\W{0,4}[0-9]\W{0,2}[A-Z]\W?[A-Z]\b", re.IGNORECASE)
STREET_WORDS = (
    "street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent|place|pl|gardens|grove|"
    "terrace|row|hill|mews|walk|square|sq|park|rise|view|green|parade|drove|end|yard|causeway|bank|"
    "croft|chase|meadows?|fields?|paddocks?|orchard|wharf|quay|passage|alley|broadway|boulevard|circus|"
    "cottages|gate|vale|dale|wood|woods|heights|mount|approach|fen|common|hollow|spinney|holt|leys|"
    "precincts?|villas|buildings|estate|crossing|corner|path|steps|loke|chare|twitten|wynd"
)
# A number, then one to three words in any alphabet (with hyphens or apostrophes: Stow-cum-Quy), then a street word.
HOUSE_NUMBER = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[^\W\d_][\w'’-]*\s+){{1,3}}(?:{STREET_WORDS})\b", re.IGNORECASE)
FLAT_NUMBER = re.compile(r"\b(?:flat|apartment|apt)\s*\d+", re.IGNORECASE)
ALLOWED_CONTROLS = set("\n\t")
# Control, format, unassigned (including noncharacters such as U+FFFE), private use and surrogate code points,
# and line and paragraph separators (U+2028, U+2029).
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}
# Letters and symbols that print as nothing: Hangul fillers and the blank Braille pattern.
BLANK_LOOKING = set("\u115f\u1160\u3164\uffa0\u2800")
ADDRESS_EXEMPT = {("contact", "email"), ("contact", "website"), ("contact", "phone")}  # checked by the schema


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
    """(field path, message) for every home address, hidden character or mixed-script name in a listing."""
    problems = []
    for path, text in text_fields(data):
        if path not in ADDRESS_EXEMPT and (found := home_address(text) or home_address(as_read(path, text))):
            problems.append(
                (
                    path,
                    f"'{found}' looks like a home address: give only the town and postcode district (for example "
                    "CB4), never a street or full postcode",
                )
            )
        if hidden := hidden_characters(text):
            problems.append(
                (path, f"contains hidden control characters ({', '.join(hidden)}): retype the text without them")
            )
    name = data.get("name")
    if isinstance(name, str) and not hidden_characters(name) and (problem := lookalike_name(name)):
        problems.append((("name",), problem))
    return problems


def lookalike_name(name: str) -> str | None:
    """Why a name could pass for another business's, or read as nothing, if it could (UTS #39 script rules)."""
    name = unicodedata.normalize("NFC", name)  # 's' + combining accent is one letter, not two alphabets
    if not any(unicodedata.category(ch)[0] in "LN" for ch in name):
        return "has no letters or digits that can be read: give the business's name"
    scripts = categories.unique_aliases(name) - {"COMMON", "INHERITED"}
    if confusables.is_mixed_script(name):
        return (
            f"mixes letters from different alphabets ({' and '.join(sorted(s.title() for s in scripts))}), so it could "
            "pass for another business's name: retype it in one alphabet"
        )
    letters = [ch for ch in name if ch.isalpha()]
    if (
        scripts
        and scripts != {"LATIN"}
        and all(confusables.is_confusable(ch, preferred_aliases=["latin"]) for ch in letters)
    ):
        return (
            f"is written in {next(iter(scripts)).title()} letters that all look like Latin ones, so it could pass "
            "for a different name: write it as it is really spelt"
        )
    return None


def as_read(path: FieldPath, text: str) -> str:
    """The text as a resident reads it: a description's Markdown and HTML entities rendered, tags removed
    (so '14 *Mill* Road', 'Mill&nbsp;Lane' and 'CB4<!-- -->1AB' read as they would on the page)."""
    if path != ("description",):
        return text
    try:
        rendered = description_html(text)
    except RecursionError:
        return text  # the loader reports a description nested too deeply
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", rendered)).split())


def home_address(text: str) -> str | None:
    """The part of `text` that looks like a home address, if any."""
    if match := FULL_POSTCODE.search(text) or HOUSE_NUMBER.search(text) or FLAT_NUMBER.search(text):
        return match.group().strip()
    for match in LOOSE_POSTCODE.finditer(text):
        if re.sub(r"\W", "", match.group()).upper() in _real_postcodes():
            return match.group().strip()
    return None


@cache
def _real_postcodes() -> frozenset[str]:
    with gzip.open(GB_POSTCODES, "rt", encoding="ascii") as file:
        return frozenset(file.read().split())


def hidden_characters(text: str) -> list[str]:
    """The code points of any hidden characters in `text`, as U+XXXX."""
    found = {
        f"U+{ord(ch):04X}"
        for ch in text
        if (unicodedata.category(ch) in HIDDEN_CATEGORIES and ch not in ALLOWED_CONTROLS) or ch in BLANK_LOOKING
    }
    return sorted(found)
