"""The keyword index, split by term so a search fetches only the shards of its words.

It ranks exactly as a lunr.js 2.3.9 index over the same documents would
(BM25 with lunr's k1 = 1.2 and b = 0.75, field boosts, scores rounded to
three decimals), but is stored so that neither the browser nor a rebuild
handles the whole of it:

- search/manifest.json: the number of documents, each field's boost and
  total length (lunr's average field length is total / documents) and the
  number of shards (search_files.py adds `cards_per_file`, `first_drawn`
  and `numbering`).
- search/keywords/<shard>.json: {"terms": {term: postings} for the terms
  whose FNV-1a hash falls in that shard, "cards": {ref: card}, "numbering"}
  (search_files.py adds the cards of each term's best-scoring providers,
  best_refs(), so a one-word search draws its first results with no further
  fetch, and the numbering of the refs). A term's
  postings are one flat list per field,
  [ref gap, term frequency, field length, ...], refs ascending, then where
  lunr first meets the term, [ref, field position, term position]; the
  browser computes lunr's idf and BM25 from them and the manifest
  (theme/static/keywords.js). Where lunr first meets a term is the order of
  lunr's term numbers, in which it adds up a field's score; adding in the
  same order gives the same floating-point sums, so equal scores stay equal.

An edit that keeps a listing's place in A to Z order changes the postings
of its own terms only: the manifest and a handful of shards are rewritten,
where a single lunr index changed throughout. A listing added, removed or
renamed moves the refs after it, so shards holding those refs change too.

The terms are lunr.js's own: the text is split on lunr's separators here,
and lunr.js (lunr_terms.js, run once a build for the distinct words) lower-
cases, trims, drops stop words and stems each word as lunr.Builder does.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from care_directory.model.directory import Directory
from care_directory.outputs.theme_assets import NODE_MODULES, AssetError

# Field boosts: a match on the name ranks above one on services, then
# places and languages, then the summary. The description is left out: it
# would double the index (196 KB gzip instead of 125 KB at 1,000 listings,
# see bench/README.md) for words the summary and services mostly carry.
INDEX_FIELDS = [("name", 10), ("services", 5), ("places", 3), ("summary", 1)]

# About this many keys share a shard on average (the keyword index's terms,
# the shortlist's providers): few enough that a page fetches little beyond
# what it needs, enough that a national directory does not become tens of
# thousands of tiny files.
KEYS_PER_SHARD = 8

# lunr's BM25 parameters (lunr.Builder's defaults), as theme/static/keywords.js scores with them.
_K1 = 1.2
_B = 0.75

# lunr.tokenizer.separator, /[\s\-]+/, with JavaScript's \s (which is not Python's).
_SEPARATORS = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")
LUNR_TERMS = Path(__file__).with_name("lunr_terms.js")


def words(text: str) -> list[str]:
    """The words of `text` as lunr.js's tokenizer splits it (before its lower case)."""
    return [word for word in _SEPARATORS.split(text) if word]


