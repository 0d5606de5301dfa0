"""`review-add`: turn a resident's submitted review into a draft review file for staff to approve.

A submission arrives as a Netlify Forms CSV export (one row per submission)
or as the body of the e-mail the form composed: either form-mail.js's
layout ("Question [field]" then the answer) or, from a browser without
JavaScript, "field=value" lines. The draft is written to
content/reviews/<provider>/<date>-<name>.yaml with status: draft. The
reviewer's contact details are never written: they stay in the mailbox or
Netlify, outside the repository.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from care_directory.config import Site
from care_directory.editor.new_listing import slugify
from care_directory.listings.reviews import MODERATOR_TO_FILL_IN, contact_details, load_review, reviews_dir

# The review form's fields (theme/templates/review-form.html) that go into a review file.
FIELDS = ("provider", "rating", "help", "used_month", "used_year", "review", "display_name", "declaration")
COMPOSED_QUESTION = re.compile(r"^(?P<question>.*) \[(?P<field>[a-z_-]+)\]$")
PLAIN_FIELD = re.compile(r"^(?P<field>[a-z_-]+)=(?P<value>.*)$")
DRAFT_HEADER = """\
# A resident's review, drafted by `build.py review-add` from their submission.
# Before approving: read it against the moderation rules (the "How reviews work" guide and
# the policy's reviews section), take out anything that identifies someone, offer the provider
# a reply if the policy says so, fill in `moderator` with the council's reference, and set
# `status: published`. The reviewer's contact details are kept out of the repository on purpose.
"""


@dataclass(frozen=True)
class Draft:
    """One draft review file written, with what staff should look at before approving it."""

    path: Path
    attention: tuple[str, ...]


def submissions(text: str) -> list[dict[str, str]]:
    """Each submission in an export or e-mail body, as field name -> answer."""
    header = next(csv.reader(io.StringIO(text.lstrip())), [])
    if "rating" in (name.strip() for name in header):
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(io.StringIO(text))
        ]
    return [_email_fields(text)]


def _email_fields(text: str) -> dict[str, str]:
    """Fields from an e-mail body in either layout; an answer runs on until the next field."""
    fields: dict[str, list[str]] = {}
    current = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if (match := COMPOSED_QUESTION.match(line.strip())) and match["field"] in (*FIELDS, "form-name", "contact"):
            current = match["field"]
            fields[current] = []
        elif (match := PLAIN_FIELD.match(line)) and match["field"] in (*FIELDS, "form-name", "contact"):
            current = match["field"]
            fields[current] = [match["value"]]
        elif current:
            fields[current].append(line)
    return {name: "\n".join(lines).strip() for name, lines in fields.items()}


def draft_review(fields: dict[str, str], written: date) -> dict:
    """The review file's fields from a submission (status draft; the moderator's reference to fill in)."""
    month, year = fields.get("used_month", ""), fields.get("used_year", "")
    service = f"{int(year):04d}-{int(month):02d}-01" if month.isdigit() and year.isdigit() else ""
    return {
        "rating": int(fields["rating"]) if fields.get("rating", "").isdigit() else fields.get("rating", ""),
        "service_date": service,
        "review_date": written.isoformat(),
        "help": fields.get("help", ""),
        "display_name": " ".join(fields.get("display_name", "").split()[:1]) or "A resident",
        "text": fields.get("review", "").strip(),
        "status": "draft",
        "moderator": MODERATOR_TO_FILL_IN,
    }


def add_reviews(site: Site, text: str, today: date) -> tuple[list[Draft], list[str]]:
    """Write a draft for each submission in `text`; returns the drafts and the submissions that could not be used."""
    drafts, refused = [], []
    for number, fields in enumerate(submissions(text), start=1):
        slug = fields.get("provider", "")
        if not (site.providers_dir / f"{slug}.yaml").is_file():
            refused.append(f"submission {number}: no provider '{slug}' in {site.providers_dir.name}/: not drafted")
            continue
        if fields.get("declaration", "").lower() not in ("yes", "on", "true"):
            refused.append(f"submission {number}: the reviewer did not declare they used the service: not drafted")
            continue
        written = _submitted_on(fields) or today
        review = draft_review(fields, written)
        path = _free_path(reviews_dir(site) / slug, f"{written.isoformat()}-{slugify(review['display_name'])}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT_HEADER + _yaml(review), encoding="utf-8")
        drafts.append(Draft(path, _attention(site, path, review, today)))
    return drafts, refused


def _submitted_on(fields: dict[str, str]) -> date | None:
    """Netlify's export gives each submission's time (created_at, ISO 8601)."""
    try:
        return date.fromisoformat(fields.get("created_at", "")[:10])
    except ValueError:
        return None


def _free_path(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.yaml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path


class _ReviewDumper(yaml.SafeDumper):
    """Writes text of several lines as a block (|), as staff would type it."""


_ReviewDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def _yaml(review: dict) -> str:
    return yaml.dump(review, Dumper=_ReviewDumper, sort_keys=False, allow_unicode=True, width=88)


def _attention(site: Site, path: Path, review: dict, today: date) -> tuple[str, ...]:
    """What the moderator must look at: words that send a review back, and every check the file fails."""
    words = [w for w in site.policy.reviews.send_back_words if w.casefold() in review["text"].casefold()]
    notes = [f"holds words the policy sends back for a closer look: {', '.join(words)}"] if words else []
    if found := contact_details(review["text"]):
        notes.append(f"the text holds contact information ('{found}'): take it out")
    _, problems = load_review(site, path, today)
    notes += [p.field_and_message() for p in problems]
    return tuple(dict.fromkeys(notes))
