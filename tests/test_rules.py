"""Each council rule and outcome, with boundary days, for each of the three policies.

Listings are built from data: the valid fixture listing with changes applied
(see listing_data.py). Every finding is compared as (field, message); the
`outcome` fixture separately checks that each one names the written file and
the line its field is on.
"""

from datetime import date

import pytest
from listing_data import DELETE, line_of, write

from care_directory.listings.loader import load_listings
from care_directory.policy.requirements import load_policy
from care_directory.policy.rules import describe_when, evaluate, lapse_date
from conftest import site_with_root

TODAY = date(2026, 12, 1)
FILE = "content/providers/tidy-homes.yaml"
POLICIES = ("cambridgeshire", "worcestershire", "leeds")


@pytest.fixture(scope="module")
def policies(site):
    def policy(name):
        loaded, problems = load_policy(site.root, f"config/policies/{name}.yaml", site.vocabulary)
        assert problems == []
        return loaded

    return {name: policy(name) for name in POLICIES}


@pytest.fixture
def outcome(site, policies, tmp_path):
    """Evaluate the valid fixture listing with changes (as data) under a named policy.

    Returns {"errors": [...], "withheld": [...], "warnings": [...]}, each a list
    of (field, message), after checking every finding points at its field's line.
    """

    def run(*changes, policy="cambridgeshire", today=TODAY):
        path = write(tmp_path, "tidy-homes", *changes)
        text = path.read_text(encoding="utf-8")
        (listing,), problems = load_listings(site_with_root(site, tmp_path))
        assert problems == []
        result = evaluate(listing, policies[policy], site.vocabulary, today)
        found = {
            "errors": result.errors,
            "withheld": [p for _, p in result.withheld],
            "warnings": [p for _, p in result.warnings],
        }
        for problem in (p for kind in found.values() for p in kind):
            assert (problem.file, problem.line) == (FILE, line_of(text, problem.field)), str(problem)
        return {kind: [(p.field, p.message) for p in kind_problems] for kind, kind_problems in found.items()}

    return run


def only(kind, *findings):
    expected = {"errors": [], "withheld": [], "warnings": []}
    expected[kind] = list(findings)
    return expected


def withheld(field, message):
    return only("withheld", (field, message))


def warning(field, message):
    return only("warnings", (field, message))


PUBLISHED = only("errors")

# What each policy needs beyond what the fixture listing has, to be published.
COMPLETE_FOR = {
    "cambridgeshire": {},
    "worcestershire": {
        "training": {
            "infection_control": "2025-10-20",
            "equality_diversity_inclusion": "2025-10-20",
            "mental_capacity": "2025-10-20",
        }
    },
    "leeds": {"checks": {"ccj": "2025-11-03", "references": "2025-11-03"}},
}
WORCESTERSHIRE_COURSES = COMPLETE_FOR["worcestershire"]
LEEDS_CHECKS = COMPLETE_FOR["leeds"]

PERSONAL_CARE = {"services": ["cleaning", "washing-and-bathing"]}
EXEMPT = {"regulation": {"cqc": "exempt_sole_trader"}}
REGISTERED = {"regulation": {"cqc": "registered", "cqc_location_id": "1-1234567890"}}
CARE_CERTIFICATE = {"training": {"care_certificate": "2025-10-20"}}
EMPLOYERS_LIABILITY = {"insurance": {"employers_liability": {"expires": "2027-11-02", "cover_gbp": 5000000}}}


def dbs(verified):
    return {"checks": {"enhanced_dbs": verified}}


@pytest.mark.parametrize("policy", POLICIES)
def test_the_fixture_listing_is_published_under_each_policy_once_complete(outcome, policy):
    assert outcome(COMPLETE_FOR[policy], policy=policy) == PUBLISHED


