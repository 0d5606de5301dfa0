"""Load the site configuration and the vocabularies every listing refers to.

All of it is data in YAML (config/site.yaml, schema/services.yaml,
schema/vetting.yaml), validated by a JSON Schema of its own, so a council
changes YAML rather than Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from care_directory.listings.validation import InputError, Problem, load_schema, read_yaml_file, schema_problems
from care_directory.paths import PROJECT_ROOT, SCHEMA_DIR
from care_directory.policy.requirements import Policy, load_policy


@dataclass(frozen=True)
class Service:
    id: str
    label: str
    group_id: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class ServiceGroup:
    id: str
    label: str
    description: str
    personal_care: bool
    services: tuple[Service, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Service groups and services, the names of checks, insurance and training,
    and the words for every fixed choice in a listing (schema/labels.yaml)."""

    groups: tuple[ServiceGroup, ...]
    checks: dict[str, str]
    insurance: dict[str, str]
    training: dict[str, str]
    labels: dict

    def vetting_labels(self, kind: str) -> dict[str, str]:
        """Id -> label for one kind of vetting item: checks, insurance or training."""
        return {"checks": self.checks, "insurance": self.insurance, "training": self.training}[kind]

    # Looked up for every service of every listing, so built once.
    @cached_property
    def services(self) -> dict[str, Service]:
        """Service id -> Service, in vocabulary order."""
        return {s.id: s for g in self.groups for s in g.services}

    @cached_property
    def _groups_by_id(self) -> dict[str, ServiceGroup]:
        return {g.id: g for g in self.groups}

    def group_of(self, service_id: str) -> ServiceGroup:
        """The group a service belongs to (KeyError for an unknown service)."""
        return self._groups_by_id[self.services[service_id].group_id]


@dataclass(frozen=True)
class Site:
    """Everything about a council's directory that is not a listing."""

    root: Path
    settings: dict
    vocabulary: Vocabulary
    policy: Policy
    questions: list[dict]  # questions to ask a provider, by topic
    links: dict[str, dict]  # onward links for guides, by id: the national list with the council's own over it

    @property
    def districts(self) -> dict[str, str]:
        """District id -> name, in the order the config gives."""
        return {d["id"]: d["name"] for d in self.settings["districts"]}

    @property
    def providers_dir(self) -> Path:
        """Published listings: every file here is checked against the policy and built."""
        return self.root / "content" / "providers"

    @property
    def drafts_dir(self) -> Path:
        """Listings being prepared (applications, imports, providers being vetted): checked, never built."""
        return self.root / "content" / "drafts"


def load_site(root: Path = PROJECT_ROOT, config_file: str = "config/site.yaml") -> Site:
    """Read and validate the site config and vocabularies under `root`.

    Raises InputError naming every problem found.
    """
    settings, problems = _read_valid(root, config_file, SCHEMA_DIR / "site.schema.json")
    services, more = _read_valid(root, "schema/services.yaml", SCHEMA_DIR / "services.schema.json")
    problems += more
    vetting, more = _read_valid(root, "schema/vetting.yaml", SCHEMA_DIR / "vetting.schema.json")
    problems += more
    questions, more = _read_valid(root, "content/questions-to-ask.yaml", SCHEMA_DIR / "questions.schema.json")
    problems += more
    labels, more = _read_valid(root, "schema/labels.yaml", SCHEMA_DIR / "labels.schema.json")
    problems += more
    national_links, more = _read_valid(root, "schema/national-links.yaml", SCHEMA_DIR / "links.schema.json")
    problems += more
    if settings and contrast_with_white(settings["brand_colour"]) < 4.5:
        ratio = contrast_with_white(settings["brand_colour"])
        problems.append(
            Problem(
                config_file,
                0,
                "brand_colour",
                f"white text on {settings['brand_colour']} has contrast {ratio:.1f}:1; "
                "choose a darker colour (4.5:1 or more)",
            )
        )
    if problems:
        raise InputError(problems)
    vocabulary = _vocabulary(services, vetting, labels)
    # The policy file is named relative to the site config that chooses it.
    policy_file = str(Path(config_file).parent / settings["policy"])
    policy, problems = load_policy(root, policy_file, vocabulary)
    if problems:
        raise InputError(problems)
    links = {**national_links, **settings["council_links"]}
    return Site(root=root, settings=settings, vocabulary=vocabulary, policy=policy, questions=questions, links=links)


def _vocabulary(services: dict, vetting: dict, labels: dict) -> Vocabulary:
    groups = tuple(
        ServiceGroup(
            id=g["id"],
            label=g["label"],
            description=g["description"],
            personal_care=g.get("personal_care", False),
            services=tuple(Service(s["id"], s["label"], g["id"], tuple(s.get("synonyms", []))) for s in g["services"]),
        )
        for g in services["groups"]
    )
    return Vocabulary(groups, vetting["checks"], vetting["insurance"], vetting["training"], labels)


def _read_valid(root: Path, relative: str, schema_path: Path) -> tuple[dict | None, list[Problem]]:
    path = root / relative
    if not path.exists() and relative.startswith(("schema/", "content/questions")):
        path = PROJECT_ROOT / relative  # a site folder may reuse the project's vocabularies and checklist
    if not path.exists():
        return None, [Problem(relative, 0, "", "file not found")]
    parsed, problems = read_yaml_file(path, relative)
    if parsed is None:
        return None, problems
    problems = schema_problems(load_schema(schema_path), parsed, relative)
    return (None if problems else parsed.value), problems


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between white and an #rrggbb colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)
