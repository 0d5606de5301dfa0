"""Each council rule and outcome, with boundary days, for each of the three policies."""

import re
from datetime import date

import pytest

from care_directory.listings.loader import load_listings
from care_directory.policy.requirements import load_policy
from care_directory.policy.rules import add_months, evaluate
from conftest import FIXTURES, site_with_root, write_listing

TODAY = date(2026, 12, 1)
VALID = (FIXTURES / "valid-listing.yaml").read_text()
FILE = "content/providers/tidy-homes.yaml"


@pytest.fixture(scope="module")
def policies(site):
    def policy(name):
        loaded, problems = load_policy(site.root, f"config/policies/{name}.yaml", site.vocabulary)
        assert problems == []
        return loaded

    return {name: policy(name) for name in ("cambridgeshire", "worcestershire", "leeds")}


@pytest.fixture
def outcome(site, policies, tmp_path):
    """Evaluate the valid fixture listing after text edits, under a named policy."""

    def run(*edits, policy="cambridgeshire", today=TODAY):
        text = VALID
        for old, new in edits:
            assert re.search(old, text, re.M), old
            text = re.sub(old, new, text, flags=re.M)
        write_listing(tmp_path, "tidy-homes", text)
        (listing,), problems = load_listings(site_with_root(site, tmp_path))
        assert problems == []
        result = evaluate(listing, policies[policy], site.vocabulary, today)
        return {
            "errors": [str(p) for p in result.errors],
            "withheld": [str(p) for _, p in result.withheld],
            "warnings": [str(p) for _, p in result.warnings],
        }

    return run


def only(kind, *messages):
    expected = {"errors": [], "withheld": [], "warnings": []}
    expected[kind] = list(messages)
    return expected


PUBLISHED = only("errors")

DBS = r"^  enhanced_dbs: .*$"


@pytest.mark.parametrize(
    "verified, expected",
    [
        ("2024-11-30", only("withheld", f"{FILE}:32: checks.enhanced_dbs: Enhanced DBS check verified 2024-11-30 lapsed on 2026-11-30")),
        ("2024-12-01", only("withheld", f"{FILE}:32: checks.enhanced_dbs: Enhanced DBS check verified 2024-12-01 lapsed on 2026-12-01")),
        ("2024-12-02", only("warnings", f"{FILE}:32: checks.enhanced_dbs: Enhanced DBS check verified 2024-12-02 lapses on 2026-12-02, in 1 day")),
        ("2024-12-31", only("warnings", f"{FILE}:32: checks.enhanced_dbs: Enhanced DBS check verified 2024-12-31 lapses on 2026-12-31, in 30 days")),
        ("2025-01-01", PUBLISHED),
    ],
    ids=["lapsed yesterday", "lapses today: exactly 2 years", "lapses tomorrow", "last day of the warning window", "outside the window"],
)
@pytest.mark.parametrize("policy", ["cambridgeshire", "worcestershire", "leeds"])
def test_an_enhanced_dbs_check_lasts_exactly_two_years(outcome, verified, expected, policy):
    extra = {
        "cambridgeshire": [],
        "worcestershire": [(r"^  lone_worker: (.*)$", r"  lone_worker: \1\n  infection_control: \1\n  equality_diversity_inclusion: \1\n  mental_capacity: \1")],
        "leeds": [(r"^  right_to_work: (.*)$", r"  right_to_work: \1\n  ccj: \1\n  references: \1")],
    }[policy]
    result = outcome((DBS, f"  enhanced_dbs: {verified}"), *extra, policy=policy)
    if policy != "leeds":  # Leeds adds two check lines above the DBS line
        assert result == expected
    else:
        assert result == {k: [m.replace(":32:", ":34:") for m in v] for k, v in expected.items()}


@pytest.mark.parametrize(
    "expires, expected",
    [
        ("2026-11-30", only("withheld", f"{FILE}:35: insurance.public_liability.expires: Public liability insurance ended on 2026-11-30")),
        ("2026-12-01", only("warnings", f"{FILE}:35: insurance.public_liability.expires: Public liability insurance ends on 2026-12-01, in 1 day")),
        ("2027-01-01", PUBLISHED),
    ],
    ids=["ended yesterday", "last day of cover is today", "well in date"],
)
def test_insurance_covers_its_expiry_day_and_lapses_the_day_after(outcome, expires, expected):
    assert outcome((r"^    expires: .*$", f"    expires: {expires}")) == expected


