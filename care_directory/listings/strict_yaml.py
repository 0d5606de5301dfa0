"""Read YAML the way a council editor expects, with the line of every field.

PyYAML follows YAML 1.1, where `no` is false, `0123` is an octal number and
`12:30` is the number 750. Editors do not expect any of that, so this reader
recognises only the YAML 1.2 core scalars (true/false, null, plain decimal
numbers) and leaves everything else as text. Dates stay text too: the schema
checks their shape and that they are real calendar dates, with a message an
editor can act on.

It also refuses what silently changes meaning: duplicate keys (the second
silently wins in PyYAML) and anchors/aliases (which can also be used to make
a small file expand enormously).
"""

from __future__ import annotations

import json
import re

import yaml

FieldPath = tuple[str | int, ...]


class YamlError(Exception):
    """A file that cannot be read as a listing; carries the line where known."""

    def __init__(self, message: str, line: int | None = None, path: FieldPath = ()):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path


class ParsedYaml:
    """The plain Python value of a document and the line of every field in it.

    A build holds thousands of these only to name a line should a problem
    be found, so the field -> line map can be packed into compact JSON
    (`pack`), and is unpacked when a line is first asked for.
    """

    def __init__(self, value: object, lines: dict[FieldPath, int] | None = None):
        self.value = value
        self._lines: dict[FieldPath, int] | None = {} if lines is None else lines
        self._packed: str | None = None

    @classmethod
    def from_packed(cls, value: object, packed: str) -> ParsedYaml:
        """A parsed document whose line map is the JSON text `packed_lines` gave."""
        parsed = cls(value)
        parsed._lines, parsed._packed = None, packed
        return parsed

    @property
    def lines(self) -> dict[FieldPath, int]:
        """Field path -> line number."""
        if self._lines is None:
            try:
                self._lines = {tuple(path): line for path, line in json.loads(self._packed)}
            except (ValueError, TypeError):
                self._lines = {}  # a damaged cache entry: problems are reported without lines rather than not at all
            self._packed = None
        return self._lines

    def packed_lines(self) -> str:
        """The line map as JSON text: [[path, line], ...]."""
        if self._packed is not None:
            return self._packed
        return json.dumps([[list(path), line] for path, line in self._lines.items()], separators=(",", ":"))

    def pack(self) -> None:
        """Keep the line map packed until a line is asked for (a fifth of the memory)."""
        if self._lines is not None:
            self._packed, self._lines = self.packed_lines(), None

    def line_of(self, path: FieldPath) -> int | None:
        """Line of the field at `path`, or of its nearest parent that has one."""
        lines, path = self.lines, tuple(path)
        while path not in lines and path:
            path = path[:-1]
        return lines.get(path)


# A listing is at most four levels deep (pricing -> item -> field); this leaves room and stops abuse.
MAX_DEPTH = 20
# Money, worker counts and cover amounts fit in 15 digits; longer numbers are mistakes or attacks.
MAX_NUMBER_LENGTH = 15
NUMBER = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?")

# libyaml's C parser when PyYAML has it (about ten times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """A safe loader with YAML 1.2 core scalar resolution only."""


_StrictLoader.yaml_implicit_resolvers = {}
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$",
        "-+0123456789",
    ),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_SCALAR_TYPES = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
}


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document into plain values plus a field-path -> line map.

    Raises YamlError for syntax errors, aliases, duplicate keys, explicit
    tags and more than one document.
    """
    try:
        _check_events(text)
        nodes = list(yaml.compose_all(text, Loader=_StrictLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        raise YamlError(
            f"this line is not valid YAML: check the indentation and the quotes (the YAML reader said: {problem})",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        raise YamlError(
            f"contains a character that is not allowed in a listing ({character}): retype the text without it",
            line=line,
        ) from None
    except yaml.YAMLError as error:
        raise YamlError(f"this is not valid YAML ({error})") from None
    except RecursionError:
        raise YamlError("the file nests lists or fields too deeply to be a listing") from None
    if len(nodes) != 1 or nodes[0] is None:
        raise YamlError("a listing file must hold exactly one YAML document")
    parsed = ParsedYaml(value=None)
    parsed.value = _to_python(nodes[0], (), parsed.lines)
    return parsed


def _check_events(text: str) -> None:
    """Refuse, before building anything, what could hide values or exhaust the reader.

    The event stream is read without recursion, so a file nested thousands
    of levels deep, or holding a number thousands of digits long, is a
    plain problem here rather than a crash when the document is built.
    Anchors and aliases can hide repeated or enormous values: listings write
    values out in full.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_StrictLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError("YAML aliases (*name) are not allowed in listings: write the value out in full", line=line)
        if getattr(event, "anchor", None):
            raise YamlError("YAML anchors (&name) are not allowed in listings: write the value out in full", line=line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    f"fields and lists are nested more than {MAX_DEPTH} levels deep: a listing never needs that",
                    line=line,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif (
            isinstance(event, yaml.ScalarEvent)
            and event.implicit[0]
            and len(event.value) > MAX_NUMBER_LENGTH
            and NUMBER.fullmatch(event.value)
        ):
            raise YamlError(
                f"this number is {len(event.value)} characters long: write a number of at most {MAX_NUMBER_LENGTH} "
                "digits",
                line=line,
            )


def _to_python(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int]):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _mapping_to_python(node, path, lines)
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (i,), lines) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TYPES:
        raise YamlError(
            f"YAML tags such as {node.tag} are not allowed: remove the !tag",
            line=node.start_mark.line + 1,
            path=path,
        )
    return _SCALAR_TYPES[node.tag](node.value)


def _mapping_to_python(node: yaml.MappingNode, path: FieldPath, lines):
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError("field names must be plain words", line=key_node.start_mark.line + 1, path=path)
        key = key_node.value
        key_line = key_node.start_mark.line + 1
        if key in result:
            raise YamlError(
                f"'{key}' appears twice (first on line {lines[path + (key,)]}): "
                "keep one, or YAML silently uses the last",
                line=key_line,
                path=path + (key,),
            )
        result[key] = _to_python(value_node, path + (key,), lines)
        # Point at the key, not the value: for a nested block the value starts a line later.
        lines[path + (key,)] = key_line
    return result
