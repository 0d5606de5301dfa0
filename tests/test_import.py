"""`build.py import`: spreadsheets and Open Referral UK feeds become drafts, with what each still needs."""

import shutil
from pathlib import Path

import yaml

from care_directory.cli import main
from care_directory.editor.import_csv import EXTRA_COLUMNS
from care_directory.listings.strict_yaml import parse_yaml
from care_directory.outputs.open_data import CSV_COLUMNS
from care_directory.paths import PROJECT_ROOT
from conftest import FIXTURES, SAMPLE_SITE

ORUK_EXAMPLES = Path(__file__).parent / "oruk" / "examples"
VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())


def empty_council(tmp_path) -> Path:
    """The fixture site's config with no listings: a council starting out."""
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    (root / "content" / "providers").mkdir(parents=True)
    return root


def run_import(root, capsys, *args):
    status = main(["import", "--root", str(root), "--today", "2026-12-01", *map(str, args)])
    return status, capsys.readouterr().out


def draft(root, slug) -> dict:
    return parse_yaml((root / "content" / "drafts" / f"{slug}.yaml").read_text(encoding="utf-8")).value


def write_csv(tmp_path, text: str) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_the_sites_own_csv_export_gives_back_every_published_listing_but_what_the_csv_leaves_out(
    sample_output, tmp_path, capsys
):
    root = empty_council(tmp_path)
    status, out = run_import(root, capsys, sample_output / "open-data" / "providers.csv")
    published = {
        p.stem: parse_yaml(p.read_text(encoding="utf-8")).value
        for p in (SAMPLE_SITE / "content" / "providers").glob("*.yaml")
    }
    drafts = sorted((root / "content" / "drafts").glob("*.yaml"))
    assert status == 0
    assert drafts and f"Wrote {len(drafts)} draft(s) from providers.csv" in out
    for path in drafts:
        original, imported = published[path.stem], draft(root, path.stem)
        # The CSV has no description, and says whether a paused provider takes clients as published (no).
        assert imported.pop("description") == ""
        original.pop("description")
        if original["status"] == "paused":
            assert imported["availability"].pop("accepting_new_clients") is False
            original["availability"].pop("accepting_new_clients")
        assert imported == original, path.stem
    assert "description: is too short" in out  # the report: what each draft still needs


def test_imported_drafts_are_formatted_like_new_writes_them(sample_output, tmp_path, capsys):
    root = empty_council(tmp_path)
    run_import(root, capsys, sample_output / "open-data" / "providers.csv")
    text = (root / "content" / "drafts" / "bright-days-home-support.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/provider.schema.json\n")
    assert "# Trading name, as the business writes it" in text
    assert "\nservices: [washing-and-bathing, dressing, cooking, keeping-well]\n" in text
    assert "  # Enhanced DBS check\n  enhanced_dbs: 2025-11-03\n" in text


def test_a_bad_row_is_named_by_its_row_number_and_the_good_rows_are_still_imported(tmp_path, capsys):
    root = empty_council(tmp_path)
    source = write_csv(
        tmp_path,
        "name,days,workers,prices\n"
        "Good Helpers,Monday to Wednesday,1,Cleaning: £18 an hour\n"
        "Bad Days,Someday,two,Cleaning for free\n",
    )
    status, out = run_import(root, capsys, source)
    assert status == 1
    assert f"{source}: row 3: days: unknown day 'Someday'" in out
    assert f"{source}: row 3: workers: 'two' is not a number" in out
    assert f"{source}: row 3: prices: cannot read the price 'Cleaning for free'" in out
    assert draft(root, "good-helpers")["availability"]["days"] == ["mon", "tue", "wed"]
    assert draft(root, "good-helpers")["pricing"] == [{"service_or_label": "cleaning", "amount": 18, "unit": "hour"}]
    assert not (root / "content" / "drafts" / "bad-days.yaml").exists()


