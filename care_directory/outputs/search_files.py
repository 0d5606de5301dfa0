"""Build the files the search page fetches, each only when a search needs it.

- search/manifest.json: the keyword index's manifest (documents, fields,
  shards; see keyword_index.py), `cards_per_file` and `first_drawn` (how
  many results the page draws before fetching the rest of a batch). Tiny;
  fetched first.
- search/keywords/<shard>.json: the keyword index's shards, each with the
  cards of its terms' first_drawn best-scoring providers, so a one-word
  search fetches no card file before its first results show.
- search/cards/<n>.json: {"cards": what a result shows (the contract's
  `card_keys`) for refs n * cards_per_file onwards}, so a page of results
  fetches only the cards it lists.
- search/filters.json: what filtering, coverage and ordering read (the
  contract's `filter_keys`) for every provider in ref order, compactly (see
  filter_table()); fetched only for a search with filters, a location or an
  order to apply.
- search/words.json: [word, count] for the words of names, summaries, towns
  and service labels, in first-seen order; fetched only to correct a typo.
- search/shortlist.json: `labels` (service id -> label), `districts`
  (district id -> name) and `shards`; search/shortlist/<shard>.json: {slug:
  the provider's whole record with its details (what only the comparison
  needs)} for the slugs whose FNV-1a hash falls in that shard. The
  shortlist page fetches the shards of the providers on the shortlist.
- search/location.json, search/places.json and search/postcodes/*.json:
  see location_files.py.

Files of a few providers (cards, shortlist shards) are made again only
when one of their providers changed, and the location files only when the
postcode districts served did (the manifest knows what each was made from).

Refs are positions in the provider list. The manifest and every file that
holds refs (the shards, card files and filter table) carry `numbering`, a
digest of the providers' slugs in ref order: a page open while the site
was rebuilt with a listing added, removed or renamed must not mix files
from both builds (search-plan.js checks it). The short keys are declared
in care_directory/model/search_record.json, the contract the scripts import.
"""

from __future__ import annotations

import hashlib
import re
from functools import partial
from pathlib import Path

from care_directory.model.directory import Directory
from care_directory.model.provider import SEARCH_RECORD, Provider, details_record, search_record
from care_directory.outputs.build_manifest import BuildManifest
from care_directory.outputs.json_files import Keyed, write_json_files
from care_directory.outputs.keyword_index import (
    KeywordIndex,
    build_keyword_index,
    search_documents,
    shard_count,
    shard_of,
)
from care_directory.outputs.location_files import location_files, served_outcodes
from care_directory.outputs.render_inputs import RenderInputs
from care_directory.progress import Stage

# Cards in one file: a page of results spread through a national directory
# fetches one small file per result or so, never the whole directory.
CARDS_PER_FILE = 8
# Results the search page draws as soon as their cards come (about a
# screenful), before the rest of the first batch: each shard carries these
# for its terms.
FIRST_DRAWN = 5
FILTER_KEYS = tuple(SEARCH_RECORD["filter_keys"])
CARD_KEYS = tuple(SEARCH_RECORD["card_keys"])


def shortlist_files(directory: Directory, records: list[dict], inputs: RenderInputs) -> dict[str, object]:
    """search/shortlist.json and its shards: each provider's whole record and details, found by slug."""
    shards = shard_count(len(records))
    files: dict[str, object] = {
        "shortlist.json": {
            "labels": {s.id: s.label for s in directory.site.vocabulary.services.values()},
            "districts": directory.site.districts,
            "shards": shards,
        }
    }
    by_shard: dict[int, list[tuple[dict, Provider]]] = {shard: [] for shard in range(shards)}
    for record, provider in zip(records, directory.providers, strict=True):
        by_shard[shard_of(provider.slug, shards)].append((record, provider))

    def shard_file(members: list[tuple[dict, Provider]]) -> dict:
        return {provider.slug: {**record, **details_record(provider)} for record, provider in members}

    for shard, members in by_shard.items():
        made_from = inputs.of_providers([provider.slug for _, provider in members], "shortlist")
        files[f"shortlist/{shard}.json"] = Keyed(made_from, partial(shard_file, members))
    return files


