"""Load and check residents' reviews: content/reviews/<provider-slug>/<review-id>.yaml.

A review is untrusted text like a listing, and gets the same treatment:
the strict YAML reader, a JSON Schema (schema/review.schema.json), the
listings' text checks (home addresses, hidden characters), the limited
Markdown of descriptions for its text and reply, and the council policy's
length limits. On top of that a review may hold no contact details at all
(an e-mail address or phone number): a reviewer's contact stays with the
submission, never in the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from care_directory.config import Site
from care_directory.listings.description import description_html
from care_directory.listings.loader import listing_files, read_slug_named
from care_directory.listings.strict_yaml import ParsedYaml
from care_directory.listings.text_checks import text_fields, text_problems
from care_directory.listings.validation import Problem, load_schema, problem_at, schema_problems
from care_directory.paths import SCHEMA_DIR

REVIEW_SCHEMA = SCHEMA_DIR / "review.schema.json"
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A UK phone number however it is spaced: 01632 960123, +44 7700 900123, (01632) 960-123.
PHONE_NUMBER = re.compile(r"(?<!\d)(?:\+44|0)[\s()-]*\d(?:[\s()-]*\d){8,9}(?!\d)")
# What review-add writes for the moderator's reference: a draft may keep it, a published review may not.
MODERATOR_TO_FILL_IN = "to-fill-in"


@dataclass(frozen=True)
class ReviewFile:
    """One review that passed every check; `data` has its dates as `datetime.date`."""

    provider_slug: str
    id: str
    file: str
    data: dict
    text_html: str
    reply_html: str


def reviews_dir(site: Site) -> Path:
    """Where approved reviews live, one folder per provider."""
    return site.root / "content" / "reviews"


def review_files(site: Site) -> list[Path]:
    """Every review file, in a stable order."""
    folder = reviews_dir(site)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*/*.yaml") if p.is_file() and not p.is_symlink())


def load_reviews(site: Site, today: date) -> tuple[list[ReviewFile], list[Problem]]:
    """Read and check every review; returns those that passed and every problem in any file."""
    problems = _folder_problems(site)
    reviews = []
    for path in review_files(site):
        review, found = load_review(site, path, today)
        problems += found
        if review:
            reviews.append(review)
    return reviews, problems


def load_review(site: Site, path: Path, today: date) -> tuple[ReviewFile | None, list[Problem]]:
    """Read and check one review file."""
    file = path.relative_to(site.root).as_posix()
    parsed, problems = read_slug_named(path, file, "2026-10-03-sam.yaml")
    if parsed is None:
        return None, problems
    if not isinstance(parsed.value, dict):
        return None, problems + [Problem(file, 1, "", "a review is a set of fields (rating: ..., text: ...)")]
    problems += schema_problems(load_schema(REVIEW_SCHEMA), parsed, file)
    problems += [problem_at(file, parsed, where, message) for where, message in text_problems(parsed.value)]
    if problems:
        return None, problems
    problems = _rule_problems(site, parsed, file, today)
    if problems:
        return None, problems
    data = _with_dates(parsed.value)
    reply = data.get("reply", {}).get("text", "")
    review = ReviewFile(
        path.parent.name,
        path.stem,
        file,
        data,
        # A review is a person's own words: paragraphs and emphasis, but never links.
        description_html(data["text"], links=False),
        description_html(reply, links=False) if reply else "",
    )
    return review, []


def contact_details(text: str) -> str | None:
    """An e-mail address or phone number in `text`, if there is one."""
    match = EMAIL_ADDRESS.search(text) or PHONE_NUMBER.search(text)
    return match.group() if match else None


def _rule_problems(site: Site, parsed: ParsedYaml, file: str, today: date) -> list[Problem]:
    """The council policy's limits, contact details, and dates in an order that can be true."""
    data, rules = parsed.value, site.policy.reviews
    problems = []
    length = len(data["text"].strip())
    if not rules.min_length <= length <= rules.max_length:
        problems.append(
            problem_at(
                file,
                parsed,
                ("text",),
                f"is {length} characters; the council policy allows {rules.min_length} to {rules.max_length}",
            )
        )
    problems += [
        problem_at(
            file,
            parsed,
            where,
            f"'{found}' is contact information: reviews never hold anyone's e-mail address or phone number: "
            "take it out",
        )
        for where, text in text_fields(data)
        if (found := contact_details(text))
    ]
    if data["status"] == "published" and data["moderator"] == MODERATOR_TO_FILL_IN:
        problems.append(
            problem_at(file, parsed, ("moderator",), "give the council's reference for approving this review")
        )
    dated = _with_dates(data)
    dates = {("service_date",): dated["service_date"], ("review_date",): dated["review_date"]}
    if "reply" in dated:
        dates[("reply", "date")] = dated["reply"]["date"]
    problems += [
        problem_at(file, parsed, where, f"{value} is after the build date {today}")
        for where, value in dates.items()
        if value > today
    ]
    if dated["service_date"] > dated["review_date"]:
        problems.append(problem_at(file, parsed, ("review_date",), "is before the service_date it reviews"))
    if "reply" in dated and dated["reply"]["date"] < dated["review_date"]:
        problems.append(problem_at(file, parsed, ("reply", "date"), "is before the review it replies to"))
    return problems


def _with_dates(data: dict) -> dict:
    data = dict(data, service_date=date.fromisoformat(data["service_date"]))
    data["review_date"] = date.fromisoformat(data["review_date"])
    if "reply" in data:
        data["reply"] = dict(data["reply"], date=date.fromisoformat(data["reply"]["date"]))
    return data


def _folder_problems(site: Site) -> list[Problem]:
    """content/reviews/ holds only folders named for a listing, each holding only review files."""
    folder = reviews_dir(site)
    if not folder.is_dir():
        return []
    slugs = {p.stem for p in listing_files(site)}
    problems = []
    for entry in sorted(folder.iterdir()):
        name = entry.relative_to(site.root).as_posix()
        if not entry.is_dir() and entry.name != ".gitkeep":
            problems.append(Problem(name, 0, "", "reviews go in a folder named for the provider: reviews/<slug>/"))
        elif entry.is_dir() and entry.name not in slugs:
            problems.append(
                Problem(name, 0, "", f"no listing content/providers/{entry.name}.yaml: the folder must be its slug")
            )
        elif entry.is_dir():
            problems += [
                Problem(p.relative_to(site.root).as_posix(), 0, "", "is not a review file: review files end in .yaml")
                for p in sorted(entry.iterdir())
                if p.suffix != ".yaml" or not p.is_file()
            ]
    return problems
