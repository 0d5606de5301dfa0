"""Read a GitHub issue opened with the listing application form (.github/ISSUE_TEMPLATE/listing-application.yml).

GitHub writes an issue form's answers into the issue as `### <label>`
headings, each followed by the answer (`_No response_` when left empty).
The form's field ids are the CSV import's column names, so the answers are
read by the same rules as a spreadsheet row: `build.py import --issue-form
TEMPLATE ISSUE.md` writes the draft, and the application workflow opens a
draft pull request with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from care_directory.config import Site
from care_directory.editor.import_csv import EXTRA_COLUMNS, ImportedRecord, cells_record
from care_directory.listings.validation import Problem
from care_directory.outputs.open_data import CSV_COLUMNS

NO_RESPONSE = "_No response_"


def read_issue(site: Site, path: Path, template: Path) -> tuple[list[ImportedRecord], list[Problem]]:
    """The application in an issue's text as one imported record, read by the form's labels."""
    form = yaml.safe_load(template.read_text(encoding="utf-8"))
    labels = {
        field["attributes"]["label"]: field["id"]
        for field in form.get("body", [])
        if field.get("id") and "attributes" in field
    }
    answers = _answers(path.read_text(encoding="utf-8"))
    cells = dict.fromkeys(CSV_COLUMNS + EXTRA_COLUMNS, "")
    for label, answer in answers.items():
        if labels.get(label) in cells and answer != NO_RESPONSE:
            cells[labels[label]] = answer
    record, problems = cells_record(site, path, "issue", cells)
    return ([record] if record else []), problems


def _answers(text: str) -> dict[str, str]:
    """`### Label` -> the text under it, up to the next heading."""
    parts = re.split(r"^### +(.+?) *$", text.replace("\r\n", "\n"), flags=re.M)
    return {label.strip(): answer.strip() for label, answer in zip(parts[1::2], parts[2::2], strict=True)}
