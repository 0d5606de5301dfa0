/*
 * Small browser helpers the page scripts share: making elements, filling
 * <template> markup that the Jinja templates write, fetching the site's
 * JSON files and loading a classic script on demand.
 */

/** A new element with an optional class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A link with the GOV.UK link style. */
export function link(href, text) {
  const a = element("a", "govuk-link", text);
  a.href = href;
  return a;
}

function valueOf(values, name) {
  if (!(name in values)) {
    throw new Error(`The template asks for "${name}", which the script does not give`);
  }
  return values[name];
}

/**
 * A copy of a <template>'s first element, filled from values (an object of
 * name -> value): elements marked data-if="name" stay only when the value
 * is truthy, data-unless="name" only when it is falsy; data-list="name"
 * puts a list item for each string in an array before the element's own
 * children; data-text="name" sets the text and data-href="name" the link. Text is set as text, never
 * as markup.
 */
export function fillTemplate(template, values) {
  const node = template.content.firstElementChild.cloneNode(true);
  for (const el of node.querySelectorAll("[data-if]")) {
    if (!valueOf(values, el.dataset.if)) {
      el.remove();
    }
  }
  for (const el of node.querySelectorAll("[data-unless]")) {
    if (valueOf(values, el.dataset.unless)) {
      el.remove();
    }
  }
  for (const el of node.querySelectorAll("[data-list]")) {
    el.prepend(...valueOf(values, el.dataset.list).map((text) => element("li", "", text)));
  }
  for (const el of node.querySelectorAll("[data-text]")) {
    el.textContent = valueOf(values, el.dataset.text);
  }
  for (const el of node.querySelectorAll("[data-href]")) {
    el.href = valueOf(values, el.dataset.href);
  }
  return node;
}

/** Fetch a JSON file below the site's base path (options as fetch() takes them); rejects on an HTTP error. */
export async function fetchJson(base, path, options = {}) {
  const response = await fetch(base + path, options);
  if (!response.ok) {
    throw new Error(`${path}: ${response.status}`);
  }
  return response.json();
}

const loadedScripts = new Map();

/**
 * Load a classic (non-module) script once, such as lunr.min.js, which has
 * no module build and defines one global; resolves to that global.
 */
export function loadGlobalScript(src, globalName) {
  if (!loadedScripts.has(src)) {
    const loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", () => resolve(globalThis[globalName]));
      script.addEventListener("error", () => {
        // Forget the failure, so the next search that needs the script tries again.
        loadedScripts.delete(src);
        script.remove();
        reject(new Error(`${src} did not load`));
      });
      document.head.appendChild(script);
    });
    loadedScripts.set(src, loading);
  }
  return loadedScripts.get(src);
}

/**
 * Resolves once the browser has had the chance to paint what the page has
 * drawn so far (straight away in a hidden tab, which does not paint), so
 * that work started next, such as fetching many files, does not hold the
 * screen back.
 */
export function afterPaint() {
  return new Promise((resolve) => {
    if (document.hidden) {
      resolve();
    } else {
      requestAnimationFrame(() => setTimeout(resolve));
    }
  });
}
