"""Parts of guides generated from data, so a guide stays true when the data changes.

A guide puts a marker on a line of its own, such as `[[policy-checks]]`;
the page template swaps it for theme/templates/blocks/policy-checks.html,
rendered with the site config, vocabulary and council policy. An unknown
marker fails the build rather than showing brackets to residents.
"""

from __future__ import annotations

import re

from jinja2 import pass_context
from markupsafe import Markup

MARKER = re.compile(r"<p>\[\[([a-z-]+)\]\]</p>")


@pass_context
def expand_blocks(context, html: str) -> Markup:
    """Jinja filter: replace every `[[name]]` paragraph with the rendered blocks/name.html."""
    environment = context.environment

    def render(match: re.Match) -> str:
        return environment.get_template(f"blocks/{match.group(1)}.html").render(context.get_all())

    return Markup(MARKER.sub(render, html))
