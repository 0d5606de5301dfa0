"""Evaluate each listing against the council policy on a build date.

Three outcomes, each a message naming the file, field and date involved:
- error: the listing can never be right as written (the build fails);
- withheld: something has lapsed, or the listing is suspended or removed
  (published nowhere; the build succeeds);
- warning: something lapses within the policy's warning window.

A suspended or removed listing is checked for structure only (by the
loader), never against the policy: it is not published, so a lapsed or
missing check on it must not stop the build.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from care_directory.config import Site, Vocabulary
from care_directory.listings.loader import Listing
from care_directory.listings.validation import Problem
from care_directory.model.wording import join_words, money, plural
from care_directory.policy.requirements import Policy, Requirement

WITHHELD_STATUSES = ("suspended", "removed")


@dataclass(frozen=True)
class Lapse:
    """When one dated requirement of a listing stops being valid."""

    listing: Listing
    path: tuple
    what: str
    topic: str  # check, training, insurance or review
    lapses_on: date  # the first day it is no longer valid
    message_lapsed: str
    message_lapsing: str

    def finding(self, message: str) -> Problem:
        return self.listing.problem(self.path, message)


@dataclass
class Evaluation:
    """What the policy says about one listing on the build date."""

    listing: Listing
    errors: list[Problem] = field(default_factory=list)
    withheld: list[tuple[str, Problem]] = field(default_factory=list)  # (topic, reason)
    warnings: list[tuple[str, Problem]] = field(default_factory=list)  # (topic, warning)
    lapses: list[Lapse] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return not self.errors and not self.withheld

    def outcome(self) -> Outcome:
        """What the build report keeps of this evaluation once the listing's provider is built."""
        return Outcome(self.listing.slug, self.listing.file, self.errors, self.withheld, self.warnings)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One listing's place in the build report, without the listing's fields (a build holds tens of thousands)."""

    slug: str
    file: str
    errors: list[Problem]
    withheld: list[tuple[str, Problem]]  # (topic, reason)
    warnings: list[tuple[str, Problem]]  # (topic, warning)

    @property
    def published(self) -> bool:
        return not self.errors and not self.withheld


def evaluate_all(site: Site, listings: list[Listing], today: date) -> list[Evaluation]:
    """Evaluate every listing against the site's policy."""
    return [evaluate(listing, site.policy, site.vocabulary, today) for listing in listings]


def evaluate(listing: Listing, policy: Policy, vocabulary: Vocabulary, today: date) -> Evaluation:
    """Apply the regulation rules and the policy to one listing on `today`."""
    result = Evaluation(listing)
    status = listing.data["status"]
    if status in WITHHELD_STATUSES:
        result.withheld.append(
            (
                "status",
                listing.problem(("status",), f"status is {status}: only active and paused listings are published"),
            )
        )
        return result
    result.errors += regulation_errors(listing, vocabulary)
    result.errors += _future_dates(listing, today)
    for requirement in policy.requirements:
        if requirement.applies_to(listing.data, vocabulary):
            _check_requirement(result, requirement, policy, vocabulary, today)
    _check_review(result, policy, today)
    for lapse in result.lapses:
        days_left = (lapse.lapses_on - today).days
        if days_left <= 0:
            result.withheld.append((lapse.topic, lapse.finding(lapse.message_lapsed)))
        elif days_left <= policy.warning_days:
            result.warnings.append(
                (lapse.topic, lapse.finding(f"{lapse.message_lapsing}, in {plural(days_left, 'day')}"))
            )
    return result


def _future_dates(listing: Listing, today: date) -> list[Problem]:
    """Dates that have not happened yet: a check cannot have been seen, nor a listing reviewed or listed, tomorrow.

    Every check and course counts, required or not, so an optional one is
    never shown to residents as verified on a date still to come.
    """
    data = listing.data
    dated = [((key,), data[key]) for key in ("listed_since", "last_reviewed")]
    dated += [((kind, item), day) for kind in ("checks", "training") for item, day in data.get(kind, {}).items()]
    return [
        listing.problem(path, f"{day} is after the build date {today}: check the date")
        for path, day in dated
        if day > today
    ]


def regulation_errors(listing: Listing, vocabulary: Vocabulary) -> list[Problem]:
    """CQC rules: personal care needs registration, or the exemption for one sole trader."""
    data = listing.data
    cqc, path = data["regulation"]["cqc"], ("regulation", "cqc")
    personal = [vocabulary.services[s].label.lower() for s in data["services"] if vocabulary.group_of(s).personal_care]
    errors = []
    if personal and cqc == "not_applicable":
        errors.append(
            listing.problem(
                path,
                f"personal care ({join_words(personal)}) needs CQC registration or the sole-trader exemption: set "
                "regulation.cqc to registered or exempt_sole_trader",
            )
        )
    if cqc == "exempt_sole_trader":
        if data["business_type"] != "sole_trader":
            errors.append(
                listing.problem(
                    path,
                    "the sole-trader exemption is only for sole traders, but business_type is "
                    f"{data['business_type']}: the business must register with the CQC",
                )
            )
        if data["workers"] != 1:
            errors.append(
                listing.problem(
                    path,
                    f"the sole-trader exemption is for one person working alone, but workers is {data['workers']}: "
                    "the business must register with the CQC",
                )
            )
        if not personal:
            errors.append(
                listing.problem(
                    path,
                    "the sole-trader exemption is about personal care, which this listing does not offer: use "
                    "not_applicable",
                )
            )
    return errors


