"""Publish the directory as open data other systems can import.

- /open-data/services.json and /open-data/services/<id>.json: Open
  Referral UK (HSDS 3.0 UK profile) service list and full services.
- /open-data/taxonomy.json: the service vocabulary as a taxonomy.
- /open-data/providers.csv: one row per provider for spreadsheets.
- /feed.xml (Atom, newly listed providers), /sitemap.xml, /robots.txt.
- schema.org JSON-LD for provider pages and the home page.

Ids are UUIDs derived from the site address and the slug, so they never
change between builds. Only published listings appear; no street address
is ever exported: a provider's base is its postcode district's centre.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree

from care_directory.gate.built_site import site_pages
from care_directory.geodata import outcode_centres
from care_directory.model.directory import Directory
from care_directory.model.forms import SENT_PAGE
from care_directory.model.provider import Provider
from care_directory.model.reviews import MAX_STARS
from care_directory.model.wording import long_date
from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.render_inputs import RenderInputs

# The spreadsheet export's columns, in order; `build.py import` reads the same columns back.
CSV_COLUMNS = (
    "name",
    "page",
    "summary",
    "business_type",
    "workers",
    "services",
    "districts",
    "postcode_districts",
    "base_town",
    "base_postcode_district",
    "phone",
    "email",
    "website",
    "contact_name",
    "taking_new_clients",
    "days",
    "times",
    "availability_notes",
    "prices",
    "direct_payments",
    "self_funders",
    "cqc",
    "cqc_location_id",
    "checks",
    "insurance",
    "training",
    "languages",
    "status",
    "council_reference",
    "listed_since",
    "last_reviewed",
)
BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


class Publisher:
    """Builds every open-data file for one directory at one public address."""

    def __init__(self, directory: Directory, base_url: str):
        self.directory = directory
        self.site = directory.site
        self.base_url = base_url  # e.g. https://care.example.org/directory/
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, base_url)

    def uid(self, *parts: str) -> str:
        """A UUID that stays the same for the same thing in every build."""
        return str(uuid.uuid5(self.namespace, "/".join(parts)))

    def url(self, path: str) -> str:
        return self.base_url + path

    # Open Referral UK

    def service(self, provider: Provider) -> dict:
        """One provider as a full HSDS 3.0 UK profile service."""
        slug = provider.slug
        service_id, organization_id = self.uid("service", slug), self.uid("organization", slug)
        service = self.service_summary(provider)
        service.update(
            {
                "schedules": self.schedules(provider, service_id),
                "service_areas": self.service_areas(provider, service_id),
                "service_at_locations": self.base_location(provider, service_id),
                "cost_options": [
                    {
                        "id": self.uid("cost", slug, str(i)),
                        "service_id": service_id,
                        "option": price.label,
                        "amount": price.amount,
                        "amount_description": price.price,
                    }
                    for i, price in enumerate(provider.prices)
                ],
                "contacts": [
                    {
                        "id": self.uid("contact", slug),
                        "service_id": service_id,
                        "name": provider.contact_name or provider.name,
                    }
                ],
                "attributes": self.attributes(provider, service_id),
            }
        )
        identifiers = [
            ("cqc", "CQC", "CQC location ID", provider.cqc_location_id if provider.regulation == "registered" else ""),
            ("council", self.site.settings["council_name"], "Council reference", provider.council_reference),
        ]
        service["organization"]["organization_identifiers"] = [
            {
                "id": self.uid(kind, slug),
                "organization_id": organization_id,
                "identifier_scheme": scheme,
                "identifier_type": kind_label,
                "identifier": value,
            }
            for kind, scheme, kind_label, value in identifiers
            if value
        ]
        return service

    def service_summary(self, provider: Provider) -> dict:
        """The service fields that also appear in the paged service list."""
        slug = provider.slug
        summary = {
            "id": self.uid("service", slug),
            "organization_id": self.uid("organization", slug),
            "name": provider.name,
            "description": provider.summary,
            "url": provider.website or self.url(provider.path),
            "status": "active",
            "fees": f"{provider.price_from}. Ask for a written quote.",
            "assured_date": provider.last_reviewed.isoformat(),
            "assurer_email": self.site.settings["report_email"],
            "last_modified": _timestamp(provider.last_reviewed),
            "organization": {
                "id": self.uid("organization", slug),
                "name": provider.name,
                "description": provider.summary,
                "uri": self.url(provider.path),
            },
        }
        if provider.email:
            summary["email"] = summary["organization"]["email"] = provider.email
        if provider.website:
            summary["organization"]["website"] = provider.website
        if not provider.accepting_new_clients:
            summary["alert"] = "Not taking new clients at the moment."
        return summary

    def schedules(self, provider: Provider, service_id: str) -> list[dict]:
        if not provider.day_ids:
            return []
        schedule = {
            "id": self.uid("schedule", provider.slug),
            "service_id": service_id,
            "freq": "WEEKLY",
            "byday": ",".join(BYDAY[d] for d in provider.day_ids),
            "description": provider.days,
        }
        if provider.times or provider.availability_notes:
            schedule["notes"] = " ".join(part for part in (provider.times, provider.availability_notes) if part)
        return [schedule]

    def service_areas(self, provider: Provider, service_id: str) -> list[dict]:
        areas = [(name, "district") for name in provider.districts] + [
            (pc, "postcode district") for pc in provider.postcodes
        ]
        return [
            {
                "id": self.uid("area", provider.slug, name),
                "service_id": service_id,
                "name": name,
                "service_area": f"{name} ({kind})",
            }
            for name, kind in areas
        ]

    def base_location(self, provider: Provider, service_id: str) -> list[dict]:
        """Where the provider is based, as the centre of its postcode district only."""
        district = provider.base_postcode_district
        centre = outcode_centres().get(district)
        if not centre:
            return []
        location_id = self.uid("location", provider.slug)
        return [
            {
                "id": self.uid("service-at-location", provider.slug),
                "service_id": service_id,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": f"{provider.town} ({district})",
                    "description": f"The centre of the {district} postcode district, not an address.",
                    "latitude": centre[0],
                    "longitude": centre[1],
                },
            }
        ]

    def attributes(self, provider: Provider, service_id: str) -> list[dict]:
        terms = [self.service_term(self.site.vocabulary.services[s]) for s in provider.service_ids]
        terms += [self.language_term(language) for language in provider.languages]
        return [
            {
                "id": self.uid("attribute", provider.slug, term["id"]),
                "link_id": service_id,
                "link_type": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
            for term in terms
        ]

    def service_term(self, service) -> dict:
        group = self.site.vocabulary.group_of(service.id)
        return {
            "id": self.uid("term", service.id),
            "name": service.label,
            "description": f"{group.label}: {service.label}",
            "parent_id": self.uid("term", group.id),
            "taxonomy": "Care micro-enterprise services",
            "term": service.id,
        }

    def language_term(self, language: str) -> dict:
        return {
            "id": self.uid("language", language),
            "name": language,
            "description": f"Speaks {language}",
            "taxonomy": "Languages spoken",
            "term": language,
        }

    def service_list_json(self) -> Iterator[str]:
        """The service list as JSON text, indented as json.dumps writes it, in pieces."""
        return json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(self.service_list())

    def service_list(self) -> dict:
        """The whole directory as one page of Open Referral's paged service list."""
        contents = [self.service_summary(p) for p in self.directory.providers]
        return {
            "total_items": len(contents),
            "total_pages": 1,
            "page_number": 1,
            "size": len(contents),
            "first_page": True,
            "last_page": True,
            "empty": not contents,
            "contents": contents,
        }

    def taxonomy(self) -> dict:
        """The service vocabulary as a taxonomy: groups, and services under them."""
        vocabulary = self.site.vocabulary
        terms = []
        for group in vocabulary.groups:
            terms.append(
                {
                    "id": self.uid("term", group.id),
                    "name": group.label,
                    "description": group.description,
                    "taxonomy": "Care micro-enterprise services",
                    "term": group.id,
                }
            )
            terms += [self.service_term(service) for service in group.services]
        return {
            "id": self.uid("taxonomy"),
            "name": "Care micro-enterprise services",
            "description": f"Types of help in {self.site.settings['service_name']}",
            "uri": self.url("open-data/taxonomy.json"),
            "version": self.directory.today.isoformat(),
            "taxonomy_terms": terms,
        }

    # Spreadsheet

    def write_csv(self, out: TextIO) -> None:
        """One row per provider, one column per field, lists joined with '; '."""
        out.write("\ufeff")  # the byte order mark makes Excel read UTF-8 (£, accents) correctly
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for p in self.directory.providers:
            writer.writerow(
                _spreadsheet_safe(
                    {
                        "name": p.name,
                        "page": self.url(p.path),
                        "summary": p.summary,
                        "business_type": p.business_type,
                        "workers": p.workers,
                        "services": "; ".join(self.site.vocabulary.services[s].label for s in p.service_ids),
                        "districts": "; ".join(p.districts),
                        "postcode_districts": "; ".join(p.postcodes),
                        "base_town": p.town,
                        "base_postcode_district": p.base_postcode_district,
                        "phone": p.phone,
                        "email": p.email,
                        "website": p.website,
                        "contact_name": p.contact_name,
                        "taking_new_clients": _yes_no(p.accepting_new_clients),
                        "days": p.days,
                        "times": p.times,
                        "availability_notes": p.availability_notes,
                        "prices": "; ".join(
                            f"{x.label}: {x.price}" + (f" ({x.notes})" if x.notes else "") for x in p.prices
                        ),
                        "direct_payments": _yes_no(p.direct_payments),
                        "self_funders": _yes_no(p.self_funders),
                        "cqc": p.regulation,
                        "cqc_location_id": p.cqc_location_id,
                        "checks": "; ".join(f"{c.label}: {long_date(c.date)}" for c in p.checks),
                        "insurance": "; ".join(
                            f"{i.label}: {i.cover} until {long_date(i.expires)}" for i in p.insurance
                        ),
                        "training": "; ".join(f"{t.label}: {long_date(t.date)}" for t in p.training),
                        "languages": "; ".join(p.languages),
                        "status": p.status,
                        "council_reference": p.council_reference,
                        "listed_since": p.listed_since.isoformat(),
                        "last_reviewed": p.last_reviewed.isoformat(),
                    }
                )
            )

    # schema.org

    def provider_json_ld(self, provider: Provider) -> dict:
        services = self.site.vocabulary.services
        business = {
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "@id": self.url(provider.path),
            "name": provider.name,
            "description": provider.summary,
            "url": self.url(provider.path),
            "address": {"@type": "PostalAddress", "addressLocality": provider.town, "addressCountry": "GB"},
            "areaServed": [{"@type": "AdministrativeArea", "name": name} for name in provider.districts]
            + [
                {"@type": "PostalCodeRangeSpecification", "postalCodeBegin": pc, "postalCodeEnd": pc}
                for pc in provider.postcodes
            ],
            "hasOfferCatalog": {
                "@type": "OfferCatalog",
                "name": "Services",
                "itemListElement": [
                    {
                        "@type": "Offer",
                        "itemOffered": {
                            "@type": "Service",
                            "name": services[s].label,
                            "serviceType": self.site.vocabulary.group_of(s).label,
                        },
                    }
                    for s in provider.service_ids
                ],
            },
            "makesOffer": [
                {
                    "@type": "Offer",
                    "name": price.label,
                    "priceSpecification": {
                        "@type": "UnitPriceSpecification",
                        "price": price.amount,
                        "priceCurrency": "GBP",
                        "unitText": price.unit,
                    },
                }
                for price in provider.prices
            ],
            "paymentAccepted": ", ".join(
                [
                    *(["Direct Payments"] if provider.direct_payments else []),
                    *(["Self-funding"] if provider.self_funders else []),
                ]
            ),
        }
        if provider.phone:
            business["telephone"] = provider.phone_href.removeprefix("tel:")
        if provider.email:
            business["email"] = provider.email
        if provider.website:
            business["sameAs"] = provider.website
        if provider.languages:
            business["knowsLanguage"] = ["English", *provider.languages]
        if provider.reviews.rated:
            business |= self.reviews_json_ld(provider)
        return business

    @staticmethod
    def reviews_json_ld(provider: Provider) -> dict:
        """schema.org AggregateRating and Review for a provider with enough reviews for an average."""
        reviews = provider.reviews
        scale = {"bestRating": MAX_STARS, "worstRating": 1}
        return {
            "aggregateRating": {
                "@type": "AggregateRating",
                "ratingValue": reviews.average,
                "reviewCount": reviews.count,
                **scale,
            },
            "review": [
                {
                    "@type": "Review",
                    "author": {"@type": "Person", "name": review.display_name},
                    "datePublished": review.review_date.isoformat(),
                    "reviewRating": {"@type": "Rating", "ratingValue": review.rating, **scale},
                    "reviewBody": " ".join(review.text.split()),
                }
                for review in reviews.items
            ],
        }

    def home_json_ld(self) -> dict:
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.site.settings["service_name"],
            "url": self.base_url,
            "publisher": {"@type": "GovernmentOrganization", "name": self.site.settings["council_name"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": self.url("search/?q={search_term_string}")},
                "query-input": "required name=search_term_string",
            },
        }

    # Feeds and crawlers

    def atom_feed(self, limit: int = 50) -> bytes:
        """Newly listed providers, newest first."""
        atom = "http://www.w3.org/2005/Atom"
        ElementTree.register_namespace("", atom)
        newest = sorted(self.directory.providers, key=lambda p: (p.listed_since, p.slug), reverse=True)[:limit]
        feed = ElementTree.Element(f"{{{atom}}}feed")
        self._sub(feed, atom, "title", f"Newly listed: {self.site.settings['service_name']}")
        self._sub(feed, atom, "id", f"urn:uuid:{self.uid('feed')}")
        self._sub(
            feed, atom, "updated", _timestamp(max((p.listed_since for p in newest), default=self.directory.today))
        )
        ElementTree.SubElement(feed, f"{{{atom}}}link", href=self.url("feed.xml"), rel="self")
        ElementTree.SubElement(feed, f"{{{atom}}}link", href=self.base_url)
        author = ElementTree.SubElement(feed, f"{{{atom}}}author")
        self._sub(author, atom, "name", self.site.settings["council_name"])
        for p in newest:
            entry = ElementTree.SubElement(feed, f"{{{atom}}}entry")
            self._sub(entry, atom, "title", p.name)
            self._sub(entry, atom, "id", f"urn:uuid:{self.uid('service', p.slug)}")
            self._sub(entry, atom, "updated", _timestamp(p.listed_since))
            ElementTree.SubElement(entry, f"{{{atom}}}link", href=self.url(p.path))
            self._sub(entry, atom, "summary", p.summary)
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8")

    @staticmethod
    def _sub(parent, namespace: str, tag: str, text: str):
        element = ElementTree.SubElement(parent, f"{{{namespace}}}{tag}")
        element.text = text
        return element

    def sitemap(self, page_paths: list[str]) -> bytes:
        """Every published page (all but the 404 and form-sent pages), with review dates for providers."""
        namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
        ElementTree.register_namespace("", namespace)
        reviewed = {p.path: p.last_reviewed for p in self.directory.providers}
        urlset = ElementTree.Element(f"{{{namespace}}}urlset")
        for path in sorted(page_paths):
            url = ElementTree.SubElement(urlset, f"{{{namespace}}}url")
            self._sub(url, namespace, "loc", self.url(path))
            if path in reviewed:
                self._sub(url, namespace, "lastmod", reviewed[path].isoformat())
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(urlset, encoding="utf-8")

    def robots(self) -> str:
        return f"User-agent: *\nAllow: /\nSitemap: {self.url('sitemap.xml')}\n"

    def write(self, destination: Path, manifest: BuildManifest, inputs: RenderInputs) -> None:
        """Write every open-data file, the feed and robots.txt into the built site.

        A file whose inputs are unchanged since the build in `manifest`, or whose bytes are, is the published one.
        """

        def write(name: str, inputs_digest: str, make) -> None:
            manifest.make(destination, name, inputs_digest, make)

        def stream(name: str, inputs_digest: str, fill) -> None:
            """Write a file of the whole directory piece by piece: a national one's text is tens of megabytes."""
            if not manifest.reuse(name, inputs_digest):
                path = destination / name
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("w", encoding="utf-8", newline="") as file:
                    fill(file)

        def dump(data) -> bytes:
            return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

        every_provider = inputs.whole_directory
        stream("open-data/services.json", every_provider, lambda file: file.writelines(self.service_list_json()))
        for provider in self.directory.providers:
            name = f"open-data/services/{self.uid('service', provider.slug)}.json"
            write(name, inputs.of_provider(provider), lambda p=provider: dump(self.service(p)))
        write("open-data/taxonomy.json", inputs.site, lambda: dump(self.taxonomy()))
        stream("open-data/providers.csv", every_provider, self.write_csv)
        write("feed.xml", every_provider, self.atom_feed)
        write("robots.txt", inputs.site, lambda: self.robots().encode("utf-8"))

    def write_sitemap(self, destination: Path, manifest: BuildManifest, inputs: RenderInputs) -> None:
        """Write sitemap.xml, listing the pages of this build: call it once every page is written."""

        def pages() -> list[str]:
            return [p for p in site_pages(manifest.names(destination)) if p not in ("404.html", SENT_PAGE)]

        manifest.make(destination, "sitemap.xml", inputs.whole_directory, lambda: self.sitemap(pages()))


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(row: dict) -> dict:
    """Listing text can start with '=': such a cell gets a leading apostrophe, so spreadsheets show it as text."""
    return {
        key: f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
        for key, value in row.items()
    }


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _timestamp(day: date) -> str:
    return datetime.combine(day, time(), UTC).isoformat().replace("+00:00", "Z")


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block that listing text cannot break out of."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
