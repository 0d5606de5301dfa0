"""Hostile and careless input, round two: every file is a listing or an error, and nothing a listing says can
reach a spreadsheet formula, a CI command, a reviewer's Markdown or another provider's name."""

import csv
import io
import os
import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml

from care_directory import cli
from care_directory.cli import main
from care_directory.editor.review import markdown_text
from care_directory.paths import PROJECT_ROOT
from conftest import FIXTURES, SAMPLE_SITE

VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())


@pytest.fixture
def council(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    (root / "content" / "providers").mkdir(parents=True)
    return root


def write(root, name, data):
    path = root / "content" / "providers" / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def check(root, capsys, *files):
    status = main(["check", "--root", str(root), "--today", "2026-12-01", *map(str, files)])
    return status, capsys.readouterr().out


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "tidy-homes.YAML",
            "is not a listing file: listing file names end in .yaml, in lower case with no spaces (rename it to "
            "tidy-homes.yaml)",
        ),
        (
            "tidy-homes.yml",
            "is not a listing file: listing file names end in .yaml, in lower case with no spaces (rename it to "
            "tidy-homes.yaml)",
        ),
        (
            "tidy-homes.yaml ",
            "is not a listing file: listing file names end in .yaml, in lower case with no spaces (rename it to "
            "tidy-homes.yaml)",
        ),
    ],
)
def test_a_listing_file_misnamed_is_an_error_not_silently_unpublished(council, capsys, name, message):
    write(council, name, VALID)
    status, out = check(council, capsys)
    assert status == 1 and f"content/providers/{name}: (file): {message}" in out


def test_a_sub_folder_is_an_error_and_never_read(council, capsys):
    (council / "content" / "providers" / "archive").mkdir()
    write(council, "archive/old-one.yaml", {**VALID, "name": "Old One"})
    status, out = check(council, capsys)
    assert status == 1
    assert "content/providers/archive: (file): is a sub-folder" in out and "Old One" not in out


def test_two_listings_may_not_share_a_name_however_it_is_spaced_or_cased(council, capsys):
    write(council, "tidy-homes.yaml", VALID)
    write(council, "tidy-homes-2.yaml", {**VALID, "name": "TIDY  homes"})
    status, out = check(council, capsys)
    assert status == 1
    assert (
        "content/providers/tidy-homes-2.yaml:1: name: 'TIDY  homes' is also the name of "
        "content/providers/tidy-homes.yaml" in out
    )


def test_spreadsheet_formulas_in_listing_text_reach_the_csv_as_text(council, tmp_path, capsys):
    write(
        council,
        "tidy-homes.yaml",
        {
            **VALID,
            "summary": '=HYPERLINK("https://evil.example","Click")',
            "availability": {**VALID["availability"], "notes": "+44 calls welcome"},
        },
    )
    assert main(["--root", str(council), "--today", "2026-12-01", "--output", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    (row,) = csv.DictReader(
        io.StringIO((tmp_path / "out" / "open-data" / "providers.csv").read_text(encoding="utf-8-sig"))
    )
    assert row["summary"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row["availability_notes"] == "'+44 calls welcome"
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_listing_text_cannot_start_a_line_of_check_output(council, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write(council, "tidy-homes.yaml", {**VALID, "workers": "many\n::error file=x::pwned\n::set-output name=x::y"})
    status, out = check(council, capsys)
    assert status == 1
    assert not [
        line
        for line in out.splitlines()
        if line.startswith("::") and not line.startswith(("::error file=content/", "::warning file=content/"))
    ]


def test_listing_text_in_a_review_summary_is_literal_markdown():
    text = markdown_text(
        "Evil ![x](https://e.example/x.png) <img src=x onerror=alert(1)> @council/team [link](https://e.example)\n# "
        "Heading"
    )
    assert "![" not in text and "](" not in text.replace("\\](", "") and "<img" not in text and "@council" not in text
    assert "\n" not in text and text.startswith("Evil !\\[x\\]")


def test_the_build_date_defaults_to_today_in_the_uk_not_the_machines_time_zone(monkeypatch):
    class HalfPastMidnightInLondon(datetime):
        """23:30 UTC on 30 June: already 1 July in the UK (BST), still 30 June on a CI machine running on UTC."""

        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")).astimezone(tz)

    monkeypatch.setattr(cli, "datetime", HalfPastMidnightInLondon)
    assert cli.uk_today() == date(2026, 7, 1)


def test_code_owners_cover_everything_that_runs_in_ci_or_decides_validation():
    owned = [
        line.split()[0]
        for line in (PROJECT_ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for path in [
        "/netlify.toml",
        "/build.py",
        "/scripts/",
        "/.github/",
        "/schema/",
        "/config/site.yaml",
        "/config/policies/",
        "/care_directory/",
        "/theme/",
        "/package.json",
        "/package-lock.json",
        "/pyproject.toml",
        "/.ci/",
        "/data/",
        "/tests/",
        "/eslint.config.js",
        "/.yamllint.yaml",
        "/.pre-commit-config.yaml",
    ]:
        assert path in owned, path
    assert os.path.isfile(PROJECT_ROOT / ".github" / "CODEOWNERS")


@pytest.mark.parametrize(
    "linked", ["content/providers", "content/guides/secret.md", "config/policies/cambridgeshire.yaml"]
)
def test_a_link_anywhere_in_the_content_or_config_stops_the_build_before_it_is_read(tmp_path, capsys, linked):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    outside = tmp_path / "outside"
    target = root / linked
    if target.is_dir():
        shutil.move(target, outside)
    else:
        outside.mkdir()
        (outside / target.name).write_text(target.read_text() if target.exists() else "SECRET-TOKEN-1234\n")
        target.unlink(missing_ok=True)
        outside = outside / target.name
    target.symlink_to(outside)
    status = main(["--root", str(root), "--today", "2026-12-01", "--output", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert status == 1 and f"{linked}: (file): is a link" in captured.err and not (tmp_path / "out").exists()
    assert main(["check", "--root", str(root), "--today", "2026-12-01"]) == 1
    out = capsys.readouterr().out
    assert f"{linked}: (file): is a link" in out and "SECRET-TOKEN" not in out
