/*
 * Keyword search over the lunr index (built in Python for lunr.js 2.3.9):
 * every word must match, a place name among the keywords is taken as the
 * location, and when nothing matches, words one letter from a word in the
 * directory are corrected once. No DOM here.
 */
import { field } from "./record.js";
import { placeKey } from "./location.js";

/** The words of a search that lunr keeps (stop words such as "with" dropped), as lunr tokens. */
export function keywordTokens(text, lunr) {
  return lunr.tokenizer(text).filter((token) => lunr.stopWordFilter(token) !== undefined);
}

/** Keyword scores by ref for providers matching every word, or null when there are no keywords. */
export function keywordScores(text, index, lunr) {
  const tokens = text ? keywordTokens(text, lunr) : [];
  if (!tokens.length) {
    return null;
  }
  const hits = index.query((query) => {
    for (const token of tokens) {
      query.term(token, { presence: lunr.Query.presence.REQUIRED });
    }
  });
  return Object.fromEntries(hits.map((hit) => [hit.ref, hit.score]));
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

/** How often each word appears in the names, summaries, towns and service labels (lower case). */
export function vocabulary(data) {
  const counts = new Map();
  const texts = [
    ...Object.values(data.labels),
    ...data.providers.flatMap((p) => [field.name(p), field.summary(p), field.town(p)]),
  ];
  for (const word of texts
    .join(" ")
    .toLowerCase()
    .match(/[a-z]+/g) || []) {
    counts.set(word, (counts.get(word) || 0) + 1);
  }
  return counts;
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
