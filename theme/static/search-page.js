/*
 * The search page: reads the filters, keeps them in the URL (so a search
 * can be shared, bookmarked and survives the back button), and lists the
 * matching providers. Without this script the page shows the static
 * browse lists instead.
 */
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  if (!app || !window.fetch || !window.URLSearchParams || !window.CareSearch) {
    return;
  }
  var CareSearch = window.CareSearch;
  var form = document.getElementById("search-form");
  var countHeading = document.getElementById("result-count");
  var status = document.getElementById("search-status");
  var resultList = document.getElementById("results");
  var base = app.getAttribute("data-base");
  var areaName = app.getAttribute("data-area-name");
  var districtNames = {};
  Array.prototype.forEach.call(document.querySelectorAll("#district option"), function (option) {
    if (option.value) { districtNames[option.value] = option.textContent; }
  });

  var data = null;
  var postcodes = null;
  var index = null;
  var indexState = "not loaded";

  document.getElementById("search-fallback").hidden = true;
  app.hidden = false;

  function fetchJson(path) {
    return fetch(base + path).then(function (response) {
      if (!response.ok) { throw new Error(path + ": " + response.status); }
      return response.json();
    });
  }

  function readForm() {
    return CareSearch.stateFromQuery(new URLSearchParams(new FormData(form)).toString());
  }

  function fillForm(state) {
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (details) {
      details.open = Array.prototype.some.call(details.querySelectorAll("input"), function (input) {
        return (state[input.name] || []).indexOf(input.value) !== -1;
      });
    });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) { return; }
      if (field.type === "checkbox") {
        var chosen = state[field.name];
        field.checked = Array.isArray(chosen) ? chosen.indexOf(field.value) !== -1 : chosen === field.value;
      } else if (field.type === "radio") {
        field.checked = (state[field.name] || "") === field.value;
      } else if (field.tagName !== "BUTTON") {
        field.value = state[field.name] || "";
      }
    });
  }

  function loadIndex() {
    if (indexState !== "not loaded") { return; }
    indexState = "loading";
    fetchJson("search/index.json").then(function (serialised) {
      index = window.lunr.Index.load(serialised);
      indexState = "ready";
      render(readForm(), "change");
    }).catch(function () {
      indexState = "failed";
      render(readForm(), "change");
    });
  }

  function showPostcodeError(message) {
    var summary = document.getElementById("error-summary");
    var group = document.getElementById("postcode-group");
    var fieldError = document.getElementById("postcode-error");
    var input = document.getElementById("postcode");
    summary.hidden = !message;
    group.classList.toggle("govuk-form-group--error", !!message);
    input.classList.toggle("govuk-input--error", !!message);
    fieldError.hidden = !message;
    input.setAttribute("aria-describedby", message ? "postcode-hint postcode-error" : "postcode-hint");
    if (message) {
      document.getElementById("error-summary-postcode").textContent = message;
      fieldError.textContent = "";
      var prefix = document.createElement("span");
      prefix.className = "govuk-visually-hidden";
      prefix.textContent = "Error: ";
      fieldError.appendChild(prefix);
      fieldError.appendChild(document.createTextNode(message));
    }
    return summary;
  }

  function postcodeMessage(located) {
    if (located.status === "invalid") { return "Enter a real postcode, like CB4 1AB or CB4"; }
    if (located.status === "outside") { return located.district + " is outside " + areaName + ". Enter a postcode in " + areaName; }
    return "We could not find the postcode district " + located.district + ". Check the postcode and try again";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function distanceWords(miles) {
    return miles < 1 ? "less than a mile away" : miles.toFixed(1) + " miles away";
  }

  function resultItem(result) {
    var provider = result.provider;
    var item = element("li", "app-result");
    var title = element("h3", "app-result__title");
    var link = element("a", "govuk-link", provider.n);
    link.href = base + provider.u;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(element("p", "govuk-body", provider.s));
    var tagLine = element("p", "govuk-body-s govuk-!-margin-bottom-2");
    tagLine.appendChild(element("strong", provider.a ? "govuk-tag govuk-tag--green" : "govuk-tag govuk-tag--grey", provider.a ? "Taking new clients" : "Not taking new clients"));
    item.appendChild(tagLine);
    var facts = element("ul", "govuk-list app-result__facts");
    var where = "Based in " + provider.t + (result.miles === null ? "" : ", " + distanceWords(result.miles));
    facts.appendChild(element("li", "", where + ". Works in " + provider.d.map(function (id) { return districtNames[id] || id; }).join(", ")));
    facts.appendChild(element("li", "", provider.f));
    facts.appendChild(element("li", "", provider.dp ? "Accepts Direct Payments" : "Does not accept Direct Payments"));
    item.appendChild(facts);
    if (window.CareShortlist) {
      item.appendChild(window.CareShortlist.control(provider.k, provider.n));
    }
    return item;
  }

  // reason is "load", "change" or "submit". After a page load or a submit,
  // focus moves to the error summary if there is one; after a submit on a
  // small screen, where results are below the filters, to the result count.
  function render(state, reason) {
    if (!data) { return; }
    var keywordsPending = state.q && indexState !== "ready" && indexState !== "failed";
    // Tests and the quality gate wait for this to go before checking the page.
    app.toggleAttribute("data-loading", Boolean(keywordsPending));
    if (state.q) { loadIndex(); }
    var usable = indexState === "ready" ? index : null;
    var searchState = usable || !state.q ? state : Object.assign({}, state, { q: "" });
    var outcome = CareSearch.search(searchState, data, postcodes, usable, window.lunr);
    resultList.textContent = "";
    status.hidden = true;

    var located = outcome.postcode;
    var error = located && located.status !== "ok" ? postcodeMessage(located) : "";
    var summary = showPostcodeError(error);
    if (error) {
      countHeading.textContent = "Check the postcode";
      if (reason !== "change") { summary.focus(); }
      return;
    }
    if (keywordsPending) {
      countHeading.textContent = "Searching…";
      return;
    }
    var count = outcome.results.length;
    var words = count === 0 ? "No providers found" : count + (count === 1 ? " provider found" : " providers found");
    countHeading.textContent = words + (located ? " covering " + located.district + ", nearest first" : "");
    if (state.q && indexState === "failed") {
      status.textContent = "Keyword search is not working at the moment. The other filters still work.";
      status.hidden = false;
    } else if (count === 0) {
      status.textContent = "Try removing a filter or using different words. You can also see all providers on the A to Z list.";
      status.hidden = false;
    }
    outcome.results.forEach(function (result) { resultList.appendChild(resultItem(result)); });
    var resultsBelowFilters = countHeading.getBoundingClientRect().top >= form.getBoundingClientRect().bottom;
    if (reason === "submit" && resultsBelowFilters) {
      countHeading.focus();
    }
  }

  function update(reason) {
    var state = readForm();
    var query = CareSearch.queryFromState(state);
    if (query !== window.location.search.replace(/^\?/, "")) {
      window.history.pushState(null, "", query ? "?" + query : window.location.pathname);
    }
    render(state, reason);
  }

  form.addEventListener("change", function () { update("change"); });
  // The keyword index is the largest file: fetch it only for keyword
  // searches, starting as soon as someone moves into the keywords box.
  document.getElementById("q").addEventListener("focus", loadIndex);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update("submit");
  });
  window.addEventListener("popstate", function () {
    var state = CareSearch.stateFromQuery(window.location.search);
    fillForm(state);
    render(state, "change");
  });

  var initial = CareSearch.stateFromQuery(window.location.search);
  fillForm(initial);
  Promise.all([fetchJson("search/providers.json"), fetchJson("search/postcodes.json")]).then(function (loaded) {
    data = loaded[0];
    postcodes = loaded[1];
    render(CareSearch.stateFromQuery(window.location.search), "load");
  }).catch(function () {
    app.removeAttribute("data-loading");
    countHeading.textContent = "Search is not working at the moment";
    status.textContent = "Please try again later, or find a provider by type of help or area below.";
    status.hidden = false;
    document.getElementById("search-fallback").hidden = false;
  });
})();
