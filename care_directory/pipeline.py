"""The whole build: check every input, write the site into a staging folder, then swap it in.

Nothing is published from a failed build: the site is written into a
temporary folder beside the output and only replaces the previous output
when every stage has succeeded.

The site replaced is kept beside the output as a spare (`.<output>-spare`):
the next build assembles its site there, changing only the files that
differ, rather than making tens of thousands of folders again
(care_directory.outputs.build_manifest). What the spare holds is checked,
never trusted.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from care_directory.alongside import alongside
from care_directory.cache_dir import tracked_cache_files
from care_directory.config import Site
from care_directory.editor.git_history import HistoryUnavailableError
from care_directory.editor.guide_checks import guide_problems
from care_directory.editor.public_history import page_histories
from care_directory.listings.loader import each_listing, link_problems
from care_directory.listings.reviews import load_reviews
from care_directory.listings.validation import BuildError, InputError
from care_directory.model.directory import Directory, build_directory
from care_directory.model.forms import form_delivery, form_page_rules
from care_directory.model.reviews import shown_reviews
from care_directory.outputs.build_info import write_build_info
from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.open_data import Publisher
from care_directory.outputs.render_inputs import render_inputs
from care_directory.outputs.search_files import write_search_files
from care_directory.outputs.security_headers import write_headers_file
from care_directory.outputs.theme_assets import copy_front_end_files, stylesheet
from care_directory.policy.rules import evaluate

# The process that writes the search files alongside the pages shares the directory's memory only until it
# reads it, and reading copies most of it (CPython counts references in each object): at 10,000 listings the
# build's two processes take 310 MB where one took 220 MB, and 920 MB at 50,000, where one process stays
# under 800 MB. Beyond this many providers, a build is minutes long anyway, so it writes them one after the
# other.
SEARCH_FILES_ALONGSIDE_UP_TO = 20_000


def publish(
    site: Site, output_dir: Path, today: date, base_path: str | None = None, use_cache: bool = True
) -> Directory:
    """Check all listings, generate the site and replace `output_dir` with it.

    Raises InputError (every problem in every file) or BuildError; in both
    cases `output_dir` is left exactly as it was.
    """
    if planted := tracked_cache_files(site.root):
        shown = ", ".join(planted[:3]) + (", ..." if len(planted) > 3 else "")
        raise BuildError(
            f"cache files are committed to the repository ({shown}). The build never reads caches from the "
            "repository, and they must not be there: remove them with `git rm -r --cached` on those files and commit."
        )
    output_dir = output_dir.resolve()
    refuse_unsafe_output(site, output_dir)
    # The checked directory lives as long as the build: the collector's passes through it as it grows cost
    # 0.6 s of checking 10,000 listings, and later passes would copy it into the process that writes the
    # search files alongside (care_directory.alongside). So the collector is paused while listings are
    # checked; then the garbage is collected once (Markdown leaves a few reference cycles per description)
    # and what is alive is kept out of the collector's passes for good. The directory holds no reference
    # cycles (tests/test_publish.py), so reference counting frees it once it is let go.
    collecting = gc.isenabled()
    gc.disable()
    try:
        directory = check_all(site, today, use_cache)
    finally:
        if collecting:
            gc.enable()
    gc.collect()
    gc.freeze()
    histories = public_histories(site)
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(output_dir):
            _remove_unfinished_builds(output_dir)
            manifest = BuildManifest.for_output(output_dir) if use_cache else BuildManifest.fresh(output_dir)
            staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-new-", dir=output_dir.parent))
            _build_into(directory, staging, output_dir, base_path or site.settings["base_path"], histories, manifest)
            manifest.save()
    except OSError as error:
        where = error.filename or output_dir.parent
        raise BuildError(
            f"cannot write {where}: {error.strerror}. Check that the disk has room and that you may write there "
            "(or choose another --output folder); the previous site is unchanged."
        ) from None
    return directory


def refuse_unsafe_output(site: Site, output_dir: Path) -> None:
    """The output folder is replaced whole: never let that be the council's files or a folder of other things."""
    root = site.root.resolve()
    inputs = [root / "content", root / "config"]
    if output_dir == root or root.is_relative_to(output_dir) or any(output_dir.is_relative_to(p) for p in inputs):
        raise BuildError(
            f"the output folder {output_dir} would replace the directory's own files: choose a folder of its own, "
            "such as output/"
        )
    if output_dir.is_dir() and any(output_dir.iterdir()) and not _is_built_site(output_dir):
        raise BuildError(
            f"{output_dir} holds other files and is not a site this build made, and a build replaces the whole "
            "folder: choose an empty or new folder"
        )


