"""The build report: what was published, withheld and warned about, and why.

Staff read the terminal summary; machines read report.json, which is written
next to the published folder, never inside it. `lapsing_within` feeds the
`build.py report --within N` chase list.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from care_directory.model.directory import Directory
from care_directory.model.wording import plural
from care_directory.policy.rules import Evaluation, Lapse


def summary(directory: Directory) -> str:
    """A few lines for the terminal: counts by reason, then every reason in full."""
    withheld = directory.withheld
    warnings = [w for e in directory.outcomes for w in e.warnings]
    lines = [
        f"Build date {directory.today}, {directory.site.policy.name} policy.",
        f"Published: {plural(len(directory.providers), 'listing')}.",
        f"Withheld: {plural(len(withheld), 'listing')}{_by_topic(t for e in withheld for t, _ in e.withheld)}.",
        f"Warnings: {len(warnings)}{_by_topic(t for t, _ in warnings)}, lapsing within "
        f"{directory.site.policy.warning_days} days.",
    ]
    if withheld:
        lines += ["", "Withheld (not published):"] + [f"  {reason}" for e in withheld for _, reason in e.withheld]
    if warnings:
        lines += ["", "Warnings (still published):"] + [f"  {warning}" for _, warning in warnings]
    return "\n".join(lines)


def _by_topic(topics) -> str:
    counts = Counter(topics)
    return f" ({', '.join(f'{topic}: {n}' for topic, n in sorted(counts.items()))})" if counts else ""


def report_data(directory: Directory) -> dict:
    """Everything in the summary, as data."""

    def finding(topic, problem):
        return {
            "topic": topic,
            "file": problem.file,
            "line": problem.line,
            "field": problem.field,
            "message": problem.message,
        }

    return {
        "build_date": directory.today.isoformat(),
        "policy": {"name": directory.site.policy.name, "file": directory.site.policy.file},
        "counts": {
            "published": len(directory.providers),
            "withheld": len(directory.withheld),
            "warnings": sum(len(e.warnings) for e in directory.outcomes),
            "withheld_by_topic": dict(Counter(t for e in directory.withheld for t, _ in e.withheld)),
            "warnings_by_topic": dict(Counter(t for e in directory.outcomes for t, _ in e.warnings)),
        },
        "published": [{"slug": p.slug, "name": p.name} for p in directory.providers],
        "withheld": [
            {"slug": e.slug, "file": e.file, "reasons": [finding(t, p) for t, p in e.withheld]}
            for e in directory.withheld
        ],
        "warnings": [finding(t, p) for e in directory.outcomes for t, p in e.warnings],
    }


def write_report(directory: Directory, path: Path) -> None:
    """Write report.json (keep it outside the published folder)."""
    path.write_text(json.dumps(report_data(directory), indent=2) + "\n", encoding="utf-8")


def lapsing_within(evaluations: list[Evaluation], today: date, days: int) -> list[Lapse]:
    """Every dated requirement of a publishable listing that lapses by today + days, soonest first."""
    horizon = today + timedelta(days=days)
    lapses = [
        lapse
        for e in evaluations
        if e.listing.data["status"] in ("active", "paused")
        for lapse in e.lapses
        if lapse.lapses_on <= horizon
    ]
    return sorted(lapses, key=lambda lapse: (lapse.lapses_on, lapse.listing.data["name"].casefold(), lapse.what))


def lapsing_table(lapses: list[Lapse], today: date) -> str:
    """A plain-text table for staff: when, who, what, and where in the file."""
    rows = [("Lapses on", "Provider", "What", "Where")]
    for lapse in lapses:
        when = f"{lapse.lapses_on}{' (lapsed)' if lapse.lapses_on <= today else ''}"
        line = lapse.listing.parsed.line_of(lapse.path)
        rows.append((when, lapse.listing.data["name"], lapse.what, f"{lapse.listing.file}:{line}"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)
