"""Build the files location search fetches, so the browser needs no geocoding service.

- search/location.json (fetched with the provider facts): the centre of
  every postcode district in the postcode areas around the council, which
  council each is in, whether a postcode file exists for it, the council
  code of each of the directory's districts, and the neighbouring councils'
  directories (config: neighbouring_directories).
- search/postcodes/<DISTRICT>.json, one per postcode district in or near the
  council's area: every live postcode's position and council. A search for
  CB4 1AA fetches CB4.json only.
- search/places.json (fetched for place names only): the named places in and
  near the area, and places elsewhere sharing their names, so "St Ives"
  can ask "Which did you mean?".
- search/place-names.json (fetched for keywords): just those places' names
  and labels, to spot a place typed among the keywords ("washing Ely")
  without fetching the whole place list.

Councils are written once per file, as a list, and referred to by position.
"""

from __future__ import annotations

from collections import defaultdict

from care_directory import geodata
from care_directory.model.directory import Directory

# Postcode districts whose centre is this close to the council's own also
# get postcode files: residents just over the border search too.
NEARBY_MILES = 6
DECIMALS = 4  # about 10 metres, finer than any distance the page shows
# How much a place counts when names clash: "Ely" is the city, not the
# suburb of Cardiff, but "St Ives" is two towns and the page asks which.
PLACE_RANKS = {"City": 2, "Town": 2, "Village": 1}


class Councils:
    """Council names in a file, each written once and referred to by position."""

    def __init__(self):
        self.names: list[str] = []

    def index(self, la_code: str) -> int:
        name = geodata.council_names().get(la_code, la_code)
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)


def council_codes(directory: Directory) -> set[str]:
    """The council codes of the directory's districts (config: districts[].la_code)."""
    return {d["la_code"] for d in directory.site.settings["districts"] if d.get("la_code")}


def served_outcodes(directory: Directory) -> set[str]:
    """Postcode districts the council touches, its config names, or any listing names."""
    own = council_codes(directory)
    served = {o for o, shares in geodata.outcode_councils().items() if any(la in own for la, _ in shares)}
    served |= {pc for d in directory.site.settings["districts"] for pc in d["postcodes"]}
    served |= {pc for p in directory.providers for pc in [*p.postcodes, p.base_postcode_district]}
    return served


def nearby_outcodes(served: set[str]) -> set[str]:
    """The served postcode districts and those whose centres lie within NEARBY_MILES of one."""
    centres = geodata.outcode_centres()
    served_points = [centres[o] for o in served if o in centres]
    return served | {
        o for o, point in centres.items() if any(geodata.miles_between(point, s) <= NEARBY_MILES for s in served_points)
    }


def _point(point: geodata.Point) -> list[float]:
    return [round(point[0], DECIMALS), round(point[1], DECIMALS)]


def postcode_files(outcodes: set[str]) -> dict[str, dict]:
    """One file per postcode district: {"c": [council names], "p": {inward code: [lat, lon, council]}}."""
    files: dict[str, dict] = {}
    councils: dict[str, Councils] = defaultdict(Councils)
    for area in sorted({geodata.postcode_area(o) for o in outcodes}):
        for postcode, point, la_code in geodata.area_postcodes(area):
            outcode, inward = postcode.split(" ")
            if outcode in outcodes:
                entry = files.setdefault(outcode, {"c": councils[outcode].names, "p": {}})
                entry["p"][inward] = [*_point(point), councils[outcode].index(la_code)]
    return files


def location_table(directory: Directory, served: set[str], with_files: set[str]) -> dict:
    """Postcode district centres and councils, the directory's districts and its neighbours."""
    own = council_codes(directory)
    areas = {geodata.postcode_area(o) for o in with_files}
    councils = Councils()
    outcodes = {}
    for outcode, point in sorted(geodata.outcode_centres().items()):
        shares = geodata.outcode_councils().get(outcode, [])
        if geodata.postcode_area(outcode) not in areas or not shares:
            continue
        # A district-only search is placed in the council's own part of a shared district.
        in_area = [la for la, _ in shares if la in own]
        council = in_area[0] if in_area else shares[0][0]
        outcodes[outcode] = [*_point(point), councils.index(council), int(bool(in_area)), int(outcode in with_files)]
    districts = {
        d["id"]: {"c": councils.index(d["la_code"]) if d.get("la_code") else None, "p": d["postcodes"]}
        for d in directory.site.settings["districts"]
    }
    neighbours = [
        {"name": n["name"], "url": n["url"], "c": [councils.index(la) for la in n["la_codes"]]}
        for n in directory.site.settings.get("neighbouring_directories", [])
    ]
    return {
        "area": directory.site.settings["area_name"],
        "councils": councils.names,
        "own": sorted({councils.index(la) for la in own}),
        "outcodes": outcodes,
        "districts": districts,
        "neighbours": neighbours,
    }


def place_list(directory: Directory, outcodes: set[str]) -> dict:
    """Places in and near the area, and places elsewhere with the same names.

    Each is [name, lat, lon, postcode district, council, rank, label]; the
    label (unique, "St Ives (Cambridgeshire)") is left out when it is the name.
    """
    own = council_codes(directory)
    local = [p for p in geodata.places() if p.outcode in outcodes or p.la_code in own]
    names = {p.name.casefold() for p in local}
    chosen = set(local) | {p for p in geodata.places() if p.name.casefold() in names}
    councils = Councils()
    rows = []
    for place in sorted(chosen, key=lambda p: p.label):
        rank = PLACE_RANKS.get(place.type, 0)
        row = [place.name, *_point(place.point), place.outcode, councils.index(place.la_code), rank]
        if place.label != place.name:
            row.append(place.label)
        rows.append(row)
    return {"councils": councils.names, "places": rows}


def place_names(places: dict) -> list[str]:
    """The names and labels in a place list (place_list()), each once, sorted."""
    return sorted({text for row in places["places"] for text in (row[0], row[6] if len(row) > 6 else row[0])})


def location_files(directory: Directory) -> dict[str, object]:
    """The location files by name below search/: location.json, places.json, place-names.json and
    postcodes/<DISTRICT>.json."""
    served = served_outcodes(directory)
    near = nearby_outcodes(served)
    files = postcode_files(near)
    outputs = {f"postcodes/{outcode}.json": data for outcode, data in files.items()}
    outputs["location.json"] = location_table(directory, served, set(files))
    outputs["places.json"] = place_list(directory, near)
    outputs["place-names.json"] = place_names(outputs["places.json"])
    return outputs
