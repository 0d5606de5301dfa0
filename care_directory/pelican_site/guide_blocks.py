"""Parts of guides generated from data, so a guide stays true when the data changes.

A guide puts a marker on a line of its own, such as `[[policy-checks]]`;
the page template swaps it for theme/templates/blocks/policy-checks.html,
rendered with the site config, vocabulary and council policy. An unknown
marker fails the build rather than showing brackets to residents.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import TemplateNotFound, pass_context
from markupsafe import Markup

from care_directory.listings.validation import BuildError

MARKER = re.compile(r"<p>\[\[([a-z-]+)\]\]</p>")


@pass_context
def expand_blocks(context, html: str) -> Markup:
    """Jinja filter: replace every `[[name]]` paragraph with the rendered blocks/name.html."""
    environment = context.environment

    def render(match: re.Match) -> str:
        try:
            block = environment.get_template(f"blocks/{match.group(1)}.html")
        except TemplateNotFound:
            page = context.get("page")
            where = Path(page.source_path).relative_to(page.settings["PATH"]).as_posix() if page else "a guide"
            known = sorted(
                name.removeprefix("blocks/").removesuffix(".html")
                for name in environment.list_templates()
                if name.startswith("blocks/")
            )
            raise BuildError(
                f"content/{where}: unknown marker [[{match.group(1)}]]: use one of: {', '.join(known)}"
            ) from None
        return block.render(context.get_all())

    return Markup(MARKER.sub(render, html))
