"""A council's vetting policy, read from YAML (config/policies/*.yaml).

The policy says which checks, insurance and training a listing needs, for
which listings, and how long each stays valid. It is data: a council
changes its standard by editing its policy file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from care_directory.listings.validation import Problem, load_schema, problem_at, read_yaml_file, schema_problems
from care_directory.paths import SCHEMA_DIR

if TYPE_CHECKING:
    from care_directory.config import Vocabulary

KINDS = ("checks", "insurance", "training")


@dataclass(frozen=True)
class Requirement:
    """One required check, insurance or course, and when it applies."""

    kind: str  # checks, insurance or training
    id: str
    label: str
    valid_for_months: int | None
    min_cover_gbp: float | None
    when: dict
    note: str

    def applies_to(self, data: dict, vocabulary: Vocabulary) -> bool:
        """Whether a listing with these fields needs this requirement."""
        when = self.when  # each condition is worked out only if given: this runs for every listing and requirement
        if "workers_more_than" in when and not data["workers"] > when["workers_more_than"]:
            return False
        if "services" in when and not set(when["services"]).intersection(data["services"]):
            return False
        if "service_groups" in when and not {vocabulary.group_of(s).id for s in data["services"]} & set(
            when["service_groups"]
        ):
            return False
        return "cqc" not in when or data["regulation"]["cqc"] in when["cqc"]


@dataclass(frozen=True)
class ReviewRules:
    """How the council moderates residents' reviews (the policy file's `reviews`; defaults where left out)."""

    min_length: int = 50
    max_length: int = 1500
    shown_for_months: int = 36
    min_count: int = 3
    recent_shown: int = 3
    reply_invited: bool = True
    send_back_words: tuple[str, ...] = ()
    # Not council choices: the size of the short fields, the same for every council.
    help_max_length: int = 120
    name_max_length: int = 40


@dataclass(frozen=True)
class Policy:
    """A council's standard for a listing."""

    file: str
    name: str
    summary: str
    review_valid_for_months: int
    warning_days: int
    requirements: tuple[Requirement, ...]
    reviews: ReviewRules = ReviewRules()

    def of_kind(self, kind: str) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == kind]


def load_policy(root: Path, relative: str, vocabulary: Vocabulary) -> tuple[Policy | None, list[Problem]]:
    """Read and check a policy file; ids must exist in the vocabularies."""
    path = root / relative
    if not path.exists():
        return None, [Problem(relative, 0, "", "policy file not found: check `policy` in the site config")]
    parsed, problems = read_yaml_file(path, relative)
    if parsed is None:
        return None, problems
    problems = schema_problems(load_schema(SCHEMA_DIR / "policy.schema.json"), parsed, relative)
    if problems:
        return None, problems
    data = parsed.value
    groups = {g.id for g in vocabulary.groups}
    requirements = []
    for kind in KINDS:
        for item_id, rule in data[kind].items():
            rule = rule or {}
            known = vocabulary.vetting_labels(kind)
            if item_id not in known:
                problems.append(
                    problem_at(
                        relative, parsed, (kind, item_id), f"unknown id '{item_id}': use one of: {', '.join(known)}"
                    )
                )
                continue
            when = rule.get("when", {})
            for service in when.get("services", []):
                if service not in vocabulary.services:
                    problems.append(
                        problem_at(
                            relative, parsed, (kind, item_id, "when", "services"), f"unknown service '{service}'"
                        )
                    )
            for group in when.get("service_groups", []):
                if group not in groups:
                    problems.append(
                        problem_at(
                            relative,
                            parsed,
                            (kind, item_id, "when", "service_groups"),
                            f"unknown service group '{group}': use one of: {', '.join(groups)}",
                        )
                    )
            requirements.append(
                Requirement(
                    kind,
                    item_id,
                    known[item_id],
                    rule.get("valid_for_months"),
                    rule.get("min_cover_gbp"),
                    when,
                    rule.get("note", ""),
                )
            )
    policy = Policy(
        relative,
        data["name"],
        data["summary"],
        data["review_valid_for_months"],
        data["warning_days"],
        tuple(requirements),
        _review_rules(data.get("reviews", {})),
    )
    return (None if problems else policy), problems


def _review_rules(data: dict) -> ReviewRules:
    return ReviewRules(**{**data, "send_back_words": tuple(data.get("send_back_words", ()))})
