"""The build report and the lapsing list staff chase."""

import json
import shutil

from care_directory.cli import main
from care_directory.config import load_site
from care_directory.paths import PROJECT_ROOT
from care_directory.pipeline import check_all
from care_directory.outputs.report import report_data, summary
from conftest import BUILD_DATE, FIXTURES, site_with_root, write_listing

VALID = (FIXTURES / "valid-listing.yaml").read_text()


def three_listings(folder):
    """One current, one lapsing within the warning window, one lapsed."""
    write_listing(folder, "current-one", VALID)
    write_listing(folder, "lapsing-one", VALID.replace("  enhanced_dbs: 2025-11-03", "  enhanced_dbs: 2024-12-15"))
    write_listing(folder, "lapsed-one", VALID.replace("    expires: 2027-11-02", "    expires: 2026-11-01"))
    return folder


def test_the_summary_counts_published_withheld_and_warnings_by_reason(site, tmp_path):
    directory = check_all(site_with_root(site, three_listings(tmp_path)), BUILD_DATE)
    assert summary(directory) == "\n".join([
        "Build date 2026-12-01, Cambridgeshire County Council policy.",
        "Published: 2 listings.",
        "Withheld: 1 listing (insurance: 1).",
        "Warnings: 1 (check: 1), lapsing within 30 days.",
        "",
        "Withheld (not published):",
        "  content/providers/lapsed-one.yaml:35: insurance.public_liability.expires: Public liability insurance ended on 2026-11-01",
        "",
        "Warnings (still published):",
        "  content/providers/lapsing-one.yaml:32: checks.enhanced_dbs: Enhanced DBS check verified 2024-12-15 lapses on 2026-12-15, in 14 days",
    ])


def test_the_build_writes_report_json_beside_the_site_and_withholds_everywhere(site, tmp_path, capsys):
    root = three_listings(tmp_path / "site")
    shutil.copytree(PROJECT_ROOT / "config", root / "config")
    assert main(["--root", str(root), "--output", str(tmp_path / "out" / "output"), "--today", "2026-12-01"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["counts"] == {"published": 2, "withheld": 1, "warnings": 1, "withheld_by_topic": {"insurance": 1}, "warnings_by_topic": {"check": 1}}
    assert report["withheld"][0]["slug"] == "lapsed-one"
    assert report["withheld"][0]["reasons"][0]["field"] == "insurance.public_liability.expires"
    published = tmp_path / "out" / "output"
    assert not list(published.rglob("report.json"))
    everything = "".join(p.read_text(encoding="utf-8") for p in published.rglob("*") if p.is_file())
    assert "lapsing-one" in everything and "lapsed-one" not in everything
    assert "Withheld: 1 listing (insurance: 1)." in capsys.readouterr().out


def test_report_within_lists_what_lapses_soonest_first(site, tmp_path, capsys):
    root = three_listings(tmp_path)
    shutil.copytree(PROJECT_ROOT / "config", root / "config")
    assert main(["report", "--root", str(root), "--today", "2026-12-01", "--within", "30"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "What lapses by 2026-12-31 (within 30 days of 2026-12-01), Cambridgeshire County Council policy:",
        "",
        "Lapses on            Provider    What                        Where",
        "2026-11-02 (lapsed)  Tidy Homes  Public liability insurance  content/providers/lapsed-one.yaml:35",
        "2026-12-15           Tidy Homes  Enhanced DBS check          content/providers/lapsing-one.yaml:32",
    ]


def test_the_sample_stays_current_until_the_end_of_september_2027(site):
    directory = check_all(site, BUILD_DATE)
    lapse_dates = [lapse.lapses_on for e in directory.evaluations for lapse in e.lapses]
    assert min(lapse_dates).isoformat() > "2027-09-30"
    assert report_data(check_all(site, min(lapse_dates)))["counts"]["withheld"] >= 1


def test_switching_the_site_config_to_the_leeds_policy_changes_the_outcome(site, tmp_path):
    shutil.copytree(PROJECT_ROOT / "config", tmp_path / "config")
    config = tmp_path / "config" / "site.yaml"
    config.write_text(config.read_text().replace("policy: policies/cambridgeshire.yaml", "policy: policies/leeds.yaml"))
    write_listing(tmp_path, "tidy-homes", VALID)
    leeds_site = load_site(tmp_path)
    assert leeds_site.policy.name == "Leeds City Council"
    assert check_all(site_with_root(site, tmp_path), BUILD_DATE).providers  # published under the default policy
    status = main(["--root", str(tmp_path), "--output", str(tmp_path / "output"), "--today", "2026-12-01"])
    assert status == 1 and not (tmp_path / "output").exists()
