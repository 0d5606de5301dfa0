"""What changed between two versions of a listing, in plain English.

Used by `build.py review` (for reviewers of a pull request) and by the
public history on each provider page. Works on parsed YAML values, so it
can describe versions that no longer validate.
"""

from __future__ import annotations

from care_directory.config import Site
from care_directory.model.wording import days_in_words, join_words, money

CHECKLIST = {
    "name": "Check the trading name against the provider's documents.",
    "business_type": "Check the business type (for a company: Companies House).",
    "workers": "Confirm how many people work for the business.",
    "services": "Confirm the provider offers the new services, and that the policy's training for them is in place.",
    "areas": "Confirm the areas the provider covers.",
    "contact": "Phone or email the provider on the new details to check they work.",
    "pricing": "Confirm the new prices with the provider.",
    "payment": "Confirm how the provider can be paid.",
    "regulation": "Check the provider on the CQC register (for a registered provider, the location id).",
    "checks": "See the documents for each changed check and the dates on them.",
    "insurance": "See the insurance certificate: the cover and the expiry date.",
    "training": "See the certificate for each changed course and the date on it.",
    "status": "Confirm why the listing's status changed.",
    "base": "Check the base is only a town and postcode district, never a home address.",
    "council_reference": "Check the council reference against the council's own records.",
}


def _label_of(site: Site, kind: str, key: str) -> str:
    return site.vocabulary.vetting_labels(kind).get(key, key)


def _service(site: Site, service_id) -> str:
    service = site.vocabulary.services.get(service_id)
    return service.label.lower() if service else str(service_id)


def _price(site: Site, item: dict) -> str:
    what = item.get("service_or_label", "")
    label = _service(site, what) if what in site.vocabulary.services else what
    amount = item.get("amount")
    unit = site.vocabulary.labels["unit"].get(item.get("unit"), item.get("unit", ""))
    shown = money(amount) if isinstance(amount, (int, float)) and not isinstance(amount, bool) else str(amount)
    return f"{shown} {unit} for {label}"


def describe_changes(site: Site, old: dict | None, new: dict | None) -> list[str]:
    """Sentences saying what changed from `old` to `new` (None: the listing did not exist)."""
    if old is None and new is None:
        return []
    if old is None:
        return [
            "added to the directory, offering "
            f"{join_words([_service(site, s) for s in new.get('services', [])]) or 'no services yet'}"
        ]
    if new is None:
        return ["listing file deleted"]
    changes = []
    for field in ("name", "business_type", "workers", "status", "council_reference", "summary", "description"):
        if _differs(old.get(field), new.get(field)):
            changes.append(_simple(field, old.get(field), new.get(field)))
    changes += _list_changes(
        "service",
        [_service(site, s) for s in old.get("services", [])],
        [_service(site, s) for s in new.get("services", [])],
    )
    changes += _newly_required(site, old, new)
    old_areas, new_areas = old.get("areas") or {}, new.get("areas") or {}
    changes += _list_changes("area", old_areas.get("districts", []), new_areas.get("districts", []))
    changes += _list_changes("postcode district", old_areas.get("postcodes", []), new_areas.get("postcodes", []))
    changes += _list_changes("language", old.get("languages", []), new.get("languages", []))
    changes += _list_changes(
        "price",
        [_price(site, p) for p in old.get("pricing", [])],
        [_price(site, p) for p in new.get("pricing", [])],
        "new price",
        "price removed",
    )
    for group in ("contact", "availability", "payment", "regulation", "base"):
        old_group, new_group = old.get(group) or {}, new.get(group) or {}
        for key in dict.fromkeys([*new_group, *old_group]):  # in the order the new version writes them
            if old_group.get(key) != new_group.get(key):
                changes.append(_simple(f"{group} {key}".replace("_", " "), old_group.get(key), new_group.get(key)))
    for kind in ("checks", "training"):
        old_map, new_map = old.get(kind) or {}, new.get(kind) or {}
        for key in sorted(set(old_map) | set(new_map)):
            if old_map.get(key) != new_map.get(key):
                changes.append(_dated(_label_of(site, kind, key), old_map.get(key), new_map.get(key)))
    old_ins, new_ins = old.get("insurance") or {}, new.get("insurance") or {}
    for key in sorted(set(old_ins) | set(new_ins)):
        if old_ins.get(key) != new_ins.get(key):
            changes.append(_insurance(_label_of(site, "insurance", key), old_ins.get(key), new_ins.get(key)))
    if old.get("last_reviewed") != new.get("last_reviewed"):
        changes.append(f"reviewed by the council on {new.get('last_reviewed')}")
    return changes


def _differs(old, new) -> bool:
    """Text compares without the whitespace around it: the browser editor drops a description's final line
    break, which Markdown ignores, and that is no change to review."""
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() != new.strip()
    return old != new


