/*
 * The shortlist page: compares the providers on the shortlist side by side
 * (services, areas, availability, prices, payment, regulation, contact),
 * with a button to remove each, using the page's <template> markup. Prints
 * as a call sheet.
 */
import { fetchJson, fillTemplate } from "./helpers.js";
import { field } from "./record.js";
import { browserShortlist } from "./shortlist-control.js";
import { LIMIT, listedProviders } from "./shortlist-store.js";

const app = document.getElementById("shortlist-app");
if (app) {
  startShortlist(app);
}

function startShortlist(app) {
  const shortlist = browserShortlist();
  const base = app.dataset.base;
  const status = document.getElementById("shortlist-status");
  const compare = document.getElementById("shortlist-compare");
  const clear = document.getElementById("shortlist-clear");
  const tableTemplate = document.getElementById("shortlist-table");
  const columnTemplate = document.getElementById("shortlist-column");
  let bySlug = new Map();
  let words = { labels: {}, districts: {} };

  document.getElementById("shortlist-fallback").hidden = true;
  app.hidden = false;

  function columnValues(p) {
    const phone = field.phone(p);
    const email = field.email(p);
    return {
      name: field.name(p),
      path: base + field.path(p),
      services: field.service_ids(p).map((id) => words.labels[id] || id),
      districts: field.district_ids(p).map((id) => words.districts[id] || id),
      postcodes: field.postcodes(p).join(", "),
      accepting_new_clients: field.accepting_new_clients(p),
      when_they_work: field.when_they_work(p),
      prices: field.price_rows(p).map(([what, price]) => `${what}: ${price}`),
      direct_payments: field.direct_payments(p),
      self_funders: field.self_funders(p),
      regulation_text: field.regulation_text(p),
      phone,
      phone_href: field.phone_href(p),
      email,
      mailto: field.email_href(p),
    };
  }

  function table(providers) {
    const region = fillTemplate(tableTemplate, {
      count: `${providers.length} ${providers.length === 1 ? "provider" : "providers"}`,
    });
    // The heading row, then the body's rows, each gaining a cell per provider.
    const rows = region.querySelectorAll("tr");
    for (const p of providers) {
      const column = fillTemplate(columnTemplate, columnValues(p));
      column
        .querySelector("[data-remove]")
        .addEventListener("click", () => remove(field.slug(p), field.name(p)));
      Array.from(column.children).forEach((cell, i) => rows[i].append(cell));
    }
    return region;
  }

  function remove(slug, name) {
    shortlist.write(shortlist.read().filter((s) => s !== slug));
    render(`${name} removed from your shortlist.`);
  }

  function render(message) {
    const { listed, gone } = listedProviders(shortlist.read(), bySlug);
    if (gone) {
      shortlist.write(listed);
    }
    compare.textContent = "";
    const notes = [];
    if (message) {
      notes.push(message);
    }
    if (gone) {
      notes.push(
        gone === 1
          ? "1 provider on your shortlist is no longer listed, so it was removed."
          : `${gone} providers on your shortlist are no longer listed, so they were removed.`,
      );
    }
    if (listed.length) {
      compare.append(table(listed.map((slug) => bySlug.get(slug))));
    } else {
      notes.push(
        `Your shortlist is empty. Find a provider and choose \u2018Add to shortlist\u2019 to compare up to ${LIMIT}.`,
      );
    }
    status.textContent = notes.join(" ");
    clear.hidden = !listed.length;
    app.removeAttribute("data-loading");
  }

  clear.addEventListener("click", () => {
    shortlist.write([]);
    render("Your shortlist has been cleared.");
  });

  Promise.all([fetchJson(base, "search/providers.json"), fetchJson(base, "search/details.json")])
    .then(([data, details]) => {
      words = data;
      // details.json has one record for each provider, in the same order.
      bySlug = new Map(data.providers.map((p, i) => [field.slug(p), { ...p, ...details[i] }]));
      render("");
    })
    .catch(() => {
      status.textContent = "Your shortlist cannot be shown at the moment. Please try again later.";
      app.removeAttribute("data-loading");
    });
}