@pytest.mark.parametrize(
    "verified, expected",
    [
        ("2024-11-30", withheld("checks.enhanced_dbs", "Enhanced DBS check verified 2024-11-30 lapsed on 2026-11-30")),
        ("2024-12-01", withheld("checks.enhanced_dbs", "Enhanced DBS check verified 2024-12-01 lapsed on 2026-12-01")),
        (
            "2024-12-02",
            warning("checks.enhanced_dbs", "Enhanced DBS check verified 2024-12-02 lapses on 2026-12-02, in 1 day"),
        ),
        (
            "2024-12-03",
            warning("checks.enhanced_dbs", "Enhanced DBS check verified 2024-12-03 lapses on 2026-12-03, in 2 days"),
        ),
        (
            "2024-12-31",
            warning("checks.enhanced_dbs", "Enhanced DBS check verified 2024-12-31 lapses on 2026-12-31, in 30 days"),
        ),
        ("2025-01-01", PUBLISHED),
    ],
    ids=[
        "lapsed yesterday",
        "lapses today: exactly 2 years",
        "lapses tomorrow",
        "lapses in 2 days",
        "last day of the warning window",
        "outside the window",
    ],
)
@pytest.mark.parametrize("policy", POLICIES)
def test_an_enhanced_dbs_check_lasts_exactly_two_years(outcome, verified, expected, policy):
    assert outcome(COMPLETE_FOR[policy], dbs(verified), policy=policy) == expected


@pytest.mark.parametrize(
    "expires, expected",
    [
        (
            "2026-11-30",
            withheld("insurance.public_liability.expires", "Public liability insurance ended on 2026-11-30"),
        ),
        (
            "2026-12-01",
            warning("insurance.public_liability.expires", "Public liability insurance ends on 2026-12-01, in 1 day"),
        ),
        (
            "2026-12-30",
            warning("insurance.public_liability.expires", "Public liability insurance ends on 2026-12-30, in 30 days"),
        ),
        ("2026-12-31", PUBLISHED),
        ("2027-01-01", PUBLISHED),
    ],
    ids=[
        "ended yesterday",
        "last day of cover is today",
        "lapses on the last day of the warning window",
        "lapses the day after the window",
        "well in date",
    ],
)
def test_insurance_covers_its_expiry_day_and_lapses_the_day_after(outcome, expires, expected):
    assert outcome({"insurance": {"public_liability": {"expires": expires}}}) == expected


@pytest.mark.parametrize(
    "reviewed, expected",
    [
        (
            "2025-11-30",
            withheld(
                "last_reviewed", "council review on 2025-11-30 lapsed on 2026-11-30 (reviews are valid for 12 months)"
            ),
        ),
        (
            "2025-12-01",
            withheld(
                "last_reviewed", "council review on 2025-12-01 lapsed on 2026-12-01 (reviews are valid for 12 months)"
            ),
        ),
        (
            "2025-12-02",
            warning(
                "last_reviewed",
                "council review on 2025-12-02 lapses on 2026-12-02 (reviews are valid for 12 months), in 1 day",
            ),
        ),
        (
            "2025-12-31",
            warning(
                "last_reviewed",
                "council review on 2025-12-31 lapses on 2026-12-31 (reviews are valid for 12 months), in 30 days",
            ),
        ),
        ("2026-01-01", PUBLISHED),
        ("2026-12-01", PUBLISHED),
    ],
    ids=[
        "lapsed yesterday",
        "lapses today",
        "lapses tomorrow",
        "last day of the warning window",
        "current",
        "reviewed today",
    ],
)
def test_a_review_lasts_twelve_months(outcome, reviewed, expected):
    assert outcome({"last_reviewed": reviewed}) == expected


@pytest.mark.parametrize("status", ["suspended", "removed"])
def test_suspended_and_removed_listings_are_withheld(outcome, status):
    assert outcome({"status": status}) == withheld(
        "status", f"status is {status}: only active and paused listings are published"
    )


@pytest.mark.parametrize("status", ["suspended", "removed"])
def test_a_withdrawn_listing_is_withheld_for_its_status_alone_and_not_judged_by_the_policy(outcome, status):
    # A lapsed check, a missing check and a CQC rule broken: none matters while the listing is withdrawn.
    assert outcome({"status": status}, dbs("2024-11-30"), PERSONAL_CARE, {"checks": {"identity": DELETE}}) == only(
        "withheld", ("status", f"status is {status}: only active and paused listings are published")
    )