def _is_built_site(folder: Path) -> bool:
    return (folder / "build.json").is_file() or ((folder / "index.html").is_file() and (folder / "assets").is_dir())


def _build_into(
    directory: Directory,
    staging: Path,
    output_dir: Path,
    base_path: str,
    histories: dict | None,
    manifest: BuildManifest,
) -> None:
    staging.chmod(0o755)  # mkdtemp makes it private; web servers must be able to read the site
    try:
        generate(directory, staging, base_path, histories, manifest)
        site = _assembled(manifest, staging, output_dir)
        replaced = _swap(site, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # The new site is published: what is left only tidies up, and never fails the build.
    try:
        _keep_as_spare(replaced, output_dir)
        if site != staging:
            _remove_in_background(staging)
    except OSError as error:
        print(f"Warning: the site replaced could not be kept for the next build ({error}).", file=sys.stderr)


def _assembled(manifest: BuildManifest, staging: Path, output_dir: Path) -> Path:
    """Assemble the site in the spare when there is one and most of the site is kept from the published one
    (that saves making its folders), else in the staging folder; return the folder holding it.

    A spare that cannot be brought up to date (a folder in it that cannot be changed) is set aside, and the
    site is assembled in the staging folder instead.
    """
    spare = _spare(output_dir)
    if spare is not None and len(manifest.shared) * 2 > len(manifest.names(staging)):
        try:
            manifest.assemble(staging, spare)
            return spare
        except OSError:
            _set_aside(spare, output_dir)
    manifest.assemble(staging, staging)
    return staging


@contextmanager
def build_lock(output_dir: Path):
    """Hold the output folder's lock for one build; a second build at the same time stops with a message."""
    lock_file = output_dir.with_name(f".{output_dir.name}.lock")
    with lock_file.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"another build is writing {output_dir} right now: wait for it to finish, then build again"
            ) from None
        yield


def _remove_unfinished_builds(output_dir: Path) -> None:
    """Staging and old folders left by a build that was killed (this build holds the lock, so none is in use)."""
    for pattern in (f".{output_dir.name}-new-*", f".{output_dir.name}-old-*"):
        for leftover in output_dir.parent.glob(pattern):
            _remove_in_background(leftover)


def check_all(site: Site, today: date, use_cache: bool = True) -> Directory:
    """Load every listing and apply the policy; raise InputError naming every problem.

    Each listing is evaluated and made into its provider as soon as it is loaded, and its fields are then
    let go, so that memory grows with the providers, not with everything read.
    """
    problems = link_problems(site)
    if problems:
        raise InputError(problems)  # before anything is read through a link
    reviews, problems = load_reviews(site, today)
    problems += guide_problems(site)
    evaluations = (
        evaluate(listing, site.policy, site.vocabulary, today)
        for listing in each_listing(site, problems, use_cache=use_cache)
    )
    directory = build_directory(site, evaluations, today, shown_reviews(reviews, site.policy.reviews, today))
    problems += [error for outcome in directory.outcomes for error in outcome.errors]
    if problems:
        raise InputError(problems)
    return directory


def public_histories(site: Site) -> dict | None:
    """Each listing's public history from git, or None where it cannot be read: history never stops a build."""
    try:
        return page_histories(site)
    except HistoryUnavailableError:
        return None
    except Exception as error:
        print(
            f"Warning: the listings' public histories are left out of this build ({type(error).__name__}: {error}).",
            file=sys.stderr,
        )
        return None


