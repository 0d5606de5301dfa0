/*
 * Keyword search over the sharded keyword index (built in Python, see
 * care_directory/outputs/keyword_index.py): every word must match, scores
 * are those a lunr.js 2.3.9 index over the same documents would give, a
 * place name among the keywords is taken as the location, and when nothing
 * matches, words one letter from a word in the directory are corrected
 * once. lunr.js supplies the tokenizer, stop words and stemmer. No DOM here.
 */
import { placeKey } from "./location.js";
import { shardOf } from "./shards.js";

// lunr's BM25 parameters (lunr.Builder's defaults).
const K1 = 1.2;
const B = 0.75;

/** The words of a search that lunr keeps (stop words such as "with" dropped, punctuation trimmed), as lunr tokens. */
export function keywordTokens(text, lunr) {
  return lunr
    .tokenizer(text)
    .map((token) => lunr.trimmer(token))
    .filter((token) => token.toString() && lunr.stopWordFilter(token) !== undefined);
}

/** The index terms a search looks up, one per kept word (repeats kept): lunr's search pipeline, its stemmer. */
export function queryTerms(text, lunr) {
  return keywordTokens(text, lunr).map((token) =>
    lunr.stemmer(new lunr.Token(token.toString(), {})).toString(),
  );
}

// A term's postings: one flat list per field of the manifest, then where lunr
// first met the term, [ref, field position, term position].
function firstMet(postings) {
  return postings[postings.length - 1];
}

function compareFirstMet(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

// How many (document, field) pairs have the term.
function postingCount(postings) {
  return postings.slice(0, -1).reduce((sum, flat) => sum + flat.length / 3, 0);
}

// lunr.idf: documentsWithTerm counts a document once for each field it has the term in.
function inverseDocumentFrequency(postings, documents) {
  const withTerm = postingCount(postings);
  const x = (documents - withTerm + 0.5) / (withTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

// The term's weight in one field of one document, as lunr.Builder stores it in the field vector.
function fieldWeight(idf, tf, length, average, boost) {
  let score = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / average)) + tf);
  score *= boost;
  score *= 1; // lunr's document boost
  return Math.round(score * 1000) / 1000;
}

/**
 * Keyword scores by ref for providers matching every word, or null when
 * there are no keywords. manifest is search/manifest.json; loadShard(n)
 * resolves to search/keywords/<n>.json (its postings are under "terms"). A lunr query with every word
 * required: each field scores the cosine of the query vector (one per
 * distinct term, counted once for each word stemming to it) and the field's
 * term weights, and a document's score is the sum over its matching fields.
 */
