/*
 * The search page: reads the form, keeps the search in the address (so it
 * can be shared, bookmarked and survives the back button), fetches only
 * what this search needs (the keyword index for keywords, one postcode
 * district's file for a full postcode, the place list for a place name)
 * and lists the matching providers, a batch at a time. Without this script the page shows the
 * static browse lists instead.
 */
import { afterPaint, element, fetchJson, fillTemplate, link, loadGlobalScript } from "./helpers.js";
import { rememberSearch, returningTo } from "./last-search.js";
import { distanceWords, neighbourLinks, parseLocation } from "./location.js";
import { focusQuestion } from "./form-questions.js";
import { field } from "./record.js";
import { moreWords, nextBatch, queryFromState, RESULT_BATCH, search, stateFromQuery } from "./search-core.js";
import { loadCards, prepareSearch, SiteRebuilt } from "./search-plan.js";
import { filterTags, without } from "./search-tags.js";
import { shortlistControl } from "./shortlist-control.js";

const MORE_FAILED = "More results could not be fetched. Please try again.";

const app = document.getElementById("search-app");
if (app) {
  startSearch(app);
}

function startSearch(app) {
  const form = document.getElementById("search-form");
  const countHeading = document.getElementById("result-count");
  const status = document.getElementById("search-status");
  const resultList = document.getElementById("results");
  const moreButton = document.getElementById("show-more");
  const moreStatus = document.getElementById("more-status");
  const panel = document.getElementById("filter-panel");
  const toggle = document.getElementById("filter-toggle");
  const base = app.dataset.base;
  const names = {
    services: labelsOf("#search-form input[name=service]"),
    districts: Object.fromEntries(
      Array.from(document.querySelectorAll("#district option"))
        .filter((option) => option.value)
        .map((option) => [option.value, option.textContent]),
    ),
  };

  const files = new Map();
  // After a rebuild of the site is noticed, files are fetched past the browser's cache (see forgetFiles).
  let fetchOptions = {};
  let rebuiltNote = false;
  let ready = false;
  let table = null; // search/location.json, when the search shown has a location
  let lastEntryFromChange = false;
  let lastOutcome = null;
  let renderCount = 0;
  // This search's results, of which the first `shown` are in the list, and
  // the address they are the results of (written to the address bar a moment after they are drawn).
  let results = [];
  let shown = 0;
  let listedAddress = "";

  document.getElementById("search-fallback").hidden = true;
  app.hidden = false;

  function labelsOf(selector) {
    return Object.fromEntries(
      Array.from(document.querySelectorAll(selector)).map((input) => [
        input.value,
        input.labels[0].textContent,
      ]),
    );
  }

  // Each file is fetched once, and only when a search needs it; one that
  // failed is fetched again by the next search that needs it.
  function load(path) {
    if (!files.has(path)) {
      const fetched = fetchJson(base, path, fetchOptions).catch((error) => {
        files.delete(path);
        throw error;
      });
      files.set(path, fetched);
    }
    return files.get(path);
  }

  // The site was rebuilt while the page was open (SiteRebuilt): forget every
  // search file fetched, fetch each again from the server, not the browser's
  // cache, and say so with the results.
  function forgetFiles() {
    files.clear();
    fetchOptions = { cache: "no-cache" };
    rebuiltNote = true;
  }

  // A search prepared and listed; prepared once more, from fresh files, if
  // the site was rebuilt since the page fetched some of them.
  async function prepared(state, size) {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await prepareSearch(state, { load, loadLunr });
        return { outcome, found: await listed(state, outcome, size) };
      } catch (error) {
        if (!(error instanceof SiteRebuilt) || attempt > 1) {
          throw error;
        }
        forgetFiles();
      }
    }
  }

  // A batch of results could not be drawn because the site was rebuilt
  // under the list: search again, from fresh files, from the first result.
  function searchAgain() {
    forgetFiles();
    render(stateFromQuery(window.location.search), "submit");
  }

  function loadLunr() {
    return loadGlobalScript(`${base}assets/lunr.min.js`, "lunr");
  }

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

  function showLocationError(message) {
    const summary = document.getElementById("error-summary");
    const fieldError = document.getElementById("location-error");
    const input = document.getElementById("location");
    summary.hidden = !message;
    document.getElementById("location-group").classList.toggle("govuk-form-group--error", Boolean(message));
    input.classList.toggle("govuk-input--error", Boolean(message));
    fieldError.hidden = !message;
    input.setAttribute("aria-describedby", message ? "location-hint location-error" : "location-hint");
    document.getElementById("error-summary-location").textContent = message;
    document.getElementById("location-error-message").textContent = message;
    if (message) {
      setPanel(true); // the field with the error must be in view on phones too
    }
    return message ? summary : null;
  }

  function locationError(location) {
    if (location.status === "unknown") {
      return parseLocation(location.text).kind === "place"
        ? `We could not find ${location.text}. Enter a postcode, or a town or village in or near ${table.area}`
        : `We could not find the postcode district ${parseLocation(location.text).outcode}. Check the postcode and try again`;
    }
    return "";
  }

  function resultItem(result, provider) {
    const item = fillTemplate(document.getElementById("result-template"), {
      name: field.name(provider),
      path: base + field.path(provider),
      summary: field.summary(provider),
      accepting_new_clients: field.accepting_new_clients(provider),
      town: field.town(provider),
      distance: result.miles === null ? "" : distanceWords(result.miles, result.sameDistrict),
      districts: field
        .district_ids(provider)
        .map((id) => names.districts[id] || id)
        .join(", "),
      price_from: field.price_from(provider),
      direct_payments: field.direct_payments(provider),
      rating_words: field.rating_words(provider),
    });
    const slug = field.slug(provider);
    item.dataset.slug = slug;
    item.querySelector("a").addEventListener("click", () => {
      rememberSearch(slug, listedAddress, shown);
    });
    item.append(shortlistControl(slug, field.name(provider)));
    return item;
  }

  function showTags(state) {
    const tags = filterTags(state, names);
    const list = document.getElementById("filter-tags");
    list.textContent = "";
    for (const tag of tags) {
      const item = fillTemplate(document.getElementById("filter-tag-template"), {
        href: tag.query ? `?${tag.query}` : window.location.pathname,
        label: tag.label,
      });
      item.querySelector("a").addEventListener("click", (event) => {
        event.preventDefault();
        // The form may already hold a newer search than the tags on screen: take the filter out of that.
        fillForm(stateFromQuery(without(readForm(), tag.name, tag.value)));
        update("tag");
      });
      list.append(item);
    }
    document.getElementById("applied-filters").hidden = !tags.length;
  }

  function showChoice(location) {
    const choice = document.getElementById("place-choice");
    const options = document.getElementById("place-options");
    options.textContent = "";
    location.options.forEach((place, i) => {
      const item = fillTemplate(document.getElementById("place-option-template"), {
        label: `${place.label}, ${place.council}`,
      });
      const input = item.querySelector("input");
      input.id = `place-${i}`;
      input.value = place.label;
      input.checked = i === 0;
      item.querySelector("label").htmlFor = input.id;
      options.append(item);
    });
    choice.hidden = false;
  }

  function showOutOfArea(location) {
    const where = location.council
      ? `${location.text} is in ${location.council}`
      : `${location.text} is not in ${table.area}`;
    document.getElementById("out-of-area-text").textContent =
      `${where}. This directory lists care micro-enterprises working in ${table.area}.`;
    const list = document.getElementById("neighbour-links");
    list.textContent = "";
    for (const neighbour of neighbourLinks(location, table)) {
      const item = element("li");
      item.append(link(neighbour.url, neighbour.name));
      list.append(item);
    }
    document.getElementById("out-of-area").hidden = false;
  }

  // A search file could not be fetched: say so, and offer the browse lists.
  function showBroken() {
    clear();
    app.removeAttribute("data-loading");
    announce("Search is not working at the moment");
    setStatus("Please try again later, or find a provider by type of help or area below.");
    document.getElementById("search-fallback").hidden = false;
    retitle();
  }

  function setStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function announce(heading) {
    countHeading.textContent = heading;
  }

  // The tab's title says what the heading says. A search writes it once its
  // results are painted: a new title is a message to the browser, ahead of the results otherwise.
  function retitle() {
    document.title = `${countHeading.textContent} - ${app.dataset.pageTitle}`;
  }

  function countWords(count, location) {
    const providers = `${count} ${count === 1 ? "provider" : "providers"}`;
    if (location && location.status === "found" && !location.inArea) {
      return count
        ? `${providers} listed here ${count === 1 ? "covers" : "cover"} ${location.text}`
        : `No listed providers cover ${location.text}`;
    }
    if (location && location.status === "found") {
      return count ? `${providers} near ${location.text}` : `No providers found near ${location.text}`;
    }
    return count ? `${providers} found` : "No providers found";
  }

  function notes(outcome, location, rebuilt) {
    const parts = [];
    if (outcome.placeFromKeywords) {
      parts.push(`Showing providers near ${location.text}, the place in your keywords.`);
    }
    if (location && location.fallback) {
      parts.push(
        `We could not find the postcode ${parseLocation(location.text).text}, so distances are from the middle of ${location.outcode}.`,
      );
    }
    if (outcome.corrected) {
      parts.push(`No providers matched "${outcome.keywords}". Showing results for ${outcome.corrected}.`);
    }
    if (outcome.keywordsFailed) {
      parts.push("Keyword search is not working at the moment. The other filters still work.");
    }
    if (rebuilt) {
      parts.push(
        "The directory was updated while you were searching, so the results start again from the first.",
      );
    }
    return parts.join(" ");
  }

  // The cards of the batch of `size` results after the first `from`: those the search's keyword shards brought, and the rest fetched.
  function cardsAfter(list, from, size = RESULT_BATCH, known = lastOutcome?.cards) {
    const { end } = nextBatch(from, list.length, size);
    return loadCards(
      list.slice(from, end).map((result) => result.ref),
      { load },
      known,
    );
  }

  // A prepared search's results, the cards of the first few (about a
  // screenful, drawn at once) and how many more the first batch lists
  // (their cards are fetched once the first few are drawn: every file
  // fetched costs a slow phone time before the first result shows).
  async function listed(state, outcome, size) {
    const location = outcome.location;
    const near = location && location.status === "found" ? location : null;
    const scores = outcome.keywordsFailed ? null : outcome.scores || null;
    const list =
      location && !near ? [] : search({ ...state, q: "" }, outcome.data, outcome.table, near, scores);
    const first = Math.min(size, outcome.firstDrawn);
    return {
      results: list,
      cards: await cardsAfter(list, 0, first, outcome.cards),
      more: Math.max(0, size - first),
    };
  }

  // Lists the next results, one for each card given, and (unless more of
  // this batch are coming) offers the batch after them; returns the first item added.
  function showBatch(cards, offerMore = true) {
    const end = shown + cards.length;
    const items = results.slice(shown, end).map((result, i) => resultItem(result, cards[i]));
    resultList.append(...items);
    shown = end;
    const more = offerMore ? moreWords(end, results.length) : "";
    moreButton.textContent = more;
    moreButton.hidden = !more;
    return items[0];
  }

  // The rest of the first batch (`count` results), when their cards come; a failure offers the button to try again.
  async function showRest(count, current) {
    try {
      const cards = await cardsAfter(results, shown, count);
      if (current === renderCount) {
        showBatch(cards);
      }
    } catch (error) {
      if (current === renderCount && error instanceof SiteRebuilt) {
        searchAgain();
      } else if (current === renderCount) {
        showBatch([]);
        moreStatus.replaceChildren(element("p", "govuk-error-message", MORE_FAILED));
      }
    }
  }

  function clear() {
    resultList.textContent = "";
    results = [];
    shown = 0;
    moreButton.hidden = true;
    moreStatus.replaceChildren();
    setStatus("");
    document.getElementById("out-of-area").hidden = true;
    document.getElementById("place-choice").hidden = true;
    document.getElementById("distance-note").hidden = true;
    document.getElementById("search-fallback").hidden = true;
  }

  // reason is "load", "change", "tag" or "submit". After a load or submit
  // with an error, focus moves to the error summary; after a submit, to the
  // result heading, at every width. Back from a provider opened from this
  // search, the list goes as far as it went then, with focus on that provider.
  // onShown(), when given, runs once the search is on screen (or has failed),
  // or at once when the page is not ready yet.
  async function render(state, reason, onShown = () => {}) {
    if (!ready) {
      onShown(); // the first search, once the page is ready, is the one in the address
      return;
    }
    const back = reason === "load" ? returningTo(window.location.pathname + window.location.search) : null;
    const current = ++renderCount;
    app.toggleAttribute("data-loading", true);
    // A search changes the page in one step, when its results come: a
    // change drawn before then costs a slow phone a redraw ahead of the
    // results. On load, though, the filter tags are drawn at once, so that
    // what is below them does not move when the results come.
    const tagsFirst = reason === "load";
    if (tagsFirst) {
      showTags(state);
    }
    let outcome;
    let found;
    try {
      ({ outcome, found } = await prepared(state, back ? Math.max(back.shown, RESULT_BATCH) : RESULT_BATCH));
    } catch {
      if (current === renderCount) {
        showTags(state);
        showBroken();
        onShown();
      }
      return;
    }
    if (current !== renderCount) {
      return; // a newer search started while this one was fetching
    }
    lastOutcome = outcome;
    table = outcome.table;
    const rebuilt = rebuiltNote; // said once, with the first search shown after the rebuild
    rebuiltNote = false;
    clear();
    if (!tagsFirst) {
      showTags(state);
    }
    const location = outcome.location;
    const error = location ? locationError(location) : "";
    const summary = showLocationError(error);
    let rest = 0; // how many more of the first batch are still to be drawn
    if (error) {
      announce("Check the postcode or town");
    } else if (location && location.status === "choose") {
      announce(`More than one place is called ${location.text}`);
      showChoice(location);
    } else {
      const near = location && location.status === "found" ? location : null;
      results = found.results;
      listedAddress = addressOf(queryFromState(state));
      const order = state.sort === "rating" ? ", highest rated first" : "";
      announce(countWords(results.length, location) + order);
      if (location && location.status !== "found") {
        showOutOfArea(location);
      } else if (near && !near.inArea) {
        showOutOfArea(near);
      }
      let text = notes(outcome, near, rebuilt);
      if (!results.length && !(location && location.status !== "found") && !(near && !near.inArea)) {
        text += `${text ? " " : ""}Try removing a filter or using different words. You can also see all providers on the A to Z list.`;
      }
      setStatus(text);
      document.getElementById("distance-note").hidden = !(near && results.length);
      rest = Math.min(found.more, results.length - found.cards.length);
      showBatch(found.cards, rest <= 0);
    }
    // What can wait (the title, the address, fetching the rest of the batch) waits until
    // the first results are painted: a slow phone's main thread takes a while over each.
    await afterPaint();
    if (current !== renderCount) {
      return;
    }
    retitle();
    onShown();
    if (rest > 0) {
      await showRest(rest, current);
      if (current !== renderCount) {
        return;
      }
    }
    app.removeAttribute("data-loading");
    if (summary && reason !== "change") {
      summary.focus();
    } else if (reason === "submit") {
      closePanelOnPhones();
      countHeading.focus();
    } else if (back) {
      resultList.querySelector(`[data-slug="${CSS.escape(back.slug)}"] a`)?.focus();
    }
  }

  // Searches from the form go in the address when they are shown: updating
  // it earlier costs a phone a redraw, and Chromium a fetch of the tab's
  // icon, before the results. A search replaced by a newer one before it
  // was shown leaves no history entry.
  function update(reason) {
    const state = readForm();
    if (reason !== "change") {
      lastEntryFromChange = false; // a later change must not replace the entry before this step
    }
    render(state, reason, () => writeAddress(queryFromState(state), reason));
  }

  // The page's own address for a search's query string.
  function addressOf(query) {
    return window.location.pathname + (query ? `?${query}` : "");
  }

  // A submit or a removed tag is a step back can return to; a run of changes
  // (ticking boxes, arrowing through a select) shares one history entry.
  function writeAddress(query, reason) {
    if (query !== window.location.search.replace(/^\?/, "")) {
      const address = addressOf(query);
      if (reason === "change" && lastEntryFromChange) {
        window.history.replaceState(null, "", address);
      } else {
        window.history.pushState(null, "", address);
      }
    }
    lastEntryFromChange = reason === "change";
  }

  function onPhone() {
    return window.getComputedStyle(toggle).display !== "none";
  }

  function setPanel(open) {
    panel.classList.toggle("app-filter-panel--closed", !open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  function closePanelOnPhones() {
    if (onPhone()) {
      setPanel(false);
    }
  }

  // The error summary's link moves focus to the field, its label in view (as GOV.UK Frontend's script does).
  document.getElementById("error-summary-location").addEventListener("click", (event) => {
    event.preventDefault();
    focusQuestion(document.getElementById("location"));
  });

  // Focus moves to the first result added, so keyboard and screen reader users read on from there.
  // While a batch is fetched, presses are ignored (the button stays focusable, not disabled, so
  // focus is not lost); a batch fetched for a list a newer search has replaced is dropped.
  moreButton.addEventListener("click", async () => {
    const list = results;
    if (moreButton.getAttribute("aria-disabled") === "true" || app.hasAttribute("data-loading")) {
      return;
    }
    moreButton.setAttribute("aria-disabled", "true");
    moreStatus.replaceChildren();
    try {
      const cards = await cardsAfter(list, shown);
      if (list === results) {
        showBatch(cards).querySelector("a").focus();
      }
    } catch (error) {
      if (list === results && error instanceof SiteRebuilt) {
        searchAgain();
      } else if (list === results) {
        moreStatus.replaceChildren(element("p", "govuk-error-message", MORE_FAILED));
      }
    } finally {
      moreButton.removeAttribute("aria-disabled");
    }
  });

  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    setPanel(open);
    if (open) {
      form.querySelector("input").focus();
    }
  });

  // Boxes, radios and selects apply at once; typed text applies when the
  // resident searches, so no error appears (and moves the Search button)
  // while they are on their way to click it.
  form.addEventListener("change", (event) => {
    if (event.target.type !== "text" && event.target.type !== "search") {
      update("change");
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update("submit");
  });
  document.getElementById("q").addEventListener("focus", () => {
    loadLunr().catch(() => {});
  });
  document.getElementById("place-choice").addEventListener("submit", (event) => {
    event.preventDefault();
    document.getElementById("location").value = new FormData(event.target).get("place");
    if (lastOutcome && lastOutcome.placeFromKeywords) {
      document.getElementById("q").value = lastOutcome.keywords;
    }
    update("submit");
  });
  window.addEventListener("popstate", () => {
    const state = stateFromQuery(window.location.search);
    lastEntryFromChange = false;
    fillForm(state);
    render(state, "change");
  });

  setPanel(false);
  fillForm(stateFromQuery(window.location.search));
  load("search/manifest.json")
    .then(() => {
      ready = true;
      render(stateFromQuery(window.location.search), "load");
    })
    .catch(showBroken);
}
