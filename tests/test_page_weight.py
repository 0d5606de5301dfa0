"""Page weight budgets for residents on old phones and slow connections (gzip sizes)."""

import gzip

from bs4 import BeautifulSoup


def gzip_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_a_provider_page_is_under_30_kb_with_its_stylesheet_and_needs_no_script(sample_output):
    for page in sorted((sample_output / "providers").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        stylesheets = [sample_output / link["href"].lstrip("/") for link in soup.find_all("link", rel="stylesheet")]
        total = gzip_size(page) + sum(gzip_size(css) for css in stylesheets)
        assert total < 30 * 1024, (page, total)
        # Its one script only adds the optional shortlist button.
        assert [s["src"] for s in soup.find_all("script", src=True)] == ["/assets/shortlist.js"]


def test_the_search_page_transfers_well_under_100_kb_before_the_index(sample_output):
    soup = BeautifulSoup((sample_output / "search" / "index.html").read_text(encoding="utf-8"), "html.parser")
    files = [sample_output / "search" / "index.html"]
    files += [sample_output / link["href"].lstrip("/") for link in soup.find_all("link", rel="stylesheet")]
    files += [sample_output / script["src"].lstrip("/") for script in soup.find_all("script", src=True)]
    files += [sample_output / "search" / "providers.json", sample_output / "search" / "postcodes.json"]
    total = sum(gzip_size(f) for f in files)
    assert total < 100 * 1024, total
