"""The keyword index, split by term so a search fetches only the shards of its words.

It ranks exactly as a lunr.js 2.3.9 index over the same documents would
(BM25 with lunr's k1 = 1.2 and b = 0.75, field boosts, scores rounded to
three decimals), but is stored so that neither the browser nor a rebuild
handles the whole of it:

- search/keywords.json, the manifest: the number of documents, each field's
  boost and total length (lunr's average field length is total / documents)
  and the number of shards.
- search/keywords/<shard>.json: {term: postings} for the terms whose FNV-1a
  hash falls in that shard. A term's postings are one flat list per field,
  [ref gap, term frequency, field length, ...], refs ascending, then where
  lunr first meets the term, [ref, field position, term position]; the
  browser computes lunr's idf and BM25 from them and the manifest
  (theme/static/keywords.js). Where lunr first meets a term is the order of
  lunr's term numbers, in which it adds up a field's score; adding in the
  same order gives the same floating-point sums, so equal scores stay equal.

Only the postings of changed documents' terms change between builds: a
one-listing edit rewrites the manifest and a handful of shards, where a
single lunr index changed throughout.

Terms are made as lunr.js makes them: its tokenizer (lower case, split on
white space and hyphens), trimmer, English stop words and Porter stemmer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

from care_directory.model.directory import Directory

# Field boosts: a match on the name ranks above one on services, then
# places and languages, then the summary. The description is left out: it
# would double the index (196 KB gzip instead of 125 KB at 1,000 listings,
# see bench/README.md) for words the summary and services mostly carry.
INDEX_FIELDS = [("name", 10), ("services", 5), ("places", 3), ("summary", 1)]

# About this many terms share a shard on average: few enough that a search
# fetches little beyond its own words, enough that a national directory
# does not become tens of thousands of tiny files.
TERMS_PER_SHARD = 8

# lunr.js splits on JavaScript's \s (which is not Python's) and hyphens,
# and trims JavaScript's \W, which is ASCII-only.
_SEPARATORS = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")
_TRIM = re.compile(r"^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+$")
_STOP_WORDS = frozenset(STOP_WORDS)


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


class TermMaker:
    """Text to index terms, as lunr.js's tokenizer and pipeline make them; stems are remembered."""

    def __init__(self):
        self._stemmer = LunrJsPorterStemmer()
        self._terms: dict[str, str | None] = {}

    def terms(self, text: str) -> list[str]:
        """The terms of `text` in order, repeats kept (lunr counts them)."""
        found = []
        for word in _SEPARATORS.split(text.lower()):
            if not word:
                continue  # before the first separator or after the last
            if word not in self._terms:
                self._terms[word] = self._term(word)
            term = self._terms[word]
            if term is not None:
                found.append(term)
        return found

    def _term(self, word: str) -> str | None:
        trimmed = _TRIM.sub("", word)
        if trimmed in _STOP_WORDS:
            return None
        # A word of punctuation alone ("...") trims to "", which lunr.js keeps
        # as a term: its pipeline drops only functions' empty strings, and the
        # trimmer returns a token. It counts towards the field's length.
        return self._stemmer.stem(trimmed) if trimmed else ""


def shard_of(term: str, shards: int) -> int:
    """The shard a term's postings are in: FNV-1a (32 bit) of its UTF-8 bytes, modulo the number of shards."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def shard_count(items: int) -> int:
    """A power of two giving about TERMS_PER_SHARD items (terms, or the shortlist's providers) a shard (at least 1)."""
    count = 1
    while count * TERMS_PER_SHARD < items:
        count *= 2
    return count


@dataclass
class KeywordIndex:
    """The manifest and the shards, ready to be written as JSON."""

    manifest: dict
    shards: dict[int, dict[str, list]]


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


def build_keyword_index(documents: list[dict[str, str]]) -> KeywordIndex:
    """The sharded index over `documents`; a document's ref is its position in the list."""
    maker = TermMaker()
    totals = [0] * len(INDEX_FIELDS)
    # term -> per field: flat [ref, tf, length, ...] with absolute refs, in ref order
    postings: dict[str, list[list[int]]] = {}
    first_met: dict[str, list[int]] = {}
    for ref, document in enumerate(documents):
        for position, (field, _) in enumerate(INDEX_FIELDS):
            terms = maker.terms(document[field])
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
    for term in sorted(postings):
        sharded[shard_of(term, shards)][term] = [*map(_gaps, postings[term]), first_met[term]]
    manifest = {
        "documents": len(documents),
        "fields": [[field, boost, total] for (field, boost), total in zip(INDEX_FIELDS, totals, strict=True)],
        "shards": shards,
    }
    return KeywordIndex(manifest, sharded)


def _gaps(flat: list[int]) -> list[int]:
    """Each ref as the gap from the one before, so the numbers stay small and repetitive."""
    previous = 0
    for i in range(0, len(flat), 3):
        flat[i], previous = flat[i] - previous, flat[i]
    return flat
