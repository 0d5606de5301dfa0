"""`build.py import FILE`: one draft per provider in content/drafts/, and what each still needs.

A provider whose slug or council reference matches a published listing gets
an update draft: the published listing with the imported values over it,
under the listing's own name, to move over the published file once checked.
Nothing is ever overwritten: a draft that already exists is named and left
alone. The report is `check`'s own, run on the drafts written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.check import run_check
from care_directory.editor.import_csv import ImportedRecord, read_csv, read_mapping
from care_directory.editor.import_issue import read_issue
from care_directory.editor.import_oruk import read_oruk
from care_directory.editor.new_listing import listing_text
from care_directory.listings.loader import load_listings
from care_directory.listings.validation import Problem


def run_import(site: Site, source: Path, mapping_file: Path | None, today: date, issue_form: Path | None = None) -> int:
    """Import `source` (CSV, Open Referral UK JSON, or with `issue_form` an issue's text) into drafts; print the
    report; 1 if any row was refused."""
    records, problems, notes = _read(site, source, mapping_file, issue_form)
    written, refused = write_drafts(site, source, records)
    problems += refused
    for note in notes:
        print(note)
    for problem in sorted(problems, key=_row_order):
        print(problem)
    if written:
        print(f"\nWrote {len(written)} draft(s) from {source.name}. What each still needs:\n")
        run_check(site, written, today)
    if problems:
        print(f"\n{len(problems)} problem(s): those rows were not imported. Correct them and import the file again.")
    return 1 if problems else 0


def _read(
    site: Site, source: Path, mapping_file: Path | None, issue_form: Path | None
) -> tuple[list[ImportedRecord], list[Problem], list[str]]:
    if issue_form:
        records, problems = read_issue(site, source, issue_form)
        return records, problems, []
    if source.suffix.lower() == ".json":
        records, problems = read_oruk(site, source)
        return records, problems, []
    mapping, problems = read_mapping(mapping_file) if mapping_file else ({}, [])
    if problems:
        return [], problems, []
    return read_csv(site, source, mapping)


def write_drafts(site: Site, source: Path, records: list[ImportedRecord]) -> tuple[list[Path], list[Problem]]:
    """Write a draft for each record, never over an existing file; returns the drafts written and the refusals."""
    published, _ = load_listings(site)
    by_slug = {listing.slug: listing for listing in published}
    by_reference = {
        listing.data["council_reference"]: listing for listing in published if "council_reference" in listing.data
    }
    site.drafts_dir.mkdir(parents=True, exist_ok=True)
    written, refused = [], []
    for record in records:
        match = by_reference.get(record.values.get("council_reference")) or by_slug.get(record.slug)
        slug = match.slug if match else record.slug
        path = site.drafts_dir / f"{slug}.yaml"
        if path.exists():
            shown = path.relative_to(site.root)
            refused.append(Problem(str(source), 0, record.where, f"{shown} already exists: it was not overwritten"))
            continue
        if match:
            values = _merged(match.data, record.values)
            published_file = f"{site.providers_dir.relative_to(site.root)}/{slug}.yaml"
            header = [
                f"Update of {published_file} from {source.name} ({record.where}).",
                "Compare it with the published listing, then move it over that file.",
            ]
        else:
            values = record.values
            header = [
                f"Draft imported from {source.name} ({record.where}). Fill in what `build.py check` asks for,",
                f"then move it from content/drafts/ to {site.providers_dir.relative_to(site.root)}/.",
            ]
        path.write_text(listing_text(site, values, header), encoding="utf-8")
        written.append(path)
    return written, refused


def _merged(published: dict, imported: dict) -> dict:
    """The published values with the imported ones over them, group by group (lists are replaced whole)."""
    merged = dict(published)
    for key, value in imported.items():
        if value in ("", [], {}, None):
            continue  # the import file says nothing about it: keep what is published
        both_groups = isinstance(value, dict) and isinstance(published.get(key), dict)
        merged[key] = _merged(published[key], value) if both_groups else value
    return merged


def _row_order(problem: Problem) -> tuple:
    number = "".join(c for c in problem.field.split(":")[0] if c.isdigit())
    return problem.file, int(number or 0), problem.field
