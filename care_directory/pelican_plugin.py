"""Pelican plugin: writes the directory's pages from an already-checked Directory.

Deliberately thin. Loading, validation and policy happen before Pelican runs
(see publish.py); this only hands page-ready data to the templates. Guides
are ordinary Pelican pages from content/guides/.
"""

from __future__ import annotations

from functools import partial

from pelican import signals
from pelican.generators import Generator


class DirectoryGenerator(Generator):
    """Writes the home, browse, provider, search and 404 pages."""

    def generate_context(self):
        self.directory = self.settings["CARE_DIRECTORY"]
        self.context["directory"] = self.directory

    def generate_output(self, writer):
        directory, site = self.directory, self.directory.site
        write = partial(writer.write_file, context=self.context, relative_urls=self.settings["RELATIVE_URLS"])
        page = self.get_template
        write("index.html", page("home"), page_path="")
        write("providers/index.html", page("providers"), page_path="providers/")
        for provider in directory.providers:
            write(f"{provider['path']}index.html", page("provider"), provider=provider, page_path=provider["path"])
        write("services/index.html", page("services"), page_path="services/")
        for service in site.vocabulary.services.values():
            path = f"services/{service.id}/"
            write(f"{path}index.html", page("service"), service=service, providers=directory.by_service[service.id], page_path=path)
        write("areas/index.html", page("areas"), page_path="areas/")
        for district_id, name in site.districts.items():
            path = f"areas/{district_id}/"
            area = {"district_id": district_id, "district_name": name, "providers": directory.by_district[district_id]}
            write(f"{path}index.html", page("area"), page_path=path, **area)
            write(f"{path}print/index.html", page("booklet"), page_path=f"{path}print/", **area)
        write("guides/index.html", page("guides"), page_path="guides/")
        write("search/index.html", page("search"), page_path="search/")
        write("shortlist/index.html", page("shortlist"), page_path="shortlist/")
        write("open-data/index.html", page("open-data"), page_path="open-data/")
        write("404.html", page("404"), page_path="404.html")


def _add_generator(pelican_object):
    return DirectoryGenerator


def register():
    """Called by Pelican when the plugin is listed in PLUGINS."""
    signals.get_generators.connect(_add_generator)