def test_a_paused_listing_is_still_published(outcome):
    assert outcome({"status": "paused"}) == PUBLISHED


def test_a_paused_listing_still_gets_warnings_and_lapses(outcome):
    assert outcome({"status": "paused"}, dbs("2024-12-02")) == warning(
        "checks.enhanced_dbs", "Enhanced DBS check verified 2024-12-02 lapses on 2026-12-02, in 1 day"
    )


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            [PERSONAL_CARE],
            "regulation.cqc",
            "personal care (washing and bathing) needs CQC registration or the sole-trader exemption: set "
            "regulation.cqc to registered or exempt_sole_trader",
        ),
        (
            [PERSONAL_CARE, EXEMPT, CARE_CERTIFICATE, {"business_type": "limited_company"}],
            "regulation.cqc",
            "the sole-trader exemption is only for sole traders, but business_type is limited_company: the business "
            "must register with the CQC",
        ),
        (
            [PERSONAL_CARE, EXEMPT, CARE_CERTIFICATE, {"workers": 2}, EMPLOYERS_LIABILITY],
            "regulation.cqc",
            "the sole-trader exemption is for one person working alone, but workers is 2: the business must register "
            "with the CQC",
        ),
        (
            [EXEMPT, CARE_CERTIFICATE],
            "regulation.cqc",
            "the sole-trader exemption is about personal care, which this listing does not offer: use not_applicable",
        ),
        (
            [PERSONAL_CARE, EXEMPT],
            "training.care_certificate",
            "Care Certificate is required by the Cambridgeshire County Council policy for listings working under the "
            "sole-trader exemption, but the listing does not have it: add training.care_certificate with the date it "
            "was completed",
        ),
        (
            [{"checks": {"right_to_work": DELETE}}],
            "checks.right_to_work",
            "Right to work in the UK is required by the Cambridgeshire County Council policy, but the listing does "
            "not have it: add checks.right_to_work with the date the council verified it",
        ),
        (
            [{"services": ["cleaning", "cooking"]}],
            "training.food_hygiene",
            "Food hygiene is required by the Cambridgeshire County Council policy for listings that offer cooking and "
            "meal preparation, but the listing does not have it: add training.food_hygiene with the date it was "
            "completed",
        ),
        (
            [{"workers": 1.5}],
            "insurance.employers_liability",
            "Employers' liability insurance is required by the Cambridgeshire County Council policy for listings with "
            "more than 1 worker, but the listing does not have it: add insurance.employers_liability with its expiry "
            "date and cover",
        ),
        (
            [{"training": {"first_aid": "2026-12-02"}}],
            "training.first_aid",
            "2026-12-02 is after the build date 2026-12-01: check the date",
        ),
        (
            [{"checks": {"identity": "2026-12-02"}}],
            "checks.identity",
            "2026-12-02 is after the build date 2026-12-01: check the date",
        ),
        (
            [{"last_reviewed": "2027-01-01"}],
            "last_reviewed",
            "2027-01-01 is after the build date 2026-12-01: check the date",
        ),
    ],
    ids=[
        "personal care without CQC",
        "exemption for a company",
        "exemption with two workers",
        "exemption without personal care",
        "exemption without Care Certificate",
        "missing check",
        "cooking without food hygiene",
        "employer without employers' liability",
        "training dated in the future",
        "check dated in the future",
        "review dated in the future",
    ],
)
def test_rules_a_listing_can_never_satisfy_as_written_fail_the_build(outcome, changes, field, message):
    assert outcome(*changes)["errors"] == [(field, message)]


def test_the_exemption_reports_every_way_it_does_not_fit(outcome):
    errors = outcome(EXEMPT, CARE_CERTIFICATE, {"business_type": "partnership", "workers": 2}, EMPLOYERS_LIABILITY)[
        "errors"
    ]
    assert [message.split(",")[0] for _, message in errors] == [
        "the sole-trader exemption is only for sole traders",
        "the sole-trader exemption is for one person working alone",
        "the sole-trader exemption is about personal care",
    ]