export async function keywordScores(text, { manifest, loadShard, lunr }) {
  const terms = text ? queryTerms(text, lunr) : [];
  if (!terms.length) {
    return null;
  }
  const boosts = new Map();
  for (const term of terms) {
    boosts.set(term, (boosts.get(term) || 0) + 1);
  }
  const shards = await Promise.all(
    [...boosts.keys()].map((term) =>
      loadShard(shardOf(term, manifest.shards)).then((shard) => [term, shard]),
    ),
  );
  const postingsOf = new Map();
  for (const [term, shard] of shards) {
    if (!Object.hasOwn(shard.terms, term)) {
      return {}; // a required word no document has
    }
    postingsOf.set(term, shard.terms[term]);
  }
  let magnitude = 0;
  for (const boost of boosts.values()) {
    magnitude += boost * boost;
  }
  magnitude = Math.sqrt(magnitude);

  // A field's score adds its terms' products in the order lunr numbered the
  // terms (where it first met them), so the sums are lunr's to the last bit.
  // Each document matching a term gets a slot in flat typed arrays (a warm
  // search on a slow phone scores thousands of postings, and an object per
  // document costs it allocations and a garbage collection): its dot product
  // with the query in each field, how many distinct terms it has and (below)
  // the order lunr meets its fields in.
  const byTermNumber = [...postingsOf].sort(([, a], [, b]) => compareFirstMet(firstMet(a), firstMet(b)));
  const fields = manifest.fields;
  const fieldCount = fields.length;
  const averages = fields.map(([, , total]) => total / manifest.documents);
  // At most one slot for each posting.
  const most = [...postingsOf.values()].reduce((sum, postings) => sum + postingCount(postings), 0);
  const slotOf = new Int32Array(manifest.documents).fill(-1);
  const refOf = new Int32Array(most);
  const dots = new Float64Array(most * fieldCount);
  const termsMatched = new Int32Array(most);
  const lastTerm = new Int32Array(most).fill(-1);
  let slots = 0;
  for (let termNumber = 0; termNumber < byTermNumber.length; termNumber++) {
    const [term, postings] = byTermNumber[termNumber];
    const idf = inverseDocumentFrequency(postings, manifest.documents);
    const queryBoost = boosts.get(term);
    for (let position = 0; position < fieldCount; position++) {
      const flat = postings[position];
      const boost = fields[position][1];
      let ref = 0;
      for (let i = 0; i < flat.length; i += 3) {
        ref += flat[i];
        let slot = slotOf[ref];
        if (slot < 0) {
          slot = slotOf[ref] = slots++;
          refOf[slot] = ref;
        }
        dots[slot * fieldCount + position] +=
          queryBoost * fieldWeight(idf, flat[i + 1], flat[i + 2], averages[position], boost);
        if (lastTerm[slot] !== termNumber) {
          lastTerm[slot] = termNumber;
          termsMatched[slot] += 1;
        }
      }
    }
  }
  // A document's score adds its fields in the order lunr meets them: by the
  // first word that matches there, then field order.
  const fieldOrder = new Int8Array(slots * fieldCount);
  const fieldsMet = new Int8Array(slots);
  const metMask = new Int32Array(slots);
  for (const postings of postingsOf.values()) {
    for (let position = 0; position < fieldCount; position++) {
      const flat = postings[position];
      let ref = 0;
      for (let i = 0; i < flat.length; i += 3) {
        ref += flat[i];
        const slot = slotOf[ref];
        if (!(metMask[slot] & (1 << position))) {
          metMask[slot] |= 1 << position;
          fieldOrder[slot * fieldCount + fieldsMet[slot]++] = position;
        }
      }
    }
  }
  const scores = {};
  for (let slot = 0; slot < slots; slot++) {
    if (termsMatched[slot] === boosts.size) {
      let score = 0;
      for (let k = 0; k < fieldsMet[slot]; k++) {
        score += dots[slot * fieldCount + fieldOrder[slot * fieldCount + k]] / magnitude || 0;
      }
      scores[refOf[slot]] = score;
    }
  }
  return scores;
}

/**
 * Split a place name off the keywords: "washing Ely" -> {keywords: "washing", place: "Ely"}.
 * The longest run of words naming a place wins; place is "" when there is none.
 */
export function splitPlace(text, names) {
  const words = String(text || "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  for (let length = words.length; length > 0; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      const run = words.slice(start, start + length).join(" ");
      if (names.has(placeKey(run))) {
        return { keywords: [...words.slice(0, start), ...words.slice(start + length)].join(" "), place: run };
      }
    }
  }
  return { keywords: words.join(" "), place: "" };
}

/** True when b is a, with one letter added, removed, changed or two neighbours swapped. */
export function oneEditApart(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  const rest = (x, y) => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2);
    return rest(i + 1, i + 1) || swapped;
  }
  return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
}

/**
 * The search with each unknown word of four letters or more replaced by the
 * most common directory word one letter away, or null when nothing changes.
 */
export function correctTypos(text, counts) {
  let changed = false;
  const words = String(text || "")
    .trim()
    .split(/\s+/)
    .map((word) => {
      const lower = word.toLowerCase();
      if (lower.length < 4 || counts.has(lower)) {
        return word;
      }
      let best = null;
      for (const [candidate, count] of counts) {
        if (oneEditApart(lower, candidate) && (!best || count > best[1])) {
          best = [candidate, count];
        }
      }
      changed = changed || Boolean(best);
      return best ? best[0] : word;
    });
  return changed ? words.join(" ") : null;
}
