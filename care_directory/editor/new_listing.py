"""Write a new draft listing for an editor to fill in (content/drafts/<slug>.yaml).

Every field is present with the schema's own description as a comment, and
every value is a placeholder that fails `build.py check` until replaced,
so a half-filled listing can never be published by accident. The checks,
insurance and training asked for are those the council policy requires.
"""

from __future__ import annotations

import json
import re
import unicodedata

from care_directory.config import Site
from care_directory.listings.loader import LISTING_SCHEMA

CHOOSE = "CHOOSE ONE: "


def slugify(name: str) -> str:
    """'Bright Days Home Support' -> 'bright-days-home-support'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def listing_template(site: Site, name: str) -> str:
    """The YAML text of a new, deliberately incomplete listing called `name`."""
    schema = json.loads(LISTING_SCHEMA.read_text(encoding="utf-8"))
    lines = [
        "# yaml-language-server: $schema=../../schema/provider.schema.json",
        f"# New listing for {name}. Replace every placeholder (CHOOSE, YYYY-MM-DD, empty",
        "# text, 0) and run `.venv/bin/python build.py check` on this file until it says",
        "# the draft is ready; then move it from content/drafts/ to content/providers/.",
    ]
    for field, spec in schema["properties"].items():
        lines += _field(site, schema, field, spec, 0, name, field in schema["required"])
    return "\n".join(lines) + "\n"


def _resolve(schema: dict, spec: dict) -> dict:
    if "$ref" in spec:
        resolved = schema["$defs"][spec["$ref"].split("/")[-1]]
        return {**resolved, **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def _field(site: Site, schema: dict, field: str, spec: dict, depth: int, name: str, required: bool) -> list[str]:
    spec = _resolve(schema, spec)
    pad = "  " * depth
    optional = "" if required else " Delete this line if it does not apply."
    lines = [f"{pad}# {spec.get('description', '')}{optional}".rstrip()]
    if field in ("checks", "training", "insurance"):
        return lines + [f"{pad}{field}:"] + _required_vetting(site, field, pad + "  ")
    if spec.get("type") == "object":
        lines.append(f"{pad}{field}:")
        for child, child_spec in spec["properties"].items():
            lines += _field(site, schema, child, child_spec, depth + 1, name, child in spec.get("required", []))
        return lines
    if spec.get("type") == "array" and spec["items"].get("type") == "object":
        item = spec["items"]
        lines.append(f"{pad}{field}:")
        for i, (child, child_spec) in enumerate(item["properties"].items()):
            child_lines = _field(site, schema, child, child_spec, depth + 2, name, child in item.get("required", []))
            if i == 0:
                child_lines[-1] = f"{pad}  - " + child_lines[-1].lstrip()
            lines += child_lines
        return lines
    return lines + [f"{pad}{field}: {_placeholder(schema, field, spec, name)}"]


def _placeholder(schema: dict, field: str, spec: dict, name: str) -> str:
    if field == "name":
        return json.dumps(name)
    if "enum" in spec:
        return json.dumps(CHOOSE + " or ".join(spec["enum"]))
    if spec.get("type") == "boolean":
        return json.dumps(CHOOSE + "true or false")
    if spec.get("type") == "number":
        return "0"
    if spec.get("type") == "array":
        items = _resolve(schema, spec["items"])
        return json.dumps([CHOOSE + " or ".join(items["enum"])]) if "enum" in items else "[]"
    if spec.get("format") == "date":
        return "YYYY-MM-DD"
    return '""'


def _required_vetting(site: Site, kind: str, pad: str) -> list[str]:
    lines = []
    for requirement in site.policy.of_kind(kind):
        when = " (only needed" + _when(site, requirement) + ")" if requirement.when else ""
        lines.append(f"{pad}# {requirement.label}{when}")
        if kind == "insurance":
            lines += [f"{pad}{requirement.id}:", f"{pad}  expires: YYYY-MM-DD", f"{pad}  cover_gbp: 0"]
        else:
            lines.append(f"{pad}{requirement.id}: YYYY-MM-DD")
    return lines


def _when(site: Site, requirement) -> str:
    from care_directory.policy.rules import (
        describe_when,
    )  # rules imports listings, which this module's callers load first

    return describe_when(requirement.when, site.vocabulary, "providers")
