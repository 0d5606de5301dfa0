"""Plain-English summaries of listing changes from git: pull-request reviews and page histories."""

from __future__ import annotations

import re
from pathlib import Path

from care_directory.config import Site
from care_directory.editor.changes import checklist, describe_changes
from care_directory.editor.git_history import (
    FileChange,
    after,
    before,
    changed_files,
    listing_changes,
    read_versions,
)

# Markdown punctuation that could turn listing text into links, images, code, headings, tables or emphasis.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]~#|])")
# At the start of a list item these would start a nested list.
LIST_MARKER = re.compile(r"^([-+]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Listing text as literal Markdown: no links, images, HTML, @mentions or formatting, on one line."""
    text = LIST_MARKER.sub(r"\\\1", MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split())))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;")
    # GitHub turns bare addresses into links: break the patterns it looks for.
    return re.sub(r"://", "&#58;//", re.sub(r"\bwww\.", "www&#46;", text, flags=re.IGNORECASE))


def _name(version: dict | None, path: str) -> str:
    return str((version or {}).get("name") or Path(path).stem)


def review_markdown(site: Site, base: str, head: str = "HEAD") -> str:
    """A pull-request comment: what changed in each listing between two revisions, and what to verify."""
    changes = listing_changes(site.root, base, head)
    # Compare each file's state at BASE with its state at HEAD, following renames.
    first: dict[str, FileChange] = {}
    last: dict[str, FileChange] = {}
    origin: dict[str, str] = {}
    for change in changes:
        path = change.new_path or change.old_path
        start = origin.pop(change.old_path, change.old_path) if change.status == "R" else origin.get(path, path)
        origin[path] = start
        first.setdefault(start, change)
        last[start] = change
    versions = read_versions(site.root, [v for start in first for v in (before(first[start]), after(last[start])) if v])
    sections = []
    for start in sorted(first, key=lambda s: _name(None, s)):
        old_key, new_key = before(first[start]), after(last[start])
        old, new = versions.get(old_key) if old_key else None, versions.get(new_key) if new_key else None
        if old == new and old_key and new_key and old_key[1] == new_key[1]:
            continue
        lines = describe_changes(site, old, new)
        if old_key and new_key and old_key[1] != new_key[1]:
            lines.insert(
                0, f"renamed from {Path(old_key[1]).stem} to {Path(new_key[1]).stem} (the page address changes)"
            )
        if new and new.get("status") in ("suspended", "removed") and (old or {}).get("status") != new.get("status"):
            lines.insert(0, f"withdrawn from the directory (status {new['status']})")
        title = markdown_text(_name(new or old, (new_key or old_key)[1]))
        path = markdown_text((new_key or old_key)[1])
        sections.append(
            f"### {title}\n\n{path}\n\n"
            + "\n".join(f"- {markdown_text(line)}" for line in lines)
            + "\n\n**Check before approving:**\n\n"
            + "\n".join(f"- [ ] {item}" for item in checklist(old, new))
        )
    heading = f"## Listing changes ({len(sections)} listing{'s' if len(sections) != 1 else ''})"
    listings = heading + "\n\n" + ("\n\n".join(sections) if sections else "No listing files changed.") + "\n"
    return listings + reviews_markdown(site, base, head)


def reviews_markdown(site: Site, base: str, head: str) -> str:
    """Residents' reviews added or changed between two revisions, with what to check before approving ('' if none)."""
    changed = changed_files(site.root, base, head, "content/reviews")
    if not changed:
        return ""
    versions = read_versions(site.root, [(head, path) for status, path in changed if status != "D"])
    sections = [_review_section(site, status, path, versions.get((head, path))) for status, path in changed]
    return f"\n## Residents' reviews ({len(sections)})\n\n" + "\n\n".join(sections) + "\n"


def _review_section(site: Site, status: str, path: str, review: dict | None) -> str:
    if status == "D" or review is None:
        return f"### {markdown_text(path)}\n\n- deleted, or not readable: the review is taken down"
    rules = site.policy.reviews
    words = [w for w in rules.send_back_words if w.casefold() in str(review.get("text", "")).casefold()]
    checks = [
        "The text is about the provider's service, and names no one else and no health details",
        "The submission declared the reviewer used the service",
        *(["The provider was offered a reply"] if rules.reply_invited else []),
        *([f"Send back? It holds: {', '.join(words)}"] if words else []),
    ]
    reply = review.get("reply") if isinstance(review.get("reply"), dict) else {}
    facts = [
        f"{'new' if status == 'A' else 'changed'}, status {review.get('status', '?')}, "
        f"{review.get('rating', '?')} out of 5 from {review.get('display_name', '?')}",
        str(review.get("text", "")),
        *([f"reply: {reply.get('text', '')}"] if reply else []),
    ]
    return (
        f"### {markdown_text(path)}\n\n"
        + "\n".join(f"- {markdown_text(fact)}" for fact in facts)
        + "\n\n**Check before approving:**\n\n"
        + "\n".join(f"- [ ] {markdown_text(item)}" for item in checks)
    )
