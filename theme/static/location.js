/*
 * Where a resident is: reading the location box (a full postcode, a postcode
 * district or a place name) and placing it with the build's files:
 * search/location.json (postcode district centres and councils),
 * search/postcodes/<DISTRICT>.json (every postcode in one district) and
 * search/places.json (named places). See care_directory/outputs/location_files.py.
 * No DOM and no fetching here: the page fetches what parseLocation says it needs.
 */

const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const MILES_PER_RADIAN = 3958.8;

/** object[key] only when the object itself has it: a search for "constructor" must not find Object's. */
export function own(object, key) {
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * What was typed: {kind: "empty"}, {kind: "postcode", outcode, inward, text: "CB4 1AA"},
 * {kind: "district", outcode, text: "CB4"} or {kind: "place", text}.
 */
export function parseLocation(typed) {
  const text = String(typed || "")
    .trim()
    .replace(/\s+/g, " ");
  const compact = text.toUpperCase().replace(/ /g, "");
  if (!compact) {
    return { kind: "empty" };
  }
  const full = FULL_POSTCODE.exec(compact);
  if (full) {
    return { kind: "postcode", outcode: full[1], inward: full[2], text: `${full[1]} ${full[2]}` };
  }
  if (DISTRICT.test(compact)) {
    return { kind: "district", outcode: compact, text: compact };
  }
  return { kind: "place", text };
}

/** A place name compared without case, dots or the difference between "Saint" and "St". */
export function placeKey(name) {
  return String(name)
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/\bsaint\b/g, "st")
    .replace(/\s+/g, " ")
    .trim();
}

/** Great-circle distance in miles between two [latitude, longitude] points. */
export function milesBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * MILES_PER_RADIAN * Math.asin(Math.sqrt(h));
}

/** The middle of the council's own postcode districts, for ranking places by nearness to the area. */
export function areaCentre(table) {
  const inside = Object.values(table.outcodes).filter((entry) => entry[3]);
  const sum = inside.reduce((total, entry) => [total[0] + entry[0], total[1] + entry[1]], [0, 0]);
  return inside.length ? [sum[0] / inside.length, sum[1] / inside.length] : [0, 0];
}

function placeOf(row, councils) {
  const [name, lat, lon, outcode, council, rank, label] = row;
  return { name, label: label || name, point: [lat, lon], outcode, council: councils[council], rank };
}

/**
 * Places whose name or label is the text, nearest the council's area first.
 * Of places sharing a name, only those of the highest rank (towns and
 * cities, then villages, then the rest) count: "Ely" is the city, not the
 * suburb of Cardiff.
 */
export function findPlaces(text, places, table) {
  const key = placeKey(text);
  const all = places.places.map((row) => placeOf(row, places.councils));
  const byLabel = all.filter((place) => placeKey(place.label) === key);
  const named = byLabel.length ? byLabel : all.filter((place) => placeKey(place.name) === key);
  const top = Math.max(...named.map((place) => place.rank));
  const matches = named.filter((place) => place.rank === top);
  const centre = areaCentre(table);
  return matches
    .map((place) => ({ ...place, miles: milesBetween(centre, place.point) }))
    .sort((a, b) => a.miles - b.miles);
}

/** The place names as keys, from search/place-names.json, for spotting a place typed as a keyword. */
export function placeNames(names) {
  return new Set(names.map(placeKey));
}

function ownCouncils(table) {
  return new Set(table.own.map((i) => table.councils[i]));
}

function found(table, values) {
  return { status: "found", inArea: ownCouncils(table).has(values.council), fallback: false, ...values };
}

/**
 * Place a parsed location. postcodeFile is the fetched search/postcodes/<DISTRICT>.json
 * (or null when there is none), places the fetched search/places.json (or null).
 * Returns {status: "found", text, point, outcode, council, inArea, precision, fallback},
 * {status: "choose", text, options: [place]}, {status: "unknown", text} or
 * {status: "far", text} (a postcode district outside the postcode areas near the council).
 */
export function locate(parsed, table, postcodeFile, places) {
  if (parsed.kind === "place") {
    const matches = findPlaces(parsed.text, places, table);
    if (!matches.length) {
      return { status: "unknown", text: parsed.text };
    }
    if (matches.length > 1) {
      return { status: "choose", text: parsed.text, options: matches };
    }
    const [place] = matches;
    // Say the place as the resident did ("Ely"), unless they chose a label.
    return found(table, {
      text: placeKey(parsed.text) === placeKey(place.label) ? place.label : place.name,
      point: place.point,
      outcode: place.outcode,
      council: place.council,
      precision: "place",
    });
  }
  const entry = own(table.outcodes, parsed.outcode);
  if (!entry) {
    const nearAreas = new Set(Object.keys(table.outcodes).map((outcode) => /^[A-Z]+/.exec(outcode)[0]));
    const area = /^[A-Z]+/.exec(parsed.outcode)[0];
    return { status: nearAreas.has(area) ? "unknown" : "far", text: parsed.text };
  }
  const district = { text: parsed.text, outcode: parsed.outcode, point: [entry[0], entry[1]] };
  if (parsed.kind === "district") {
    return {
      ...found(table, { ...district, council: table.councils[entry[2]], precision: "district" }),
      inArea: Boolean(entry[3]),
    };
  }
  const postcode = postcodeFile && own(postcodeFile.p, parsed.inward);
  if (postcode) {
    return found(table, {
      ...district,
      point: [postcode[0], postcode[1]],
      council: postcodeFile.c[postcode[2]],
      precision: "postcode",
    });
  }
  // A well-formed postcode not in the list (new, terminated or mistyped): use its district.
  return found(table, {
    ...district,
    council: table.councils[entry[2]],
    precision: "district",
    fallback: true,
  });
}

/** The council district ids that a located place is in (by council, or by postcode district when a district has no council code). */
export function councilDistricts(location, table) {
  return Object.entries(table.districts)
    .filter(([, district]) =>
      district.c === null
        ? district.p.includes(location.outcode)
        : table.councils[district.c] === location.council,
    )
    .map(([id]) => id);
}

/** The neighbouring councils' directories, the one for the located council first. */
export function neighbourLinks(location, table) {
  const isHome = (neighbour) => neighbour.c.some((i) => table.councils[i] === location.council);
  return [...table.neighbours.filter(isHome), ...table.neighbours.filter((n) => !isHome(n))];
}

/** How far away a provider is, in words honest for district-centre precision. */
export function distanceWords(miles, sameDistrict) {
  if (sameDistrict) {
    return "in your area";
  }
  const rounded = Math.max(1, Math.round(miles));
  return rounded === 1 ? "about 1 mile away" : `about ${rounded} miles away`;
}
