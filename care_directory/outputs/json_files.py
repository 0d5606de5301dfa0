"""Writing the site's JSON files: compact, UTF-8, folders made as needed."""

from __future__ import annotations

import json
from pathlib import Path

from care_directory.outputs.build_manifest import BuildManifest


def write_json_files(folder: Path, files: dict[str, object], manifest: BuildManifest | None = None) -> None:
    """Write each value as compact JSON to its name below `folder`, making folders as needed.

    With the build's manifest (`folder` is then the site's folder), a file
    whose bytes the published site already has is kept, not written.
    """
    for name, data in files.items():
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if manifest is not None:
            manifest.put(folder, name, text)
        else:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