def generate(
    directory: Directory,
    destination: Path,
    base_path: str,
    histories: dict | None = None,
    manifest: BuildManifest | None = None,
) -> None:
    """Write every page and asset of the site into `destination`.

    Pages and open-data files whose inputs are unchanged since the build in `manifest` are linked, not rendered.
    """
    # Pelican loads slowly; `check` does not need it.
    from care_directory.pelican_site.render import render_pages
    from care_directory.pelican_site.settings import pelican_settings

    site = directory.site
    manifest = manifest or BuildManifest.fresh(destination)
    inputs = render_inputs(directory, base_path, histories)
    search_manifest = manifest.branch()

    def search_files():
        write_search_files(directory, destination, search_manifest, inputs)
        return search_manifest.made()

    # The search files read only the directory: they are made on the second core while the pages are, up to
    # a size where the fork's memory is more than the time it saves is worth.
    with alongside(search_files, fork=len(directory.providers) <= SEARCH_FILES_ALONGSIDE_UP_TO) as search_files_made:
        publisher = Publisher(directory, site.settings["site_url"] + base_path)
        render_pages(pelican_settings(directory, destination, base_path, publisher, histories, (manifest, inputs)))
        assets = destination / "assets"  # Pelican has copied theme/static/ here
        (assets / "site.css").write_text(
            stylesheet(site.settings["brand_colour"], site.settings["site_url"]), encoding="utf-8"
        )
        copy_front_end_files(assets)
        write_headers_file(destination, form_page_rules(form_delivery(site.settings), base_path))
        write_build_info(directory, destination)
        publisher.write(destination, manifest, inputs)
        manifest.merge(search_files_made())
    publisher.write_sitemap(destination, manifest, inputs)  # last: it lists the pages written above


def _spare_path(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}-spare")


def _spare(output_dir: Path) -> Path | None:
    """The folder holding the site before the published one, if there is one (anything else there, such as a
    link or a device, is removed)."""
    spare = _spare_path(output_dir)
    try:
        if stat.S_ISDIR(spare.lstat().st_mode):
            return spare
        spare.unlink()
    except FileNotFoundError:
        pass
    return None


def _set_aside(folder: Path, output_dir: Path) -> None:
    """Rename a folder out of the way and remove it in the background."""
    unused = _old_path(output_dir)
    folder.rename(unused)
    _remove_in_background(unused)


def _swap(new: Path, target: Path) -> Path | None:
    """Put the new site in place of the old in one step, so the output folder is never missing or half-written.

    Returns the folder now holding the site replaced, or None when there was none.
    """
    if target.exists() and _exchange(new, target):
        return new
    # Without an atomic exchange (not Linux, or a file system without it): two renames, a moment apart.
    old = _old_path(target)
    if target.exists():
        target.rename(old)
        try:
            new.rename(target)
        except OSError:
            old.rename(target)  # the previous site back in place
            raise
        return old
    new.rename(target)
    return None


def _keep_as_spare(replaced: Path | None, output_dir: Path) -> None:
    """Keep the site replaced as the spare for the next build; the spare it takes the place of is removed."""
    spare = _spare_path(output_dir)
    if replaced is None or replaced == spare:
        return
    if spare.exists():
        _set_aside(spare, output_dir)
    replaced.rename(spare)


def _old_path(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}-old-{uuid.uuid4().hex[:8]}")


# The removals this process has started: kept so each is reaped (no zombie
# process, no ResourceWarning) and no folder gets a second remover from here.
_removals: dict[Path, subprocess.Popen] = {}

# The remover: at low priority, so it never competes with the next build.
_REMOVER = "import os, shutil, sys; os.nice(10); shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _remove_in_background(folder: Path) -> None:
    """Delete a replaced or abandoned site without keeping the build, and whoever waits for it, waiting.

    The new site is already in place; removing tens of thousands of folders
    takes seconds more. A removal cut short leaves a `.<output>-old-*`
    folder, which the next build removes the same way.
    """
    for removing, remover in list(_removals.items()):
        if remover.poll() is not None:
            del _removals[removing]
    if folder.exists() and folder not in _removals:
        _removals[folder] = subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def finish_removals() -> None:
    """Wait until the replaced sites this process is removing are gone (for tests and benchmarks)."""
    while _removals:
        _removals.popitem()[1].wait()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_current_directory, rename_exchange = -100, 2
    return (
        renameat2(at_current_directory, os.fsencode(first), at_current_directory, os.fsencode(second), rename_exchange)
        == 0
    )
