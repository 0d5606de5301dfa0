"""Read an Open Referral UK service list (HSDS 3.0 UK profile, JSON) into listing values.

Accepts a paged service list (`contents`), one full service, or a list of
services. What the profile carries becomes listing values: names, text,
contact details, days (schedules), areas and services (matched by name or
id against the site's districts and vocabulary), prices (cost options) and
the CQC and council identifiers. Only a town and the outward half of a
postcode are kept from an address: never a street or a full postcode. What
the feed does not say (checks, training, insurance, review dates) is left
for `check` to ask for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.import_csv import ImportedRecord
from care_directory.editor.new_listing import slugify
from care_directory.listings.validation import Problem
from care_directory.outputs.open_data import BYDAY

STATUS = {"active": "active", "temporarily closed": "paused", "inactive": "removed", "defunct": "removed"}
OUTWARD_CODE = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?")
TOWN_AND_DISTRICT = re.compile(r"(?P<town>.+) \((?P<district>[A-Z]{1,2}[0-9][0-9A-Z]?)\)")  # the export's base


def read_oruk(site: Site, path: Path) -> tuple[list[ImportedRecord], list[Problem]]:
    """Every service in the file as an imported record; a file that is not a service list is a problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [Problem(str(path), 0, "", f"not JSON text: {error}")]
    services = data.get("contents") if isinstance(data, dict) and "contents" in data else data
    services = [services] if isinstance(services, dict) else services
    if not isinstance(services, list) or not all(isinstance(s, dict) for s in services):
        return [], [Problem(str(path), 0, "", "not an Open Referral UK service list, service or list of services")]
    records, problems = [], []
    for number, service in enumerate(services, start=1):
        where = f"service {number}"
        name = _text(service.get("name")) or _text((service.get("organization") or {}).get("name"))
        if not name:
            problems.append(Problem(str(path), 0, f"{where}: name", "empty: every provider needs a name"))
            continue
        records.append(ImportedRecord(where, slugify(name), _values(site, service, name)))
    return records, problems


def _values(site: Site, service: dict, name: str) -> dict:
    organization = service.get("organization") or {}
    description = _text(service.get("description")) or _text(organization.get("description"))
    first_sentence = re.split(r"(?<=[.!?])\s", description, maxsplit=1)[0]
    phones = [p for c in [service, *(service.get("contacts") or [])] for p in c.get("phones") or []]
    values = {
        "name": name,
        "summary": first_sentence,
        "description": description,
        "services": _matching(_terms(service), {s.id: s.label for s in site.vocabulary.services.values()}),
        "areas": _areas(site, service),
        "base": _base(service),
        "contact": {
            "phone": _text(phones[0].get("number")) if phones else "",
            "email": _text(service.get("email")) or _text(organization.get("email")),
            "website": _text(service.get("url")) or _text(organization.get("website")),
            "contact_name": next((_text(c.get("name")) for c in service.get("contacts") or [] if c.get("name")), ""),
        },
        "availability": _availability(service),
        "pricing": _pricing(site, service),
        "languages": [t["name"] for t in _taxonomy_terms(service) if t.get("taxonomy") == "Languages spoken"],
        "status": STATUS.get(_text(service.get("status")).lower(), ""),
    }
    for identifier in organization.get("organization_identifiers") or []:
        if identifier.get("identifier_scheme") == "CQC":
            values["regulation"] = {"cqc": "registered", "cqc_location_id": _text(identifier.get("identifier"))}
        elif identifier.get("identifier_type") == "Council reference":
            values["council_reference"] = _text(identifier.get("identifier"))
    return values


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _taxonomy_terms(service: dict) -> list[dict]:
    return [a["taxonomy_term"] for a in service.get("attributes") or [] if isinstance(a.get("taxonomy_term"), dict)]


def _terms(service: dict) -> list[str]:
    return [_text(t.get(key)) for t in _taxonomy_terms(service) for key in ("term", "name")]


def _matching(words: list[str], known: dict[str, str]) -> list[str]:
    """The ids among `known` (id -> name) that any of `words` names, by id or name in any case."""
    lookup = {**{name.casefold(): key for key, name in known.items()}, **{key.casefold(): key for key in known}}
    return list(dict.fromkeys(lookup[w.casefold()] for w in words if w.casefold() in lookup))


def _areas(site: Site, service: dict) -> dict:
    names = [_text(a.get("name")) for a in service.get("service_areas") or []]
    return {
        "districts": _matching(names, site.districts),
        "postcodes": list(dict.fromkeys(n.upper() for n in names if OUTWARD_CODE.fullmatch(n.upper()))),
    }


def _base(service: dict) -> dict:
    """A town and postcode district from the first location: the outward code only, never the street."""
    for at_location in service.get("service_at_locations") or []:
        location = at_location.get("location") or {}
        if shown := TOWN_AND_DISTRICT.fullmatch(_text(location.get("name"))):
            return {"town": shown["town"], "postcode_district": shown["district"]}
        for address in location.get("addresses") or []:
            outward = _text(address.get("postal_code")).upper().split(" ")[0]
            return {
                "town": _text(address.get("city")),
                "postcode_district": outward if OUTWARD_CODE.fullmatch(outward) else "",
            }
    return {}


def _availability(service: dict) -> dict:
    day_ids = {code: day for day, code in BYDAY.items()}
    codes = [c.strip() for s in service.get("schedules") or [] for c in _text(s.get("byday")).split(",")]
    days = [day for day in BYDAY if day in {day_ids.get(c) for c in codes}]
    availability: dict = {"days": days}
    if "not taking new clients" in _text(service.get("alert")).lower():
        availability["accepting_new_clients"] = False
    return availability


def _pricing(site: Site, service: dict) -> list[dict]:
    services = {s.label.casefold(): s.id for s in site.vocabulary.services.values()}
    units = {words.split(" ")[-1]: unit for unit, words in site.vocabulary.labels["unit"].items()}
    pricing = []
    for option in service.get("cost_options") or []:
        amount, label = option.get("amount"), _text(option.get("option"))
        if not isinstance(amount, (int, float)) or amount <= 0 or not label:
            continue
        unit_words = re.findall(r"[a-z]+", _text(option.get("amount_description")).lower())
        item = {"service_or_label": services.get(label.casefold(), label), "amount": amount}
        if unit := next((units[w] for w in reversed(unit_words) if w in units), None):
            item["unit"] = unit
        pricing.append(item)
    return pricing
