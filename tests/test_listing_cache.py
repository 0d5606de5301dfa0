"""Rebuilds reuse loaded listings, and a cached build is identical to a clean one."""

import dataclasses

from care_directory.listings import cache as listing_cache
from care_directory.listings import loader as listings_module
from care_directory.listings.loader import load_listings
from care_directory.pipeline import publish
from conftest import BUILD_DATE, FIXTURES, write_listing


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cached_build_is_byte_for_byte_the_same_as_a_clean_one(site, tmp_path):
    publish(site, tmp_path / "warm-up", BUILD_DATE)
    publish(site, tmp_path / "clean", BUILD_DATE, use_cache=False)
    publish(site, tmp_path / "cached", BUILD_DATE)
    clean, cached = tree(tmp_path / "clean"), tree(tmp_path / "cached")
    assert clean.keys() == cached.keys()
    assert [name for name in clean if clean[name] != cached[name]] == []


def test_only_changed_files_are_read_again(site, tmp_path, monkeypatch):
    monkeypatch.setattr(listing_cache, "CACHE_ROOT", tmp_path / "cache")
    root = tmp_path / "site"
    for name in ("one", "two", "three"):
        write_listing(root, name, (FIXTURES / "valid-listing.yaml").read_text().replace("Tidy Homes", f"Tidy Homes {name}"))
    council = dataclasses.replace(site, root=root)
    load_listings(council)
    loaded = []
    real = listings_module.load_listing
    monkeypatch.setattr(listings_module, "load_listing", lambda s, path: loaded.append(path.stem) or real(s, path))
    (root / "content" / "providers" / "two.yaml").write_text((root / "content" / "providers" / "two.yaml").read_text().replace("Tidy Homes two", "Tidy Homes 2"))
    found, problems = load_listings(council)
    assert loaded == ["two"]
    assert problems == [] and [l.data["name"] for l in found] == ["Tidy Homes one", "Tidy Homes three", "Tidy Homes 2"]


def test_a_cached_file_with_problems_still_reports_them(site, tmp_path):
    write_listing(tmp_path, "broken", "name: x\n")
    council = dataclasses.replace(site, root=tmp_path)
    first = load_listings(council)[1]
    assert first and load_listings(council)[1] == first


def test_loading_on_several_cores_gives_the_same_result_as_one(site, monkeypatch):
    serial = load_listings(site, use_cache=False)
    monkeypatch.setattr(listings_module, "PARALLEL_FROM", 2)
    parallel = load_listings(site, use_cache=False)
    assert [(l.slug, l.data, l.description_html) for l in parallel[0]] == [(l.slug, l.data, l.description_html) for l in serial[0]]
    assert parallel[1] == serial[1]
