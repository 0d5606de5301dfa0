"""Pelican plugin: writes the directory's pages from an already-checked Directory.

Deliberately thin. Loading, validation and policy happen before Pelican runs
(see publish.py); this only hands page-ready data to the templates. Guides
are ordinary Pelican pages from content/guides/.
"""

from __future__ import annotations

from functools import partial

from pelican import signals
from pelican.generators import Generator

from care_directory.model.forms import SENT_PAGE
from care_directory.progress import Stage


class DirectoryGenerator(Generator):
    """Writes the home, browse, provider, search and 404 pages."""

    def generate_context(self):
        self.directory = self.settings["CARE_DIRECTORY"]
        self.context["directory"] = self.directory

    def generate_output(self, writer):
        directory, site = self.directory, self.directory.site
        render = partial(writer.write_file, context=self.context, relative_urls=self.settings["RELATIVE_URLS"])
        manifest, inputs = self.settings["CARE_DIRECTORY_MANIFEST"], self.settings["CARE_DIRECTORY_INPUTS"]

        def write(name: str, template, **context):
            """Render a page, or keep the published one when nothing it is made from has changed."""
            key = inputs.of_page(name, template.name, context)
            if key is None or not manifest.reuse(name, key):
                render(name, template, **context)

        page = self.get_template
        write("index.html", page("home"), page_path="")
        paginate = partial(self.write_pages, write, self.settings["BROWSE_PAGE_SIZE"])
        paginate("providers/", page("providers"), directory.providers)
        with Stage("Writing provider pages", len(directory.providers)) as progress:
            for provider in directory.providers:
                write(f"{provider.path}index.html", page("provider"), provider=provider, page_path=provider.path)
                review_path = f"{provider.path}review/"
                write(f"{review_path}index.html", page("review-form"), provider=provider, page_path=review_path)
                change_path = f"{provider.path}change/"
                write(f"{change_path}index.html", page("change-form"), provider=provider, page_path=change_path)
                if provider.reviews.count:
                    path = f"{provider.path}reviews/"
                    write(f"{path}index.html", page("reviews"), provider=provider, page_path=path)
                progress.step()
        write("services/index.html", page("services"), page_path="services/")
        for service in site.vocabulary.services.values():
            paginate(f"services/{service.id}/", page("service"), directory.by_service[service.id], service=service)
        write("areas/index.html", page("areas"), page_path="areas/")
        for district_id, name in site.districts.items():
            path = f"areas/{district_id}/"
            area = {"district_id": district_id, "district_name": name}
            paginate(path, page("area"), directory.by_district[district_id], **area)
            # Each service in each area: residents without JavaScript narrow by both.
            for service_id, providers in directory.services_in(district_id).items():
                service = site.vocabulary.services[service_id]
                paginate(f"{path}{service_id}/", page("area-service"), providers, service=service, **area)
            # Booklets are printed, so their parts are longer than browse pages.
            booklet = partial(self.write_pages, write, self.settings["BROWSE_PAGE_SIZE"] * 4)
            booklet(f"{path}print/", page("booklet"), directory.by_district[district_id], **area)
        write("guides/index.html", page("guides"), page_path="guides/")
        write("search/index.html", page("search"), page_path="search/")
        write("shortlist/index.html", page("shortlist"), page_path="shortlist/")
        write("open-data/index.html", page("open-data"), page_path="open-data/")
        write(f"{SENT_PAGE}index.html", page("form-sent"), page_path=SENT_PAGE)
        write("apply/index.html", page("apply"), page_path="apply/")
        write("404.html", page("404"), page_path="404.html")

    @staticmethod
    def write_pages(write, size: int, path: str, template, providers: list, **context):
        """A browse list in pages of `size`: path/, path/page/2/, ... with links between them."""
        total = max(1, -(-len(providers) // size))
        path_of = lambda n: path if n == 1 else f"{path}page/{n}/"  # noqa: E731
        for number in range(1, total + 1):
            pages = {
                "number": number,
                "total": total,
                "count": len(providers),
                "previous": path_of(number - 1) if number > 1 else None,
                "next": path_of(number + 1) if number < total else None,
                "links": [(n, path_of(n)) if n else None for n in page_links(number, total)],
            }
            chunk = providers[(number - 1) * size : number * size]
            write(
                f"{path_of(number)}index.html",
                template,
                providers=chunk,
                pages=pages,
                page_path=path_of(number),
                **context,
            )


def page_links(current: int, total: int) -> list[int | None]:
    """Page numbers to link: the first, the last and those next to the current one; None marks a gap."""
    shown = sorted({1, total, current - 1, current, current + 1} & set(range(1, total + 1)))
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def _add_generator(pelican_object):
    return DirectoryGenerator


def register():
    """Called by Pelican when the plugin is listed in PLUGINS."""
    signals.get_generators.connect(_add_generator)