def test_a_one_person_exempt_sole_trader_giving_personal_care_is_published(outcome):
    assert outcome(PERSONAL_CARE, EXEMPT, CARE_CERTIFICATE) == PUBLISHED


def test_every_personal_care_service_is_named_in_the_cqc_error(outcome):
    errors = outcome({"services": ["washing-and-bathing", "cleaning", "dressing"]})["errors"]
    assert errors == [
        (
            "regulation.cqc",
            "personal care (washing and bathing and getting dressed) needs CQC registration or the sole-trader "
            "exemption: "
            "set regulation.cqc to registered or exempt_sole_trader",
        )
    ]


def test_dated_evidence_from_the_build_date_itself_is_accepted(outcome):
    assert outcome({"training": {"first_aid": "2026-12-01"}, "checks": {"identity": "2026-12-01"}}) == PUBLISHED


def test_a_registered_provider_may_employ_staff_for_personal_care(outcome):
    assert outcome(PERSONAL_CARE, REGISTERED, {"workers": 4, "business_type": "cic"}, EMPLOYERS_LIABILITY) == PUBLISHED


def test_one_worker_needs_no_employers_liability_but_more_than_one_does(outcome):
    assert outcome({"workers": 1}) == PUBLISHED
    assert [field for field, _ in outcome({"workers": 2})["errors"]] == ["insurance.employers_liability"]
    assert outcome({"workers": 2}, EMPLOYERS_LIABILITY) == PUBLISHED


def test_required_employers_liability_lapses_like_any_insurance(outcome):
    assert outcome(
        {"workers": 2}, EMPLOYERS_LIABILITY, {"insurance": {"employers_liability": {"expires": "2026-11-30"}}}
    ) == withheld("insurance.employers_liability.expires", "Employers' liability insurance ended on 2026-11-30")


def test_insurance_the_policy_does_not_require_never_withholds_a_listing(outcome):
    expired_extra = {"insurance": {"employers_liability": {"expires": "2020-01-01", "cover_gbp": 1}}}
    assert outcome(expired_extra) == PUBLISHED


def test_leeds_requires_a_ccj_check_that_the_default_does_not(outcome):
    assert outcome(policy="cambridgeshire") == PUBLISHED
    assert outcome(policy="leeds")["errors"] == [
        (
            "checks.ccj",
            "County court judgments (CCJ) check is required by the Leeds City Council policy, but the listing does "
            "not have it: add checks.ccj with the date the council verified it",
        ),
        (
            "checks.references",
            "Customer references seen is required by the Leeds City Council policy, but the listing does not have it: "
            "add checks.references with the date the council verified it",
        ),
    ]
    assert outcome(LEEDS_CHECKS, policy="leeds") == PUBLISHED


@pytest.mark.parametrize(
    "cover, errors",
    [
        (
            2000000,
            [
                (
                    "insurance.public_liability.cover_gbp",
                    "Public liability insurance cover is £2,000,000; the Leeds City Council policy needs at least "
                    "£5,000,000",
                )
            ],
        ),
        (
            4999999.5,
            [
                (
                    "insurance.public_liability.cover_gbp",
                    "Public liability insurance cover is £4,999,999.50; the Leeds City Council policy needs at least "
                    "£5,000,000",
                )
            ],
        ),
        (5000000, []),
    ],
    ids=["two million", "just under", "exactly the minimum"],
)
def test_leeds_requires_five_million_pounds_of_public_liability_cover(outcome, cover, errors):
    assert (
        outcome(LEEDS_CHECKS, {"insurance": {"public_liability": {"cover_gbp": cover}}}, policy="leeds")["errors"]
        == errors
    )


def test_the_default_policy_has_no_minimum_cover(outcome):
    assert outcome({"insurance": {"public_liability": {"cover_gbp": 2000000}}}, policy="cambridgeshire") == PUBLISHED


