"""Facts in the words residents read: money, dates, phone numbers, days, lists.

Kept apart from the templates so the wording is tested once and every page,
export and message says the same thing.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote


def long_date(value: date) -> str:
    """GOV.UK style: 1 March 2025."""
    return f"{value.day} {value:%B %Y}"


def money(amount: float) -> str:
    """GOV.UK style: £20, £21.50."""
    return f"£{amount:,.0f}" if float(amount).is_integer() else f"£{amount:,.2f}"


def phone_display(number: str) -> str:
    """A UK number spaced the usual way: 01632 960123, 020 7946 0000, 07700 900123."""
    national = _national(number)
    if national.startswith("02"):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if national.startswith(("03", "08", "09")):
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    return f"{national[:5]} {national[5:]}"


def phone_href(number: str) -> str:
    """tel: link in international form."""
    return "tel:+44" + _national(number)[1:]


def _national(number: str) -> str:
    """The number's digits as dialled in the UK, with one leading 0 (+44 01632... is written too)."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = digits[2:]
    return digits if digits.startswith("0") else "0" + digits


def days_in_words(days: list[str], day_names: dict[str, str]) -> str:
    """['mon','tue','wed','thu','fri'] -> 'Monday to Friday'; runs shortened, others listed.

    `day_names` maps day ids to names, Monday first (schema/labels.yaml).
    """
    order = list(day_names)
    indexes = sorted(order.index(d) for d in days)
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [
        f"{day_names[order[r[0]]]} to {day_names[order[r[-1]]]}"
        if len(r) > 2
        else " and ".join(day_names[order[i]] for i in r)
        for r in runs
    ]
    return join_words(parts)


def period_words(months: int) -> str:
    """12 -> 'every year', 24 -> 'every 2 years', 18 -> 'every 18 months'."""
    if months % 12:
        return f"every {months} months"
    return "every year" if months == 12 else f"every {months // 12} years"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 listing', '2 listings'."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """['a','b','c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1] if items else ""


def mailto(address: str, subject: str = "", body: str = "") -> str:
    """A mailto: link with every part encoded, so an address cannot smuggle in its own ?bcc= or &body=."""
    fields = "&".join(
        f"{name}={quote(value, safe='')}" for name, value in (("subject", subject), ("body", body)) if value
    )
    return f"mailto:{quote(address, safe='@')}" + (f"?{fields}" if fields else "")
