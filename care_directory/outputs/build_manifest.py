"""The build manifest: what each file of the published site was made from, so a build redoes only what changed.

For every output file the manifest records a digest of what the file is
rendered from (its inputs, see care_directory.outputs.render_inputs) and a
digest of its bytes. The next build into the same folder

- does not render a file whose inputs are unchanged: it links the published
  file into the new site instead;
- links the published file in place of a newly written one with the same
  bytes;

so the new site is a tree of hard links to the unchanged files plus the
changed ones, swapped in whole as before (care_directory.pipeline), and a
web server or sync tool sees new files only where the bytes changed.

The manifest lives in the cache folder, outside the checkout, and is only a
hint: a published file is reused only while its bytes still have the
recorded digest, so a missing, damaged or hostile manifest just means that
everything is rendered afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from care_directory.cache_dir import cache_root, write_atomically

MANIFEST_VERSION = 1


class BuildManifest:
    """What the published site in one output folder was made from, and what this build makes."""

    def __init__(self, published: Path, previous: dict[str, tuple]):
        self.published = published
        # Paths are joined as strings below: a national directory has tens of
        # thousands of files, and pathlib objects cost seconds at that count.
        self._published = os.fspath(published)
        # file name -> (inputs digest or None, bytes digest, file identity), from the last build
        self.previous = previous
        self.inputs: dict[str, str] = {}  # file name -> inputs digest, for files this build keys by inputs
        self.digests: dict[str, str] = {}  # file name -> bytes digest of every file of this build
        self._folders: set[str] = set()  # folders this build has made for links

    @classmethod
    def for_output(cls, output_dir: Path) -> BuildManifest:
        """The manifest of the site published in `output_dir` (empty when there is none or it cannot be used)."""
        return cls(output_dir, _read(manifest_path(output_dir)))

    @classmethod
    def fresh(cls, output_dir: Path) -> BuildManifest:
        """A manifest that reuses nothing: every file is rendered."""
        return cls(output_dir, {})

    def reuse(self, destination: str | os.PathLike, name: str, inputs: str) -> bool:
        """Link the published file `name` into the folder `destination` if it was made from the same inputs.

        Returns False when the file must be rendered: its inputs changed, or
        the published file is missing or no longer has the recorded bytes.
        """
        self.inputs[name] = inputs
        recorded = self.previous.get(name)
        if recorded is None or recorded[0] != inputs or not self._published_has(name, recorded[1]):
            return False
        if not self._link(destination, name):
            return False
        self.digests[name] = recorded[1]
        return True

    def link_unchanged(self, destination: Path) -> None:
        """Replace each newly written file whose bytes equal the published one's with a link to it.

        Call once the whole site is written: a file linked from the
        published site must never be written to in place.
        """
        for folder, _, names in os.walk(destination):
            below = Path(folder).relative_to(destination).as_posix()
            for file_name in names:
                path = os.path.join(folder, file_name)
                name = file_name if below == "." else f"{below}/{file_name}"
                if name in self.digests:
                    continue  # linked without rendering
                digest = self.digests[name] = _digest(path)
                if _same_size(path, os.path.join(self._published, name)) and self._published_has(name, digest):
                    self._link(destination, name, replace=True)

    def save(self) -> None:
        """Remember the published site for the next build (call once this build's site is published)."""
        files = {}
        for name, digest in self.digests.items():
            try:
                identity = _identity(os.lstat(os.path.join(self._published, name)))
            except OSError:
                continue
            files[name] = (self.inputs.get(name), digest, identity)
        data = {"version": MANIFEST_VERSION, "files": files}
        write_atomically(manifest_path(self.published), json.dumps(data, separators=(",", ":")).encode())

    def _published_has(self, name: str, digest: str) -> bool:
        """Whether the published `name` is an ordinary file with these bytes.

        A file that is still the very file the last build recorded (same
        device, inode, size and change time, which no write can keep) is
        known by the recorded digest; any other is read.
        """
        published = os.path.join(self._published, name)
        try:
            info = os.lstat(published)
            if not stat.S_ISREG(info.st_mode):
                return False
            recorded = self.previous.get(name)
            if recorded and recorded[1] == digest and recorded[2] == _identity(info):
                return True
            return _digest(published) == digest
        except OSError:
            return False

    def _link(self, destination: str | os.PathLike, name: str, replace: bool = False) -> bool:
        """Hard-link the published `name` to destination/name (False where links are not possible here)."""
        published, target = os.path.join(self._published, name), os.path.join(destination, name)
        folder, file_name = os.path.split(target)
        try:
            if folder not in self._folders:  # a national directory links tens of thousands of files
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            if replace:
                linked = os.path.join(folder, f".{file_name}.link")
                os.link(published, linked)
                os.replace(linked, target)
            else:
                os.link(published, target)
        except OSError:
            return False  # render or keep the new file instead
        return True


def manifest_path(output_dir: Path) -> Path:
    """Where the manifest of the site in `output_dir` is kept: in the cache folder, named for the output folder."""
    key = hashlib.sha256(os.fsencode(output_dir.resolve())).hexdigest()[:16]
    return cache_root() / "builds" / f"{key}.json"


def _read(path: Path) -> dict[str, tuple[str | None, str]]:
    """The manifest's files, or nothing when the manifest is missing, damaged or not in this format."""
    try:
        data = json.loads(path.read_bytes())
        files = data["files"] if data["version"] == MANIFEST_VERSION else {}
        return {
            name: (inputs, digest, identity)
            for name, (inputs, digest, identity) in files.items()
            if isinstance(inputs, str | None) and isinstance(digest, str)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _identity(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_ctime_ns]


def _same_size(first: str, second: str) -> bool:
    try:
        return os.stat(first).st_size == os.lstat(second).st_size
    except OSError:
        return False


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
