"""The published directory: which listings residents see, and how they are grouped.

Relations (providers by service, by district) are worked out once here, not
by loops inside templates, so page writing stays linear in the number of
providers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from care_directory.config import Site
from care_directory.model.provider import Provider, provider_from_listing
from care_directory.model.reviews import Reviews
from care_directory.policy.rules import Evaluation, Outcome


@dataclass
class Directory:
    """Published providers and every listing's outcome (published, withheld, warned about)."""

    site: Site
    today: date
    outcomes: list[Outcome]
    providers: list[Provider] = field(default_factory=list)
    by_service: dict[str, list[Provider]] = field(default_factory=dict)
    by_district: dict[str, list[Provider]] = field(default_factory=dict)
    # slug -> what the provider is made from besides the site and the build date: its listing file's digest
    # and its reviews. The build manifest knows a provider by it (care_directory.outputs.render_inputs).
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def withheld(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.published]

    @property
    def languages(self) -> list[str]:
        """Languages besides English that published providers speak, A to Z."""
        return sorted({language for p in self.providers for language in p.languages}, key=str.casefold)

    def services_in(self, district_id: str) -> dict[str, list[Provider]]:
        """Service id -> providers working in the district who offer it, for services anyone offers there."""
        offered: dict[str, list[Provider]] = {}
        for provider in self.by_district[district_id]:
            for service_id in provider.service_ids:
                offered.setdefault(service_id, []).append(provider)
        return {s: offered[s] for s in self.site.vocabulary.services if s in offered}


def build_directory(
    site: Site, evaluations: Iterable[Evaluation], today: date, reviews: dict[str, Reviews] | None = None
) -> Directory:
    """Publish the listings the policy allows on `today`, grouped for the browse pages, each with its reviews
    (the reviews of a listing that is not published go nowhere).

    Keeps each listing's outcome but not its fields: given evaluations one at a time, as they are made, a
    national directory never holds every listing at once.
    """
    reviews = reviews or {}
    published, outcomes, sources = [], [], {}
    for evaluation in evaluations:
        if evaluation.published:
            listing = evaluation.listing
            shown = reviews.get(listing.slug)
            published.append(provider_from_listing(site, listing, today, shown))
            sources[listing.slug] = f"{listing.source} {shown!r}"
        outcomes.append(evaluation.outcome())
    published.sort(key=lambda p: (p.name.casefold(), p.slug))
    by_service = {s: [] for s in site.vocabulary.services}
    by_district = {d: [] for d in site.districts}
    for provider in published:
        for service_id in provider.service_ids:
            by_service[service_id].append(provider)
        for district_id in provider.district_ids:
            by_district[district_id].append(provider)
    return Directory(site, today, outcomes, published, by_service, by_district, sources)
