"""Problems found in input files, and JSON Schema errors in plain English.

Every problem names the file, the line where known, the field and what to do,
formatted `file:LINE: field.path: message` so editors and CI annotations can
point at it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

from care_directory.listings.strict_yaml import FieldPath, ParsedYaml, YamlError, parse_yaml

MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """`file:line: field: message` on one line: listing text in a message cannot start a line of its own
        (where CI would read it as a command)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return _one_line(f"{where}: {self.field or '(file)'}: {self.message}")

    def field_and_message(self) -> str:
        """`field: message` on one line, for lists under a file's name."""
        return _one_line(f"{self.field or '(file)'}: {self.message}")


def _one_line(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


class BuildError(Exception):
    """The site generator reported a warning or error while writing pages."""


class InputError(Exception):
    """Raised when input files have problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems)


def dotted(path: FieldPath) -> str:
    """`('pricing', 0, 'amount')` -> `pricing[0].amount`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def problem_at(file: str, parsed: ParsedYaml | None, path: FieldPath, message: str) -> Problem:
    """A problem at `path` in a parsed file, with the line looked up."""
    line = parsed.line_of(path) if parsed else None
    return Problem(file, line or 0, dotted(path), message)


def read_yaml_file(path: Path, display_name: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Read and parse one YAML file, returning problems rather than raising."""
    data, problems = read_limited(path, display_name)
    return (None, problems) if data is None else parse_yaml_bytes(data, display_name)


def read_limited(path: Path, display_name: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of an input file, or a problem when it is larger than any listing or config file needs to be."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        return None, [Problem(display_name, 0, "", f"the file is {size // 1024} KB; the limit is {limit} KB")]
    return path.read_bytes(), []


def parse_yaml_bytes(data: bytes, display_name: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Parse the bytes of one YAML file, returning problems rather than raising."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(display_name, 0, "", "the file is not UTF-8 text: save it as UTF-8")]
    try:
        return parse_yaml(text), []
    except YamlError as problem:
        return None, [Problem(display_name, problem.line or 0, dotted(problem.path), problem.message)]


@cache
def load_schema(path: Path) -> jsonschema.protocols.Validator:
    """A validator for the JSON Schema at `path`.

    Format checks are on and patterns are matched as JSON Schema means them.
    """
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    strict = jsonschema.validators.extend(validator_class, {"pattern": _whole_value_pattern})
    return strict(schema, format_checker=validator_class.FORMAT_CHECKER, registry=_schemas_beside(path.parent))


@cache
def compiled_schema(path: Path) -> jsonschema_rs.Validator:
    """jsonschema-rs's compiled validator for a schema with no references to other files.

    It answers only "valid or not", about forty times faster than jsonschema:
    the build uses it for the common case, a valid listing, and asks
    jsonschema for the plain-English problems only when it says no. Formats
    are checked by jsonschema's own format checker, so both agree on what a
    real date or an email address is; its patterns are matched as JSON
    Schema means them (`$` is the very end of the value).
    """
    checker = load_schema(path).FORMAT_CHECKER
    formats = {name: partial(checker.conforms, format=name) for name in checker.checkers}
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, formats=formats, validate_formats=True)


# Characters that Python's regular expressions and jsonschema-rs's disagree on as white space (\s, \S in
# the schemas' patterns): Python counts \x1c-\x1f as space, Rust counts \x85 and not \ufeff.
_DISPUTED_SPACE = re.compile("[\x1c-\x1f\x85\ufeff]")


def quick_schema_problems(path: Path, parsed: ParsedYaml, file: str) -> list[Problem]:
    """schema_problems for the schema at `path`, with the compiled validator passing valid documents at once.

    A document holding a character the two regex engines read differently is left to jsonschema.
    """
    try:
        if not _has_disputed_space(parsed.value) and compiled_schema(path).is_valid(parsed.value):
            return []
    except (ValueError, OverflowError):
        pass  # a value jsonschema-rs cannot take: jsonschema decides
    return schema_problems(load_schema(path), parsed, file)


def _has_disputed_space(value) -> bool:
    if isinstance(value, str):
        return _DISPUTED_SPACE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_disputed_space(key) or _has_disputed_space(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_disputed_space(item) for item in value)
    return False


@cache
def _schemas_beside(folder: Path) -> Registry:
    """Every schema in the folder with an $id, so one schema can $ref another by its address."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))]
    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas if "$id" in s)


def _whole_value_pattern(validator, pattern: str, instance, schema):
    """`pattern`, with `$` meaning the very end of the value, as in JSON Schema's ECMAScript regexes.

    Python's `$` also matches before a final newline, so 'CB4\\n' would pass
    '^[A-Z]{1,2}[0-9]$' under jsonschema's default check.
    """
    if not validator.is_type(instance, "string"):
        return
    match = re.search(pattern, instance)
    if match is None or (pattern.endswith("$") and match.end() != len(instance)):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def schema_problems(validator, parsed: ParsedYaml, file: str) -> list[Problem]:
    """Every schema error in a parsed document, in plain English."""
    problems = []
    for error in validator.iter_errors(parsed.value):
        path, message = explain(error)
        problems.append(problem_at(file, parsed, path, message))
    return problems


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields",
    "null": "empty",
}


