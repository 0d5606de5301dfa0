/*
 * The shortlist page: compares the providers on the shortlist side by side
 * (services, areas, availability, prices, payment, regulation, contact),
 * with a button to remove each. Prints as a call sheet.
 */
(function () {
  "use strict";

  var app = document.getElementById("shortlist-app");
  if (!app || !window.fetch || !window.CareShortlist) {
    return;
  }
  var shortlist = window.CareShortlist;
  var base = app.getAttribute("data-base");
  var status = document.getElementById("shortlist-status");
  var compare = document.getElementById("shortlist-compare");
  var clear = document.getElementById("shortlist-clear");
  var data = null;

  document.getElementById("shortlist-fallback").hidden = true;
  app.hidden = false;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function link(href, text) {
    var a = element("a", "govuk-link", text);
    a.href = href;
    return a;
  }

  function lines(items) {
    var list = element("ul", "govuk-list");
    items.forEach(function (item) {
      var li = element("li");
      li.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
      list.appendChild(li);
    });
    return list;
  }

  // Each row: a heading and, for a provider, what goes in its cell.
  var ROWS = [
    ["Services", function (p) { return lines(p.v.map(function (id) { return data.labels[id] || id; })); }],
    ["Areas", function (p) { return lines(p.d.map(function (id) { return data.districts[id] || id; }).concat(p.p.length ? ["Postcodes: " + p.p.join(", ")] : [])); }],
    ["Availability", function (p) { return lines([p.a ? "Taking new clients" : "Not taking new clients"].concat(p.w ? [p.w] : [])); }],
    ["Prices", function (p) { return lines(p.pr.map(function (price) { return price[0] + ": " + price[1]; })); }],
    ["Payment", function (p) {
      return lines([(p.dp ? "Accepts" : "Does not accept") + " Direct Payments", (p.sf ? "Accepts" : "Does not accept") + " people paying for themselves"]);
    }],
    ["Regulation", function (p) { return document.createTextNode(p.rt); }],
    ["Contact", function (p) {
      var items = [];
      if (p.ph) { items.push(link(p.pt, p.ph)); }
      if (p.e) { items.push(link("mailto:" + p.e, p.e)); }
      return lines(items);
    }]
  ];

  function table(providers) {
    var region = element("div", "app-table-scroll");
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", "Your shortlist compared");
    region.tabIndex = 0;
    var t = element("table", "govuk-table app-compare");
    var caption = element("caption", "govuk-table__caption govuk-table__caption--m", "Comparing " + providers.length + (providers.length === 1 ? " provider" : " providers"));
    t.appendChild(caption);
    var head = element("thead", "govuk-table__head");
    var headRow = element("tr", "govuk-table__row");
    headRow.appendChild(element("td", "govuk-table__cell"));
    providers.forEach(function (p) {
      var th = element("th", "govuk-table__header");
      th.scope = "col";
      th.appendChild(link(base + p.u, p.n));
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    t.appendChild(head);
    var body = element("tbody", "govuk-table__body");
    ROWS.forEach(function (row) {
      var tr = element("tr", "govuk-table__row");
      var th = element("th", "govuk-table__header", row[0]);
      th.scope = "row";
      tr.appendChild(th);
      providers.forEach(function (p) {
        var td = element("td", "govuk-table__cell");
        td.appendChild(row[1](p));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var removeRow = element("tr", "govuk-table__row app-no-print");
    removeRow.appendChild(element("td", "govuk-table__cell"));
    providers.forEach(function (p) {
      var td = element("td", "govuk-table__cell");
      var button = element("button", "govuk-button govuk-button--warning govuk-!-margin-bottom-0", "Remove ");
      button.type = "button";
      button.appendChild(element("span", "govuk-visually-hidden", p.n + " "));
      button.appendChild(document.createTextNode("from shortlist"));
      button.addEventListener("click", function () { remove(p.slug, p.n); });
      td.appendChild(button);
      removeRow.appendChild(td);
    });
    body.appendChild(removeRow);
    t.appendChild(body);
    region.appendChild(t);
    return region;
  }

  function remove(slug, name) {
    shortlist.write(shortlist.read().filter(function (s) { return s !== slug; }));
    render(name + " removed from your shortlist.");
  }

  function render(message) {
    var bySlug = {};
    data.providers.forEach(function (p) { p.slug = p.k; bySlug[p.slug] = p; });
    var saved = shortlist.read();
    var listed = saved.filter(function (slug) { return bySlug[slug]; });
    var gone = saved.length - listed.length;
    if (gone) { shortlist.write(listed); }
    compare.textContent = "";
    var notes = [];
    if (message) { notes.push(message); }
    if (gone) { notes.push(gone === 1 ? "1 provider on your shortlist is no longer listed, so it was removed." : gone + " providers on your shortlist are no longer listed, so they were removed."); }
    if (!listed.length) {
      notes.push("Your shortlist is empty. Find a provider and choose \u2018Add to shortlist\u2019 to compare up to " + shortlist.LIMIT + ".");
    } else {
      compare.appendChild(table(listed.map(function (slug) { return bySlug[slug]; })));
    }
    status.textContent = notes.join(" ");
    clear.hidden = !listed.length;
    app.removeAttribute("data-loading");
  }

  clear.addEventListener("click", function () {
    shortlist.write([]);
    render("Your shortlist has been cleared.");
  });

  function fetchJson(path) {
    return fetch(base + path).then(function (response) {
      if (!response.ok) { throw new Error(path + ": " + response.status); }
      return response.json();
    });
  }

  Promise.all([fetchJson("search/providers.json"), fetchJson("search/details.json")]).then(function (loaded) {
    data = loaded[0];
    data.providers.forEach(function (provider, i) { Object.assign(provider, loaded[1][i]); });
    render("");
  }).catch(function () {
    status.textContent = "Your shortlist cannot be shown at the moment. Please try again later.";
    app.removeAttribute("data-loading");
  });
})();
