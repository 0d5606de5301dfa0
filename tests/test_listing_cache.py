"""Rebuilds reuse loaded listings, a cached build is identical to a clean one, and no cache is trusted from the
repository."""

import dataclasses
import json
import subprocess

import pytest

from care_directory.listings import cache as listing_cache
from care_directory.listings import loader as listings_module
from care_directory.listings.loader import load_listings
from care_directory.listings.validation import BuildError
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
    monkeypatch.setenv("CARE_DIRECTORY_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "site"
    for name in ("one", "two", "three"):
        write_listing(
            root, name, (FIXTURES / "valid-listing.yaml").read_text().replace("Tidy Homes", f"Tidy Homes {name}")
        )
    council = dataclasses.replace(site, root=root)
    load_listings(council)
    loaded = []
    real = listings_module.listing_from_bytes

    def checking(s, file, name, data):
        loaded.append(name.removesuffix(".yaml"))
        return real(s, file, name, data)

    monkeypatch.setattr(listings_module, "listing_from_bytes", checking)
    (root / "content" / "providers" / "two.yaml").write_text(
        (root / "content" / "providers" / "two.yaml").read_text().replace("Tidy Homes two", "Tidy Homes 2")
    )
    found, problems = load_listings(council)
    assert loaded == ["two"]
    assert problems == [] and [listing.data["name"] for listing in found] == [
        "Tidy Homes one",
        "Tidy Homes three",
        "Tidy Homes 2",
    ]


def test_a_cached_file_with_problems_still_reports_them(site, tmp_path):
    write_listing(tmp_path, "broken", "name: x\n")
    council = dataclasses.replace(site, root=tmp_path)
    first = load_listings(council)[1]
    assert first and load_listings(council)[1] == first


def test_loading_on_several_cores_gives_the_same_result_as_one(site, monkeypatch):
    serial = load_listings(site, use_cache=False)
    monkeypatch.setattr(listings_module, "PARALLEL_FROM", 2)
    parallel = load_listings(site, use_cache=False)
    assert [(listing.slug, listing.data, listing.description_html) for listing in parallel[0]] == [
        (listing.slug, listing.data, listing.description_html) for listing in serial[0]
    ]
    assert parallel[1] == serial[1]


def test_the_cache_is_outside_the_checkout_by_default(monkeypatch, tmp_path, site):
    monkeypatch.delenv("CARE_DIRECTORY_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    assert listing_cache.cache_folder(site).is_relative_to(tmp_path / "user-cache" / "care-directory")


def test_cache_entries_are_json_data_and_a_damaged_one_is_loaded_again(site, tmp_path, monkeypatch):
    monkeypatch.setenv("CARE_DIRECTORY_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "site"
    write_listing(root, "tidy-homes", (FIXTURES / "valid-listing.yaml").read_text())
    council = dataclasses.replace(site, root=root)
    first, _ = load_listings(council)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    assert json.loads(entry.read_text())["listing"]["slug"] == "tidy-homes"
    entry.write_bytes(b"\x80\x04 not json")  # a pickle, say
    again, problems = load_listings(council)
    assert problems == [] and again[0].data == first[0].data


def test_an_unwritable_cache_warns_and_the_build_goes_on(site, tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CARE_DIRECTORY_CACHE", str(blocked))
    root = tmp_path / "site"
    write_listing(root, "tidy-homes", (FIXTURES / "valid-listing.yaml").read_text())
    found, problems = load_listings(dataclasses.replace(site, root=root))
    assert problems == [] and [listing.slug for listing in found] == ["tidy-homes"]
    assert "cannot write the build cache" in capsys.readouterr().err


def test_a_build_refuses_cache_files_committed_to_the_repository(site, tmp_path):
    root = tmp_path / "site"
    write_listing(root, "tidy-homes", (FIXTURES / "valid-listing.yaml").read_text())
    planted = root / ".cache" / "listings" / "ab" / "planted.json"
    planted.parent.mkdir(parents=True)
    planted.write_text("{}")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-f", ".cache"], check=True)
    with pytest.raises(
        BuildError, match=r"cache files are committed to the repository \(.cache/listings/ab/planted.json\)"
    ):
        publish(dataclasses.replace(site, root=root), tmp_path / "output", BUILD_DATE)
    assert not (tmp_path / "output").exists()