def test_a_mapping_file_reads_a_spreadsheet_with_its_own_column_names(tmp_path, capsys):
    root = empty_council(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  name: Business\n  phone: Telephone\n  services: What they do\n")
    source = write_csv(
        tmp_path, "Business,Telephone,What they do,Notes\nFen Cleaners,01632 960321,cleaning; shopping,x\n"
    )
    status, out = run_import(root, capsys, source, "--mapping", mapping)
    assert status == 0
    assert f"{source}: columns ignored: Notes" in out
    imported = draft(root, "fen-cleaners")
    assert imported["contact"] == {"phone": "01632 960321"}
    assert imported["services"] == ["cleaning", "shopping"]


def test_a_mapping_file_naming_an_unknown_column_is_refused(tmp_path, capsys):
    root = empty_council(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  nmae: Business\n")
    status, out = run_import(root, capsys, write_csv(tmp_path, "Business\nX Co\n"), "--mapping", mapping)
    assert status == 1
    assert f"{mapping}:2: columns.nmae: unknown column" in out


def test_a_provider_already_published_gets_an_update_draft_keeping_what_the_import_does_not_say(tmp_path, capsys):
    root = empty_council(tmp_path)
    (root / "content" / "providers" / "tidy-homes.yaml").write_text(
        yaml.safe_dump({**VALID, "council_reference": "CME-0042"}, sort_keys=False)
    )
    source = write_csv(tmp_path, "name,council_reference,phone\nTidy Homes Ltd,CME-0042,01632 960999\n")
    status, out = run_import(root, capsys, source)
    assert status == 0
    update = draft(root, "tidy-homes")  # matched by council reference: the published listing's own file name
    assert update["name"] == "Tidy Homes Ltd" and update["contact"]["phone"] == "01632 960999"
    assert update["description"] == VALID["description"]
    assert (
        "Update of content/providers/tidy-homes.yaml" in (root / "content" / "drafts" / "tidy-homes.yaml").read_text()
    )
    assert yaml.safe_load((root / "content" / "providers" / "tidy-homes.yaml").read_text())["name"] == "Tidy Homes"


def test_an_existing_draft_is_never_overwritten(tmp_path, capsys):
    root = empty_council(tmp_path)
    existing = root / "content" / "drafts" / "fen-cleaners.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text("name: Fen Cleaners\n")
    status, out = run_import(root, capsys, write_csv(tmp_path, "name\nFen Cleaners\n"))
    assert status == 1
    assert "row 2: content/drafts/fen-cleaners.yaml already exists: it was not overwritten" in out
    assert existing.read_text() == "name: Fen Cleaners\n"


def test_the_open_referral_uk_example_service_list_becomes_a_draft_with_a_report(tmp_path, capsys):
    root = empty_council(tmp_path)
    status, out = run_import(root, capsys, ORUK_EXAMPLES / "service_list.json")
    assert status == 0
    imported = draft(root, "community-counselling")
    assert imported["name"] == "Community Counselling"
    assert imported["summary"] == "Counselling Services provided by trained professionals."
    assert imported["contact"]["email"] == "email@example.com"
    assert "content/drafts/community-counselling.yaml:31: contact.website: 'http://example.com/counselling'" in out
    assert "Checked 0 listing files and 1 draft" in out


def test_a_full_open_referral_service_keeps_no_street_or_full_postcode(tmp_path, capsys):
    root = empty_council(tmp_path)
    run_import(root, capsys, ORUK_EXAMPLES / "service_full.json")
    text = (root / "content" / "drafts" / "community-counselling.yaml").read_text()
    imported = draft(root, "community-counselling")
    assert "Main Street" not in text and "ABC 1234" not in text
    assert imported["base"]["town"] == "MyCity"
    assert imported["contact"]["contact_name"] == "Ann Persona"
    assert imported["availability"]["days"] == ["thu", "fri"]


def test_the_sites_own_open_referral_export_imports_with_services_areas_and_prices(sample_output, tmp_path, capsys):
    root = empty_council(tmp_path)
    service = next((sample_output / "open-data" / "services").glob("*.json"))
    status, _ = run_import(root, capsys, service)
    imported = next((root / "content" / "drafts").glob("*.yaml"))
    published = parse_yaml((SAMPLE_SITE / "content" / "providers" / imported.name).read_text()).value
    values = draft(root, imported.stem)
    assert status == 0
    assert values["services"] == published["services"]
    assert values["areas"]["districts"] == published["areas"]["districts"]
    assert values["base"] == published["base"]
    assert [p["amount"] for p in values["pricing"]] == [p["amount"] for p in published["pricing"]]


def test_a_file_that_is_not_a_service_list_is_a_problem_not_a_traceback(tmp_path, capsys):
    root = empty_council(tmp_path)
    source = tmp_path / "list.json"
    source.write_text("{not json")
    status, out = run_import(root, capsys, source)
    assert status == 1
    assert f"{source}: (file): not JSON text" in out


ISSUE_FORM = PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "listing-application.yml"
# An issue as GitHub writes it from the form: each label as a heading, then the answer.
ISSUE = """### Business name

Fen Edge Cleaners

### Who residents should ask for

_No response_

### Kind of business

Sole trader

### Phone number for residents

01632 960432

### Services

Cleaning; Laundry and ironing

### Areas covered

Fenland

### Prices

Cleaning: £17 an hour
Laundry and ironing: £15 a session
"""


def test_an_application_issue_becomes_a_draft_read_by_the_forms_labels(tmp_path, capsys):
    root = empty_council(tmp_path)
    issue = tmp_path / "issue.md"
    issue.write_text(ISSUE)
    status, out = run_import(root, capsys, "--issue-form", ISSUE_FORM, issue)
    imported = draft(root, "fen-edge-cleaners")
    assert status == 0
    assert (imported["business_type"], imported["contact"]) == ("sole_trader", {"phone": "01632 960432"})
    assert imported["services"] == ["cleaning", "laundry"] and imported["areas"]["districts"] == ["fenland"]
    assert imported["pricing"][1] == {"service_or_label": "laundry", "amount": 15, "unit": "session"}
    assert "content/drafts/fen-edge-cleaners.yaml" in out


def test_every_field_of_the_issue_form_is_an_import_column():
    form = yaml.safe_load(ISSUE_FORM.read_text())
    ids = [field["id"] for field in form["body"] if "id" in field]
    assert set(ids) <= set(CSV_COLUMNS + EXTRA_COLUMNS) and "name" in ids


def test_the_application_workflow_never_writes_the_issue_text_into_a_script():
    workflow = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "application.yml").read_text())
    steps = workflow["jobs"]["draft"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert scripts and not [script for script in scripts if "${{" in script]
    assert any(step.get("env", {}).get("ISSUE_BODY") == "${{ github.event.issue.body }}" for step in steps)
    assert workflow["permissions"] == {"contents": "read"}  # the bot token, not the workflow's, opens the PR
