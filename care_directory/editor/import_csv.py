"""Read a spreadsheet of providers (CSV) into listing values: the open-data CSV export read backwards.

The columns are those of `/open-data/providers.csv` (CSV_COLUMNS), plus
`description`. A spreadsheet with other column names comes with a mapping
file (YAML, `columns: {our column: their column}`, see
docs/import-mapping-example.yaml). Cells may hold the export's words
("Monday to Friday", "Washing and bathing: £22.50 an hour") or the ids a
listing file uses ("mon; tue", "washing-and-bathing"); lists are separated
by semicolons. A cell that cannot be read is a problem naming its row and
column; an empty cell leaves the field out for `check` to ask for.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.new_listing import slugify
from care_directory.listings.validation import Problem, read_yaml_file
from care_directory.outputs.open_data import CSV_COLUMNS, FORMULA_STARTS

EXTRA_COLUMNS = ("description",)  # not in the export (too long for a spreadsheet), but a council's list may have it
YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}


@dataclass
class ImportedRecord:
    """One provider read from an import file: where it came from, its slug and its listing values."""

    where: str  # "row 3", "service 2"
    slug: str
    values: dict


class _CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def read_mapping(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """Our column -> the spreadsheet's column, from a mapping file; unknown column names are problems."""
    parsed, problems = read_yaml_file(path, str(path))
    if problems:
        return {}, problems
    columns = (parsed.value or {}).get("columns") if isinstance(parsed.value, dict) else None
    if not isinstance(columns, dict):
        return {}, [Problem(str(path), 0, "columns", "must map our column names to the spreadsheet's column names")]
    known = CSV_COLUMNS + EXTRA_COLUMNS
    problems = [
        Problem(
            str(path),
            parsed.line_of(("columns", ours)) or 0,
            f"columns.{ours}",
            f"unknown column; use one of: {', '.join(known)}",
        )
        for ours in columns
        if ours not in known
    ]
    return {str(ours): str(theirs) for ours, theirs in columns.items()}, problems


def read_csv(site: Site, path: Path, mapping: dict[str, str]) -> tuple[list[ImportedRecord], list[Problem], list[str]]:
    """Every row of the spreadsheet as an imported record, the problems of bad rows, and notes (ignored columns)."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        headers = reader.fieldnames or []
        theirs = {ours: mapping.get(ours, ours) for ours in CSV_COLUMNS + EXTRA_COLUMNS}
        used = set(theirs.values())
        notes = (
            [f"{path}: columns ignored: {', '.join(h for h in headers if h not in used)}"]
            if set(headers) - used
            else []
        )
        if "name" not in {ours for ours, column in theirs.items() if column in headers}:
            return (
                [],
                [Problem(str(path), 1, "name", f"no '{theirs['name']}' column: every provider needs a name")],
                notes,
            )
        records, problems = [], []
        for row_number, row in enumerate(reader, start=2):  # row 1 is the header, as a spreadsheet numbers it
            cells = {ours: _cell(row.get(column)) for ours, column in theirs.items()}
            if not any(cells.values()):
                continue
            record, row_problems = cells_record(site, path, f"row {row_number}", cells)
            problems += row_problems
            if record:
                records.append(record)
        return records, problems, notes


def _cell(value: str | None) -> str:
    """A cell's text, without the apostrophe the export puts before text a spreadsheet would run as a formula."""
    text = (value or "").strip()
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def cells_record(site: Site, path: Path, where: str, cells: dict[str, str]) -> tuple[ImportedRecord | None, list]:
    """One provider from its cells (column -> text, every column present); problems name `where` and the column."""
    problems = []
    reader = _CellReader(site)
    values: dict = {}
    for column, (field_path, read) in reader.fields().items():
        if not cells[column]:
            continue
        try:
            _put(values, field_path, read(cells[column]))
        except _CellError as error:
            problems.append(Problem(str(path), 0, f"{where}: {column}", str(error)))
    if not cells["name"]:
        problems.append(Problem(str(path), 0, f"{where}: name", "empty: every provider needs a name"))
    if problems:
        return None, problems
    page_slug = re.search(r"/providers/([a-z0-9-]+)/?$", cells["page"])
    return ImportedRecord(where, page_slug.group(1) if page_slug else slugify(cells["name"]), values), []


