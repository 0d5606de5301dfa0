"""Build the files the search page fetches: a lunr index, provider facts, locations.

- search/index.json: a lunr 2.3.9 index built with the Python `lunr`
  package, loaded in the browser by lunr.js 2.3.9. Refs are positions in
  the provider list, to keep the index small.
- search/providers.json: `groups` (service group id -> service ids),
  `districts` (district id -> name), `labels` (service id -> label) and
  `providers`, one record per published provider in ref order with the facts
  the filters and result list need, under the short keys declared in
  care_directory/model/search_record.json (the contract the scripts import).
- search/details.json: what only the shortlist comparison needs, in the
  same order, under the same contract's `details` keys. Kept apart so the
  search page stays light.
- search/location.json, search/places.json and search/postcodes/*.json:
  see location_files.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from lunr.builder import Builder
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from care_directory.model.directory import Directory
from care_directory.model.provider import details_record, search_record
from care_directory.outputs.location_files import write_location_files
from care_directory.progress import Stage

# Field boosts: a match on the name ranks above one on services, then
# places and languages, then the summary. The description is left out: it
# would double the index (196 KB gzip instead of 125 KB at 1,000 listings,
# see bench/README.md) for words the summary and services mostly carry.
INDEX_FIELDS = [("name", 10), ("services", 5), ("places", 3), ("summary", 1)]


def search_documents(directory: Directory) -> list[dict]:
    """One lunr document per published provider; every field present, '' when empty."""
    services = directory.site.vocabulary.services
    documents = []
    for ref, provider in enumerate(directory.providers):
        service_words = [services[s].label for s in provider.service_ids]
        service_words += [word for s in provider.service_ids for word in services[s].synonyms]
        service_words += [entry.group.label for entry in provider.service_groups]
        places = [
            provider.town,
            provider.base_postcode_district,
            *provider.districts,
            *provider.postcodes,
            *provider.languages,
        ]
        documents.append(
            {
                "ref": str(ref),
                "name": provider.name,
                "services": " ".join(service_words),
                "places": " ".join(places),
                "summary": provider.summary,
            }
        )
    return documents


class LunrJsPorterStemmer(PorterStemmer):
    """Python lunr's Porter stemmer, changed where lunr.js 2.3.9's differs.

    The index must hold the stems lunr.js makes of the words residents type,
    or a keyword that every word must match never matches: Python lunr stems
    "days" to "dai", lunr.js to "day".
    """

    def step1c(self):
        # lunr.js turns a final y into i only after a consonant with a letter before it ("try" -> "tri").
        if self.ends("y") and self.k - 1 > self.k0 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_STEMMER = LunrJsPorterStemmer()


def stem_as_lunr_js(token, i=None, tokens=None):
    """The pipeline step lunr.js loads as "stemmer" (its own), so only the build uses this one."""
    return token.update(_STEMMER.stem)


stem_as_lunr_js.label = "stemmer"


def build_index(documents: list[dict]) -> dict:
    """The serialised lunr index over the documents."""
    if not documents:
        # lunr cannot build over nothing (it averages field lengths); an
        # empty directory still needs an index lunr.js can load.
        return {
            "version": "2.3.9",
            "fields": [name for name, _ in INDEX_FIELDS],
            "fieldVectors": [],
            "invertedIndex": [],
            "pipeline": ["stemmer"],
        }
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stem_as_lunr_js)
    builder.search_pipeline.add(stem_as_lunr_js)
    builder.ref("ref")
    for name, boost in INDEX_FIELDS:
        builder.field(name, boost=boost)
    for document in documents:
        builder.add(document)
    return builder.build().serialize()


def provider_records(directory: Directory) -> dict:
    """Facts for filters and results, in the same order as the index refs."""
    groups = {g.id: [s.id for s in g.services] for g in directory.site.vocabulary.groups}
    labels = {s.id: s.label for s in directory.site.vocabulary.services.values()}
    providers = [search_record(p) for p in directory.providers]
    return {"groups": groups, "districts": directory.site.districts, "labels": labels, "providers": providers}


def comparison_details(directory: Directory) -> list[dict]:
    """What the shortlist compares beyond the search facts, in the same order."""
    return [details_record(p) for p in directory.providers]


def write_search_files(directory: Directory, destination: Path) -> None:
    """Write the search folder: index.json, providers.json, details.json and the location files."""
    folder = destination / "search"
    folder.mkdir(parents=True, exist_ok=True)
    with Stage("Building the search index", len(directory.providers)) as progress:
        index = build_index(search_documents(directory))
        progress.step(len(directory.providers))
    files = {
        "index.json": index,
        "providers.json": provider_records(directory),
        "details.json": comparison_details(directory),
    }
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    write_location_files(directory, folder)
