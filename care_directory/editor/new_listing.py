"""The one way listing files are written: `new`, `import` and `format` all use it.

Every field comes with the schema's own description as a comment. For `new`
every value is a placeholder that fails `build.py check` until replaced, so
a half-filled listing can never be published by accident; the checks,
insurance and training asked for are those the council policy requires.
Given values (an import, or a file the browser editor wrote), the values are
written instead, empty optional fields are left out and missing required
fields keep their placeholder, so `check` names what is still needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import yaml

from care_directory.config import Site
from care_directory.listings.loader import LISTING_SCHEMA

CHOOSE = "CHOOSE ONE: "


def slugify(name: str) -> str:
    """'Bright Days Home Support' -> 'bright-days-home-support'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/provider.schema.json"


def listing_template(site: Site, name: str) -> str:
    """The YAML text of a new, deliberately incomplete listing called `name`."""
    header = [
        f"# New listing for {name}. Replace every placeholder (CHOOSE, YYYY-MM-DD, empty",
        "# text, 0) and run `.venv/bin/python build.py check` on this file until it says",
        "# the draft is ready; then move it from content/drafts/ to content/providers/.",
    ]
    return _listing_text(site, header, name, None)


def listing_text(site: Site, values: dict, header: list[str] = ()) -> str:
    """The YAML text of a listing holding `values` (parsed listing data), formatted the way `new` writes.

    Empty optional fields are left out; a required field without a value keeps `new`'s placeholder.
    `header` lines are written as comments at the top.
    """
    return _listing_text(site, [f"# {line}".rstrip() for line in header], str(values.get("name", "")), values)


def _listing_text(site: Site, header: list[str], name: str, values: dict | None) -> str:
    schema = json.loads(LISTING_SCHEMA.read_text(encoding="utf-8"))
    lines = [SCHEMA_LINE, *header]
    for field, spec in schema["properties"].items():
        lines += _field(site, schema, field, spec, 0, name, field in schema["required"], values)
    return "\n".join(lines) + "\n"


def resolve(schema: dict, spec: dict) -> dict:
    """A schema property with its $ref (to #/$defs/...) filled in; its own keys win."""
    if "$ref" in spec:
        resolved = schema["$defs"][spec["$ref"].split("/")[-1]]
        return {**resolved, **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def _field(
    site: Site, schema: dict, field: str, spec: dict, depth: int, name: str, required: bool, values: dict | None
) -> list[str]:
    """Comment and value lines for one field; `values` None means a new listing (every field, placeholders)."""
    spec = resolve(schema, spec)
    pad = "  " * depth
    given = None if values is None else values.get(field)
    if values is not None and _empty(given) and not required:
        return []
    optional = "" if required or values is not None else " Delete this line if it does not apply."
    lines = [f"{pad}# {spec.get('description', '')}{optional}".rstrip()]
    if field in ("checks", "training", "insurance"):
        vetting = _required_vetting(site, field, pad + "  ") if values is None else _vetting(site, field, given, pad)
        return lines + [f"{pad}{field}:"] + vetting
    if spec.get("type") == "object":
        lines.append(f"{pad}{field}:")
        children = None if values is None else given if isinstance(given, dict) else {}
        for child, child_spec in spec["properties"].items():
            required_child = child in spec.get("required", [])
            lines += _field(site, schema, child, child_spec, depth + 1, name, required_child, children)
        return lines
    if spec.get("type") == "array" and spec["items"].get("type") == "object":
        lines.append(f"{pad}{field}:")
        items = [None] if values is None else given if isinstance(given, list) and given else [{}]
        for number, item_values in enumerate(items):
            lines += _list_item(site, schema, spec["items"], depth, name, item_values, comments=number == 0)
        return lines
    if values is not None and not _empty(given):
        return lines + _value_lines(pad, field, given)
    return lines + [f"{pad}{field}: {_placeholder(schema, field, spec, name)}"]


def _list_item(
    site: Site, schema: dict, item: dict, depth: int, name: str, values: dict | None, comments: bool
) -> list[str]:
    """One `- ` entry of a list of objects (the price list); field comments on the first entry only."""
    pad = "  " * depth
    lines = []
    for child, child_spec in item["properties"].items():
        child_lines = _field(
            site, schema, child, child_spec, depth + 2, name, child in item.get("required", []), values
        )
        if not comments:
            child_lines = [line for line in child_lines if not line.lstrip().startswith("#")]
        if child_lines and not any(line.lstrip().startswith("- ") for line in lines):
            child_lines[-1] = f"{pad}  - " + child_lines[-1].lstrip()
        lines += child_lines
    return lines


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _value_lines(pad: str, field: str, value) -> list[str]:
    """`field: value` in YAML, plain where that reads back unchanged, a block for text of several lines."""
    if isinstance(value, str) and "\n" in value.rstrip("\n") and not value.startswith((" ", "\n")):
        chomp = "-" if not value.endswith("\n") else "" if not value.endswith("\n\n") else "+"
        body = [f"{pad}  {line}".rstrip() for line in value.removesuffix("\n").split("\n")]
        return [f"{pad}{field}: |{chomp}", *body]
    return [f"{pad}{field}: {_scalar(value)}"]


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    text = str(value)
    try:
        plain = yaml.safe_load(f"value: {text}") == {"value": text} and text == text.strip()
    except yaml.YAMLError:
        plain = False
    return (
        text
        if plain and not text.startswith(("'", '"', "[", "{", "&", "*", "!", "|", ">", "%", "@", "`"))
        else (json.dumps(text, ensure_ascii=False))
    )


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
        items = resolve(schema, spec["items"])
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


def _vetting(site: Site, kind: str, given: dict, pad: str) -> list[str]:
    """The checks, insurance or training a listing has, each under its label, in vocabulary order."""
    known = list(site.vocabulary.vetting_labels(kind).items())
    order = [item for item, _ in known] + sorted(set(given) - {item for item, _ in known})
    labels = dict(known)
    lines = []
    for item in (item for item in order if item in given):
        if item in labels:
            lines.append(f"{pad}  # {labels[item]}")
        if isinstance(given[item], dict):
            lines.append(f"{pad}  {item}:")
            lines += [f"{pad}    {key}: {_scalar(value)}" for key, value in given[item].items()]
        else:
            lines.append(f"{pad}  {item}: {_scalar(given[item])}")
    return lines


def _when(site: Site, requirement) -> str:
    from care_directory.policy.rules import (
        describe_when,
    )  # rules imports listings, which this module's callers load first

    return describe_when(requirement.when, site.vocabulary, "providers")
