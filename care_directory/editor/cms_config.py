"""The browser editor's configuration (Sveltia CMS), generated from the listing schema and vocabularies.

Every schema field becomes an editor field with the schema's description as
its hint, so the editor can never offer what `check` refuses: pick lists
come from the services vocabulary, the site's districts, the vetting
vocabulary and the schema's own choices (with the words in
schema/labels.yaml); lengths, patterns, limits and which fields are required
come from the schema. Empty optional fields are left out of the files it
writes. Each change is a pull request (the editorial workflow: draft, in
review, ready).
"""

from __future__ import annotations

import json

from care_directory.config import Site
from care_directory.editor.new_listing import resolve
from care_directory.listings.loader import LISTING_SCHEMA

DATE = {"widget": "datetime", "time_format": False, "date_format": "YYYY-MM-DD", "format": "YYYY-MM-DD"}
# Fields whose pick list comes from the site rather than the schema: field -> how to list the choices.
VOCABULARY_CHOICES = {
    "services": lambda site: {s.id: s.label for s in site.vocabulary.services.values()},
    "districts": lambda site: site.districts,
}


def cms_config(site: Site) -> dict:
    """The editor's whole configuration (written as admin/config.yml)."""
    schema = json.loads(LISTING_SCHEMA.read_text(encoding="utf-8"))
    fields = [
        editor_field(site, schema, name, spec, name in schema["required"])
        for name, spec in schema["properties"].items()
    ]
    settings = site.settings["editor"]
    backend = {"name": "github", "repo": settings["repo"], "branch": settings.get("branch", "main")}
    if "auth_url" in settings:
        backend["base_url"] = settings["auth_url"]
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "site_url": site.settings["site_url"],
        "media_folder": "content/media",  # required by the editor; listings have no pictures
        "output": {"omit_empty_optional_fields": True},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            _collection("drafts", "Drafts (never published)", "content/drafts", fields),
            _collection("providers", "Published listings", "content/providers", fields),
        ],
    }


def _collection(name: str, label: str, folder: str, fields: list[dict]) -> dict:
    return {
        "name": name,
        "label": label,
        "label_singular": "listing",
        "folder": folder,
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "identifier_field": "name",
        "slug": "{{name}}",
        "summary": "{{name}}",
        "fields": fields,
    }


def editor_field(site: Site, schema: dict, name: str, spec: dict, required: bool, label: str | None = None) -> dict:
    """One schema property as an editor field (objects and lists with their fields inside)."""
    spec = resolve(schema, spec)
    field = {"name": name, "label": label or _label(site, name), "required": required}
    if spec.get("description"):
        field["hint"] = spec["description"]
    if name in ("checks", "training"):
        dated = site.vocabulary.vetting_labels(name)
        return {
            **field,
            "widget": "object",
            "fields": [{**DATE, "name": i, "label": dated[i], "required": False} for i in dated],
        }
    if name == "insurance":
        labels = site.vocabulary.vetting_labels("insurance")
        policy = schema["$defs"]["insurance"]
        children = [editor_field(site, schema, i, policy, False, labels.get(i)) for i in spec["properties"]]
        return {**field, "widget": "object", "fields": children}
    if spec.get("type") == "object":
        children = [
            editor_field(site, schema, child, child_spec, child in spec.get("required", []))
            for child, child_spec in spec["properties"].items()
        ]
        return {**field, "widget": "object", "fields": children}
    if spec.get("type") == "array":
        return {**field, **_list(site, schema, name, spec)}
    if "enum" in spec:
        return {**field, "widget": "select", "options": _options(site, name, spec["enum"])}
    if spec.get("format") == "date":
        return {**field, **DATE}
    if spec.get("type") == "number":
        return {**field, **_number(spec)}
    if spec.get("type") == "boolean":
        return {**field, "widget": "boolean", "default": False}
    return {**field, **_text(name, spec)}


def _list(site: Site, schema: dict, name: str, spec: dict) -> dict:
    items = resolve(schema, spec["items"])
    limits = {key: spec[source] for key, source in (("min", "minItems"), ("max", "maxItems")) if source in spec}
    if items.get("type") == "object":
        children = [
            editor_field(site, schema, child, child_spec, child in items.get("required", []))
            for child, child_spec in items["properties"].items()
        ]
        return {"widget": "list", "fields": children, **limits}
    if name in VOCABULARY_CHOICES or "enum" in items:
        choices = VOCABULARY_CHOICES[name](site) if name in VOCABULARY_CHOICES else None
        options = (
            [{"label": label, "value": value} for value, label in choices.items()]
            if choices is not None
            else _options(site, name, items["enum"])
        )
        return {"widget": "select", "multiple": True, "options": options, **limits}
    return {
        "widget": "list",
        "field": {"name": "item", "label": name.replace("_", " ").capitalize(), **_text(name, items)},
        **limits,
    }


def _label(site: Site, name: str) -> str:
    return site.vocabulary.labels.get("editor_fields", {}).get(name) or name.replace("_", " ").capitalize()


def _options(site: Site, name: str, values: list[str]) -> list[dict]:
    """Choices with the words residents read (schema/labels.yaml) where there are some."""
    words = site.vocabulary.labels.get({"cqc": "regulation"}.get(name, name), {})
    return [{"label": _words(words.get(value, value)), "value": value} for value in values]


def _words(label) -> str:
    text = label["condition"] if isinstance(label, dict) else str(label)
    return text[:1].upper() + text[1:]


def _number(spec: dict) -> dict:
    number = {"widget": "number", "value_type": "float"}
    if "maximum" in spec:
        number["max"] = spec["maximum"]
    if "minimum" in spec:
        number["min"] = spec["minimum"]
    return number


def _text(name: str, spec: dict) -> dict:
    text = {"widget": "text" if name == "description" else "string"}
    if "minLength" in spec:
        text["minlength"] = spec["minLength"]
    if "maxLength" in spec:
        text["maxlength"] = spec["maxLength"]
    if "pattern" in spec:
        text["pattern"] = [spec["pattern"], spec.get("description", "Not in the right form.")]
    return text
