"""Read listing versions from git: for pull-request reviews and public page histories.

Only dates and what changed are used, never who made a change. A folder
that is not a git checkout, or a shallow clone, has no history to show.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from care_directory.listings.strict_yaml import YamlError, parse_yaml
from care_directory.listings.validation import MAX_FILE_BYTES

PROVIDERS = "content/providers"


class HistoryUnavailableError(Exception):
    """No usable git history here (not a checkout, git missing, or a shallow clone)."""


@dataclass(frozen=True)
class FileChange:
    """One listing file changed by one commit."""

    commit: str
    date: str  # YYYY-MM-DD, committer date
    status: str  # A added, M modified, D deleted, R renamed
    old_path: str | None
    new_path: str | None


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True)
    except FileNotFoundError:
        raise HistoryUnavailableError("git is not installed") from None
    if result.returncode != 0:
        raise HistoryUnavailableError(result.stderr.decode("utf-8", "replace").strip() or "git failed")
    return result.stdout


def require_full_history(root: Path) -> None:
    """Raise HistoryUnavailableError unless `root` is a complete (not shallow) git checkout."""
    if _git(root, "rev-parse", "--is-shallow-repository").strip() != b"false":
        raise HistoryUnavailableError("this is a shallow clone, so the full history is not here")


def listing_changes(
    root: Path, since: str | None = None, until: str = "HEAD", follow_renames: bool = True
) -> list[FileChange]:
    """Every change to a listing file, oldest first (between two revisions when `since` is given).

    With follow_renames, git pairs a deleted file with a similar added one as a rename (useful to a
    reviewer); without, each file is only ever itself.
    """
    span = f"{since}..{until}" if since else until
    renames = "-M" if follow_renames else "--no-renames"
    # Along the main line only, a merge counted as one change: a branch's own commits, in date order beside
    # main's, would describe versions main never had.
    first_parent = ("--first-parent", "--diff-merges=first-parent")
    out = _git(
        root,
        "log",
        *first_parent,
        "--relative",
        "--reverse",
        "--format=@%H %cs",
        "--name-status",
        renames,
        span,
        "--",
        PROVIDERS,
    ).decode("utf-8", "replace")
    changes, commit, day = [], "", ""
    for line in out.splitlines():
        if line.startswith("@"):
            commit, day = line[1:].split()
        elif line.strip():
            parts = line.split("\t")
            status = parts[0][0]
            old, new = (
                (parts[1], parts[2])
                if status in "RC"
                else (None if status == "A" else parts[1], None if status == "D" else parts[1])
            )
            changes.append(FileChange(commit, day, status, old, new))
    return changes


def changed_files(root: Path, base: str, head: str, folder: str) -> list[tuple[str, str]]:
    """(status A/M/D, path) for each file under `folder` that differs between two revisions."""
    out = _git(root, "diff", "--relative", "--name-status", "--no-renames", base, head, "--", folder)
    return [tuple(line.split("\t", 1)) for line in out.decode("utf-8", "replace").splitlines() if line.strip()]


def read_versions(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], dict | None]:
    """Parsed listing at each (revision, path), read in one git call; None where missing or unreadable."""
    return {key: _parse(text) if text is not None else None for key, text in read_texts(root, wanted).items()}


def read_texts(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The text of the file at each (revision, path), read in one git call; None where missing or too large."""
    if not wanted:
        return {}
    # "rev:./path" is relative to `root`, which may be a folder inside a larger repository.
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{rev}:./{path}\n" for rev, path in wanted).encode("utf-8"))
    versions, position = {}, 0
    for key in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        position = header_end + 1
        if header[-1] == b"missing":
            versions[key] = None
            continue
        size = int(header[2])
        blob = out[position : position + size]
        versions[key] = blob.decode("utf-8", "replace") if size <= MAX_FILE_BYTES else None
        position += size + 1  # the blob is followed by a newline
    return versions


def _parse(text: str) -> dict | None:
    try:
        value = parse_yaml(text).value
    except YamlError:
        return None
    return value if isinstance(value, dict) else None


def before(change: FileChange) -> tuple[str, str] | None:
    """Where the version before a change is (None for a new file)."""
    return None if change.status == "A" else (f"{change.commit}^", change.old_path)


def after(change: FileChange) -> tuple[str, str] | None:
    """Where the version after a change is (None for a deleted file)."""
    return None if change.status == "D" else (change.commit, change.new_path)
