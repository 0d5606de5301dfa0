"""The public history on each provider page, read from git at build time.

It must never mislead or leak, and never stop a build:

- each listing is followed by its own file only: git's rename detection is
  off, so a new provider added in the same commit that deletes another never
  inherits the other's past;
- an old version is used only if it passes today's checks (schema,
  vocabularies, home-address and hidden-character rules); a version that
  does not is "details not available", and contributes nothing;
- only resident-relevant changes are described (changes.describe_public_changes);
- the history starts at the listing's `listed_since`: the first version
  says nothing (the page already says "Listed since", and git's date for an
  imported listing is not that date), and no change before that date is
  shown;
- dates only, never who made a change.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.changes import describe_public_changes
from care_directory.editor.git_history import FileChange, after, listing_changes, read_texts, require_full_history
from care_directory.listings.cache import cached
from care_directory.listings.loader import listing_from_bytes

NOT_AVAILABLE = "details of this change are not available"


def page_histories(site: Site) -> dict[str, list[tuple[date, list[str]]]]:
    """For every listing file in git now, its public changes newest first as (date, sentences).

    Raises HistoryUnavailableError where the folder has no full git history.
    """
    require_full_history(site.root)
    by_path: dict[str, list[FileChange]] = {}
    for change in listing_changes(site.root, follow_renames=False):
        if change.status == "D":
            by_path.pop(change.old_path, None)  # a file added again later is a new listing
        elif change.status == "A":
            by_path[change.new_path] = [change]
        else:
            by_path.setdefault(change.new_path, []).append(change)
    texts = read_texts(site.root, [after(change) for history in by_path.values() for change in history])
    return {Path(path).stem: _history(site, path, history, texts) for path, history in by_path.items()}


def _history(site: Site, path: str, history: list[FileChange], texts: dict) -> list[tuple[date, list[str]]]:
    entries, last_valid = [], None
    for change in history:
        version = _valid_version(site, path, texts.get(after(change)))
        if version is None:
            if last_valid is not None:
                entries.append((date.fromisoformat(change.date), [NOT_AVAILABLE]))
            continue
        if last_valid is not None and (lines := describe_public_changes(site, last_valid, version)):
            entries.append((date.fromisoformat(change.date), lines))
        last_valid = version
    # The history starts when the provider was listed: nothing from before is shown, even if git has it.
    since = last_valid["listed_since"] if last_valid else date.min
    return [entry for entry in entries[::-1] if entry[0] >= since]


def _valid_version(site: Site, path: str, text: str | None) -> dict | None:
    """The version's fields if it passes today's checks, else None.

    Checked through the listing cache, which is keyed by the file's name and content (what a git blob id
    names): a version checked by an earlier build, or the same as the listing file now, is not checked again.
    """
    if text is None:
        return None
    data = text.encode("utf-8")
    listing, _ = cached(site, path, data, partial(listing_from_bytes, site, path, Path(path).name, data))
    return listing.data if listing else None
