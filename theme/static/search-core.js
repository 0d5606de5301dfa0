/*
 * Search logic shared by the search page and the Node tests: reading a
 * postcode, filtering providers and ordering results. No DOM here.
 * Data comes from search/providers.json, search/postcodes.json and the lunr
 * index in search/index.json (see care_directory/search_index.py).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.CareSearch = factory();
  }
})(this, function () {
  "use strict";

  // A UK outward code, optionally followed by the inward code ("CB4", "CB41AB").
  var POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$/;
  var MILES_PER_RADIAN = 3958.8;
  var LIST_PARAMS = ["service", "payment"];
  var TEXT_PARAMS = ["q", "postcode", "group", "district", "accepting", "cqc", "language"];

  /** "cb4 1ab", "CB41AB", "cb4" -> {status: "ok", district: "CB4"}; else status "empty" or "invalid". */
  function normalisePostcode(text) {
    var compact = String(text || "").toUpperCase().replace(/\s+/g, "");
    if (!compact) {
      return { status: "empty" };
    }
    var match = POSTCODE.exec(compact);
    return match ? { status: "ok", district: match[1] } : { status: "invalid" };
  }

  /** Where a typed postcode is: ok (with its centre), or empty, invalid, outside or unknown. */
  function locatePostcode(text, postcodes) {
    var result = normalisePostcode(text);
    if (result.status !== "ok") {
      return result;
    }
    var area = /^[A-Z]+/.exec(result.district)[0];
    if (postcodes.areas.indexOf(area) === -1) {
      return { status: "outside", district: result.district };
    }
    var centre = postcodes.centres[result.district];
    return centre ? { status: "ok", district: result.district, centre: centre } : { status: "unknown", district: result.district };
  }

  function milesBetween(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad;
    var dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * MILES_PER_RADIAN * Math.asin(Math.sqrt(h));
  }

  /** The search state held in a URL query string. */
  function stateFromQuery(query) {
    var params = new URLSearchParams(query);
    var state = {};
    TEXT_PARAMS.forEach(function (name) { state[name] = (params.get(name) || "").trim(); });
    LIST_PARAMS.forEach(function (name) { state[name] = params.getAll(name).filter(Boolean); });
    return state;
  }

  /** The query string for a state, leaving out empty values so URLs stay short. */
  function queryFromState(state) {
    var params = new URLSearchParams();
    TEXT_PARAMS.forEach(function (name) { if (state[name]) { params.append(name, state[name]); } });
    LIST_PARAMS.forEach(function (name) { (state[name] || []).forEach(function (value) { params.append(name, value); }); });
    return params.toString();
  }

  function passesFilters(provider, state, groups) {
    if (state.service.some(function (s) { return provider.v.indexOf(s) === -1; })) { return false; }
    if (state.group && !provider.v.some(function (s) { return (groups[state.group] || []).indexOf(s) !== -1; })) { return false; }
    if (state.district && provider.d.indexOf(state.district) === -1) { return false; }
    if (state.payment.indexOf("direct-payments") !== -1 && !provider.dp) { return false; }
    if (state.payment.indexOf("self-funding") !== -1 && !provider.sf) { return false; }
    if (state.accepting && !provider.a) { return false; }
    if (state.cqc === "registered" && provider.r !== "registered") { return false; }
    if (state.cqc === "exempt" && provider.r !== "exempt_sole_trader") { return false; }
    return !state.language || provider.l.indexOf(state.language) !== -1;
  }

  /** Keyword scores by ref, or null when there are no keywords. */
  function keywordScores(text, index, lunr) {
    if (!text) { return null; }
    var scores = {};
    index.query(function (query) { query.term(lunr.tokenizer(text)); }).forEach(function (hit) {
      scores[hit.ref] = hit.score;
    });
    return scores;
  }

  /**
   * Providers matching a state, in order: with a postcode, those naming the
   * postcode district first, then those whose districts cover it, each
   * nearest first; otherwise best keyword match first, or A to Z.
   * Returns {results: [{provider, ref, miles, tier}], postcode: located postcode or null}.
   */
  function search(state, data, postcodes, index, lunr) {
    var located = state.postcode ? locatePostcode(state.postcode, postcodes) : null;
    if (located && located.status !== "ok") {
      return { results: [], postcode: located };
    }
    var scores = keywordScores(state.q, index, lunr);
    var results = [];
    data.providers.forEach(function (provider, i) {
      var ref = String(i);
      if (!passesFilters(provider, state, data.groups) || (scores && !(ref in scores))) { return; }
      var result = { provider: provider, ref: ref, score: scores ? scores[ref] : 0, tier: 0, miles: null };
      if (located) {
        result.tier = coverTier(provider, located.district, postcodes);
        if (!result.tier) { return; }
        var base = postcodes.centres[provider.b];
        result.miles = base ? milesBetween(located.centre, base) : null;
      }
      results.push(result);
    });
    results.sort(function (a, b) {
      return (a.tier - b.tier) || distanceOrder(a, b) || (b.score - a.score) || (a.ref - b.ref);
    });
    return { results: results, postcode: located };
  }

  function coverTier(provider, district, postcodes) {
    if (provider.p.indexOf(district) !== -1) { return 1; }
    var covered = provider.d.some(function (id) { return (postcodes.districts[id] || []).indexOf(district) !== -1; });
    return covered ? 2 : 0;
  }

  function distanceOrder(a, b) {
    if (a.miles === b.miles) { return 0; }
    if (a.miles === null) { return 1; }
    if (b.miles === null) { return -1; }
    return a.miles - b.miles;
  }

  return {
    normalisePostcode: normalisePostcode,
    locatePostcode: locatePostcode,
    milesBetween: milesBetween,
    stateFromQuery: stateFromQuery,
    queryFromState: queryFromState,
    search: search
  };
});