def lunr_terms(distinct_words: list[str]) -> dict[str, str | None]:
    """Each word's term as lunr.js 2.3.9 indexes it, or None when lunr drops it (a stop word)."""
    node = shutil.which("node")
    lunr = NODE_MODULES / "lunr" / "lunr.js"
    if node is None:
        raise AssetError(
            "Node.js is not installed: the keyword index is made with lunr.js (install Node 20, see README)"
        )
    if not lunr.exists():
        raise AssetError("the front-end packages are not installed: run `npm ci` in the project folder")
    result = subprocess.run(
        [node, str(LUNR_TERMS), str(lunr)],
        input=json.dumps(distinct_words, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if result.returncode != 0:
        raise AssetError(f"lunr.js could not make the keyword index's terms:\n{result.stderr[-2000:]}")
    return dict(zip(distinct_words, json.loads(result.stdout), strict=True))


def shard_of(term: str, shards: int) -> int:
    """The shard a term's postings are in: FNV-1a (32 bit) of its UTF-8 bytes, modulo the number of shards."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def shard_count(items: int) -> int:
    """A power of two giving about KEYS_PER_SHARD keys a shard (at least 1)."""
    count = 1
    while count * KEYS_PER_SHARD < items:
        count *= 2
    return count


@dataclass
class KeywordIndex:
    """The manifest, the shards' postings (ready to be written as JSON) and, for each shard, the refs whose
    cards it carries: the best_refs() of each of its terms."""

    manifest: dict
    shards: dict[int, dict[str, list]]
    best: dict[int, set[int]]


def search_documents(directory: Directory) -> list[dict[str, str]]:
    """The text of each indexed field for each published provider, in ref order ('' when empty)."""
    services = directory.site.vocabulary.services
    documents = []
    for provider in directory.providers:
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
                "name": provider.name,
                "services": " ".join(service_words),
                "places": " ".join(places),
                "summary": provider.summary,
            }
        )
    return documents


def best_refs(postings: list[list[int]], documents: int, totals: list[int], count: int) -> list[int]:
    """The `count` refs a search for this one term lists first: lunr's score (theme/static/keywords.js, which
    the page ranks by), highest first, then ref. postings: one flat [ref, tf, length, ...] list a field."""
    with_term = sum(len(flat) // 3 for flat in postings)  # lunr counts a document once a field
    x = (documents - with_term + 0.5) / (with_term + 0.5)
    idf = math.log(1 + abs(x))
    scores: dict[int, float] = {}
    for (_, boost), total, flat in zip(INDEX_FIELDS, totals, postings, strict=True):
        average = total / documents
        for i in range(0, len(flat), 3):
            ref, tf, length = flat[i : i + 3]
            weight = idf * ((_K1 + 1) * tf) / (_K1 * (1 - _B + _B * (length / average)) + tf) * boost
            # lunr.Builder rounds each weight to three decimals as Math.round does (halves up)
            scores[ref] = scores.get(ref, 0) + math.floor(weight * 1000 + 0.5) / 1000
    return heapq.nsmallest(count, scores, key=lambda ref: (-scores[ref], ref))


def build_keyword_index(documents: list[dict[str, str]], best_count: int) -> KeywordIndex:
    """The sharded index over `documents`; a document's ref is its position in the list. Each shard's `best`
    is the union of its terms' best_refs(best_count)."""
    split = [[words(document[field]) for field, _ in INDEX_FIELDS] for document in documents]
    term_of = lunr_terms(sorted({word for fields in split for field_words in fields for word in field_words}))
    totals = [0] * len(INDEX_FIELDS)
    # term -> per field: flat [ref, tf, length, ...] with absolute refs, in ref order
    postings: dict[str, list[list[int]]] = {}
    first_met: dict[str, list[int]] = {}
    for ref, fields in enumerate(split):
        for position, field_words in enumerate(fields):
            terms = [term for term in map(term_of.get, field_words) if term is not None]
            totals[position] += len(terms)
            counts: dict[str, int] = {}
            for at, term in enumerate(terms):
                counts[term] = counts.get(term, 0) + 1
                if term not in first_met:
                    first_met[term] = [ref, position, at]
            for term, count in counts.items():
                lists = postings.get(term)
                if lists is None:
                    lists = postings[term] = [[] for _ in INDEX_FIELDS]
                lists[position].extend((ref, count, len(terms)))
    shards = shard_count(len(postings))
    # Every shard is written, empty or not, so a search can fetch any word's.
    sharded: dict[int, dict[str, list]] = {shard: {} for shard in range(shards)}
    best: dict[int, set[int]] = {shard: set() for shard in range(shards)}
    for term in sorted(postings):
        shard = shard_of(term, shards)
        best[shard].update(best_refs(postings[term], len(documents), totals, best_count))
        sharded[shard][term] = [*map(_gaps, postings[term]), first_met[term]]
    manifest = {
        "documents": len(documents),
        "fields": [[field, boost, total] for (field, boost), total in zip(INDEX_FIELDS, totals, strict=True)],
        "shards": shards,
    }
    return KeywordIndex(manifest, sharded, best)


def _gaps(flat: list[int]) -> list[int]:
    """Each ref as the gap from the one before, so the numbers stay small and repetitive."""
    previous = 0
    for i in range(0, len(flat), 3):
        flat[i], previous = flat[i] - previous, flat[i]
    return flat