def _put(values: dict, field_path: tuple, value) -> None:
    for key in field_path[:-1]:
        values = values.setdefault(key, {})
    values[field_path[-1]] = value


class _CellReader:
    """How each column's cell becomes a listing value, accepting the export's words or the listing's ids."""

    def __init__(self, site: Site):
        self.site = site
        labels = site.vocabulary.labels
        self.services = _choices({s.id: s.label for s in site.vocabulary.services.values()})
        self.districts = _choices(site.districts)
        self.business_types = _choices(labels["business_type"])
        self.days = _choices(labels["days"])
        self.times = _choices(labels["times"])
        self.units = _choices(labels["unit"])
        self.regulation = _choices({key: value["condition"] for key, value in labels["regulation"].items()})
        self.statuses = _choices(labels["status"])

    def fields(self) -> dict:
        """Column -> (where the value goes in a listing, how the cell is read)."""
        text = str
        return {
            "name": (("name",), text),
            "summary": (("summary",), text),
            "description": (("description",), text),
            "business_type": (
                ("business_type",),
                lambda cell: self._choice(cell, self.business_types, "business type"),
            ),
            "workers": (("workers",), _number),
            "services": (("services",), lambda cell: self._list(cell, self.services, "service")),
            "districts": (("areas", "districts"), lambda cell: self._list(cell, self.districts, "district")),
            "postcode_districts": (("areas", "postcodes"), lambda cell: [p.upper() for p in _items(cell)]),
            "base_town": (("base", "town"), text),
            "base_postcode_district": (("base", "postcode_district"), str.upper),
            "phone": (("contact", "phone"), text),
            "email": (("contact", "email"), text),
            "website": (("contact", "website"), text),
            "contact_name": (("contact", "contact_name"), text),
            "taking_new_clients": (("availability", "accepting_new_clients"), _yes_no),
            "days": (("availability", "days"), self._days),
            "times": (("availability", "times"), lambda cell: self._list(_and_list(cell), self.times, "time")),
            "availability_notes": (("availability", "notes"), text),
            "prices": (("pricing",), self._prices),
            "direct_payments": (("payment", "direct_payments"), _yes_no),
            "self_funders": (("payment", "self_funders"), _yes_no),
            "cqc": (("regulation", "cqc"), lambda cell: self._choice(cell, self.regulation, "CQC status")),
            "cqc_location_id": (("regulation", "cqc_location_id"), text),
            "checks": (("checks",), lambda cell: self._dated(cell, "checks")),
            "insurance": (("insurance",), self._insurance),
            "training": (("training",), lambda cell: self._dated(cell, "training")),
            "languages": (("languages",), _items),
            "status": (("status",), lambda cell: self._choice(cell, self.statuses, "status")),
            "council_reference": (("council_reference",), text),
            "listed_since": (("listed_since",), _date),
            "last_reviewed": (("last_reviewed",), _date),
        }

    @staticmethod
    def _choice(cell: str, choices: dict[str, str], what: str) -> str:
        found = choices.get(cell.casefold())
        if found is None:
            raise _CellError(f"unknown {what} '{cell}'; use one of: {', '.join(sorted(set(choices.values())))}")
        return found

    def _list(self, cell: str | list, choices: dict[str, str], what: str) -> list[str]:
        items = cell if isinstance(cell, list) else _items(cell)
        # A form's ticked boxes arrive joined with commas (Netlify's export); words may have commas of their own.
        items = [part.strip() for item in items for part in ([item] if item.casefold() in choices else item.split(","))]
        return [self._choice(item, choices, what) for item in items if item]

    def _days(self, cell: str) -> list[str]:
        """'Monday to Friday', 'Monday, Wednesday and Saturday to Sunday' or 'mon; tue' -> day ids."""
        order = list(self.site.vocabulary.labels["days"])
        days = []
        for part in _and_list(cell):
            first, _, last = part.partition(" to ")
            start = order.index(self._choice(first, self.days, "day"))
            end = order.index(self._choice(last, self.days, "day")) if last else start
            days += order[start : end + 1]
        return list(dict.fromkeys(days))

    def _prices(self, cell: str) -> list[dict]:
        """'Washing and bathing: £22.50 an hour (notes); Mileage: £0.45 a mile' -> price list entries."""
        units = "|".join(re.escape(words) for words in sorted(self.units, key=len, reverse=True))
        price = re.compile(
            rf"(?P<label>.+?):\s*£?(?P<amount>[\d,]+(?:\.\d+)?)\s+(?P<unit>{units})(?:\s+\((?P<notes>.*)\))?", re.I
        )
        entries = re.split(rf"[;\n]\s*(?=[^;\n]+:\s*£?[\d,.]+\s+(?:{units}))", cell.strip(), flags=re.I)
        pricing = []
        for entry in entries:
            match = price.fullmatch(entry.strip())
            if not match:
                raise _CellError(f"cannot read the price '{entry.strip()}'; write it like 'Cleaning: £18 an hour'")
            label = match["label"].strip()
            item = {
                "service_or_label": self.services.get(label.casefold(), label),
                "amount": _number(match["amount"]),
                "unit": self.units[match["unit"].casefold()],
            }
            if match["notes"]:
                item["notes"] = match["notes"]
            pricing.append(item)
        return pricing

    def _dated(self, cell: str, kind: str) -> dict[str, date]:
        """'Identity check: 3 November 2025; enhanced_dbs: 2025-11-03' -> {id: date}."""
        choices = _choices(self.site.vocabulary.vetting_labels(kind))
        dated = {}
        for item in _items(cell):
            label, _, when = item.rpartition(":")
            dated[self._choice(label.strip(), choices, kind.rstrip("s"))] = _date(when)
        return dated

    def _insurance(self, cell: str) -> dict[str, dict]:
        """'Public liability insurance: £5,000,000 until 2 November 2027' -> {id: {expires, cover_gbp}}."""
        choices = _choices(self.site.vocabulary.vetting_labels("insurance"))
        policies = {}
        for item in _items(cell):
            match = re.fullmatch(r"(?P<label>.+?):\s*£?(?P<cover>[\d,]+(?:\.\d+)?)\s+until\s+(?P<expires>.+)", item)
            if not match:
                raise _CellError(
                    f"cannot read the insurance '{item}'; write it like "
                    "'Public liability insurance: £5,000,000 until 2 November 2027'"
                )
            policies[self._choice(match["label"], choices, "insurance")] = {
                "expires": _date(match["expires"]),
                "cover_gbp": _number(match["cover"]),
            }
        return policies


