"""Every build says when it was made, and the monitor notices a site that has stopped being rebuilt."""

import json
from datetime import date

import pytest

from care_directory.cli import main
from care_directory.gate.static_server import serving
from care_directory.outputs.build_info import staleness_problem


def test_every_build_writes_build_json_with_its_date_policy_counts_and_commit(sample_output, sample_build):
    info = json.loads((sample_output / "build.json").read_text())
    assert info["build_date"] == "2026-12-01"
    assert info["policy"] == {"name": "Cambridgeshire County Council", "file": "config/policies/cambridgeshire.yaml"}
    assert info["counts"] == {"published": len(sample_build[1].providers), "withheld": len(sample_build[1].withheld)}
    assert info["source_commit"] is None or len(info["source_commit"]) == 40


def test_the_footer_of_every_page_says_when_the_site_was_updated(page):
    for path in ["", "providers/", "search/", "guides/choosing-a-provider/"]:
        assert page(path).select_one("#updated-on").get_text(strip=True) == "Updated on 1 December 2026."


@pytest.mark.parametrize(
    "today, stale",
    [(date(2026, 12, 1), False), (date(2026, 12, 3), False), (date(2026, 12, 4), True)],
    ids=["built today", "two days old", "three days old"],
)
def test_a_site_more_than_two_days_old_is_stale(today, stale):
    problem = staleness_problem({"build_date": "2026-12-01"}, today, max_age_days=2)
    assert (problem is not None) == stale
    if stale:
        assert problem.startswith("the site was last built on 2026-12-01 (3 days ago; the limit is 2)")


def test_a_build_json_without_a_date_is_a_problem():
    assert staleness_problem({}, date(2026, 12, 1), 2) == "build.json has no valid build_date"


def test_the_monitor_checks_the_served_site(sample_output, capsys):
    with serving(sample_output) as address:
        assert main(["monitor", address + "/", "--today", "2026-12-03"]) == 0
        assert "was built on 2026-12-01" in capsys.readouterr().out
        assert main(["monitor", address + "/", "--today", "2026-12-04"]) == 1
        assert "the daily build has stopped" in capsys.readouterr().err
        assert main(["monitor", address + "/missing/", "--today", "2026-12-01"]) == 1
        assert "answered 404" in capsys.readouterr().err