def _check_requirement(
    result: Evaluation, requirement: Requirement, policy: Policy, vocabulary: Vocabulary, today: date
) -> None:
    listing, kind, label = result.listing, requirement.kind, requirement.label
    path = (kind, requirement.id)
    value = listing.data.get(kind, {}).get(requirement.id)
    if value is None:
        evidence = vocabulary.labels["vetting"][kind]["evidence"]
        result.errors.append(
            listing.problem(
                path,
                f"{label} is required by the {policy.name} policy{describe_when(requirement.when, vocabulary)}, but "
                f"the listing does not have it: add {kind}.{requirement.id} with {evidence}",
            )
        )
        return
    if kind == "insurance":
        _check_insurance(result, requirement, policy, value)
        return
    if value > today:
        return  # reported by _future_dates
    if requirement.valid_for_months:
        lapses_on = lapse_date(value, requirement.valid_for_months)
        words = vocabulary.labels["vetting"][kind]
        noun, done = words["noun"].format(label=label), words["done"]
        result.lapses.append(
            Lapse(
                listing,
                path,
                noun,
                words["topic"],
                lapses_on,
                f"{noun} {done} {value} lapsed on {lapses_on}",
                f"{noun} {done} {value} lapses on {lapses_on}",
            )
        )


def _check_insurance(result: Evaluation, requirement: Requirement, policy: Policy, value: dict) -> None:
    listing, label = result.listing, requirement.label
    if requirement.min_cover_gbp and value["cover_gbp"] < requirement.min_cover_gbp:
        result.errors.append(
            listing.problem(
                ("insurance", requirement.id, "cover_gbp"),
                f"{label} cover is {money(value['cover_gbp'])}; the {policy.name} policy needs at least "
                f"{money(requirement.min_cover_gbp)}",
            )
        )
    # A policy covers its expiry date; it lapses the day after.
    expires = value["expires"]
    result.lapses.append(
        Lapse(
            listing,
            ("insurance", requirement.id, "expires"),
            label,
            "insurance",
            expires + timedelta(days=1),
            f"{label} ended on {expires}",
            f"{label} ends on {expires}",
        )
    )


def _check_review(result: Evaluation, policy: Policy, today: date) -> None:
    listing = result.listing
    reviewed = listing.data["last_reviewed"]
    if reviewed > today:
        return  # reported by _future_dates
    months = policy.review_valid_for_months
    lapses_on = lapse_date(reviewed, months)
    valid = f"(reviews are valid for {months} months)"
    result.lapses.append(
        Lapse(
            listing,
            ("last_reviewed",),
            "Council review",
            "review",
            lapses_on,
            f"council review on {reviewed} lapsed on {lapses_on} {valid}",
            f"council review on {reviewed} lapses on {lapses_on} {valid}",
        )
    )


def describe_when(when: dict, vocabulary: Vocabulary, noun: str = "listings") -> str:
    """' for listings that offer cooking', or '' when a requirement always applies."""
    parts = []
    if "workers_more_than" in when:
        n = when["workers_more_than"]
        parts.append(f"with more than {n:g} {'worker' if n == 1 else 'workers'}")
    if "services" in when:
        parts.append("that offer " + join_words([vocabulary.services[s].label.lower() for s in when["services"]], "or"))
    if "service_groups" in when:
        labels = [g.label.lower() for g in vocabulary.groups if g.id in when["service_groups"]]
        parts.append("that offer " + join_words(labels, "or"))
    if "cqc" in when:
        conditions = vocabulary.labels["regulation"]
        parts.append(join_words([conditions[c]["condition"] for c in when["cqc"]], "or"))
    return f" for {noun} {' and '.join(parts)}" if parts else ""


def lapse_date(start: date, months: int) -> date:
    """The first day something dated `start` and valid for `months` months is no longer valid.

    The same date `months` later; where that month has no such date (29
    February in a common year, the 31st of a short month), the period runs to
    the end of that month, so it lapses on the 1st of the next. Every start
    date gets at least the whole period (29, 30 and 31 January plus one month
    all lapse on 1 March).
    """
    year, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month_index + 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, start.day)
    return date(year + month // 12, month % 12 + 1, 1)
