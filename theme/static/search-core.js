/*
 * Search logic shared by the search page and the Node tests: reading a
 * postcode, the search state in a query string, filtering providers and
 * ordering results. No DOM here.
 * Data comes from search/providers.json, search/postcodes.json and the lunr
 * index in search/index.json (see care_directory/outputs/search_files.py).
 */
import { field } from "./record.js";

// A UK outward code, optionally followed by the inward code ("CB4", "CB41AB").
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$/;
const MILES_PER_RADIAN = 3958.8;
const LIST_PARAMS = ["service", "payment"];
const TEXT_PARAMS = ["q", "postcode", "group", "district", "accepting", "cqc", "language", "sort"];

/** object[key] only when the object itself has it: a search for "constructor" must not find Object's. */
export function own(object, key) {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** "cb4 1ab", "CB41AB", "cb4" -> {status: "ok", district: "CB4"}; else status "empty" or "invalid". */
export function normalisePostcode(text) {
  const compact = String(text || "")
    .toUpperCase()
    .replace(/\s+/g, "");
  if (!compact) {
    return { status: "empty" };
  }
  const match = POSTCODE.exec(compact);
  return match ? { status: "ok", district: match[1] } : { status: "invalid" };
}

/** Where a typed postcode is: ok (with its centre), or empty, invalid, outside or unknown. */
export function locatePostcode(text, postcodes) {
  const result = normalisePostcode(text);
  if (result.status !== "ok") {
    return result;
  }
  const area = /^[A-Z]+/.exec(result.district)[0];
  if (!postcodes.areas.includes(area)) {
    return { status: "outside", district: result.district };
  }
  const centre = own(postcodes.centres, result.district);
  return centre
    ? { status: "ok", district: result.district, centre }
    : { status: "unknown", district: result.district };
}

/** Great-circle distance in miles between two [latitude, longitude] points. */
export function milesBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * MILES_PER_RADIAN * Math.asin(Math.sqrt(h));
}

/** "less than a mile away" or "2.5 miles away". */
export function distanceWords(miles) {
  return miles < 1 ? "less than a mile away" : `${miles.toFixed(1)} miles away`;
}

/** The search state held in a URL query string. */
export function stateFromQuery(query) {
  const params = new URLSearchParams(query);
  const state = {};
  for (const name of TEXT_PARAMS) {
    state[name] = (params.get(name) || "").trim();
  }
  for (const name of LIST_PARAMS) {
    state[name] = params.getAll(name).filter(Boolean);
  }
  return state;
}

/** The query string for a state, leaving out empty values so URLs stay short. */
export function queryFromState(state) {
  const params = new URLSearchParams();
  for (const name of TEXT_PARAMS) {
    if (state[name]) {
      params.append(name, state[name]);
    }
  }
  for (const name of LIST_PARAMS) {
    for (const value of state[name] || []) {
      params.append(name, value);
    }
  }
  return params.toString();
}

function passesFilters(provider, state, groups) {
  const services = field.service_ids(provider);
  if (state.service.some((id) => !services.includes(id))) {
    return false;
  }
  const inGroup = own(groups, state.group) || [];
  if (state.group && !services.some((id) => inGroup.includes(id))) {
    return false;
  }
  if (state.district && !field.district_ids(provider).includes(state.district)) {
    return false;
  }
  if (state.payment.includes("direct-payments") && !field.direct_payments(provider)) {
    return false;
  }
  if (state.payment.includes("self-funding") && !field.self_funders(provider)) {
    return false;
  }
  if (state.accepting && !field.accepting_new_clients(provider)) {
    return false;
  }
  const regulation = field.regulation(provider);
  if (state.cqc === "registered" && regulation !== "registered") {
    return false;
  }
  if (state.cqc === "exempt" && regulation !== "exempt_sole_trader") {
    return false;
  }
  return !state.language || field.languages(provider).includes(state.language);
}

/** Keyword scores by ref, or null when there are no keywords. */
function keywordScores(text, index, lunr) {
  if (!text) {
    return null;
  }
  const scores = {};
  const hits = index.query((query) => {
    query.term(lunr.tokenizer(text));
  });
  for (const hit of hits) {
    scores[hit.ref] = hit.score;
  }
  return scores;
}

function coverTier(provider, district, postcodes) {
  if (field.postcodes(provider).includes(district)) {
    return 1;
  }
  const covered = field
    .district_ids(provider)
    .some((id) => (own(postcodes.districts, id) || []).includes(district));
  return covered ? 2 : 0;
}

function distanceOrder(a, b) {
  if (a.miles === b.miles) {
    return 0;
  }
  if (a.miles === null) {
    return 1;
  }
  if (b.miles === null) {
    return -1;
  }
  return a.miles - b.miles;
}

/** With sort=rating, the highest average first; providers with too few reviews for one come after. */
function ratingOrder(state, a, b) {
  return state.sort === "rating" ? field.rating(b.provider) - field.rating(a.provider) : 0;
}

/**
 * Providers matching a state, in order: highest rated first when asked;
 * then, with a postcode, those naming the postcode district first, then
 * those whose districts cover it, each nearest first; otherwise best
 * keyword match first, or A to Z.
 * index and lunr may be null when the state has no keywords.
 * Returns {results: [{provider, ref, miles, tier}], postcode: located postcode or null}.
 */
export function search(state, data, postcodes, index, lunr) {
  const located = state.postcode ? locatePostcode(state.postcode, postcodes) : null;
  if (located && located.status !== "ok") {
    return { results: [], postcode: located };
  }
  const scores = keywordScores(state.q, index, lunr);
  const results = [];
  data.providers.forEach((provider, i) => {
    const ref = String(i);
    if (!passesFilters(provider, state, data.groups) || (scores && !(ref in scores))) {
      return;
    }
    const result = { provider, ref, score: scores ? scores[ref] : 0, tier: 0, miles: null };
    if (located) {
      result.tier = coverTier(provider, located.district, postcodes);
      if (!result.tier) {
        return;
      }
      const base = own(postcodes.centres, field.base_postcode_district(provider));
      result.miles = base ? milesBetween(located.centre, base) : null;
    }
    results.push(result);
  });
  results.sort(
    (a, b) =>
      ratingOrder(state, a, b) ||
      a.tier - b.tier ||
      distanceOrder(a, b) ||
      b.score - a.score ||
      a.ref - b.ref,
  );
  return { results, postcode: located };
}
