/*
 * Search logic shared by the search page and the Node tests: the search
 * state in a query string, filtering providers, who covers a location and
 * ordering results nearest first, and listing them in batches. No DOM here.
 * Data comes from search/filters.json and search/location.json (see
 * care_directory/outputs/search_files.py); locations from location.js and
 * keyword scores from keywords.js.
 */
import { councilDistricts, milesBetween, own } from "./location.js";
import { field } from "./record.js";

const LIST_PARAMS = ["service", "payment"];
const TEXT_PARAMS = ["q", "location", "district", "accepting", "cqc", "language", "sort"];

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

// Each filter the search state can hold: whether a provider passes it, given the value chosen.
const FILTERS = {
  service: (provider, ids) => ids.every((id) => field.service_ids(provider).includes(id)),
  district: (provider, id) => field.district_ids(provider).includes(id),
  payment: (provider, ways) =>
    (!ways.includes("direct-payments") || Boolean(field.direct_payments(provider))) &&
    (!ways.includes("self-funding") || Boolean(field.self_funders(provider))),
  accepting: (provider) => Boolean(field.accepting_new_clients(provider)),
  cqc: (provider, status) => {
    const wanted = { registered: "registered", exempt: "exempt_sole_trader" }[status];
    return !wanted || field.regulation(provider) === wanted; // an unknown status in an address filters nothing
  },
  language: (provider, language) => field.languages(provider).includes(language),
};

// The filters a state applies: those with a value chosen.
function appliedFilters(state) {
  return Object.keys(FILTERS).filter((name) =>
    Array.isArray(state[name]) ? state[name].length : state[name],
  );
}

/** Whether a search needs the filter table: it filters, orders by rating or has a location. */
export function needsFilters(state, location) {
  return Boolean(location) || state.sort === "rating" || appliedFilters(state).length > 0;
}

function passesFilters(provider, state) {
  return appliedFilters(state).every((name) => FILTERS[name](provider, state[name]));
}

/**
 * Whether a provider covers a located place: its postcode districts include
 * the place's, or, when it lists none, its council districts include the
 * place's council district.
 */
export function covers(provider, location, table) {
  const listed = field.postcodes(provider);
  if (listed.length) {
    return listed.includes(location.outcode);
  }
  const districts = councilDistricts(location, table);
  return field.district_ids(provider).some((id) => districts.includes(id));
}

/**
 * The order of results: with sort=rating, the highest average first
 * (providers with too few reviews for one come after); then nearest first;
 * then best keyword match; then A to Z. A sort compares a national
 * directory's thousands of matches many times over, so the rating test is
 * made once, not in each comparison.
 */
function resultOrder(state) {
  const byMatch = (a, b) => (a.miles ?? 0) - (b.miles ?? 0) || b.score - a.score || a.ref - b.ref;
  if (state.sort !== "rating") {
    return byMatch;
  }
  return (a, b) => field.rating(b.provider) - field.rating(a.provider) || byMatch(a, b);
}

/**
 * Providers matching a state, in order. With a location (location.js's
 * locate(), status "found"): only those covering it, strictly nearest first
 * (distance from the location to the centre of the provider's base postcode
 * district; those based in the location's own district first). Otherwise
 * best keyword match first, or A to Z. scores is keywordScores() or null.
 * With sort=rating, the highest rated come first, each group in that order.
 * data is {count, rows} (search-plan.js): rows, the filter table's records,
 * may be null only when needsFilters() says the search does not need them.
 * Returns [{ref, provider (its filter record, or null), score, miles, sameDistrict}]
 * (miles null without a location).
 */
export function search(state, data, table, location, scores) {
  const results = [];
  const refs = scores ? Object.keys(scores).map(Number) : Array.from({ length: data.count }, (_, i) => i);
  for (const ref of refs) {
    const provider = data.rows ? data.rows[ref] : null;
    if (provider && !passesFilters(provider, state)) {
      continue;
    }
    if (location && !covers(provider, location, table)) {
      continue;
    }
    const result = { provider, ref, score: scores ? scores[ref] : 0, miles: null, sameDistrict: false };
    if (location) {
      const base = field.base_postcode_district(provider);
      const centre = own(table.outcodes, base);
      result.sameDistrict = base === location.outcode;
      result.miles = result.sameDistrict ? 0 : centre ? milesBetween(location.point, centre) : Infinity;
    }
    results.push(result);
  }
  results.sort(resultOrder(state));
  return results;
}

/**
 * How many results the page lists at first and adds with each "Show more
 * results": enough to scan and compare (as a GOV.UK finder's page of 20),
 * few enough that a slow phone draws them, and clears them for the next
 * search, at once when a national directory matches thousands.
 */
export const RESULT_BATCH = 20;

/**
 * The batch after the first `shown` of `total` results: where it ends, and the
 * words for the button that would list the batch after it ("" once nothing is left).
 */
export function nextBatch(shown, total, size = RESULT_BATCH) {
  const end = Math.min(shown + size, total);
  return { end, more: moreWords(end, total, size) };
}

/** The words for the button that lists the batch after the first `end` of `total` results ("" once none are left). */
export function moreWords(end, total, size = RESULT_BATCH) {
  const left = total - end;
  if (left <= 0) {
    return "";
  }
  if (left > size) {
    return `Show ${size} more results`;
  }
  return left === 1 ? "Show the last result" : `Show the last ${left} results`;
}
