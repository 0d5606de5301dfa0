/*
 * What one search needs, worked out and fetched: where the location is (a
 * place typed among the keywords counts), keyword scores with every word
 * required, and a one-letter typo correction when nothing matches. Fetching
 * is passed in (load(path) and loadIndex()), so the page and the Node tests
 * share this logic.
 */
import { correctTypos, keywordScores, splitPlace, vocabulary } from "./keywords.js";
import { locate, own, parseLocation, placeNames } from "./location.js";

/**
 * Returns {keywords, location (locate()'s answer or undefined), placeFromKeywords,
 * scores (keywordScores() or undefined), corrected, keywordsFailed}.
 * data and table are search/providers.json and search/location.json.
 */
export async function prepareSearch(state, { data, table, load, loadIndex }) {
  const outcome = { keywords: state.q, placeFromKeywords: "" };
  let locationText = state.location;
  const wantsPlaces = (state.q && !state.location) || parseLocation(state.location).kind === "place";
  const places = wantsPlaces ? await load("search/places.json") : null;
  if (state.q && !state.location) {
    const split = splitPlace(state.q, placeNames(places));
    if (split.place) {
      Object.assign(outcome, { keywords: split.keywords, placeFromKeywords: split.place });
      locationText = split.place;
    }
  }
  const parsed = parseLocation(locationText);
  if (parsed.kind !== "empty") {
    const entry = parsed.kind === "postcode" ? own(table.outcodes, parsed.outcode) : null;
    const postcodeFile =
      entry && entry[4] ? await load(`search/postcodes/${parsed.outcode}.json`).catch(() => null) : null;
    outcome.location = locate(parsed, table, postcodeFile, places);
  }
  if (outcome.keywords) {
    try {
      const [index, lunr] = await loadIndex();
      outcome.scores = keywordScores(outcome.keywords, index, lunr);
      if (outcome.scores && !Object.keys(outcome.scores).length) {
        const corrected = correctTypos(outcome.keywords, vocabulary(data));
        const scores = corrected && keywordScores(corrected, index, lunr);
        if (scores && Object.keys(scores).length) {
          Object.assign(outcome, { scores, corrected });
        }
      }
    } catch {
      outcome.keywordsFailed = true;
    }
  }
  return outcome;
}
