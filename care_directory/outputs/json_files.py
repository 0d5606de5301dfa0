"""Writing the site's JSON files: compact, UTF-8, folders made as needed."""

from __future__ import annotations

import json
from pathlib import Path


def write_json_files(folder: Path, files: dict[str, object]) -> None:
    """Write each value as compact JSON to its name below `folder`, making folders as needed."""
    for parent in {(folder / name).parent for name in files}:
        parent.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
