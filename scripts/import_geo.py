"""Copy the slice of the shared open geodata the product needs into data/geo/.

Run again after fresh OS and ONS releases (see data/geo/README.md):
    .venv/bin/python scripts/import_geo.py /path/to/shared/data/geo

Writes, for every Great Britain postcode area, data/geo/postcodes/<AREA>.csv.gz
(postcode, latitude, longitude, council code), so a build reads only the
areas its council touches; data/geo/outcodes.csv (each postcode district's
centre, the mean of its postcodes); data/geo/places.csv.gz (named places
with the columns search needs); and copies of the council tables.
"""

from __future__ import annotations

import csv
import gzip
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "geo"
PLACE_COLUMNS = ["name", "label", "latitude", "longitude", "la_code", "outcode", "type"]


def main(source: Path) -> None:
    """Write data/geo/ from the shared geodata folder."""
    (DATA / "postcodes").mkdir(parents=True, exist_ok=True)
    by_area: dict[str, list[list[str]]] = defaultdict(list)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    with (
        gzip.open(source / "postcodes.csv.gz", "rt", encoding="utf-8") as places,
        gzip.open(source / "postcode-authority.csv.gz", "rt", encoding="utf-8") as councils,
    ):
        for located, council in zip(csv.reader(places), csv.reader(councils), strict=True):
            if located[0] == "postcode":
                continue
            if located[0] != council[0]:
                raise SystemExit(f"postcode files out of step at {located[0]} / {council[0]}")
            postcode, lat, lon = located
            outcode = postcode.split(" ")[0]
            by_area[re.match(r"[A-Z]+", outcode).group()].append([postcode, lat, lon, council[1]])
            total = sums[outcode]
            total[0] += float(lat)
            total[1] += float(lon)
            total[2] += 1
    for area, rows in by_area.items():
        with gzip.open(DATA / "postcodes" / f"{area}.csv.gz", "wt", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["postcode", "latitude", "longitude", "la_code"])
            writer.writerows(rows)
    with (DATA / "outcodes.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["outcode", "latitude", "longitude"])
        for outcode in sorted(sums):
            lat, lon, count = sums[outcode]
            writer.writerow([outcode, f"{lat / count:.5f}", f"{lon / count:.5f}"])
    with (
        (source / "places.csv").open(encoding="utf-8") as file,
        gzip.open(DATA / "places.csv.gz", "wt", encoding="utf-8", newline="") as out,
    ):
        writer = csv.DictWriter(out, PLACE_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(csv.DictReader(file))
    for name in ("authorities.csv", "outcode-authority.csv"):
        shutil.copyfile(source / name, DATA / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
