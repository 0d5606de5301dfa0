"""Drafts are checked for structure but never published; withdrawn listings are checked for structure only."""

import shutil

import yaml

from care_directory.cli import main
from conftest import FIXTURES, SAMPLE_SITE

VALID = yaml.safe_load((FIXTURES / "valid-listing.yaml").read_text())


def council(tmp_path):
    """The fixture site's config with one published listing."""
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    write(root, "providers", "tidy-homes", VALID)
    return root


def write(root, folder, slug, data):
    path = root / "content" / folder / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def without(data, *keys):
    return {k: v for k, v in data.items() if k not in keys}


def built_text(output):
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file())


def build(root, tmp_path, capsys):
    status = main(["--root", str(root), "--today", "2026-12-01", "--output", str(tmp_path / "out")])
    return status, capsys.readouterr()


def check(root, capsys, *files):
    status = main(["check", "--root", str(root), "--today", "2026-12-01", *map(str, files)])
    return status, capsys.readouterr().out


def test_a_draft_with_missing_checks_is_never_published_and_check_lists_what_it_needs(tmp_path, capsys):
    root = council(tmp_path)
    write(root, "drafts", "new-helper", {**without(VALID, "checks"), "name": "New Helper Draft"})
    status, _ = build(root, tmp_path, capsys)
    assert status == 0
    assert "New Helper Draft" not in built_text(tmp_path / "out") and "new-helper" not in built_text(tmp_path / "out")
    status, out = check(root, capsys)
    assert status == 0
    assert "content/drafts/new-helper.yaml: draft: before it can move to content/providers/, it needs:" in out
    assert "  - checks.identity: Identity check is required by the Cambridgeshire County Council policy" in out
    assert "  - checks.enhanced_dbs: Enhanced DBS check is required" in out
    assert "Checked 1 listing file and 1 draft: 0 problems." in out


def test_a_complete_draft_is_reported_ready_to_publish(tmp_path, capsys):
    root = council(tmp_path)
    draft = write(root, "drafts", "ready-helper", {**VALID, "name": "Ready Helper"})
    status, out = check(root, capsys, draft)
    assert (
        status == 0
        and "content/drafts/ready-helper.yaml: draft: ready to move to content/providers/ and publish." in out
    )


def test_a_badly_formed_draft_fails_check_but_never_blocks_the_build(tmp_path, capsys):
    root = council(tmp_path)
    write(root, "drafts", "half-done", {**VALID, "workers": "two"})
    status, out = check(root, capsys)
    assert status == 1 and "content/drafts/half-done.yaml:7: workers: must be a number, not the text 'two'" in out
    status, _ = build(root, tmp_path, capsys)
    assert status == 0 and (tmp_path / "out" / "providers" / "tidy-homes" / "index.html").is_file()


def test_a_suspended_listing_with_lapsed_and_missing_checks_does_not_stop_the_build(tmp_path, capsys):
    root = council(tmp_path)
    suspended = {
        **without(VALID, "insurance"),
        "name": "Suspended Helper",
        "status": "suspended",
        "checks": {**VALID["checks"], "enhanced_dbs": "2020-01-01"},
    }
    write(root, "providers", "suspended-helper", suspended)
    status, captured = build(root, tmp_path, capsys)
    assert status == 0, captured.err
    assert "Suspended Helper" not in built_text(tmp_path / "out")
    assert "status is suspended: only active and paused listings are published" in captured.out
    status, out = check(root, capsys)
    assert status == 0


def test_a_removed_listing_is_still_checked_for_structure(tmp_path, capsys):
    root = council(tmp_path)
    write(root, "providers", "gone", {**VALID, "status": "removed", "workers": 12})
    status, captured = build(root, tmp_path, capsys)
    assert status == 1 and "content/providers/gone.yaml:7: workers: must be at most 8, not 12" in captured.err
