/*
 * The search page: reads the filters, keeps them in the URL (so a search
 * can be shared, bookmarked and survives the back button), and lists the
 * matching providers using the page's result <template>. Without this
 * script the page shows the static browse lists instead.
 */
import { startGovukFrontend } from "./govuk.js";
import { fetchJson, fillTemplate, loadGlobalScript } from "./helpers.js";
import { field } from "./record.js";
import { distanceWords, queryFromState, search, stateFromQuery } from "./search-core.js";
import { shortlistControl } from "./shortlist-control.js";

const app = document.getElementById("search-app");
if (app) {
  startSearch(app);
}

function startSearch(app) {
  const form = document.getElementById("search-form");
  const countHeading = document.getElementById("result-count");
  const status = document.getElementById("search-status");
  const resultList = document.getElementById("results");
  const resultTemplate = document.getElementById("result-template");
  const base = app.dataset.base;
  const areaName = app.dataset.areaName;
  const districtNames = new Map(
    Array.from(document.querySelectorAll("#district option"))
      .filter((option) => option.value)
      .map((option) => [option.value, option.textContent]),
  );

  let data = null;
  let postcodes = null;
  let keywords = { state: "not loaded", index: null, lunr: null };

  document.getElementById("search-fallback").hidden = true;
  app.hidden = false;
  startGovukFrontend();

  function readForm() {
    return stateFromQuery(new URLSearchParams(new FormData(form)).toString());
  }

  function fillForm(state) {
    for (const details of form.querySelectorAll("details")) {
      details.open = Array.from(details.querySelectorAll("input")).some((input) =>
        (state[input.name] || []).includes(input.value),
      );
    }
    for (const input of form.elements) {
      if (!input.name) {
        continue;
      }
      if (input.type === "checkbox") {
        const chosen = state[input.name];
        input.checked = Array.isArray(chosen) ? chosen.includes(input.value) : chosen === input.value;
      } else if (input.type === "radio") {
        input.checked = (state[input.name] || "") === input.value;
      } else if (input.tagName !== "BUTTON") {
        input.value = state[input.name] || "";
      }
    }
  }

  // The keyword index and lunr.js are the largest files: fetch them only
  // for keyword searches, starting as soon as someone moves into the
  // keywords box.
  function loadIndex() {
    if (keywords.state !== "not loaded") {
      return;
    }
    keywords = { state: "loading", index: null, lunr: null };
    Promise.all([fetchJson(base, "search/index.json"), loadGlobalScript(`${base}assets/lunr.min.js`, "lunr")])
      .then(([serialised, lunr]) => {
        keywords = { state: "ready", index: lunr.Index.load(serialised), lunr };
      })
      .catch(() => {
        keywords = { state: "failed", index: null, lunr: null };
      })
      .then(() => render(readForm(), "change"));
  }

  function showPostcodeError(message) {
    const summary = document.getElementById("error-summary");
    const fieldError = document.getElementById("postcode-error");
    const input = document.getElementById("postcode");
    summary.hidden = !message;
    document.getElementById("postcode-group").classList.toggle("govuk-form-group--error", Boolean(message));
    input.classList.toggle("govuk-input--error", Boolean(message));
    fieldError.hidden = !message;
    input.setAttribute("aria-describedby", message ? "postcode-hint postcode-error" : "postcode-hint");
    document.getElementById("error-summary-postcode").textContent = message;
    document.getElementById("postcode-error-message").textContent = message;
    return summary;
  }

  function postcodeMessage(located) {
    if (located.status === "invalid") {
      return "Enter a real postcode, like CB4 1AB or CB4";
    }
    if (located.status === "outside") {
      return `${located.district} is outside ${areaName}. Enter a postcode in ${areaName}`;
    }
    return `We could not find the postcode district ${located.district}. Check the postcode and try again`;
  }

  function resultItem(result) {
    const provider = result.provider;
    const item = fillTemplate(resultTemplate, {
      name: field.name(provider),
      path: base + field.path(provider),
      summary: field.summary(provider),
      accepting_new_clients: field.accepting_new_clients(provider),
      town: field.town(provider),
      distance: result.miles === null ? "" : distanceWords(result.miles),
      districts: field
        .district_ids(provider)
        .map((id) => districtNames.get(id) || id)
        .join(", "),
      price_from: field.price_from(provider),
      direct_payments: field.direct_payments(provider),
      rating_words: field.rating_words(provider),
    });
    item.append(shortlistControl(field.slug(provider), field.name(provider)));
    return item;
  }

  // reason is "load", "change" or "submit". After a page load or a submit,
  // focus moves to the error summary if there is one; after a submit on a
  // small screen, where results are below the filters, to the result count.
  function render(state, reason) {
    if (!data) {
      return;
    }
    const keywordsPending = Boolean(state.q) && keywords.state !== "ready" && keywords.state !== "failed";
    // Tests and the quality gate wait for this to go before checking the page.
    app.toggleAttribute("data-loading", keywordsPending);
    if (state.q) {
      loadIndex();
    }
    const ready = keywords.state === "ready";
    const searchState = ready || !state.q ? state : { ...state, q: "" };
    const outcome = search(searchState, data, postcodes, keywords.index, keywords.lunr);
    resultList.textContent = "";
    status.hidden = true;

    const located = outcome.postcode;
    const error = located && located.status !== "ok" ? postcodeMessage(located) : "";
    const summary = showPostcodeError(error);
    if (error) {
      countHeading.textContent = "Check the postcode";
      if (reason !== "change") {
        summary.focus();
      }
      return;
    }
    if (keywordsPending) {
      countHeading.textContent = "Searching…";
      return;
    }
    const count = outcome.results.length;
    const words =
      count === 0 ? "No providers found" : `${count} ${count === 1 ? "provider" : "providers"} found`;
    const order = state.sort === "rating" ? "highest rated first" : "nearest first";
    countHeading.textContent = words + (located ? ` covering ${located.district}, ${order}` : "");
    if (state.q && keywords.state === "failed") {
      status.textContent = "Keyword search is not working at the moment. The other filters still work.";
      status.hidden = false;
    } else if (count === 0) {
      status.textContent =
        "Try removing a filter or using different words. You can also see all providers on the A to Z list.";
      status.hidden = false;
    }
    resultList.append(...outcome.results.map(resultItem));
    const resultsBelowFilters =
      countHeading.getBoundingClientRect().top >= form.getBoundingClientRect().bottom;
    if (reason === "submit" && resultsBelowFilters) {
      countHeading.focus();
    }
  }

  function update(reason) {
    const state = readForm();
    const query = queryFromState(state);
    if (query !== window.location.search.replace(/^\?/, "")) {
      window.history.pushState(null, "", query ? `?${query}` : window.location.pathname);
    }
    render(state, reason);
  }

  form.addEventListener("change", () => update("change"));
  document.getElementById("q").addEventListener("focus", loadIndex);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update("submit");
  });
  window.addEventListener("popstate", () => {
    const state = stateFromQuery(window.location.search);
    fillForm(state);
    render(state, "change");
  });

  fillForm(stateFromQuery(window.location.search));
  Promise.all([fetchJson(base, "search/providers.json"), fetchJson(base, "search/postcodes.json")])
    .then(([providers, located]) => {
      data = providers;
      postcodes = located;
      render(stateFromQuery(window.location.search), "load");
    })
    .catch(() => {
      app.removeAttribute("data-loading");
      countHeading.textContent = "Search is not working at the moment";
      status.textContent = "Please try again later, or find a provider by type of help or area below.";
      status.hidden = false;
      document.getElementById("search-fallback").hidden = false;
    });
}
