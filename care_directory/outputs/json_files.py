"""Writing the site's JSON files: compact, UTF-8, folders made as needed, only where the published site differs."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from care_directory.outputs.build_manifest import BuildManifest


@dataclass(frozen=True)
class Keyed:
    """A file's data, made only when the published file was not made from the same inputs.

    inputs: a digest of everything the data is made from (care_directory.outputs.render_inputs).
    """

    inputs: str
    make: Callable[[], object]


def write_json_files(site: Path, files: dict[str, object], manifest: BuildManifest) -> None:
    """Write each value as compact JSON to its name below the site's folder `site`, where the published site
    (as `manifest` knows it) does not have those bytes. A Keyed value is made only when its inputs changed."""
    for name, data in files.items():
        if isinstance(data, Keyed):
            manifest.make(site, name, data.inputs, lambda keyed=data: _json(keyed.make()))
        else:
            manifest.put(site, name, _json(data))


def _json(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
