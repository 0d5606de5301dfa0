"""What templates can call: Jinja filters and globals.

The wording itself lives in care_directory.model.wording; this only makes
it available to templates, with what depends on this build (its address).
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from care_directory.config import Site
from care_directory.model.forms import form_delivery
from care_directory.model.provider import Provider
from care_directory.model.reviews import stars
from care_directory.model.wording import long_date, mailto, money, period_words, phone_display, phone_href
from care_directory.outputs.open_data import Publisher, json_ld
from care_directory.outputs.theme_assets import THEME_DIR, module_imports
from care_directory.pelican_site.guide_blocks import expand_blocks
from care_directory.policy.rules import describe_when


def jinja_filters(site: Site) -> dict:
    """Filters for formatting facts in templates."""
    return {
        "by_order": lambda pages: sorted(pages, key=lambda p: (int(getattr(p, "order", 99)), p.title)),
        "zip": lambda values, others: list(zip(values, others, strict=True)),
        "phone_href": phone_href,
        "phone_display": phone_display,
        "money": money,
        "long_date": long_date,
        "iso_date_words": lambda text: long_date(date.fromisoformat(text)),
        "period_words": period_words,
        "when_words": lambda when: describe_when(when, site.vocabulary, "providers"),
        "expand_blocks": expand_blocks,
        "json_ld": json_ld,
        "mailto": mailto,
        "stars": stars,
    }


def jinja_globals(site: Site, publisher: Publisher, histories: dict | None) -> dict:
    """The site's config, vocabularies, policy and open data, available to every template."""
    return {
        "site": site.settings,
        "vocabulary": site.vocabulary,
        "districts": site.districts,
        "policy": site.policy,
        "questions": site.questions,
        "links": site.links,
        "open_data": publisher,
        "base_url": publisher.base_url,
        "histories": histories,
        "forms": form_delivery(site.settings),
        "module_script": module_scripts(),
        # The page address depends on the base path of this build, so it is made here.
        "report_href": lambda provider: report_href(
            site.settings["report_email"], provider, publisher.url(provider.path)
        ),
    }


def module_scripts():
    """module_script(site_url, name): a page script's tag, after a modulepreload link for each module it imports.

    Without the links a browser finds the imports one level at a time, a
    round trip each on a slow connection; with them it fetches them all at
    once. Each script's imports are read once per build.
    """
    imports: dict[str, list[str]] = {}

    def module_script(site_url: str, name: str) -> Markup:
        if name not in imports:
            found = module_imports(THEME_DIR / "static" / name)
            imports[name] = [module.name for module in found if module.suffix == ".js"]
        tags = [
            f'<link rel="modulepreload" href="{escape(site_url)}/assets/{escape(module)}">' for module in imports[name]
        ]
        tags.append(f'<script type="module" src="{escape(site_url)}/assets/{escape(name)}"></script>')
        return Markup("\n".join(tags))

    return module_script


def report_href(email: str, provider: Provider, page_url: str) -> str:
    """mailto: link to the directory team, prefilled with the provider and its page's address."""
    subject = f"Change or concern about {provider.name}"
    body = f"Provider: {provider.name}\nPage: {page_url}\n\nWhat should we know?\n"
    return mailto(email, subject, body)
