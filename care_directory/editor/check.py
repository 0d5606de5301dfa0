"""`build.py check`: every problem in listings, drafts and reviews, and what each draft still needs.

Listings in content/providers/ must pass the schema and the council policy.
Drafts in content/drafts/ must pass the schema (so mistakes show early),
but are never published: for each, `check` lists what the policy still
needs before it can move to content/providers/. In GitHub Actions each
problem is also printed as an annotation on the changed line.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.guide_checks import guide_problems
from care_directory.listings.loader import (
    draft_files,
    folder_problems,
    link_problems,
    listing_files,
    load_listings,
    same_value_problems,
)
from care_directory.listings.reviews import load_review, load_reviews, review_files, reviews_dir
from care_directory.model.wording import join_words, plural
from care_directory.policy.rules import evaluate_all


def run_check(site: Site, named: list[Path], today: date) -> list:
    """Check the named files (all listings and drafts when none are named); print and return the problems."""
    if links := link_problems(site):  # refused before anything is read through them
        for problem in links:
            print(problem)
        return links
    drafts_dir, reviews_folder = site.drafts_dir.resolve(), reviews_dir(site).resolve()
    review_paths = [f for f in named if f.is_relative_to(reviews_folder)]
    if review_paths and len(review_paths) == len(named):
        return _check_reviews(site, review_paths, today)
    named = [f for f in named if f not in review_paths]
    draft_paths = [f for f in named if f.is_relative_to(drafts_dir)] if named else draft_files(site)
    listing_paths = [f for f in named if not f.is_relative_to(drafts_dir)] if named else listing_files(site)
    listings, problems = load_listings(site, None if not named else listing_paths)
    if review_paths:
        problems += [problem for path in review_paths for problem in load_review(site, path, today)[1]]
    elif not named:
        problems += load_reviews(site, today)[1]
    drafts, draft_problems = load_listings(site, draft_paths) if draft_paths else ([], [])
    if not named:
        problems += folder_problems(site, site.drafts_dir) + guide_problems(site)
    evaluations = evaluate_all(site, listings, today)
    problems = sorted(problems + draft_problems + [error for e in evaluations for error in e.errors])
    # Lapses are not errors: a lapsed listing is withheld, one lapsing soon is still published.
    notes = [(finding, "withheld: not published until renewed") for e in evaluations for _, finding in e.withheld]
    # A shared phone number may be a copy-and-paste mistake that sends residents to the wrong business.
    notes += [(finding, "warning: check it is right") for finding in shared_phone_numbers(listings)]
    notes += [(finding, "warning") for e in evaluations for _, finding in e.warnings]
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if in_actions:
            print(github_annotation("error", problem))
    for finding, note in notes:
        print(f"{finding} ({note})")
        if in_actions:
            print(github_annotation("warning", finding))
    needs = _draft_needs(site, drafts, today)
    reviews = len(review_paths) if named else len(review_files(site))
    checked = [plural(len(listing_paths), "listing file")]
    checked += [plural(len(draft_paths), "draft")] if draft_paths else []
    checked += [plural(reviews, "review file")] if reviews else []
    print(f"\nChecked {join_words(checked)}: {plural(len(problems), 'problem')}.")
    if needs:
        print(
            f"{plural(len(needs), 'draft')} {'is' if len(needs) == 1 else 'are'} not ready to publish yet (see "
            "above); drafts are never published."
        )
    return problems


def _check_reviews(site: Site, paths: list[Path], today: date) -> list:
    problems = sorted(problem for path in paths for problem in load_review(site, path, today)[1])
    for problem in problems:
        print(problem)
    print(f"\nChecked {plural(len(paths), 'review file')}: {plural(len(problems), 'problem')}.")
    return problems


def _draft_needs(site: Site, drafts: list, today: date) -> dict[str, list]:
    """For each well-formed draft, what the council policy still needs before it can move to content/providers/."""
    needs = {}
    for evaluation in evaluate_all(site, drafts, today):
        missing = evaluation.errors + [finding for _, finding in evaluation.withheld]
        if missing:
            needs[evaluation.listing.file] = missing
            print(
                f"{evaluation.listing.file}: draft: before it can move to "
                f"{site.providers_dir.relative_to(site.root)}/, it needs:"
            )
            print("\n".join(f"  - {finding.field_and_message()}" for finding in missing))
        else:
            print(
                f"{evaluation.listing.file}: draft: ready to move to {site.providers_dir.relative_to(site.root)}/ and "
                "publish."
            )
    return needs


def github_annotation(level: str, problem) -> str:
    """A GitHub Actions workflow command, so the problem shows on the pull request's changed line."""

    def escape(text: str, property_value: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    line = f",line={problem.line}" if problem.line else ""
    title = escape(problem.field or "listing", True)
    return f"::{level} file={escape(problem.file, True)}{line},title={title}::{escape(problem.message)}"


def shared_phone_numbers(listings: list) -> list:
    """A finding on each listing whose phone number another listing also gives."""
    return same_value_problems(
        listings,
        ("contact", "phone"),
        "the phone number of",
        lambda data: re.sub(r"\D", "", data["contact"].get("phone", "")),
    )
