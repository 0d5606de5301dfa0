/*
 * What one search needs, worked out and fetched: where the location is (a
 * place typed among the keywords counts), keyword scores with every word
 * required, a one-letter typo correction when nothing matches, the filter
 * table only when the search filters, orders by rating or has a location,
 * and the result cards of the results listed. Fetching is passed in
 * (load(path) resolves to a search file's JSON, loadLunr() to lunr.js), so
 * the page and the Node tests share this logic.
 */
import { correctTypos, keywordScores, splitPlace } from "./keywords.js";
import { locate, own, parseLocation, placeNames } from "./location.js";
import { filterRecords } from "./record.js";
import { needsFilters } from "./search-core.js";

/**
 * A search file was built with another numbering of the providers than the
 * manifest the page has: the site was rebuilt, with a listing added, removed
 * or renamed, while the page was open. Mixing the two would list the wrong
 * providers; the page fetches the search files again instead.
 */
export class SiteRebuilt extends Error {
  constructor() {
    super("The directory was rebuilt while the page was open");
    this.name = "SiteRebuilt";
  }
}

// A file that holds refs, if it was built with the manifest's numbering.
function sameNumbering(file, manifest) {
  if (file.numbering !== manifest.numbering) {
    throw new SiteRebuilt();
  }
  return file;
}

// Worked out once per fetched file, not on every search: the filter table's
// records (a national directory's take a moment) and the place-name keys.
const derived = new WeakMap();

function once(file, derive) {
  if (!derived.has(file)) {
    derived.set(file, derive(file));
  }
  return derived.get(file);
}

async function keywordOutcome(keywords, manifest, { load, loadLunr }) {
  const lunr = await loadLunr();
  // Each shard carries the cards of its words' best-scoring providers: a one-word search's first results.
  const cards = new Map();
  const loadShard = async (shard) => {
    const file = sameNumbering(await load(`search/keywords/${shard}.json`), manifest);
    for (const ref in file.cards) {
      cards.set(Number(ref), file.cards[ref]);
    }
    return file;
  };
  const fetching = { manifest, lunr, loadShard };
  const scores = await keywordScores(keywords, fetching);
  if (scores && !Object.keys(scores).length) {
    // Without the word counts there is no correction to offer, and nothing matched: say so.
    const counts = await load("search/words.json").catch(() => []);
    const corrected = correctTypos(keywords, new Map(counts));
    const correctedScores = corrected && (await keywordScores(corrected, fetching));
    if (correctedScores && Object.keys(correctedScores).length) {
      return { scores: correctedScores, corrected, cards };
    }
  }
  return { scores, cards };
}

/**
 * Returns {keywords, location (locate()'s answer or undefined), table
 * (search/location.json when there is a location), placeFromKeywords,
 * scores (keywordScores() or undefined), corrected, keywordsFailed, data,
 * cards, firstDrawn}. data is {count, rows}: how many providers there are
 * and, when the search needs them, the filter table's records (else null).
 * cards holds the result cards that came with the keyword shards, by ref
 * (for loadCards); firstDrawn is how many results to draw before the rest
 * of a batch. Throws SiteRebuilt when a file that holds refs was built with
 * another numbering than the manifest.
 */
export async function prepareSearch(state, fetching) {
  const { load, loadLunr } = fetching;
  // What a keyword search needs is fetched at once, not one file after another.
  // A failure is met again, and reported, where each is awaited.
  const names = state.q && !state.location ? load("search/place-names.json") : null;
  names?.catch(() => {});
  if (state.q) {
    loadLunr().catch(() => {});
  }
  const manifest = await load("search/manifest.json");
  const outcome = {
    keywords: state.q,
    placeFromKeywords: "",
    cards: new Map(),
    firstDrawn: manifest.first_drawn,
  };
  let locationText = state.location;
  if (names) {
    // Without the place names, the keywords are searched as they are.
    const split = splitPlace(state.q, once(await names.catch(() => []), placeNames));
    if (split.place) {
      Object.assign(outcome, { keywords: split.keywords, placeFromKeywords: split.place });
      locationText = split.place;
    }
  }
  const parsed = parseLocation(locationText);
  const places = parsed.kind === "place" ? await load("search/places.json") : null;
  if (parsed.kind !== "empty") {
    const table = await load("search/location.json");
    const entry = parsed.kind === "postcode" ? own(table.outcodes, parsed.outcode) : null;
    const postcodeFile =
      entry && entry[4] ? await load(`search/postcodes/${parsed.outcode}.json`).catch(() => null) : null;
    outcome.table = table;
    outcome.location = locate(parsed, table, postcodeFile, places);
  }
  if (outcome.keywords) {
    try {
      Object.assign(outcome, await keywordOutcome(outcome.keywords, manifest, fetching));
    } catch (error) {
      if (error instanceof SiteRebuilt) {
        throw error;
      }
      outcome.keywordsFailed = true;
    }
  }
  const rows = needsFilters(state, outcome.location)
    ? once(sameNumbering(await load("search/filters.json"), manifest), filterRecords)
    : null;
  outcome.data = { count: manifest.documents, rows };
  return outcome;
}

/**
 * The result cards for these refs, in the same order: from known (a Map of
 * ref -> card, such as a prepared search's cards) or else from
 * search/cards/<ref / cards_per_file>.json. Throws SiteRebuilt when a card
 * file's numbering is not the manifest's.
 */
export async function loadCards(refs, { load }, known = new Map()) {
  const missing = refs.filter((ref) => !known.has(ref));
  if (!missing.length) {
    return refs.map((ref) => known.get(ref));
  }
  const manifest = await load("search/manifest.json");
  const perFile = manifest.cards_per_file;
  const files = await Promise.all(
    missing.map((ref) => load(`search/cards/${Math.floor(ref / perFile)}.json`)),
  );
  const fetched = new Map(
    missing.map((ref, i) => [ref, sameNumbering(files[i], manifest).cards[ref % perFile]]),
  );
  return refs.map((ref) => known.get(ref) || fetched.get(ref));
}
