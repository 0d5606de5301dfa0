"""A listing's description: limited Markdown, sanitised to an allow-list.

Listing text comes from many hands, so whatever HTML Markdown produces is
cleaned by nh3: only paragraphs, lists, emphasis and links with safe
schemes survive, and links get rel="nofollow noopener".
"""

from __future__ import annotations

import markdown
import nh3

DESCRIPTION_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
LINK_SCHEMES = {"https", "mailto", "tel"}


def description_html(text: str) -> str:
    """Render limited Markdown and keep only paragraphs, lists, emphasis and safe links."""
    html = markdown.markdown(text, output_format="html")
    return nh3.clean(
        html,
        tags=DESCRIPTION_TAGS,
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel="nofollow noopener",
    )