def explain(error: jsonschema.ValidationError) -> tuple[FieldPath, str]:
    """Turn one jsonschema error into (field path, plain-English message)."""
    path = tuple(error.absolute_path)
    kind, expected, value, schema = error.validator, error.validator_value, error.instance, error.schema
    if kind == "required":
        # jsonschema reports each missing property separately, naming it as "'x' is a required property".
        missing = error.message.split(" is a required property")[0].strip("'\"")
        return path + (missing,), "this field is required"
    if kind == "additionalProperties" and expected is False:
        unknown = sorted(set(value) - set(schema.get("properties", {})))
        known = ", ".join(schema.get("properties", {}))
        return path + (unknown[0],), f"unknown field '{unknown[0]}' (fields allowed here: {known})"
    if kind == "type":
        wanted = " or ".join(_TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected))
        return path, f"must be {wanted}, not {_describe(value)}{_type_hint(expected, value)}"
    if kind in ("enum", "const"):
        options = expected if kind == "enum" else [expected]
        return path, f"'{value}' is not allowed here: use one of: {', '.join(map(str, options))}"
    if kind == "format" and expected == "date":
        return path, f"'{value}' is not a real date: dates are written 2025-03-01"
    if kind == "pattern":
        return path, _pattern_message(value, schema)
    if kind == "format":
        return path, f"'{value}' is not a valid {expected}"
    if kind == "anyOf" and all(set(option) == {"required"} for option in expected):
        names = " or ".join(option["required"][0] for option in expected)
        return path, f"give at least one of: {names}"
    if kind in ("minLength", "maxLength"):
        return path, _length_message(kind, expected, len(value))
    if kind in ("minItems", "maxItems", "maxProperties"):
        word = "at least" if kind == "minItems" else "at most"
        return path, f"needs {word} {expected} {'entry' if expected == 1 else 'entries'}, not {len(value)}"
    if kind == "uniqueItems":
        return path, "lists the same value twice: remove the repeat"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }
        return path, f"must be {words[kind]} {expected}, not {value}"
    if kind == "propertyNames":
        return path, f"'{error.instance}' is not a valid name here: {schema['propertyNames'].get('description', '')}"
    return path, error.message


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    return _TYPE_WORDS["array" if isinstance(value, list) else "object"]


def _type_hint(expected, value) -> str:
    if expected == "boolean" and isinstance(value, str):
        return " (write true or false without quotes)"
    if expected == "number" and isinstance(value, str):
        return " (write digits only, without quotes or a leading zero)"
    if expected == "string" and isinstance(value, (int, float, bool)):
        return " (put the value in quotes)"
    return ""


def _pattern_message(value, schema) -> str:
    if schema.get("format") == "date":
        return f"'{value}' is not a date between 1900 and 2099: dates are written 2025-03-01"
    return f"'{value}' is not in the right form. {schema.get('description', '')}".strip()


def _length_message(kind, limit, length) -> str:
    if kind == "minLength":
        return f"is too short: at least {limit} characters, not {length}"
    return f"is too long: at most {limit} characters, not {length}"
