"""Parts of guides generated from data, so a guide stays true when the data changes.

- A block marker on a line of its own, such as `[[policy-checks]]`, is
  swapped for theme/templates/blocks/policy-checks.html, rendered with the
  site config, vocabulary and council policy.
- A link marker anywhere in a sentence, such as `[[link:needs-assessment]]`,
  becomes a link to that page with its own link text: the council's pages
  come from `council_links` in the site config, national ones from
  schema/national-links.yaml, so an address is kept in one place.

An unknown marker fails the build rather than showing brackets to residents.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import TemplateNotFound, pass_context
from markupsafe import Markup, escape

from care_directory.listings.validation import BuildError

MARKER = re.compile(r"<p>\[\[([a-z-]+)\]\]</p>")
LINK_MARKER = re.compile(r"\[\[link:([a-z0-9-]+)\]\]")


@pass_context
def expand_blocks(context, html: str) -> Markup:
    """Jinja filter: replace every `[[name]]` paragraph with blocks/name.html and every `[[link:id]]` with its link."""
    environment, links = context.environment, context["links"]

    def render(match: re.Match) -> str:
        try:
            block = environment.get_template(f"blocks/{match.group(1)}.html")
        except TemplateNotFound:
            known = sorted(
                name.removeprefix("blocks/").removesuffix(".html")
                for name in environment.list_templates()
                if name.startswith("blocks/")
            )
            raise BuildError(_unknown(context, f"[[{match.group(1)}]]", known)) from None
        return block.render(context.get_all())

    def link(match: re.Match) -> str:
        if match.group(1) not in links:
            raise BuildError(_unknown(context, f"[[link:{match.group(1)}]]", sorted(links)))
        target = links[match.group(1)]
        return f'<a class="govuk-link" href="{escape(target["url"])}">{escape(target["text"])}</a>'

    return Markup(LINK_MARKER.sub(link, MARKER.sub(render, html)))


def _unknown(context, marker: str, known: list[str]) -> str:
    page = context.get("page")
    where = Path(page.source_path).relative_to(page.settings["PATH"]).as_posix() if page else "a guide"
    return f"content/{where}: unknown marker {marker}: use one of: {', '.join(known)}"
