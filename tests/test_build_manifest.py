"""A rebuild renders only what changed, rewrites only files whose bytes change, and is byte-for-byte a clean build.

Each test builds a copy of the sample site into a folder, changes something,
builds again, and compares the result with a clean build (no cache, no
manifest) of the same input. A file is "rewritten" when the folder holds a
new file at that path rather than the previous build's (a different inode).
"""

import hashlib
import json
import os
import shutil

import pytest

from care_directory import pipeline
from care_directory.config import load_site
from care_directory.listings.validation import BuildError
from care_directory.outputs import build_manifest
from care_directory.outputs.keyword_index import lunr_terms, shard_of, words
from care_directory.outputs.theme_assets import THEME_DIR
from care_directory.pipeline import publish
from conftest import BUILD_DATE, SAMPLE_SITE, search_records

CHANGED = "bright-days-home-support"

pytestmark = pytest.mark.usefixtures("forking")  # search files written alongside the pages, as builds do


@pytest.fixture
def council(tmp_path, monkeypatch):
    """A copy of the sample site, with its own cache folder."""
    monkeypatch.setenv("CARE_DIRECTORY_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    return root


def build(root, output):
    publish(load_site(root), output, BUILD_DATE)


@pytest.fixture(params=["first rebuild", "rebuild in the spare"])
def published(request, council, tmp_path):
    """The sample site built into tmp_path/output: once, or twice, so that the next build assembles its site
    in the spare (the site before the published one) rather than in a new folder."""
    output = tmp_path / "output"
    build(council, output)
    if request.param == "rebuild in the spare":
        build(council, output)
        assert spare_of(output).is_dir()
    return output


def spare_of(output):
    return output.with_name(f".{output.name}-spare")


def clean_build(root, output):
    publish(load_site(root), output, BUILD_DATE, use_cache=False)


# The services the changed listing offers.
SERVICES = ("cooking", "dressing", "keeping-well", "washing-and-bathing")


def files(folder) -> dict:
    """Every file of a built site: path -> (inode, bytes)."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rewritten(before: dict, after: dict) -> set[str]:
    return {name for name, (inode, _) in after.items() if name not in before or before[name][0] != inode}


def assert_same_as_clean(root, output, tmp_path):
    clean_build(root, tmp_path / "clean")
    built, clean = files(output), files(tmp_path / "clean")
    assert built.keys() == clean.keys()
    assert [name for name in built if built[name][1] != clean[name][1]] == []


def shards_carrying(built: dict, ref: int) -> set[str]:
    """The keyword shards of a built site (files()) that carry the result card of ref."""
    return {
        name
        for name, (_, data) in built.items()
        if name.startswith("search/keywords/") and str(ref) in json.loads(data)["cards"]
    }


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_one_listing_edit_rewrites_exactly_the_files_that_show_it(council, published, tmp_path):
    output = published
    before = files(output)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    build(council, output)
    open_data = json.loads((output / "open-data" / "services.json").read_text())
    [service] = [s for s in open_data["contents"] if s["name"] == "Bright Days Home Support"]
    service_id = service["id"]
    search = json.loads((output / "search" / "manifest.json").read_text())
    slugs = [record["k"] for record in search_records(output)]
    shortlist = json.loads((output / "search" / "shortlist.json").read_text())
    # every word of its summary, old and new: each posting carries the summary's length
    summary_words = words(f"Changed. {service['description']}")
    summary_terms = {term for term in lunr_terms(summary_words).values() if term is not None}
    after = files(output)
    ref = slugs.index(CHANGED)
    assert rewritten(before, after) == {
        # its own page and open-data file
        f"providers/{CHANGED}/index.html",
        f"open-data/services/{service_id}.json",
        # the browse pages that show its summary: the A-Z, its services, its areas and their booklets
        "providers/index.html",
        *(f"services/{service}/index.html" for service in SERVICES),
        "areas/cambridge/index.html",
        "areas/cambridge/print/index.html",
        "areas/south-cambridgeshire/index.html",
        "areas/south-cambridgeshire/print/index.html",
        # each of its services in each of its areas
        *(
            f"areas/{area}/{service}/index.html"
            for area in ("cambridge", "south-cambridgeshire")
            for service in SERVICES
        ),
        # the files that hold every provider's summary
        "open-data/services.json",
        "open-data/providers.csv",
        "feed.xml",
        # the search files that hold its summary, or numbers that count its words
        "search/manifest.json",
        "search/words.json",
        f"search/cards/{ref // search['cards_per_file']}.json",
        f"search/shortlist/{shard_of(CHANGED, shortlist['shards'])}.json",
        *(f"search/keywords/{shard_of(term, search['shards'])}.json" for term in summary_terms),
        # the shards that carry its card, as one of their words' best results
        *shards_carrying(before, ref),
        *shards_carrying(after, ref),
    }
    assert_same_as_clean(council, output, tmp_path)


def test_a_rebuild_with_nothing_changed_rewrites_nothing(council, published, tmp_path):
    output = published
    before = files(output)
    build(council, output)
    assert rewritten(before, files(output)) == set()


def test_after_a_listing_is_removed_the_rebuild_is_a_clean_build(council, published, tmp_path):
    output = published
    (council / "content" / "providers" / f"{CHANGED}.yaml").unlink()
    shutil.rmtree(council / "content" / "reviews" / CHANGED)  # its reviews go with it, or check refuses them
    build(council, output)
    assert not (output / "providers" / CHANGED).exists()
    assert_same_as_clean(council, output, tmp_path)


def test_after_the_last_listing_is_removed_every_card_file_carries_the_new_numbering(council, published, tmp_path):
    output = published
    last = [record["k"] for record in search_records(output)][-1]  # the others keep their refs and cards
    (council / "content" / "providers" / f"{last}.yaml").unlink()
    shutil.rmtree(council / "content" / "reviews" / last, ignore_errors=True)
    build(council, output)
    numbering = json.loads((output / "search" / "manifest.json").read_text())["numbering"]
    assert {json.loads(p.read_text())["numbering"] for p in (output / "search" / "cards").iterdir()} == {numbering}
    assert_same_as_clean(council, output, tmp_path)


def test_after_a_config_change_the_rebuild_is_a_clean_build(council, published, tmp_path):
    output = published
    edit(council / "config" / "site.yaml", "browse_page_size: 50", "browse_page_size: 10")
    build(council, output)
    assert (output / "providers" / "page" / "2" / "index.html").is_file()
    assert_same_as_clean(council, output, tmp_path)


def test_after_a_template_change_the_rebuild_is_a_clean_build(council, published, tmp_path, monkeypatch):
    output = published
    theme = tmp_path / "theme"
    shutil.copytree(THEME_DIR, theme)
    edit(theme / "templates" / "provider.html", "{% endblock %}", "<!-- a new template -->{% endblock %}")
    for module in ("care_directory.outputs.render_inputs", "care_directory.pelican_site.settings"):
        monkeypatch.setattr(f"{module}.THEME_DIR", theme)
    build(council, output)
    assert "a new template" in (output / "providers" / CHANGED / "index.html").read_text()
    assert_same_as_clean(council, output, tmp_path)


def test_a_published_file_changed_since_its_build_is_rendered_again(council, published, tmp_path):
    output = published
    page = output / "providers" / CHANGED / "index.html"
    page.write_text("tampered", encoding="utf-8")
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


@pytest.mark.parametrize(
    "manifest",
    [
        b"not json",
        b'{"version": 1, "files": []}',
        b'{"version": 1, "files": {"providers/index.html": ["x"]}}',
        b'{"version": 999, "files": {}}',
    ],
)
def test_a_damaged_manifest_just_means_a_full_render(council, published, tmp_path, manifest):
    output = published
    build_manifest.manifest_path(output).write_bytes(manifest)
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


def test_the_manifest_is_kept_in_the_cache_folder_outside_the_site(council, published, tmp_path):
    output = published
    assert build_manifest.manifest_path(output).is_relative_to(tmp_path / "cache")
    assert not any(p.name == build_manifest.manifest_path(output).name for p in output.rglob("*"))


def test_after_a_review_changes_the_rebuild_is_a_clean_build(council, published, tmp_path):
    output = published
    edit(council / "content" / "reviews" / CHANGED / "2026-03-08-helen.yaml", "rating: 4", "rating: 1")
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


def test_the_spare_is_checked_not_trusted(council, tmp_path):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)
    spare, outside = spare_of(output), tmp_path / "outside"
    outside.mkdir()
    (spare / "planted.html").write_text("planted", encoding="utf-8")
    (spare / "providers" / "linked").symlink_to(outside, target_is_directory=True)
    page = spare / "providers" / CHANGED / "index.html"
    page.unlink()
    page.write_text("a file of its own, not the published one", encoding="utf-8")
    (spare / "services" / "index.html").unlink()
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    build(council, output)
    assert not (output / "planted.html").exists() and not (output / "providers" / "linked").exists()
    assert list(outside.iterdir()) == []
    assert_same_as_clean(council, output, tmp_path)


def test_a_rebuild_in_the_spare_leaves_no_folder_of_a_removed_listing(council, tmp_path):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)
    (council / "content" / "providers" / f"{CHANGED}.yaml").unlink()
    shutil.rmtree(council / "content" / "reviews" / CHANGED)
    build(council, output)
    clean_build(council, tmp_path / "clean")
    folders = lambda site: {p.relative_to(site) for p in site.rglob("*") if p.is_dir()}  # noqa: E731
    assert folders(output) == folders(tmp_path / "clean")


def test_a_full_disk_while_assembling_fails_the_build_and_leaves_the_published_site_as_it_was(
    council, tmp_path, monkeypatch
):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)
    before = files(output)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    placed = []

    def place_then_fail(source, target, folders):
        if len(placed) == 3:
            raise OSError(28, "No space left on device", target)
        placed.append(target)
        real_place(source, target, folders)

    real_place = build_manifest._place
    monkeypatch.setattr(build_manifest, "_place", place_then_fail)
    with pytest.raises(BuildError, match="No space left on device"):
        build(council, output)
    assert files(output) == before
    monkeypatch.setattr(build_manifest, "_place", real_place)
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


def test_a_full_disk_while_writing_the_search_files_fails_the_build_and_leaves_the_published_site_as_it_was(
    council, published, tmp_path, monkeypatch
):
    output = published
    before = files(output)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    real_put = build_manifest.BuildManifest.put

    def put_search_files_on_a_full_disk(manifest, destination, name, data):
        if name.startswith("search/"):  # written in the second process (care_directory.alongside)
            raise OSError(28, "No space left on device", str(destination / name))
        real_put(manifest, destination, name, data)

    monkeypatch.setattr(build_manifest.BuildManifest, "put", put_search_files_on_a_full_disk)
    with pytest.raises(BuildError, match="cannot write .*/search/.*: No space left on device"):
        build(council, output)
    assert files(output) == before
    monkeypatch.setattr(build_manifest.BuildManifest, "put", real_put)
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


def test_a_listing_based_in_a_new_postcode_district_gets_the_location_files_made_again(council, published, tmp_path):
    output = published
    before = files(output)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "postcode_district: CB4", "postcode_district: NR1")
    build(council, output)
    assert "search/postcodes/NR1.json" in rewritten(before, files(output))
    assert_same_as_clean(council, output, tmp_path)


def test_a_location_file_gone_before_the_manifest_is_saved_is_made_again_next_time(
    council, published, tmp_path, monkeypatch
):
    output = published
    save = build_manifest.BuildManifest.save

    def saving_once_a_file_has_gone(manifest):
        (output / "search" / "places.json").unlink()  # by a hand, or a sync tool, as the build ends
        save(manifest)

    monkeypatch.setattr(build_manifest.BuildManifest, "save", saving_once_a_file_has_gone)
    build(council, output)
    monkeypatch.setattr(build_manifest.BuildManifest, "save", save)
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)


def test_a_spare_that_cannot_be_changed_is_set_aside_and_the_build_goes_on(council, tmp_path, monkeypatch):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)

    def cannot_change(root, folders):
        raise PermissionError(1, "Operation not permitted", root)

    monkeypatch.setattr(build_manifest, "_set_folder_modes", cannot_change)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    build(council, output)
    assert_same_as_clean(council, output, tmp_path)
    assert spare_of(output).is_dir()  # the site just replaced, kept for the next build


def test_the_spares_folders_get_the_permissions_of_new_ones(council, tmp_path):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)
    (spare_of(output) / "providers").chmod(0o700)  # as a build under another umask, or a hand, leaves it
    spare_of(output).chmod(0o700)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    build(council, output)
    clean_build(council, tmp_path / "clean")
    mode = lambda path: path.stat().st_mode & 0o777  # noqa: E731
    assert mode(output) == mode(tmp_path / "clean") == 0o755
    assert mode(output / "providers") == mode(tmp_path / "clean" / "providers")


def test_something_other_than_a_folder_where_the_spare_goes_is_removed(council, tmp_path):
    output = tmp_path / "output"
    build(council, output)
    os.mkfifo(spare_of(output))  # a remover opening it would wait for ever
    build(council, output)
    assert spare_of(output).is_dir() and not spare_of(output).is_symlink()
    pipeline.finish_removals()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")] == [".output-spare"]


def test_a_search_or_open_data_file_is_kept_only_if_its_bytes_are_the_published_ones(council, tmp_path):
    output = tmp_path / "output"
    build(council, output)
    build(council, output)
    edit(council / "content" / "providers" / f"{CHANGED}.yaml", "summary: ", "summary: Changed. ")
    clean_build(council, tmp_path / "clean")
    # A manifest that claims the published file already has the new bytes is not believed.
    new = hashlib.sha256((tmp_path / "clean" / "search" / "words.json").read_bytes()).hexdigest()
    path = build_manifest.manifest_path(output)
    recorded = json.loads(path.read_text())
    recorded["files"]["search/words.json"][1] = new
    path.write_text(json.dumps(recorded))
    build(council, output)
    assert (output / "search" / "words.json").read_bytes() == (
        tmp_path / "clean" / "search" / "words.json"
    ).read_bytes()