def test_low_cover_and_lapsed_insurance_are_both_reported(outcome):
    result = outcome(
        LEEDS_CHECKS, {"insurance": {"public_liability": {"cover_gbp": 1000, "expires": "2026-11-30"}}}, policy="leeds"
    )
    assert [field for field, _ in result["errors"]] == ["insurance.public_liability.cover_gbp"]
    assert [field for field, _ in result["withheld"]] == ["insurance.public_liability.expires"]


def test_worcestershire_requires_its_baseline_training_list(outcome):
    errors = outcome(policy="worcestershire")["errors"]
    assert [field for field, _ in errors] == [
        "training.infection_control",
        "training.equality_diversity_inclusion",
        "training.mental_capacity",
    ]
    assert outcome(WORCESTERSHIRE_COURSES, policy="worcestershire") == PUBLISHED


def test_worcestershire_training_needs_refreshing_every_three_years(outcome):
    refreshed = {"training": {"safeguarding": "2023-12-01"}}
    assert outcome(WORCESTERSHIRE_COURSES, refreshed, policy="worcestershire") == withheld(
        "training.safeguarding", "Safeguarding adults training completed 2023-12-01 lapsed on 2026-12-01"
    )
    assert outcome(
        WORCESTERSHIRE_COURSES, {"training": {"safeguarding": "2023-12-02"}}, policy="worcestershire"
    ) == warning(
        "training.safeguarding", "Safeguarding adults training completed 2023-12-02 lapses on 2026-12-02, in 1 day"
    )
    assert outcome(refreshed, policy="cambridgeshire") == PUBLISHED


def test_worcestershire_asks_personal_care_providers_for_moving_and_handling(outcome):
    errors = outcome(WORCESTERSHIRE_COURSES, PERSONAL_CARE, REGISTERED, policy="worcestershire")["errors"]
    assert [field for field, _ in errors] == ["training.manual_handling", "training.medication"]
    assert errors[1] == (
        "training.medication",
        "Handling medication is required by the Worcestershire County Council (baseline training) policy for listings "
        "that offer personal care, but the listing does not have it: add training.medication with the date it was "
        "completed",
    )


@pytest.mark.parametrize("policy", POLICIES)
def test_each_policy_warns_thirty_days_ahead(policies, policy):
    assert policies[policy].warning_days == 30
    assert policies[policy].review_valid_for_months == 12


@pytest.mark.parametrize(
    "start, months, lapses",
    [
        (date(2024, 2, 29), 24, date(2026, 3, 1)),
        (date(2024, 2, 28), 24, date(2026, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 3, 1)),
        (date(2023, 2, 28), 12, date(2024, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 3, 1)),
        (date(2024, 1, 30), 1, date(2024, 3, 1)),
        (date(2024, 1, 29), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 3, 1)),
        (date(2025, 3, 31), 1, date(2025, 5, 1)),
        (date(2025, 11, 30), 1, date(2025, 12, 30)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 12, 31), 2, date(2026, 3, 1)),
        (date(2025, 11, 15), 12, date(2026, 11, 15)),
        (date(2025, 6, 15), 0, date(2025, 6, 15)),
        (date(2023, 12, 1), 36, date(2026, 12, 1)),
        (date(2024, 10, 31), 2, date(2024, 12, 31)),
        (date(2025, 11, 30), 3, date(2026, 3, 1)),
    ],
)
def test_a_period_of_months_lapses_on_the_same_date_or_the_first_of_the_next_month_when_there_is_none(
    start, months, lapses
):
    assert lapse_date(start, months) == lapses


def test_the_policy_file_is_checked_against_the_vocabularies(site, tmp_path):
    (tmp_path / "p.yaml").write_text(
        "name: Test\nsummary: x\nreview_valid_for_months: 12\nwarning_days: 30\nchecks:\n  dbs:\ninsurance: "
        "{}\ntraining:\n  food_hygiene:\n    when: {services: [baking]}\n"
    )
    _, problems = load_policy(tmp_path, "p.yaml", site.vocabulary)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (
            6,
            "checks.dbs",
            "unknown id 'dbs': use one of: identity, right_to_work, enhanced_dbs, basic_dbs, ccj, references",
        ),
        (10, "training.food_hygiene.when.services", "unknown service 'baking'"),
    ]


