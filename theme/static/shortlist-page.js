/*
 * The shortlist page: compares the providers on the shortlist side by side
 * (services, where they are based and work, languages, availability, days
 * and times, prices, payment, checks, regulation, contact), with a button to
 * remove each, using the page's <template> markup: a table on wide screens
 * and on paper, one card for each provider on narrow screens. Prints as a
 * call sheet.
 *
 * Opened from a shared link (shortlist/?p=slug-a,slug-b) it shows those
 * providers instead, and offers to save them as this browser's shortlist,
 * saying first when that would replace one already saved.
 */
import { fetchJson, fillTemplate } from "./helpers.js";
import { field } from "./record.js";
import { shardOf } from "./shards.js";
import { browserShortlist } from "./shortlist-control.js";
import { goneWords, providersInWords, saveOffer, sharePath, sharedSlugs } from "./shortlist-share.js";
import { LIMIT, listedProviders } from "./shortlist-store.js";

const app = document.getElementById("shortlist-app");
if (app) {
  startShortlist(app);
}

/** Where shown facts come from: the browser's shortlist, or a shared link (read only). */
function sharedList(slugs) {
  let list = slugs;
  return {
    shared: true,
    read: () => list,
    write(next) {
      list = next;
      return true;
    },
  };
}

function startShortlist(app) {
  const saved = browserShortlist();
  const base = app.dataset.base;
  const heading = document.getElementById("shortlist-heading");
  const status = document.getElementById("shortlist-status");
  const compare = document.getElementById("shortlist-compare");
  const clear = document.getElementById("shortlist-clear");
  const templates = {
    table: document.getElementById("shortlist-table"),
    column: document.getElementById("shortlist-column"),
    cards: document.getElementById("shortlist-cards"),
    card: document.getElementById("shortlist-card"),
  };
  const shared = {
    region: document.getElementById("shortlist-shared"),
    offer: document.getElementById("shortlist-save-offer"),
    save: document.getElementById("shortlist-save"),
    privacy: document.getElementById("shortlist-privacy"),
  };
  const share = {
    region: document.getElementById("shortlist-share"),
    link: document.getElementById("shortlist-share-link"),
    button: document.getElementById("shortlist-share-button"),
    status: document.getElementById("shortlist-share-status"),
  };
  const fromLink = sharedSlugs(window.location.search);
  let shown = fromLink ? sharedList(fromLink) : saved;
  let bySlug = new Map();
  let words = { labels: {}, districts: {} };

  document.getElementById("shortlist-fallback").hidden = true;
  app.hidden = false;

  function columnValues(p) {
    const phone = field.phone(p);
    const email = field.email(p);
    const daysAndTimes = [field.when_they_work(p)].filter(Boolean);
    const checks = field.checks_summary(p);
    return {
      name: field.name(p),
      path: base + field.path(p),
      services: field.service_ids(p).map((id) => words.labels[id] || id),
      based_in: `${field.town(p)} (${field.base_postcode_district(p)})`,
      districts: field.district_ids(p).map((id) => words.districts[id] || id),
      postcodes: field.postcodes(p).join(", "),
      languages: ["English", ...field.languages(p)],
      accepting_new_clients: field.accepting_new_clients(p),
      days_and_times: daysAndTimes,
      days_and_times_given: daysAndTimes.length > 0,
      prices: field.price_rows(p).map(([what, price]) => `${what}: ${price}`),
      direct_payments: field.direct_payments(p),
      self_funders: field.self_funders(p),
      checks,
      checks_given: checks.length > 0,
      regulation_text: field.regulation_text(p),
      rating_words: field.rating_words(p),
      phone,
      phone_href: field.phone_href(p),
      email,
      mailto: field.email_href(p),
    };
  }

  /** One card: the column's cells, each fact under its row's heading from the table. */
  function card(cells, rowHeadings) {
    const node = fillTemplate(templates.card, {});
    node.querySelector(".app-compare-card__name").append(...cells[0].childNodes);
    const facts = node.querySelector("dl");
    cells.slice(1, -1).forEach((cell, i) => {
      const row = document.createElement("div");
      row.className = "govuk-summary-list__row";
      const key = document.createElement("dt");
      key.className = "govuk-summary-list__key";
      key.textContent = rowHeadings[i];
      const value = document.createElement("dd");
      value.className = "govuk-summary-list__value";
      value.append(...cell.childNodes);
      row.append(key, value);
      facts.append(row);
    });
    const actions = node.querySelector("[data-actions]");
    if (shown.shared) {
      actions.remove();
    } else {
      actions.append(...cells.at(-1).childNodes);
    }
    return node;
  }

  function comparison(providers) {
    const count = providersInWords(providers.length);
    const table = fillTemplate(templates.table, { count });
    const cards = fillTemplate(templates.cards, { count });
    const cardList = cards.querySelector("ol");
    // The heading row, then the body's rows, each gaining a cell per provider.
    const rows = Array.from(table.querySelectorAll("tr"));
    const rowHeadings = rows.slice(1, -1).map((row) => row.querySelector("th").textContent);
    for (const p of providers) {
      const values = columnValues(p);
      const remove = () => removeProvider(field.slug(p), field.name(p));
      const column = fillTemplate(templates.column, values);
      column.querySelector("[data-remove]").addEventListener("click", remove);
      Array.from(column.children).forEach((cell, i) => rows[i].append(cell));
      const cardCells = fillTemplate(templates.column, values);
      cardCells.querySelector("[data-remove]").addEventListener("click", remove);
      cardList.append(card(Array.from(cardCells.children), rowHeadings));
    }
    if (shown.shared) {
      // A shared list is read only: it is saved (and then changed) as a whole.
      rows.at(-1).remove();
    }
    return [table, cards];
  }

  function removeProvider(slug, name) {
    shown.write(shown.read().filter((s) => s !== slug));
    render(`${name} removed from your shortlist.`);
  }

  function showShare(listed) {
    share.region.hidden = !listed.length;
    const href = new URL(sharePath(base, listed), window.location.href).href;
    share.link.href = href;
    share.link.textContent = href;
  }

  function showSharedOffer(listed) {
    shared.region.hidden = !shown.shared;
    shared.privacy.hidden = shown.shared;
    heading.textContent = shown.shared ? "A shared shortlist" : "Your shortlist";
    if (!shown.shared) {
      return;
    }
    const offer = listed.length ? saveOffer(listed, saved.read()) : { canSave: false, text: "" };
    shared.offer.textContent = offer.text;
    shared.offer.hidden = !offer.text;
    shared.save.hidden = !offer.canSave;
    shared.save.textContent = offer.button || "";
  }

  function render(message) {
    const { listed, gone } = listedProviders(shown.read(), bySlug);
    if (gone && !shown.shared) {
      shown.write(listed);
    }
    compare.textContent = "";
    const notes = [];
    if (message) {
      notes.push(message);
    }
    if (gone) {
      notes.push(goneWords(gone, shown.shared));
    }
    if (listed.length) {
      compare.append(...comparison(listed.map((slug) => bySlug.get(slug))));
    } else if (shown.shared) {
      notes.push("There are no providers in this link to compare.");
    } else {
      notes.push(
        `Your shortlist is empty. Find a provider and choose \u2018Add to shortlist\u2019 to compare up to ${LIMIT}.`,
      );
    }
    status.textContent = notes.join(" ");
    clear.hidden = shown.shared || !listed.length;
    showSharedOffer(listed);
    showShare(listed);
    app.removeAttribute("data-loading");
  }

  clear.addEventListener("click", () => {
    shown.write([]);
    render("Your shortlist has been cleared.");
  });

  shared.save.addEventListener("click", () => {
    const { listed } = listedProviders(shown.read(), bySlug);
    if (!saved.write(listed)) {
      status.textContent = "Your browser is not letting this site save your shortlist.";
      return;
    }
    // From now on this is the resident's own shortlist, at the page's plain address.
    shown = saved;
    window.history.replaceState(null, "", `${base}shortlist/`);
    render(`These ${providersInWords(listed.length)} are now your shortlist in this browser.`);
    heading.focus();
  });

  share.button.hidden = !(navigator.share || navigator.clipboard);
  share.button.textContent = navigator.share ? "Share link" : "Copy link";
  share.button.addEventListener("click", async () => {
    const url = share.link.href;
    share.status.textContent = "";
    try {
      if (navigator.share) {
        await navigator.share({ title: document.title, url });
        share.status.textContent = "Link shared.";
      } else {
        await navigator.clipboard.writeText(url);
        share.status.textContent = "Link copied. You can paste it into an email or a message.";
      }
    } catch (error) {
      // Closing the share sheet is not a failure worth a message.
      if (error?.name !== "AbortError") {
        share.status.textContent = "The link could not be copied. Select the link above and copy it instead.";
      }
    }
  });

  // Only the shards holding the listed providers' records are fetched, however big the directory.
  fetchJson(base, "search/shortlist.json")
    .then(async (shortlist) => {
      words = shortlist;
      const shards = new Set(shown.read().map((slug) => shardOf(slug, shortlist.shards)));
      const found = await Promise.all(
        [...shards].map((shard) => fetchJson(base, `search/shortlist/${shard}.json`)),
      );
      bySlug = new Map(found.flatMap((records) => Object.entries(records)));
      render("");
    })
    .catch(() => {
      status.textContent = "Your shortlist cannot be shown at the moment. Please try again later.";
      app.removeAttribute("data-loading");
    });
}
