"""Turn checked listings into what a resident reads: words, prices, dates, links.

Kept apart from the templates so the wording is tested once and every page
(provider page, browse lists, search results) says the same thing.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import markdown
import nh3

from care_directory.config import Site

DESCRIPTION_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
LINK_SCHEMES = {"https", "mailto", "tel"}
DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
UNIT_WORDS = {"hour": "an hour", "visit": "a visit", "day": "a day", "night": "a night", "week": "a week", "session": "a session"}
CQC_LOCATION_URL = "https://www.cqc.org.uk/location/{}"
BUSINESS_TYPES = {
    "sole_trader": "Sole trader (one self-employed person)",
    "partnership": "Partnership",
    "limited_company": "Limited company",
    "cic": "Community interest company (CIC)",
}


def description_html(text: str) -> str:
    """Render limited Markdown and keep only paragraphs, lists, emphasis and safe links."""
    html = markdown.markdown(text, output_format="html")
    return nh3.clean(
        html,
        tags=DESCRIPTION_TAGS,
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel="nofollow noopener",
    )


def long_date(value: date) -> str:
    """GOV.UK style: 1 March 2025."""
    return f"{value.day} {value:%B %Y}"


def money(amount: float) -> str:
    """GOV.UK style: £20, £21.50."""
    return f"£{amount:,.0f}" if float(amount).is_integer() else f"£{amount:,.2f}"


def phone_display(number: str) -> str:
    """A UK number spaced the usual way: 01632 960123, 020 7946 0000, 07700 900123."""
    national = "0" + _digits(number)[2:] if _digits(number).startswith("44") else _digits(number)
    if national.startswith("02"):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if national.startswith(("03", "08", "09")):
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    return f"{national[:5]} {national[5:]}"


def phone_href(number: str) -> str:
    """tel: link in international form."""
    digits = _digits(number)
    return "tel:+" + (digits if digits.startswith("44") else "44" + digits[1:])


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def days_in_words(days: list[str]) -> str:
    """['mon','tue','wed','thu','fri'] -> 'Monday to Friday'; runs shortened, others listed."""
    order = list(DAY_NAMES)
    indexes = sorted(order.index(d) for d in days)
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [
        f"{DAY_NAMES[order[r[0]]]} to {DAY_NAMES[order[r[-1]]]}" if len(r) > 2 else " and ".join(DAY_NAMES[order[i]] for i in r)
        for r in runs
    ]
    return join_words(parts)


def period_words(months: int) -> str:
    """12 -> 'every year', 24 -> 'every 2 years', 18 -> 'every 18 months'."""
    if months % 12:
        return f"every {months} months"
    return "every year" if months == 12 else f"every {months // 12} years"


def page_links(current: int, total: int) -> list[int | None]:
    """Page numbers to link: the first, the last and those next to the current one; None marks a gap."""
    shown = sorted({1, total, current - 1, current, current + 1} & set(range(1, total + 1)))
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 listing', '2 listings'."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """['a','b','c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1] if items else ""


def regulation_text(regulation: dict) -> str:
    """The listing's CQC position, in plain English."""
    return {
        "registered": "Registered with the Care Quality Commission (CQC), the regulator for care in England.",
        "exempt_sole_trader": "Works alone under the sole-trader exemption: one self-employed person, directed by you, so CQC registration is not needed.",
        "not_applicable": "Does not offer personal care, so does not need to register with the Care Quality Commission (CQC).",
    }[regulation["cqc"]]


def provider_view(site: Site, listing, today: date) -> dict:
    """Everything a page needs to show one provider, already in words."""
    data, vocabulary = listing.data, site.vocabulary
    services = vocabulary.services
    grouped = [
        {"group": group, "services": [s for s in group.services if s.id in data["services"]]}
        for group in vocabulary.groups
    ]
    availability = data["availability"]
    # A paused listing is shown as not taking new clients whatever its availability says.
    accepting = availability["accepting_new_clients"] and data["status"] == "active"
    contact = data["contact"]
    prices = [
        {
            "label": services[p["service_or_label"]].label if p["service_or_label"] in services else p["service_or_label"],
            "price": f"{money(p['amount'])} {UNIT_WORDS[p['unit']]}",
            "notes": p.get("notes", ""),
        }
        for p in data["pricing"]
    ]
    cheapest = min(data["pricing"], key=lambda p: p["amount"])
    regulation = data["regulation"]
    return {
        "slug": listing.slug,
        "path": f"providers/{listing.slug}/",
        "name": data["name"],
        "summary": data["summary"],
        "description_html": listing.description_html,
        "business_type": BUSINESS_TYPES[data["business_type"]],
        "workers": data["workers"],
        "service_ids": list(data["services"]),
        "service_groups": [g for g in grouped if g["services"]],
        "district_ids": list(data["areas"]["districts"]),
        "districts": [site.districts[d] for d in data["areas"]["districts"]],
        "postcodes": data["areas"].get("postcodes", []),
        "base": data["base"],
        "accepting_new_clients": accepting,
        "days": days_in_words(availability.get("days", [])),
        "times": join_words(availability.get("times", [])).capitalize(),
        "availability_notes": availability.get("notes", ""),
        "prices": prices,
        "price_from": f"From {money(cheapest['amount'])} {UNIT_WORDS[cheapest['unit']]}",
        "payment": data["payment"],
        "regulation": regulation["cqc"],
        "regulation_text": regulation_text(regulation),
        "cqc_url": CQC_LOCATION_URL.format(regulation["cqc_location_id"]) if regulation["cqc"] == "registered" else "",
        "checks": [{"label": vocabulary.checks[k], "date": long_date(v)} for k, v in sorted(data.get("checks", {}).items(), key=lambda kv: list(vocabulary.checks).index(kv[0]))],
        "insurance": [
            {"label": vocabulary.insurance[k], "expires": long_date(v["expires"]), "cover": money(v["cover_gbp"])}
            for k, v in data.get("insurance", {}).items()
            if v["expires"] >= today  # insurance the policy does not require may have ended: say nothing of it
        ],
        "training": [{"label": vocabulary.training[k], "date": long_date(v)} for k, v in sorted(data.get("training", {}).items(), key=lambda kv: list(vocabulary.training).index(kv[0]))],
        "languages": data.get("languages", []),
        "phone": phone_display(contact["phone"]) if "phone" in contact else "",
        "phone_href": phone_href(contact["phone"]) if "phone" in contact else "",
        "email": contact.get("email", ""),
        "website": contact.get("website", ""),
        "contact_name": contact.get("contact_name", ""),
        "last_reviewed": long_date(data["last_reviewed"]),
        "listed_since": long_date(data["listed_since"]),
    }


def report_href(site: Site, name: str, page: str) -> str:
    """mailto: link to the directory team, prefilled with the provider and its page's address."""
    subject = f"Change or concern about {name}"
    body = f"Provider: {name}\nPage: {page}\n\nWhat should we know?\n"
    return f"mailto:{site.settings['report_email']}?subject={quote(subject)}&body={quote(body)}"
