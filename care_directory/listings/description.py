"""A listing's description: limited Markdown, sanitised to an allow-list.

Listing text comes from many hands, so whatever HTML Markdown produces is
cleaned by nh3: only paragraphs, lists, emphasis and links survive, and
links get rel="nofollow noopener". A link must be a full https:, mailto:
or tel: address: relative and scheme-relative (//host) links, https links
with a user name before the host (https://gov.uk@evil.example reads as
gov.uk but goes to evil.example), and mailto: links carrying ?bcc= or
other fields are dropped.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3

DESCRIPTION_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
LINK_SCHEMES = {"https", "mailto", "tel"}


# Building a Markdown converter costs more than converting a description, so one is kept and reset for each.
_MARKDOWN = markdown.Markdown(output_format="html")


@lru_cache(maxsize=64)  # the loader's home-address check renders the same description just before
def description_html(text: str, links: bool = True) -> str:
    """Render limited Markdown and keep only paragraphs, lists, emphasis and safe links (no links at all,
    only their words, when `links` is false, as for residents' reviews)."""
    html = _MARKDOWN.reset().convert(text)
    return nh3.clean(
        html,
        tags=DESCRIPTION_TAGS if links else DESCRIPTION_TAGS - {"a"},
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel="nofollow noopener",
        attribute_filter=_safe_link,
    )


def _safe_link(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        return value if is_safe_link(value) else None
    return value


def is_safe_link(address: str) -> bool:
    """A full https:, mailto: or tel: address, with no user name hidden before an https host."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    if parts.scheme in ("mailto", "tel"):
        return not parts.query  # a mailto: with ?bcc= or &body= adds recipients or words the reader never sees
    return parts.scheme == "https" and bool(parts.hostname) and "@" not in parts.netloc
