"""Run Pelican to write the pages, and turn whatever goes wrong into one clear message.

Pelican logs a broken page and carries on; here any warning fails the
build. A template error (a typo in a template, an unknown guide marker)
is reported as the template, the line and what Jinja said, never as a
traceback.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import jinja2
from pelican import Pelican
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from care_directory.listings.validation import BuildError
from care_directory.outputs.theme_assets import THEME_DIR


def render_pages(overrides: dict) -> None:
    """Write every page with Pelican, given this site's settings (pelican_site.settings.pelican_settings)."""
    settings = read_settings(override=overrides)
    with _FatalPelicanWarnings():
        try:
            Pelican(settings).run()
        except jinja2.TemplateError as error:
            raise BuildError(template_error_message(error)) from None


def template_error_message(error: jinja2.TemplateError) -> str:
    """'theme/templates/provider.html:12: ...' for the innermost template line that failed."""
    where = ""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = f"{_shown(error.filename)}:{error.lineno}: "
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
        if frames:
            where = f"{_shown(frames[-1].filename)}:{frames[-1].lineno}: "
    what = f"template not found: {error.name}" if isinstance(error, jinja2.TemplateNotFound) else str(error)
    return f"{where}{what}. Fix the template (or the guide marker) and build again."


def _shown(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(THEME_DIR.parent))
    except ValueError:
        return filename


class _CollectWarnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _FatalPelicanWarnings:
    """Collect Pelican's warnings and fail the build on any of them."""

    def __enter__(self):
        self.handler = _CollectWarnings()
        self.logger = logging.getLogger("pelican")
        self.level = self.logger.level
        # Pelican's progress lines would drown the build report.
        self.logger.setLevel(logging.WARNING)
        pelican_console.quiet = True
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc):
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.level)
        pelican_console.quiet = False
        if self.handler.messages and exc[0] is None:
            raise BuildError("Pelican reported problems:\n" + "\n".join(self.handler.messages))