def _newly_required(site: Site, old: dict, new: dict) -> list[str]:
    """Policy requirements the change brings in, e.g. food hygiene when cooking is added."""
    lines = []
    for requirement in site.policy.requirements:
        try:
            before, after = requirement.applies_to(old, site.vocabulary), requirement.applies_to(new, site.vocabulary)
        except (KeyError, TypeError, AttributeError):
            continue  # a version too broken to judge; the check reports it
        if after and not before:
            value = (new.get(requirement.kind) or {}).get(requirement.id)
            if isinstance(value, dict):
                value = f"expires {value.get('expires')}"
            lines.append(f"{requirement.label} now required ({f'present, {value}' if value else 'missing'})")
    return lines


def _simple(field: str, old, new) -> str:
    name = field.replace("_", " ")
    if field in ("summary", "description"):
        return f"{name} rewritten"
    if old is None:
        return f"{name} set to {new}"
    if new is None:
        return f"{name} removed (was {old})"
    return f"{name} {old} -> {new}"


def _dated(label: str, old, new) -> str:
    if old is None:
        return f"{label} added ({new})"
    if new is None:
        return f"{label} removed (was {old})"
    return f"{label} date {old} -> {new}"


def _insurance(label: str, old, new) -> str:
    if not new:
        return f"{label} removed"
    expires, cover = new.get("expires"), new.get("cover_gbp")
    shown = money(cover) if isinstance(cover, (int, float)) and not isinstance(cover, bool) else str(cover)
    if not old:
        return f"{label} added ({shown} cover, expires {expires})"
    return f"{label} now {shown} cover, expires {expires} (was expiring {old.get('expires')})"


def _list_changes(noun: str, old: list, new: list, added: str | None = None, removed: str | None = None) -> list[str]:
    gained = [item for item in new if item not in old]
    lost = [item for item in old if item not in new]
    lines = [f"{added or 'added ' + noun} {item}" for item in gained]
    return lines + [f"{removed or 'removed ' + noun} {item}" for item in lost]


def checklist(old: dict | None, new: dict | None) -> list[str]:
    """What a reviewer should verify against documents, for the fields that changed."""
    if new is None:
        return ["Confirm the provider asked to leave the directory, or why the listing was removed."]
    old = old or {}
    changed = [field for field in CHECKLIST if old.get(field) != new.get(field)]
    if old == {}:
        changed = list(CHECKLIST)
    return [CHECKLIST[field] for field in changed]


def describe_public_changes(site: Site, old: dict, new: dict) -> list[str]:
    """What residents may read about a change between two valid versions of a listing.

    An allow-list: services, areas, prices, when the provider works, check
    and insurance dates, and being paused or listed again. Never contact
    details, names, free text, or why a listing's status changed.
    """
    districts = site.districts
    changes = _list_changes("service", _services(site, old), _services(site, new))
    old_areas, new_areas = old.get("areas") or {}, new.get("areas") or {}
    changes += _list_changes(
        "area",
        [districts.get(d, d) for d in old_areas.get("districts", [])],
        [districts.get(d, d) for d in new_areas.get("districts", [])],
    )
    changes += _list_changes("postcode district", old_areas.get("postcodes", []), new_areas.get("postcodes", []))
    changes += _list_changes(
        "price",
        [_public_price(site, p) for p in old.get("pricing", [])],
        [_public_price(site, p) for p in new.get("pricing", [])],
        "new price",
        "price removed",
    )
    changes += _availability_changes(site, old.get("availability") or {}, new.get("availability") or {})
    old_checks, new_checks = old.get("checks") or {}, new.get("checks") or {}
    for key in dict.fromkeys([*site.vocabulary.checks]):
        if old_checks.get(key) != new_checks.get(key):
            changes.append(_dated(_label_of(site, "checks", key), old_checks.get(key), new_checks.get(key)))
    old_insurance, new_insurance = old.get("insurance") or {}, new.get("insurance") or {}
    for key in dict.fromkeys([*site.vocabulary.insurance]):
        before, after = (old_insurance.get(key) or {}).get("expires"), (new_insurance.get(key) or {}).get("expires")
        if before != after:
            label = _label_of(site, "insurance", key)
            changes.append(f"{label} valid until {after}" if after else f"{label} removed")
    statuses = (old.get("status"), new.get("status"))
    if statuses == ("active", "paused"):
        changes.append("paused: not taking new clients for now")
    elif statuses == ("paused", "active"):
        changes.append("no longer paused")
    return changes


def _public_price(site: Site, item: dict) -> str:
    """A price named by its service only: a price's own label is free text, which the public history never repeats."""
    if item.get("service_or_label") in site.vocabulary.services:
        return _price(site, item)
    return _price(site, {**item, "service_or_label": "other help"})


def _services(site: Site, version: dict) -> list[str]:
    return [_service(site, s) for s in version.get("services", [])]


def _availability_changes(site: Site, old: dict, new: dict) -> list[str]:
    labels = site.vocabulary.labels
    lines = []
    if old.get("accepting_new_clients") != new.get("accepting_new_clients"):
        lines.append("now taking new clients" if new.get("accepting_new_clients") else "no longer taking new clients")
    if old.get("days", []) != new.get("days", []):
        lines.append(f"working days now {days_in_words(new.get('days', []), labels['days']) or 'not given'}")
    if old.get("times", []) != new.get("times", []):
        lines.append(
            f"working times now {join_words([labels['times'][t] for t in new.get('times', [])]) or 'not given'}"
        )
    return lines