def _choices(labels: dict[str, str]) -> dict[str, str]:
    """Id or words (any case) -> id. Words with a note in brackets may be given without it, or as the note:
    'Sole trader (one self-employed person)' is also 'Sole trader'; 'Community interest company (CIC)' is 'CIC'."""
    choices = {}
    for key, label in labels.items():
        short, _, note = label.partition(" (")
        choices |= {short.casefold(): key, note.removesuffix(")").casefold(): key} if note else {}
    return choices | {label.casefold(): key for key, label in labels.items()} | {key.casefold(): key for key in labels}


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _and_list(cell: str) -> list[str]:
    """'Mornings, afternoons and evenings' or 'mornings; evenings' -> the items."""
    return [item.strip() for item in re.split(r";|,| and ", cell) if item.strip()]


def _number(cell: str) -> int | float:
    try:
        number = float(cell.replace(",", "").removeprefix("£"))
    except ValueError:
        raise _CellError(f"'{cell}' is not a number") from None
    return int(number) if number.is_integer() else number


def _yes_no(cell: str) -> bool:
    if cell.casefold() in YES | NO:
        return cell.casefold() in YES
    raise _CellError(f"'{cell}' is not yes or no")


def _date(cell: str) -> date:
    for shape in ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(cell.strip(), shape).date()
        except ValueError:
            continue
    raise _CellError(f"'{cell.strip()}' is not a date; write it like 2025-03-01 or 1 March 2025")
