"""Page weight budgets for residents on old phones and slow connections (gzip sizes)."""

import gzip

from bs4 import BeautifulSoup

from care_directory.gate.built_site import page_scripts


def gzip_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_a_provider_page_is_under_30_kb_with_its_stylesheet_and_needs_no_script(sample_output):
    for page in sorted((sample_output / "providers").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        stylesheets = [sample_output / link["href"].lstrip("/") for link in soup.find_all("link", rel="stylesheet")]
        total = gzip_size(page) + sum(gzip_size(css) for css in stylesheets)
        assert total < 30 * 1024, (page, total)
        # Its scripts only add the optional shortlist button and "Back to your results".
        scripts = [s["src"] for s in soup.find_all("script", src=True)]
        assert scripts == ["/assets/shortlist.js", "/assets/back-to-results.js"]


def scripts_of(output, soup) -> set:
    return page_scripts(output, str(soup))


def test_the_module_scripts_and_their_imports_are_all_counted(sample_output):
    soup = BeautifulSoup((sample_output / "search" / "index.html").read_text(encoding="utf-8"), "html.parser")
    names = {path.name for path in scripts_of(sample_output, soup)}
    assert {"search-page.js", "search-core.js", "record.js", "search-record.json", "helpers.js"} <= names


def test_the_search_page_transfers_well_under_100_kb_before_the_index(sample_output):
    soup = BeautifulSoup((sample_output / "search" / "index.html").read_text(encoding="utf-8"), "html.parser")
    files = [sample_output / "search" / "index.html"]
    files += [sample_output / link["href"].lstrip("/") for link in soup.find_all("link", rel="stylesheet")]
    files += sorted(scripts_of(sample_output, soup))
    files += [sample_output / "search" / name for name in ("manifest.json", "filters.json", "location.json")]
    total = sum(gzip_size(f) for f in files)
    assert total < 100 * 1024, total