@pytest.mark.parametrize(
    "reviewed, expected",
    [
        ("2025-12-01", only("withheld", f"{FILE}:28: last_reviewed: council review on 2025-12-01 lapsed on 2026-12-01 (reviews are valid for 12 months)")),
        ("2025-12-02", only("warnings", f"{FILE}:28: last_reviewed: council review on 2025-12-02 lapses on 2026-12-02 (reviews are valid for 12 months), in 1 day")),
        ("2026-01-01", PUBLISHED),
    ],
    ids=["lapses today", "lapses tomorrow", "current"],
)
def test_a_review_lasts_twelve_months(outcome, reviewed, expected):
    assert outcome((r"^last_reviewed: .*$", f"last_reviewed: {reviewed}")) == expected


@pytest.mark.parametrize("status", ["suspended", "removed"])
def test_suspended_and_removed_listings_are_withheld(outcome, status):
    assert outcome((r"^status: active$", f"status: {status}")) == only(
        "withheld", f"{FILE}:26: status: status is {status}: only active and paused listings are published"
    )


def test_a_paused_listing_is_still_published(outcome):
    assert outcome((r"^status: active$", "status: paused")) == PUBLISHED


PERSONAL_CARE = (r"^services: \[cleaning\]$", "services: [cleaning, washing-and-bathing]")
EXEMPT = (r"^  cqc: not_applicable$", "  cqc: exempt_sole_trader")
CARE_CERTIFICATE = (r"^  lone_worker: (.*)$", r"  lone_worker: \1\n  care_certificate: \1")


@pytest.mark.parametrize(
    "edits, message",
    [
        ([PERSONAL_CARE], "25: regulation.cqc: personal care (washing and bathing) needs CQC registration or the sole-trader exemption: set regulation.cqc to registered or exempt_sole_trader"),
        ([PERSONAL_CARE, EXEMPT, CARE_CERTIFICATE, (r"^business_type: sole_trader$", "business_type: limited_company")],
         "25: regulation.cqc: the sole-trader exemption is only for sole traders, but business_type is limited_company: the business must register with the CQC"),
        ([PERSONAL_CARE, EXEMPT, CARE_CERTIFICATE, (r"^workers: 1$", "workers: 2"), (r"^insurance:$", "insurance:\n  employers_liability:\n    expires: 2027-11-02\n    cover_gbp: 5000000")],
         "25: regulation.cqc: the sole-trader exemption is for one person working alone, but workers is 2: the business must register with the CQC"),
        ([EXEMPT, CARE_CERTIFICATE], "25: regulation.cqc: the sole-trader exemption is about personal care, which this listing does not offer: use not_applicable"),
        ([PERSONAL_CARE, EXEMPT],
         "37: training.care_certificate: Care Certificate is required by the Cambridgeshire County Council policy for listings working under the sole-trader exemption, but the listing does not have it: add training.care_certificate with the date it was completed"),
        ([(r"^  right_to_work: .*\n", "")],
         "29: checks.right_to_work: Right to work in the UK is required by the Cambridgeshire County Council policy, but the listing does not have it: add checks.right_to_work with the date the council verified it"),
        ([(r"^services: \[cleaning\]$", "services: [cleaning, cooking]")],
         "37: training.food_hygiene: Food hygiene is required by the Cambridgeshire County Council policy for listings that offer cooking and meal preparation, but the listing does not have it: add training.food_hygiene with the date it was completed"),
        ([(r"^workers: 1$", "workers: 1.5")],
         "33: insurance.employers_liability: Employers' liability insurance is required by the Cambridgeshire County Council policy for listings with more than 1 worker, but the listing does not have it: add insurance.employers_liability with its expiry date and cover"),
        ([(r"^  first_aid: .*$", "  first_aid: 2026-12-02")], "39: training.first_aid: 2026-12-02 is after the build date 2026-12-01: check the date"),
        ([(r"^last_reviewed: .*$", "last_reviewed: 2027-01-01")], "28: last_reviewed: 2027-01-01 is after the build date 2026-12-01: check the date"),
    ],
    ids=["personal care without CQC", "exemption for a company", "exemption with two workers", "exemption without personal care",
         "exemption without Care Certificate", "missing check", "cooking without food hygiene", "employer without employers' liability",
         "training dated in the future", "review dated in the future"],
)
def test_rules_a_listing_can_never_satisfy_as_written_fail_the_build(outcome, edits, message):
    assert outcome(*edits)["errors"] == [f"{FILE}:{message}"]


