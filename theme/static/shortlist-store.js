/*
 * The shortlist's rules: up to five provider slugs, kept only in this
 * browser (localStorage, one list per base path) and never sent anywhere.
 * The storage is passed in, so this module has no DOM and runs in Node.
 */
export const LIMIT = 5;

/** The localStorage key for a site built for a base path such as "/" or "/directory/". */
export function storageKey(base) {
  return `care-directory-shortlist:${base}`;
}

/** The slugs in a stored value; anything unreadable counts as an empty list. */
export function parseList(text) {
  try {
    const list = JSON.parse(text || "[]");
    return Array.isArray(list) ? list.filter((slug) => typeof slug === "string").slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}

function countWords(list) {
  return `${list.length} of ${LIMIT} on your shortlist.`;
}

const NOT_SAVED = "Your browser is not letting this site save your shortlist.";

/**
 * The shortlist for a base path. getStorage returns a Storage (reading
 * window.localStorage throws where storage is turned off, so it is read
 * on each use, inside a try).
 */
export function openShortlist(getStorage, base) {
  const key = storageKey(base);

  function read() {
    try {
      return parseList(getStorage().getItem(key));
    } catch {
      return [];
    }
  }

  /** Save a list; false when storage is turned off or full. */
  function write(list) {
    try {
      getStorage().setItem(key, JSON.stringify(list.slice(0, LIMIT)));
      return true;
    } catch {
      return false;
    }
  }

  /** Add or remove a provider; returns the message to show. */
  function toggle(slug, name) {
    const list = read();
    const at = list.indexOf(slug);
    if (at !== -1) {
      list.splice(at, 1);
      return write(list) ? `${name} removed. ${countWords(list)}` : NOT_SAVED;
    }
    if (list.length >= LIMIT) {
      return `Your shortlist is full. You can compare up to ${LIMIT} providers: remove one to add ${name}.`;
    }
    list.push(slug);
    return write(list) ? `${name} added. ${countWords(list)}` : NOT_SAVED;
  }

  const has = (slug) => read().includes(slug);

  return { read, write, toggle, has };
}

/** The saved slugs still listed (bySlug is a Map), in shortlist order, and how many are gone. */
export function listedProviders(saved, bySlug) {
  const listed = saved.filter((slug) => bySlug.has(slug));
  return { listed, gone: saved.length - listed.length };
}