@pytest.mark.parametrize(
    "when, words",
    [
        ({}, ""),
        ({"workers_more_than": 1}, " for listings with more than 1 worker"),
        ({"workers_more_than": 2}, " for listings with more than 2 workers"),
        ({"workers_more_than": 1.5}, " for listings with more than 1.5 workers"),
        ({"services": ["cooking"]}, " for listings that offer cooking and meal preparation"),
        (
            {"services": ["cooking", "cleaning", "gardening"]},
            " for listings that offer cooking and meal preparation, cleaning or gardening",
        ),
        ({"service_groups": ["home-care", "personal-care"]}, " for listings that offer personal care or help at home"),
        (
            {"cqc": ["exempt_sole_trader", "registered"]},
            " for listings working under the sole-trader exemption or registered with the CQC",
        ),
        (
            {"workers_more_than": 1, "services": ["cooking"], "cqc": ["registered"]},
            " for listings with more than 1 worker and that offer cooking and meal preparation and registered with "
            "the CQC",
        ),
    ],
)
def test_a_requirement_says_which_listings_it_applies_to(site, when, words):
    assert describe_when(when, site.vocabulary) == words


def test_each_lapse_is_filed_under_its_topic(site, policies, tmp_path):
    write(
        tmp_path,
        "tidy-homes",
        dbs("2024-11-30"),
        {"insurance": {"public_liability": {"expires": "2026-11-30"}}, "last_reviewed": "2025-11-30"},
        COMPLETE_FOR["worcestershire"],
    )
    (listing,), _ = load_listings(site_with_root(site, tmp_path))
    result = evaluate(listing, policies["worcestershire"], site.vocabulary, TODAY)
    assert [(topic, p.field) for topic, p in result.withheld] == [
        ("check", "checks.enhanced_dbs"),
        ("insurance", "insurance.public_liability.expires"),
        ("review", "last_reviewed"),
    ]
    assert [(lapse.what, lapse.topic) for lapse in result.lapses][-1] == ("Council review", "review")


def test_regulation_errors_and_missing_requirements_are_all_reported(outcome):
    assert [field for field, _ in outcome(PERSONAL_CARE, {"checks": {"identity": DELETE}})["errors"]] == [
        "regulation.cqc",
        "checks.identity",
    ]


def test_a_listing_with_no_training_at_all_gets_an_error_for_each_course(outcome):
    errors = outcome({"training": DELETE})["errors"]
    assert [field for field, _ in errors] == [
        "training.safeguarding",
        "training.first_aid",
        "training.health_and_safety",
        "training.gdpr",
        "training.lone_worker",
    ]


@pytest.mark.parametrize(
    "field, day",
    [
        ("checks.basic_dbs", "2026-12-02"),  # optional under this policy
        ("training.dementia_awareness", "2027-01-01"),  # optional
        ("listed_since", "2099-01-01"),
        ("last_reviewed", "2026-12-02"),
    ],
)
def test_a_date_after_the_build_date_is_an_error_whether_or_not_the_policy_needs_it(outcome, field, day):
    change = {field: day} if "." not in field else {field.split(".")[0]: {field.split(".")[1]: day}}
    assert (field, f"{day} is after the build date 2026-12-01: check the date") in outcome(change)["errors"]


def test_a_cover_too_large_to_be_real_is_refused_before_it_can_show_as_infinite(site, tmp_path):
    write(tmp_path, "tidy-homes", {"insurance": {"public_liability": {"cover_gbp": int("9" * 400)}}})
    _, problems = load_listings(site_with_root(site, tmp_path))
    assert [p.message for p in problems] == ["this number is 400 characters long: write a number of at most 15 digits"]
