/*
 * The shortlist: up to five providers, kept only in this browser
 * (localStorage) and never sent anywhere. Adds "Add to shortlist" buttons
 * to elements marked data-shortlist-slug and data-shortlist-name,
 * and offers window.CareShortlist to the search and shortlist pages.
 * Without JavaScript no buttons appear and nothing else changes.
 */
(function () {
  "use strict";

  var LIMIT = 5;
  var base = document.body.getAttribute("data-base") || "/";
  var storageKey = "care-directory-shortlist:" + base;

  function read() {
    try {
      var list = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return Array.isArray(list) ? list.filter(function (slug) { return typeof slug === "string"; }).slice(0, LIMIT) : [];
    } catch (error) {
      return [];
    }
  }

  function write(list) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(list.slice(0, LIMIT)));
      return true;
    } catch (error) {
      return false;  // storage turned off or full: the buttons say so
    }
  }

  function countWords(list) {
    return list.length + " of " + LIMIT + " on your shortlist.";
  }

  function setStatus(status, message, withLink) {
    status.textContent = message + " ";
    if (withLink) {
      var link = document.createElement("a");
      link.className = "govuk-link";
      link.href = base + "shortlist/";
      link.textContent = "Compare your shortlist";
      status.appendChild(link);
    }
  }

  /** Add or remove a provider; returns the message to show. */
  function toggle(slug, name) {
    var list = read();
    var at = list.indexOf(slug);
    if (at !== -1) {
      list.splice(at, 1);
      return write(list) ? name + " removed. " + countWords(list) : "Your browser is not letting this site save your shortlist.";
    }
    if (list.length >= LIMIT) {
      return "Your shortlist is full. You can compare up to " + LIMIT + " providers: remove one to add " + name + ".";
    }
    list.push(slug);
    return write(list) ? name + " added. " + countWords(list) : "Your browser is not letting this site save your shortlist.";
  }

  function label(button, slug, name) {
    var on = read().indexOf(slug) !== -1;
    button.textContent = on ? "Remove " : "Add ";
    var hiddenName = document.createElement("span");
    hiddenName.className = "govuk-visually-hidden";
    hiddenName.textContent = name + " ";
    button.appendChild(hiddenName);
    button.appendChild(document.createTextNode(on ? "from shortlist" : "to shortlist"));
  }

  /** A shortlist button and its status line, for one provider. */
  function control(slug, name) {
    var wrapper = document.createElement("div");
    wrapper.className = "app-shortlist-control";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-1";
    var status = document.createElement("p");
    status.className = "govuk-body-s";
    status.setAttribute("role", "status");
    label(button, slug, name);
    button.addEventListener("click", function () {
      var message = toggle(slug, name);
      label(button, slug, name);
      setStatus(status, message, read().length > 0);
    });
    wrapper.appendChild(button);
    wrapper.appendChild(status);
    return wrapper;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-slug]"), function (placeholder) {
    placeholder.appendChild(control(placeholder.getAttribute("data-shortlist-slug"), placeholder.getAttribute("data-shortlist-name")));
  });

  window.CareShortlist = { read: read, write: write, control: control, LIMIT: LIMIT };
})();
