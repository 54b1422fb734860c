"""What kind of body or office a common noun names, for descriptions that refer back.

"The carmaker said" refers back to an organisation the story named as a carmaker, or
whose name says it makes cars ("X Motors"); "the watchdog" to the one it called a
regulator; "the shire" to "X Shire Council". A kind is a set of words that describe the
same sort of body, both as nouns a story uses on their own ("the utility") and as the
last words of names ("X Water"). A noun may belong to several kinds ("automaker" is a
carmaker and a manufacturer).

Offices work the same way for people: "the minister" is whoever holds a minister's or a
secretary of state's post, "the firm's boss" whoever heads the firm.
"""

from __future__ import annotations

from functools import lru_cache

from storygraph.extract import lexicon as lx


def _kind(nouns: str, heads: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """(nouns a story says "the ..." with, last words of names of such bodies)."""
    words = frozenset(nouns.split())
    return words, words | frozenset(heads.split())


# Businesses: any of these nouns may also mean a company whose name says nothing.
_BUSINESS_KINDS = {
    "company": _kind("company firm business corporation concern outfit enterprise "
                     "conglomerate group startup start-up giant",
                     "inc ltd plc llc co corp holdings partners industries"),
    "manufacturer": _kind("manufacturer maker producer builder carmaker automaker",
                          "motors automotive industries manufacturing engineering precision "
                          "works steel systems technologies products paper plastics "
                          "chemicals pharmaceuticals textiles brands"),
    "carmaker": _kind("carmaker automaker", "motors automotive cars vehicles"),
    "retailer": _kind("retailer chain grocer supermarket", "stores store supermarkets shops"),
    "lender": _kind("lender bank", "bank banks bancorp mutual"),
    "insurer": _kind("insurer", "insurance assurance"),
    "airline": _kind("airline carrier", "air airways airlines"),
    "utility": _kind("utility supplier", "water energy power gas electric electricity utilities"),
    "miner": _kind("miner", "mining minerals resources metals gold lithium coal"),
    "processor": _kind("processor", "foods food meats meat dairies dairy packers"),
    "developer": _kind("developer housebuilder builder", "homes developments properties "
                       "estates builders"),
    "operator": _kind("operator", "ferries buses coaches rail railway railways trains "
                      "transport lines logistics"),
    "broadcaster": _kind("broadcaster", "tv television radio broadcasting"),
    "publisher": _kind("publisher", "publishing books"),
    "brewer": _kind("brewer distiller", "brewery brewers ales distillery distillers"),
    # (works speak through the firms that run them: "The foundry said")
    "foundry": _kind("foundry", "castings foundries forgings"),
    "mill": _kind("mill sawmill", "mills sawmills paper pulp timber"),
    "refinery": _kind("refinery", "refining"),
    "smelter": _kind("smelter", "smelting smelters"),
    "shipyard": _kind("shipyard", "shipbuilders shipbuilding"),
    "consultancy": _kind("consultancy", "consulting consultancy consultants analytics "
                         "advisory"),
}
# Bodies that are not businesses: only one named or described so is meant.
_BODY_KINDS = {
    "regulator": _kind("regulator watchdog", "authority commission ombudsman inspectorate"),
    "union": _kind("union", "unions federation guild workers local brotherhood"),
    "council": _kind("council authority shire borough municipality", "council"),
    "club": _kind("club team side", " ".join(lx.CLUB_HEADS)),
    "charity": _kind("charity trust foundation", "society appeal"),
    "campaign": _kind("group campaign alliance coalition", "action friends network now watch "
                      "association society residents parents trust"),
    "association": _kind("association society federation", ""),
    "chamber": _kind("chamber", ""),
    "hospital": _kind("hospital infirmary clinic", ""),
    "department": _kind("department ministry agency office", "service services commission "
                        "directorate administration bureau"),
    "school": _kind("school academy college", ""),
    "university": _kind("university", ""),
    "court": _kind("court tribunal", ""),
    "party": _kind("party", ""),
    "board": _kind("board", "board"),
    "police": _kind("police force constabulary", "police constabulary"),
    "museum": _kind("museum theatre gallery library", ""),
    "division": _kind("division district", "division district board"),
    "corporation": _kind("corporation", "corporation"),
}
_KINDS = {**_BUSINESS_KINDS, **_BODY_KINDS}

BUSINESS_KINDS = frozenset(_BUSINESS_KINDS)
# Every noun that can stand for an organisation in "the ... said".
ORG_NOUNS = frozenset().union(*(nouns for nouns, _ in _KINDS.values()))
# Nouns that may mean any company, when nothing in the story says what a body is.
BUSINESS_NOUNS = frozenset().union(*(nouns for nouns, _ in _BUSINESS_KINDS.values())) \
    - frozenset({"builder", "supplier"})
# Nouns for a body of any kind ("the organisation said"): a company, a charity, a union.
ANY_BODY_NOUNS = frozenset({"organisation", "organization", "body", "outfit"})


@lru_cache(maxsize=4096)
def kinds_of(noun: str) -> frozenset[str]:
    """The kinds a noun used on its own names ("automaker": carmaker, manufacturer)."""
    return frozenset(k for k, (nouns, _) in _KINDS.items() if noun in nouns)


def kinds_named(words: set[str]) -> frozenset[str]:
    """The kinds that name heads or descriptions ("X Motors", "the carmaker X") say."""
    return frozenset(k for k, (_, heads) in _KINDS.items() if words & heads)


# --- offices ---------------------------------------------------------------------------------

# Titles that head an organisation: "the firm's boss", "the union leader", "the club boss".
TOP_TITLES = ("chief executive", "ceo", "managing director", "chair", "president",
              "general secretary", "secretary-general", "leader", "head", "boss", "founder",
              "owner", "principal", "headteacher", "manager", "director")
# Offices that mean whoever heads the body.
TOP_OFFICES = frozenset({"boss", "leader", "head", "chief", "chiefs", "bosses"})
# Nouns for an office and the words of titles that hold it ("the minister" is a
# secretary of state; "the MP" a TD or an MSP).
OFFICE_SYNONYMS: dict[str, frozenset[str]] = {
    "minister": frozenset({"minister", "secretary"}),
    **dict.fromkeys(_MEMBERS_OF_PARLIAMENT := ("mp", "msp", "ms", "mla", "mpp", "mhk", "mha",
                                                "mna"),
                    frozenset({*_MEMBERS_OF_PARLIAMENT, "td"})),
    "td": frozenset({"td", "deputy"}),
    "chairman": frozenset({"chairman", "chair", "chairwoman", "chairperson"}),
    "chair": frozenset({"chairman", "chair", "chairwoman", "chairperson"}),
    "chairwoman": frozenset({"chairman", "chair", "chairwoman", "chairperson"}),
    "ceo": frozenset({"ceo", "executive"}),
    "premier": frozenset({"premier", "first"}),
    **dict.fromkeys(("captain", "skipper"), frozenset({"captain", "skipper"})),
    "judge": frozenset({"judge", "justice"}),  # "Mrs Justice X" sits in the High Court
    # counsel: "Sam Ode, defending," is his lawyer; "Prosecuting, Jo Pike" the prosecutor
    **dict.fromkeys(_LAWYERS := ("lawyer", "attorney", "barrister", "solicitor", "counsel",
                                 "advocate"), frozenset({*_LAWYERS, "defending", "mitigating"})),
    # (a Scottish "advocate depute" or "procurator fiscal" prosecutes, and so does an
    # American "district attorney")
    "prosecutor": frozenset({"prosecutor", "prosecuting", "depute", "fiscal", "attorney"}),
    # "the officer" for a police rank: "Detective Inspector X said ... the officer said"
    "officer": frozenset({"officer", "constable", "sergeant", "inspector", "superintendent",
                          "detective", "pc", "dc", "sgt", "insp", "supt"}),
}
# Offices of one elected to a seat ("the Kerry TD", "the Wessex MP", "the Ohio senator").
SEATS = frozenset((*_MEMBERS_OF_PARLIAMENT, "td", "mep", "senator", "congressman",
                   "congresswoman", "congressmember", "assemblyman", "assemblywoman",
                   "assemblymember", "legislator", "lawmaker", "councillor", "councilor",
                   "alderman"))
# Posts of a politician that are no other office: a party's "health spokesman" or
# "education critic", a "candidate" may also hold a seat the story does not name.
PARTY_POSTS = frozenset("""spokesman spokeswoman spokesperson critic candidate whip
    backbencher frontbencher shadow nominee politician""".split())
# A "member" of one of these holds a seat in it: "the local member of parliament", "the
# Labour Senedd member" is "the MP", "the MS".
LEGISLATURES = frozenset("parliament senedd assembly dáil dail legislature stormont holyrood "
                         "congress".split())
# "secretary" is a minister's title only for a portfolio, not for these.
NOT_MINISTERIAL = frozenset(
    "general assistant press company parish branch national regional club private "
    "executive permanent joint".split()
)
# Words before an office that say nothing about which post it is ("the Tory MP",
# "the veteran councillor", "the outgoing chair").
LOOSE_MODIFIERS = frozenset(
    """local veteran longtime long-serving new outgoing incoming embattled beleaguered top
    senior former retired then current cabinet""".split()
)
# Names of an office that mean it only in its trade: a schools "inspector" is no police
# officer, and in Scotland "depute" is any deputy ("the depute head"), a prosecutor only as
# "advocate depute" or "procurator fiscal depute".
_POLICE_WORDS = frozenset("police detective det chief acting temporary divisional".split())
_PROSECUTION_WORDS = frozenset("advocate procurator fiscal crown".split())
# An attorney who prosecutes: "District Attorney", "County Attorney", "U.S. Attorney".
# (words as `title_words` gives them: dots stripped, the apostrophe as written; not "city",
# whose attorney is mostly the city's civil counsel)
_PROSECUTING_ATTORNEYS = frozenset(
    "district county state state's state’s commonwealth's commonwealth’s u.s us "
    "prosecuting".split())


def names_office(office: str, word: str, words: set[str] | frozenset[str]) -> bool:
    """Whether `word`, one of the names of `office`, names it among a title's `words`:
    "inspector" is a police rank with nothing but police words beside it ("Detective Chief
    Inspector", not "schools inspector"); "depute" a prosecutor beside "advocate" or
    "fiscal" only; "attorney" beside "district", "county", "U.S." only (not one's lawyer)."""
    if office == "officer" and word == "inspector":
        return words - {word} <= _POLICE_WORDS | LOOSE_MODIFIERS
    if office == "prosecutor" and word == "depute":
        return bool(words & _PROSECUTION_WORDS)
    if office == "prosecutor" and word == "attorney":
        return bool(words & _PROSECUTING_ATTORNEYS)
    return True


# People known by whom they act for or look after: "the lawyer said" is not whoever the
# story named last.
RELATIONS = frozenset(
    """lawyer attorney solicitor barrister counsel advocate agent publicist representative
    rep doctor surgeon spokesperson spokesman spokeswoman""".split())
# People who speak for the body they work for when the story names none of them
# ("hospital officials said", "company executives said", "researchers at X said", and
# "the researchers" the story set at X; bare "Officials said" may be anyone's, and stays no
# one's).
MEMBERS = frozenset("officials executives bosses chiefs managers researchers scientists".split())