def card_files(directory: Directory, cards: list[dict], numbered: str, inputs: RenderInputs) -> dict[str, object]:
    """search/cards/<n>.json: the cards of refs n * CARDS_PER_FILE onwards, with the numbering."""
    files: dict[str, object] = {}
    for start in range(0, len(cards), CARDS_PER_FILE):
        end = start + CARDS_PER_FILE
        slugs = [provider.slug for provider in directory.providers[start:end]]
        files[f"cards/{start // CARDS_PER_FILE}.json"] = Keyed(
            inputs.of_providers(slugs, "cards", numbered), partial(dict, cards=cards[start:end], numbering=numbered)
        )
    return files


def filter_table(records: list[dict]) -> dict:
    """The filter keys of each record, with every string written once.

    {"keys": the filter keys, "values": {key: [its strings]}, "rows": one
    list per record, a value for each key in order, where a string (alone
    or in a list) is its position in values[key]}. record.js's
    filterRecords() turns it back into records.
    """
    positions: dict[str, dict[str, int]] = {}

    def coded(key: str, value):
        if isinstance(value, list):
            return [coded(key, item) for item in value]
        if isinstance(value, str):
            known = positions.setdefault(key, {})
            return known.setdefault(value, len(known))
        return value

    rows = [[coded(key, record[key]) for key in FILTER_KEYS] for record in records]
    return {"keys": list(FILTER_KEYS), "values": {key: list(known) for key, known in positions.items()}, "rows": rows}


def numbering(directory: Directory) -> str:
    """A short digest of the providers' slugs in ref order: it changes when a listing is added, removed or
    renamed (which moves refs), not when one is edited."""
    slugs = "\n".join(provider.slug for provider in directory.providers)
    return hashlib.sha256(slugs.encode("utf-8")).hexdigest()[:16]


def keyword_files(index: KeywordIndex, cards: list[dict], numbered: str) -> dict[str, object]:
    """The keyword index's files by name below search/: the manifest (with cards_per_file, first_drawn and
    numbering) and the shards, each {"terms": its postings, "cards": {ref: card} for index.best, "numbering"}.
    cards: each ref's card; numbered: numbering()."""
    manifest = {**index.manifest, "cards_per_file": CARDS_PER_FILE, "first_drawn": FIRST_DRAWN, "numbering": numbered}
    files: dict[str, object] = {"manifest.json": manifest}
    for shard, postings in index.shards.items():
        files[f"keywords/{shard}.json"] = {
            "terms": postings,
            "cards": {str(ref): cards[ref] for ref in sorted(index.best[shard])},
            "numbering": numbered,
        }
    return files


def word_counts(directory: Directory) -> list[list]:
    """[word, count] for each lower-case word of the service labels, names, summaries and towns, first seen first."""
    texts = [service.label for service in directory.site.vocabulary.services.values()]
    texts += [text for p in directory.providers for text in (p.name, p.summary, p.town)]
    counts: dict[str, int] = {}
    for word in re.findall("[a-z]+", " ".join(texts).lower()):
        counts[word] = counts.get(word, 0) + 1
    return [[word, count] for word, count in counts.items()]


def write_search_files(directory: Directory, destination: Path, manifest: BuildManifest, inputs: RenderInputs) -> None:
    """Write the search folder: the files listed above (those the published site has already are kept)."""
    with Stage("Building the search index", len(directory.providers)) as progress:
        index = build_keyword_index(search_documents(directory), FIRST_DRAWN)
        progress.step(len(directory.providers))
    records = [search_record(provider) for provider in directory.providers]
    cards = [{key: record[key] for key in CARD_KEYS} for record in records]
    numbered = numbering(directory)
    files = {
        "filters.json": {**filter_table(records), "numbering": numbered},
        "words.json": word_counts(directory),
    }
    files.update(keyword_files(index, cards, numbered))
    files.update(shortlist_files(directory, records, inputs))
    files.update(card_files(directory, cards, numbered, inputs))
    located = inputs.of_site("location files", *sorted(served_outcodes(directory)))
    if not manifest.reuse_all(located):
        # Recorded as made from `located`, so that the next build finds them.
        files.update({name: Keyed(located, lambda data=data: data) for name, data in location_files(directory).items()})
    write_json_files(destination, {f"search/{name}": data for name, data in files.items()}, manifest)
