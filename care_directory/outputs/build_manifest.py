"""The build manifest: what each file of the published site was made from, so a build redoes only what changed.

For every output file the manifest records a digest of what the file is
rendered from (its inputs, see care_directory.outputs.render_inputs) and a
digest of its bytes. The next build into the same folder

- does not render a file whose inputs are unchanged: the published file is
  this build's file too;
- does not write a file whose bytes are the published one's (`put`);
- then assembles its site (`assemble`): the published files it shares with
  the last build, as hard links to them, plus the files it wrote,

and the site is swapped in whole (care_directory.pipeline), so a web server
or sync tool sees new files only where the bytes changed.

A site is assembled in a folder that already holds the site before the
published one (the pipeline keeps it as a spare) when there is one: only the
files that differ from it are linked or removed there, where making the tens
of thousands of folders of a national directory afresh takes seconds.
Nothing in that folder is taken on trust: every file in it is checked to be
the very file it should be, or replaced; anything else is removed; and its
folders are given the permissions new ones would have.

The manifest lives in the cache folder, outside the checkout: a missing or
damaged manifest just means that everything is rendered afresh. A
published file is reused only while it is still the very file the manifest
recorded (same device, inode, size and change time, which no write can
keep) or its bytes have the recorded digest; like the listing cache, the
cache folder is the builder's own, and no one else may write there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
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
        self.shared: dict[str, int] = {}  # file name -> inode of the published file this build keeps
        self._written: dict[str, str] = {}  # file name -> bytes digest, for files put() wrote

    @classmethod
    def for_output(cls, output_dir: Path) -> BuildManifest:
        """The manifest of the site published in `output_dir` (empty when there is none or it cannot be used)."""
        return cls(output_dir, _read(manifest_path(output_dir)))

    @classmethod
    def fresh(cls, output_dir: Path) -> BuildManifest:
        """A manifest that reuses nothing: every file is rendered."""
        return cls(output_dir, {})

    def branch(self) -> BuildManifest:
        """A manifest for part of this build made in another process: it knows the published site, records
        only what that part makes, and is brought back with `merge(branch.made())`."""
        return BuildManifest(self.published, self.previous)

    def made(self) -> tuple[dict, ...]:
        """What this build has made so far, for `merge`."""
        return self.inputs, self.digests, self.shared, self._written

    def merge(self, made: tuple[dict, ...]) -> None:
        """Take in what a branch of this build made (its `made()`)."""
        for mine, theirs in zip(self.made(), made, strict=True):
            mine.update(theirs)

    def reuse(self, name: str, inputs: str) -> bool:
        """Whether the published file `name` was made from the same inputs, and so is this build's file too.

        Returns False when the file must be rendered: its inputs changed, or
        the published file is missing or no longer has the recorded bytes.
        """
        self.inputs[name] = inputs
        recorded = self.previous.get(name)
        if recorded is None or recorded[0] != inputs:
            return False
        return self._keep(name, recorded[1])

    def reuse_all(self, inputs: str) -> bool:
        """Whether the published site has files made from `inputs` and each is still the file recorded: then
        they are this build's files too. For a group of files made together, whose names are known only once
        they are made."""
        names = [name for name, recorded in self.previous.items() if recorded[0] == inputs]
        return bool(names) and all(self.reuse(name, inputs) for name in names)

    def make(self, destination: Path, name: str, inputs: str, render) -> None:
        """This build's file `name`, made from `inputs`: the published one if it was made from the same inputs,
        else the bytes render() returns (written below `destination` unless the published file has them)."""
        if not self.reuse(name, inputs):
            self.put(destination, name, render())

    def put(self, destination: Path, name: str, data: bytes) -> None:
        """This build's file `name` holds `data`: written below `destination` unless the published file has it.

        The published file is read to compare, not taken on the manifest's word.
        """
        digest = hashlib.sha256(data).hexdigest()
        inode = _inode_holding(os.path.join(self._published, name), data)
        if inode is not None:
            self._share(name, inode, digest)
            return
        path = os.path.join(destination, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        self._written[name] = digest

    def names(self, destination: Path) -> set[str]:
        """Every file of this build so far: those kept from the published site and those written below
        `destination`."""
        return self.shared.keys() | _tree(os.fspath(destination))[0].keys()

    def assemble(self, written: Path, site: Path) -> None:
        """Make the folder `site` hold exactly this build's site, once every file is written below `written`.

        `site` may be `written` itself, or a folder holding an earlier site
        (anything in it may have changed since): there, files written by
        this build are linked in and whatever this build does not have is
        removed. A written file with the published one's bytes is replaced by
        a link to it; a file kept from the published site is linked unless
        `site` already holds that very file. A file linked from the
        published site must never be written to in place: files are only
        ever replaced, by rename. `written` keeps every file it holds, so a
        site that could not be assembled elsewhere can still be assembled in
        `written`.
        """
        written, site = os.fspath(written), os.fspath(site)
        fresh, _ = _tree(written)
        for name in fresh:
            self.shared.pop(name, None)  # a file written is this build's, even where one was kept before
            digest = self._written.get(name) or _digest(os.path.join(written, name))
            self.digests[name] = digest
            if _same_size(os.path.join(written, name), os.path.join(self._published, name)):
                self._keep(name, digest)
        if site == written:
            present, folders = fresh, set()
        else:
            present, existing = _tree(site, tidy=True)
            _set_folder_modes(site, existing)
            folders = set(existing)
        for name in present.keys() - self.digests.keys():
            os.unlink(os.path.join(site, name))
        for name in self.digests:
            if name in self.shared:
                if present.get(name) != self.shared[name]:
                    _place(os.path.join(self._published, name), os.path.join(site, name), folders)
            elif site != written:
                _place(os.path.join(written, name), os.path.join(site, name), folders)
        if site != written:
            _remove_unused_folders(site, existing, self.digests)

    def save(self) -> None:
        """Remember the published site for the next build (call once this build's site is published)."""
        files = {}
        for name, digest in self.digests.items():
            try:
                identity = _identity(os.lstat(os.path.join(self._published, name)))
            except OSError:
                identity = None  # gone already: kept in the manifest, so that its group is made again
            files[name] = (self.inputs.get(name), digest, identity)
        data = {"version": MANIFEST_VERSION, "files": files}
        write_atomically(manifest_path(self.published), json.dumps(data, separators=(",", ":")).encode())

    def _keep(self, name: str, digest: str) -> bool:
        """Keep the published `name` as this build's file if it has these bytes."""
        inode = self._published_inode(name, digest)
        if inode is not None:
            self._share(name, inode, digest)
        return inode is not None

    def _share(self, name: str, inode: int, digest: str) -> None:
        self.shared[name] = inode
        self.digests[name] = digest

    def _published_inode(self, name: str, digest: str) -> int | None:
        """The inode of the published `name` if it is an ordinary file with these bytes, else None.

        A file that is still the very file the last build recorded (same
        device, inode, size and change time, which no write can keep) is
        known by the recorded digest; any other is read.
        """
        published = os.path.join(self._published, name)
        try:
            info = os.lstat(published)
            if not stat.S_ISREG(info.st_mode):
                return None
            recorded = self.previous.get(name)
            if recorded and recorded[1] == digest and recorded[2] == _identity(info):
                return info.st_ino
            return info.st_ino if _digest(published) == digest else None
        except OSError:
            return None


def _tree(root: str, tidy: bool = False) -> tuple[dict[str, int], list[str]]:
    """name -> inode of every ordinary file below `root`, and every folder there (`root` too). With tidy,
    anything else below `root` (a link, a device) is removed, so that nothing put there can land outside it."""
    files: dict[str, int] = {}
    folders = [root]
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    pending.append((f"{name}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    files[name] = entry.inode()
                elif tidy:
                    os.unlink(entry.path)
    return files, folders


def _place(source: str, target: str, folders: set[str]) -> None:
    """Link the file `source` at `target`, replacing whatever is there in one step."""
    folder = os.path.dirname(target)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    try:
        os.link(source, target)  # nothing there yet: most files when a site is assembled in a new folder
        return
    except FileExistsError:
        pass
    if stat.S_ISDIR(os.lstat(target).st_mode):
        shutil.rmtree(target)  # a folder where the site now has a file
    linked = os.path.join(folder, f".{os.path.basename(target)}.link")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(linked)
    os.link(source, linked)
    os.replace(linked, target)


def _set_folder_modes(root: str, folders: list[str]) -> None:
    """Give the folders the permissions of new ones (the root those of the staging folder), whatever they
    were given since: a folder a web server cannot read would hide the pages in it."""
    umask = os.umask(0)
    os.umask(umask)
    for folder in folders:
        mode = 0o755 if folder == root else 0o777 & ~umask
        if stat.S_IMODE(os.lstat(folder).st_mode) != mode:
            os.chmod(folder, mode)


def _remove_unused_folders(root: str, folders: list[str], names) -> None:
    """Remove those of the folders that hold none of the site's files (a removed listing's)."""
    needed = {root}
    for name in names:
        folder = os.path.dirname(os.path.join(root, name))
        while folder not in needed:
            needed.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(set(folders) - needed, key=len, reverse=True):
        shutil.rmtree(folder)


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


def _inode_holding(path: str, data: bytes) -> int | None:
    """The inode of the ordinary file at `path` if it holds exactly `data`, else None."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return None
        with open(path, "rb") as handle:
            return info.st_ino if handle.read() == data else None
    except OSError:
        return None


def _same_size(first: str, second: str) -> bool:
    try:
        return os.stat(first).st_size == os.lstat(second).st_size
    except OSError:
        return False


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
