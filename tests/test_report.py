"""The build report and the lapsing list staff chase."""

import json
import shutil
from datetime import date

import pytest
from listing_data import line_of, write

from care_directory.cli import main
from care_directory.config import load_site
from care_directory.listings.loader import load_listings
from care_directory.outputs.report import lapsing_within, report_data, summary
from care_directory.pipeline import check_all
from care_directory.policy.rules import evaluate_all
from conftest import BUILD_DATE, SAMPLE_SITE, site_with_root

LAPSING_DBS = {"checks": {"enhanced_dbs": "2024-12-15"}}
LAPSED_INSURANCE = {"insurance": {"public_liability": {"expires": "2026-11-01"}}}


def three_listings(folder):
    """One current, one lapsing within the warning window, one lapsed."""
    write(folder, "current-one")
    write(folder, "lapsing-one", LAPSING_DBS)
    write(folder, "lapsed-one", LAPSED_INSURANCE)
    return folder


def where(folder, slug, field):
    """file:line of a field in a written listing, as messages and tables show it."""
    file = f"content/providers/{slug}.yaml"
    return f"{file}:{line_of((folder / file).read_text(encoding='utf-8'), field)}"


def test_the_summary_counts_published_withheld_and_warnings_by_reason(site, tmp_path):
    directory = check_all(site_with_root(site, three_listings(tmp_path)), BUILD_DATE)
    lapsed, lapsing = (
        where(tmp_path, "lapsed-one", "insurance.public_liability.expires"),
        where(tmp_path, "lapsing-one", "checks.enhanced_dbs"),
    )
    assert summary(directory) == "\n".join(
        [
            "Build date 2026-12-01, Cambridgeshire County Council policy.",
            "Published: 2 listings.",
            "Withheld: 1 listing (insurance: 1).",
            "Warnings: 1 (check: 1), lapsing within 30 days.",
            "",
            "Withheld (not published):",
            f"  {lapsed}: insurance.public_liability.expires: Public liability insurance ended on 2026-11-01",
            "",
            "Warnings (still published):",
            f"  {lapsing}: checks.enhanced_dbs: Enhanced DBS check verified 2024-12-15 lapses on 2026-12-15, in 14 "
            "days",
        ]
    )


