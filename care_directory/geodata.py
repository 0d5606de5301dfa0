"""Read the open geodata in data/geo/ (OS and ONS, Open Government Licence).

Postcodes are stored one file per postcode area (data/geo/postcodes/CB.csv.gz),
so a build reads only the areas its council touches. See data/geo/README.md.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from care_directory.paths import PROJECT_ROOT

GEO = PROJECT_ROOT / "data" / "geo"
MILES_PER_RADIAN = 3958.8

Point = tuple[float, float]


@dataclass(frozen=True)
class Place:
    """A named place (town, village, suburb) from OS Open Names."""

    name: str
    label: str
    point: Point
    la_code: str
    outcode: str
    type: str


def postcode_area(outcode: str) -> str:
    """The letters a postcode district starts with: CB4 -> CB."""
    return re.match(r"[A-Z]+", outcode).group()


def miles_between(a: Point, b: Point) -> float:
    """Great-circle distance in miles between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * MILES_PER_RADIAN * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def council_names() -> dict[str, str]:
    """Local authority district code -> name (E07000008 -> Cambridge)."""
    with (GEO / "authorities.csv").open(encoding="utf-8") as file:
        return {row["la_code"]: row["la_name"] for row in csv.DictReader(file)}


@lru_cache(maxsize=1)
def outcode_councils() -> dict[str, list[tuple[str, float]]]:
    """Postcode district -> the councils it touches with their share of its postcodes, largest first."""
    touching: dict[str, list[tuple[str, float]]] = {}
    with (GEO / "outcode-authority.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            touching.setdefault(row["outcode"], []).append((row["la_code"], float(row["share"])))
    for shares in touching.values():
        shares.sort(key=lambda share: -share[1])
    return touching


@lru_cache(maxsize=1)
def outcode_centres() -> dict[str, Point]:
    """Every GB postcode district's centre: the mean position of its live postcodes."""
    with (GEO / "outcodes.csv").open(encoding="utf-8") as file:
        return {row["outcode"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(file)}


@lru_cache(maxsize=64)
def area_postcodes(area: str) -> tuple[tuple[str, Point, str], ...]:
    """Every live postcode in a postcode area: (postcode, point, council code)."""
    path = GEO / "postcodes" / f"{area}.csv.gz"
    if not path.exists():
        return ()
    with gzip.open(path, "rt", encoding="utf-8") as file:
        rows = csv.reader(file)
        next(rows)
        return tuple((postcode, (float(lat), float(lon)), la) for postcode, lat, lon, la in rows)


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Every named place in Great Britain."""
    with gzip.open(GEO / "places.csv.gz", "rt", encoding="utf-8") as file:
        return tuple(
            Place(
                row["name"],
                row["label"],
                (float(row["latitude"]), float(row["longitude"])),
                row["la_code"],
                row["outcode"],
                row["type"],
            )
            for row in csv.DictReader(file)
        )
