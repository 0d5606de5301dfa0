"""How bench/browser_bench.py counts what a search page fetched (the browser runs are the benchmark's, not tests)."""

import gzip

from bench.browser_bench import Fetched, byte_table, part_of, served_file, transfer_size

JSON = b'{"providers": [' + b'{"name": "Willow Care"}, ' * 200 + b"{}]}"
WASM = b"\0asm\x01\0\0\0" + bytes(100)


def fetched(path, resource_type, body=b"x"):
    return Fetched(f"http://127.0.0.1:8000{path}", resource_type, body)


def test_a_plain_file_counts_as_a_host_would_send_it_gzip_compressed():
    assert transfer_size(JSON) == len(gzip.compress(JSON, compresslevel=9))
    assert transfer_size(JSON) < len(JSON) / 10


def test_a_file_that_is_gzip_already_counts_as_it_is():
    compressed = gzip.compress(JSON)
    assert transfer_size(compressed) == len(compressed)


def test_the_page_its_styles_fonts_and_icons_are_the_page():
    for path, resource_type in [
        ("/search/?q=cleaning", "document"),
        ("/assets/site.css", "stylesheet"),
        ("/assets/font.woff2", "font"),
        ("/assets/favicon.png", "other"),
    ]:
        assert part_of(fetched(path, resource_type)) == "page", path


def test_code_is_scripts_however_it_was_loaded():
    assert part_of(fetched("/assets/search-page.js", "script")) == "scripts"
    assert part_of(fetched("/pagefind/pagefind-worker.js", "other")) == "scripts"
    assert part_of(fetched("/assets/app.wasm", "fetch", WASM)) == "scripts"
    # Pagefind fetches its WebAssembly gzip-compressed, behind its own signature.
    pagefind_wasm = gzip.compress(b"pagefind_dcd" + WASM)
    assert part_of(fetched("/pagefind/wasm.en.pagefind", "fetch", pagefind_wasm)) == "scripts"


def test_everything_else_fetched_is_search_data():
    assert part_of(fetched("/search/index.json", "fetch", JSON)) == "data"
    assert part_of(fetched("/pagefind/index/en_1.pf_index", "fetch", gzip.compress(b"pagefind_dcd index"))) == "data"
    assert part_of(fetched("/search/old.json", "xhr", JSON)) == "data"


def test_the_table_adds_each_part_and_counts_the_files():
    page = fetched("/search/", "document", b"<!doctype html><title>Find</title>")
    script = fetched("/assets/search-page.js", "script", b"console.log(1);")
    data = fetched("/search/providers.json", "fetch", JSON)
    table = byte_table([page, script, data, data])
    assert table == {
        "page": transfer_size(page.body),
        "scripts": transfer_size(script.body),
        "data": 2 * transfer_size(JSON),
        "total": transfer_size(page.body) + transfer_size(script.body) + 2 * transfer_size(JSON),
        "files": 4,
    }


def test_a_fetched_address_is_read_from_the_file_the_local_server_sends(tmp_path):
    assert served_file(tmp_path, "http://127.0.0.1:8000/search/?q=shopping%20ely") == tmp_path / "search" / "index.html"
    assert served_file(tmp_path, "http://127.0.0.1:8000/") == tmp_path / "index.html"
    assert served_file(tmp_path, "http://127.0.0.1:8000/pagefind/pagefind-entry.json?ts=1") == (
        tmp_path / "pagefind" / "pagefind-entry.json"
    )
    assert served_file(tmp_path, "http://127.0.0.1:8000/providers/willow%20care.json") == (
        tmp_path / "providers" / "willow care.json"
    )