def test_the_build_writes_report_json_beside_the_site_and_withholds_everywhere(site, tmp_path, capsys):
    root = three_listings(tmp_path / "site")
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    assert main(["--root", str(root), "--output", str(tmp_path / "out" / "output"), "--today", "2026-12-01"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["counts"] == {
        "published": 2,
        "withheld": 1,
        "warnings": 1,
        "withheld_by_topic": {"insurance": 1},
        "warnings_by_topic": {"check": 1},
    }
    assert report["withheld"][0]["slug"] == "lapsed-one"
    assert report["withheld"][0]["reasons"][0]["field"] == "insurance.public_liability.expires"
    published = tmp_path / "out" / "output"
    assert not list(published.rglob("report.json"))
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in published.rglob("*") if p.is_file())
    assert "lapsing-one" in everything and "lapsed-one" not in everything
    assert "Withheld: 1 listing (insurance: 1)." in capsys.readouterr().out


def test_report_within_lists_what_lapses_soonest_first(site, tmp_path, capsys):
    root = three_listings(tmp_path)
    shutil.copytree(SAMPLE_SITE / "config", root / "config")
    assert main(["report", "--root", str(root), "--today", "2026-12-01", "--within", "30"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "What lapses by 2026-12-31 (within 30 days of 2026-12-01), Cambridgeshire County Council policy:",
        "",
        "Lapses on            Provider     What                        Where",
        "2026-11-02 (lapsed)  Lapsed One   Public liability insurance  "
        f"{where(root, 'lapsed-one', 'insurance.public_liability.expires')}",
        "2026-12-15           Lapsing One  Enhanced DBS check          "
        f"{where(root, 'lapsing-one', 'checks.enhanced_dbs')}",
    ]


def test_the_sample_stays_current_until_the_end_of_september_2027(site):
    evaluations = evaluate_all(site, load_listings(site)[0], BUILD_DATE)
    lapse_dates = [lapse.lapses_on for e in evaluations for lapse in e.lapses]
    assert min(lapse_dates).isoformat() > "2027-09-30"
    assert report_data(check_all(site, min(lapse_dates)))["counts"]["withheld"] >= 1


def test_switching_the_site_config_to_the_leeds_policy_changes_the_outcome(site, tmp_path):
    shutil.copytree(SAMPLE_SITE / "config", tmp_path / "config")
    config = tmp_path / "config" / "site.yaml"
    config.write_text(config.read_text().replace("policy: policies/cambridgeshire.yaml", "policy: policies/leeds.yaml"))
    write(tmp_path, "tidy-homes")
    leeds_site = load_site(tmp_path)
    assert leeds_site.policy.name == "Leeds City Council"
    assert check_all(site_with_root(site, tmp_path), BUILD_DATE).providers  # published under the default policy
    status = main(["--root", str(tmp_path), "--output", str(tmp_path / "output"), "--today", "2026-12-01"])
    assert status == 1 and not (tmp_path / "output").exists()


# The chase list: `lapsing_within` lists "every dated requirement of a
# publishable listing". Publishable means active or paused, whether or not
# something has already lapsed (staff chase those first: the table marks them
# "(lapsed)"). Suspended and removed listings are not chased.
CHASE = {
    "active": [{"name": "Active"}, LAPSING_DBS],
    "paused": [{"name": "Paused", "status": "paused"}, LAPSING_DBS],
    "lapsed": [{"name": "Lapsed"}, LAPSED_INSURANCE],
    "suspended": [{"name": "Suspended", "status": "suspended"}, LAPSING_DBS],
    "removed": [{"name": "Removed", "status": "removed"}, LAPSED_INSURANCE],
}


@pytest.fixture
def chase_site(site, tmp_path):
    for slug, changes in CHASE.items():
        write(tmp_path, slug, *changes)
    return site_with_root(site, tmp_path)


def chase_list(site, today=BUILD_DATE, days=30):
    listings, problems = load_listings(site, use_cache=False)
    assert problems == []
    return [
        (lapse.listing.data["name"], lapse.what, lapse.lapses_on)
        for lapse in lapsing_within(evaluate_all(site, listings, today), today, days)
    ]


def test_the_chase_list_keeps_every_publishable_listing_and_drops_suspended_and_removed(chase_site):
    assert chase_list(chase_site) == [
        ("Lapsed", "Public liability insurance", date(2026, 11, 2)),
        ("Active", "Enhanced DBS check", date(2026, 12, 15)),
        ("Paused", "Enhanced DBS check", date(2026, 12, 15)),
    ]


def test_a_listing_withheld_by_a_lapse_stays_on_the_chase_list_until_renewed(chase_site):
    names = [name for name, _, _ in chase_list(chase_site, days=0)]
    assert names == ["Lapsed"]


@pytest.mark.parametrize("days, last", [(13, "Lapsed"), (14, "Paused"), (15, "Paused")])
def test_the_chase_list_includes_what_lapses_on_its_last_day(chase_site, days, last):
    assert chase_list(chase_site, days=days)[-1][0] == last


def test_the_chase_list_orders_by_date_then_provider_name_then_what(site, tmp_path):
    write(tmp_path, "b", {"name": "Beta"}, {"checks": {"enhanced_dbs": "2024-12-15"}, "last_reviewed": "2025-12-15"})
    write(tmp_path, "a", {"name": "alpha"}, {"checks": {"enhanced_dbs": "2024-12-15"}})
    write(tmp_path, "c", {"name": "Gamma"}, {"checks": {"enhanced_dbs": "2024-12-10"}})
    assert chase_list(site_with_root(site, tmp_path)) == [
        ("Gamma", "Enhanced DBS check", date(2026, 12, 10)),
        ("alpha", "Enhanced DBS check", date(2026, 12, 15)),
        ("Beta", "Council review", date(2026, 12, 15)),
        ("Beta", "Enhanced DBS check", date(2026, 12, 15)),
    ]


def test_report_within_leaves_out_suspended_and_removed_listings(chase_site, capsys):
    shutil.copytree(SAMPLE_SITE / "config", chase_site.root / "config")
    assert main(["report", "--root", str(chase_site.root), "--today", "2026-12-01", "--within", "30"]) == 0
    table = capsys.readouterr().out.splitlines()[3:]
    assert [line.split("  ")[0].strip() for line in table] == ["2026-11-02 (lapsed)", "2026-12-15", "2026-12-15"]
    assert [
        name
        for name in ("Active", "Paused", "Lapsed", "Suspended", "Removed")
        if any(f" {name} " in line for line in table)
    ] == ["Active", "Paused", "Lapsed"]