def test_a_registered_provider_may_employ_staff_for_personal_care(outcome):
    assert outcome(
        PERSONAL_CARE,
        (r"^  cqc: not_applicable$", '  cqc: registered\n  cqc_location_id: "1-1234567890"'),
        (r"^workers: 1$", "workers: 4"),
        (r"^business_type: sole_trader$", "business_type: cic"),
        (r"^insurance:$", "insurance:\n  employers_liability:\n    expires: 2027-11-02\n    cover_gbp: 5000000"),
    ) == PUBLISHED


LEEDS_CHECKS = (r"^  right_to_work: (.*)$", r"  right_to_work: \1\n  ccj: \1\n  references: \1")


def test_leeds_requires_a_ccj_check_that_the_default_does_not(outcome):
    assert outcome(policy="cambridgeshire") == PUBLISHED
    assert outcome(policy="leeds")["errors"] == [
        f"{FILE}:29: checks.ccj: County court judgments (CCJ) check is required by the Leeds City Council policy, but the listing does not have it: add checks.ccj with the date the council verified it",
        f"{FILE}:29: checks.references: Customer references seen is required by the Leeds City Council policy, but the listing does not have it: add checks.references with the date the council verified it",
    ]
    assert outcome(LEEDS_CHECKS, policy="leeds") == PUBLISHED


def test_leeds_requires_five_million_pounds_of_public_liability_cover(outcome):
    assert outcome(LEEDS_CHECKS, (r"^    cover_gbp: .*$", "    cover_gbp: 2000000"), policy="leeds")["errors"] == [
        f"{FILE}:38: insurance.public_liability.cover_gbp: Public liability insurance cover is £2,000,000; the Leeds City Council policy needs at least £5,000,000"
    ]
    assert outcome((r"^    cover_gbp: .*$", "    cover_gbp: 2000000"), policy="cambridgeshire") == PUBLISHED


WORCESTERSHIRE_COURSES = (r"^  lone_worker: (.*)$", r"  lone_worker: \1\n  infection_control: \1\n  equality_diversity_inclusion: \1\n  mental_capacity: \1")


def test_worcestershire_requires_its_baseline_training_list(outcome):
    errors = outcome(policy="worcestershire")["errors"]
    assert [e.split(": ")[1] for e in errors] == ["training.infection_control", "training.equality_diversity_inclusion", "training.mental_capacity"]
    assert outcome(WORCESTERSHIRE_COURSES, policy="worcestershire") == PUBLISHED


def test_worcestershire_training_needs_refreshing_every_three_years(outcome):
    refreshed = (r"^  safeguarding: .*$", "  safeguarding: 2023-12-01")
    assert outcome(WORCESTERSHIRE_COURSES, refreshed, policy="worcestershire")["withheld"] == [
        f"{FILE}:38: training.safeguarding: Safeguarding adults training completed 2023-12-01 lapsed on 2026-12-01"
    ]
    assert outcome(refreshed, policy="cambridgeshire") == PUBLISHED


def test_worcestershire_asks_personal_care_providers_for_moving_and_handling(outcome):
    errors = outcome(WORCESTERSHIRE_COURSES, PERSONAL_CARE, (r"^  cqc: not_applicable$", '  cqc: registered\n  cqc_location_id: "1-1234567890"'), policy="worcestershire")["errors"]
    assert [e.split(": ")[1] for e in errors] == ["training.manual_handling", "training.medication"]


@pytest.mark.parametrize(
    "start, months, end",
    [(date(2024, 2, 29), 24, date(2026, 2, 28)), (date(2024, 2, 29), 48, date(2028, 2, 29)), (date(2025, 1, 31), 1, date(2025, 2, 28)), (date(2025, 11, 15), 12, date(2026, 11, 15))],
)
def test_months_are_added_as_calendar_months(start, months, end):
    assert add_months(start, months) == end


def test_the_policy_file_is_checked_against_the_vocabularies(site, tmp_path):
    (tmp_path / "p.yaml").write_text(
        "name: Test\nsummary: x\nreview_valid_for_months: 12\nwarning_days: 30\nchecks:\n  dbs:\ninsurance: {}\ntraining:\n  food_hygiene:\n    when: {services: [baking]}\n"
    )
    _, problems = load_policy(tmp_path, "p.yaml", site.vocabulary)
    assert [str(p) for p in problems] == [
        "p.yaml:6: checks.dbs: unknown id 'dbs': use one of: identity, right_to_work, enhanced_dbs, basic_dbs, ccj, references",
        "p.yaml:10: training.food_hygiene.when.services: unknown service 'baking'",
    ]
