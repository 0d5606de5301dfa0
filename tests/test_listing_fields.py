"""Optional listing fields: mileage prices and the council's own reference."""

import csv
import io
import json
import shutil

import yaml

from care_directory.cli import main
from conftest import FIXTURES, SAMPLE_SITE

VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())


def built_site(tmp_path, capsys, **fields):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    path = root / "content" / "providers" / "tidy-homes.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump({**VALID, **fields}, sort_keys=False))
    assert main(["--root", str(root), "--today", "2026-12-01", "--output", str(tmp_path / "out")]) == 0, (
        capsys.readouterr().err
    )
    return tmp_path / "out"


def test_a_mileage_price_is_shown_per_mile(tmp_path, capsys):
    mileage = {"service_or_label": "Mileage for trips out", "amount": 0.45, "unit": "per_mile"}
    out = built_site(tmp_path, capsys, pricing=[*VALID["pricing"], mileage])
    page = (out / "providers" / "tidy-homes" / "index.html").read_text()
    assert "Mileage for trips out" in page and "£0.45 a mile" in page


def test_the_council_reference_is_in_the_exports_but_not_on_the_page(tmp_path, capsys):
    out = built_site(tmp_path, capsys, council_reference="CME-0042")
    assert "CME-0042" not in (out / "providers" / "tidy-homes" / "index.html").read_text()
    (row,) = csv.DictReader(io.StringIO((out / "open-data" / "providers.csv").read_text(encoding="utf-8-sig")))
    assert row["council_reference"] == "CME-0042"
    (service_file,) = (out / "open-data" / "services").glob("*.json")
    identifiers = json.loads(service_file.read_text())["organization"]["organization_identifiers"]
    assert [(i["identifier_type"], i["identifier"]) for i in identifiers] == [("Council reference", "CME-0042")]


def test_a_council_reference_must_be_a_short_code(tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    path = root / "content" / "providers" / "tidy-homes.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump({**VALID, "council_reference": "see the spreadsheet, row 4"}, sort_keys=False))
    assert main(["check", "--root", str(root), "--today", "2026-12-01"]) == 1
    assert "council_reference: 'see the spreadsheet, row 4' is not in the right form" in capsys.readouterr().out


def test_the_review_summary_shows_a_new_council_reference_and_asks_for_it_to_be_checked(site):
    from care_directory.editor.changes import checklist, describe_changes

    old, new = dict(VALID), {**VALID, "council_reference": "CME-0042"}
    assert describe_changes(site, old, new) == ["council reference set to CME-0042"]
    assert checklist(old, new) == ["Check the council reference against the council's own records."]


def test_a_description_that_only_loses_its_final_line_break_is_no_change_but_new_words_are(site):
    from care_directory.editor.changes import describe_changes

    old = {**VALID, "description": "A small cleaning business run by one person.\n"}
    assert describe_changes(site, old, {**old, "description": "A small cleaning business run by one person."}) == []
    assert describe_changes(site, old, {**old, "description": "A small cleaning business run by two people."}) == [
        "description rewritten"
    ]
