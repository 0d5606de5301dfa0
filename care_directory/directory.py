"""The published directory: which listings residents see, and how they are grouped.

Relations (providers by service, by district) are worked out once here, not
by loops inside templates, so page writing stays linear in the number of
providers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .config import Site
from .listings import Listing
from .presentation import provider_view

PUBLISHED_STATUSES = ("active", "paused")


@dataclass
class Withheld:
    """A valid listing that is not published, and why."""

    listing: Listing
    reasons: list[str]


@dataclass
class Directory:
    """Published providers (as page-ready views) and the listings held back."""

    site: Site
    today: date
    providers: list[dict]
    withheld: list[Withheld] = field(default_factory=list)
    by_service: dict[str, list[dict]] = field(default_factory=dict)
    by_district: dict[str, list[dict]] = field(default_factory=dict)


def build_directory(site: Site, listings: list[Listing], today: date) -> Directory:
    """Decide what is published on `today` and group it for the browse pages."""
    published, withheld = [], []
    for listing in listings:
        status = listing.data["status"]
        if status in PUBLISHED_STATUSES:
            published.append(provider_view(site, listing))
        else:
            withheld.append(Withheld(listing, [f"status is {status}"]))
    published.sort(key=lambda p: (p["name"].casefold(), p["slug"]))
    by_service = {s: [] for s in site.vocabulary.services}
    by_district = {d: [] for d in site.districts}
    for provider in published:
        for service_id in provider["service_ids"]:
            by_service[service_id].append(provider)
        for district_id in provider["district_ids"]:
            by_district[district_id].append(provider)
    return Directory(site, today, published, withheld, by_service, by_district)
