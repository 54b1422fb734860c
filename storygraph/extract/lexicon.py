"""Word lists the extraction rules read. General English news vocabulary only."""

from __future__ import annotations

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

# Honorifics before a name; the value is the grammatical gender they imply.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": None, "dr": None, "prof": None,
    "professor": None, "sir": "m", "dame": "f", "lord": "m", "lady": "f", "rev": None,
    "cllr": None, "cr": None, "councillor": None, "judge": None, "justice": None, "det": None,
    "insp": None, "sgt": None, "capt": None, "gen": None, "col": None, "gov": None,
    "sen": None, "rep": None, "president": None, "king": "m", "queen": "f",
    "prince": "m", "princess": "f", "father": "m", "sister": "f", "brother": "m",
    "supt": None, "ch": None, "pc": None, "dc": None, "cardinal": None, "bishop": None,
    "archbishop": None, "chancellor": None, "minister": None, "governor": None,
    "senator": None, "mayor": None, "coach": None, "councilmember": None,
    "councilman": "m", "councilwoman": "f", "alderman": None, "assemblyman": "m",
    "assemblywoman": "f", "congressman": "m", "congresswoman": "f", "constable": None,
    "deputy": None,  # how the Dáil addresses a TD: "Deputy Brannagh"
    # courtesy and professional titles before a name, as Commonwealth, Nigerian and
    # Philippine papers print them: "Hon. X", "Engr. X", "Atty. X" ("Arc" is left out: a
    # word of firms' names, "Arc Energy")
    "hon": None, "engr": None, "atty": None,
    # Malaysian honours before a name ("Datuk Seri X", "Datin X", "Tun X"; not "Tan Sri",
    # whose "Tan" is a surname as often)
    "datuk": None, "dato": None, "datin": "f", "tun": None, "seri": None,
}
# Honorifics that are also the title a person holds ("Judge X", "Gov. X", "Det Insp X").
TITLE_HONORIFICS = frozenset(
    "judge justice president gov sen rep det insp supt sgt capt gen col cllr cr councillor "
    "prof professor chancellor minister governor senator mayor coach bishop archbishop "
    "cardinal pc dc ch king queen prince princess lord councilmember councilman "
    "councilwoman alderman assemblyman assemblywoman congressman congresswoman constable".split()
)
# Words that may stand before a title honorific ("State Sen.", "Deputy Mayor").
TITLE_MODIFIERS = frozenset(
    "state u.s. us federal district county deputy chief acting former vice assistant "
    "interim senior lord".split()
)
# Endings that make a lowercase noun an occupation ("meteorologist", "librarian").
ROLE_SUFFIXES = ("ologist", "ist", "ician", "arian", "eer", "ant", "man", "woman",
                 "person", "ary", "or", "er")
# Words with those endings that name no person: things, places, times, materials,
# businesses, comparatives ("the distributor", "the elevator", "the summer", "the former").
NOT_PEOPLE = frozenset("""
    summer winter september october november december january february semester quarter
    anniversary matter number answer letter order border danger disaster cancer fever error
    terror horror honour honor humour humor labour labor favour favor flavour flavor colour
    color rumour rumor tumour tumor behaviour behavior manner character chapter charter
    register cluster filter layer meter parameter center sector factor vector corridor floor
    door indoor outdoor mirror interior exterior motor reactor metaphor laughter thunder
    wonder hunger anger murder shelter theater restaurant smelter library sanctuary estuary
    boundary tower corner harbor harbour barrier manor chamber aquifer computer printer
    scanner container trailer tractor elevator escalator generator radiator calculator
    ventilator refrigerator excavator incubator simulator accelerator compressor conveyor
    projector transistor capacitor connector detector sensor cursor server router
    browser charger heater freezer toaster cooler boiler burner scooter helicopter tanker
    trawler freighter cruiser bumper poster banner folder header sticker marker locker
    drawer hammer ladder razor blender mixer timer laser slipper sweater diaper voucher
    newsletter newspaper paper fertiliser fertilizer weedkiller crusher concentrator
    corrugator water copper silver rubber leather timber lumber powder butter pepper ginger
    cider burger dinner supper feather plaster liver finger shoulder salary transfer
    takeover turnover handover waiver ledger summary dictionary commentary documentary
    itinerary diary glossary plant grant pollutant variant implant covenant pageant
    instant constant warrant remnant sealant coolant lubricant stimulant playlist checklist
    shortlist waitlist blacklist whitelist watchlist career veneer talisman steelmaker
    chipmaker drugmaker subsidiary exporter importer wholesaler distributor refiner
    recycler transporter provider former latter other further rather either neither
    whether together however whatever whenever forever another earlier later higher lower
    bigger smaller larger longer younger older better greater stronger weaker faster slower
    cheaper deeper wider harder softer easier tougher fewer closer broader counter decider
    wheeler soccer monster spider oyster lobster hamster rooster panther tiger otter beaver
    elephant alligator
""".split())
# Last words of compounds that name no person ("groundwater", "takeover", "newspaper").
THING_TAILS = frozenset("water paper letter over power center summer winter floor door".split())
# Verbs in "X, who chairs the board," and the title they give.
ROLE_VERBS = {"chair": "chair", "head": "head", "lead": "leader", "run": "head",
              "manage": "manager", "found": "founder", "co-found": "co-founder",
              "own": "owner", "coach": "coach", "captain": "captain", "direct": "director"}

# Last word of a name that says what kind of thing it names ("X Council", "X Lane").
ORG_NAME_HEADS = frozenset(
    """council union chamber party association federation society trust foundation
    echo mail mirror chronicle journal courier tribune observer argus advertiser examiner
    sentinel dispatch inquirer reporter register bulletin mercury globe
    institute institution agency authority commission committee department ministry office
    board bank group company corporation corp inc ltd plc llc co holdings partners
    university college school academy club fc united city rovers athletic police
    constabulary service services court tribunal parliament assembly senate congress
    government administration network news times post guardian telegraph herald gazette
    press fund charity coalition alliance league organisation organization unions industries
    airlines airways railway railways motors systems technologies labs laboratories
    international aid ales brewery brewers distillery homes builders foods bakery bakeries
    farms dairies stores supermarkets pharmaceuticals energy utilities buses coaches ferries
    shipping logistics haulage construction engineering steel mining pottery textiles media
    studios records publishing capital finance insurance realty properties hotels resorts
    cinemas co co-operative cooperative dockers workers metals minerals chemicals plastics
    electronics semiconductors aerospace automotive coachworks ceramics resources advisors
    advisers consultants associates limited incorporated llp gmbh ag pty nv bv products bhd
    guild rescue""".split()
)
# A firm's legal form written after its name ("X Plating Ltd", "X Foods Pty Ltd"): the name
# without it is the same firm's.
CORPORATE_SUFFIXES = frozenset(
    "ltd ltd. limited plc inc inc. llc llp gmbh ag pty bhd corp corp. nv bv".split())
# Last words of firms' names that are in no other kind of name ("X Marine", "X Cruisers"):
# they vote for a firm only, and end no body's name elsewhere.
FIRM_TAILS = frozenset("marine cruisers trains freight yachts".split())
# Capitalised verbs that open a campaign's name ("Save X Woods", "Stop X Quarry").
CAMPAIGN_VERBS = frozenset("Save Stop Protect Keep Scrap Reopen".split())
# Nouns that say a quoted title names a work ("the documentary 'X'", "the 'X' report"):
# without one, a quoted phrase in Title Case is a slogan, a headline or a campaign's cry.
WORK_NOUNS = frozenset(
    """book novel memoir biography film movie documentary programme program show series
    podcast album song single play musical opera poem painting sculpture exhibition report
    study review strategy paper column episode drama sitcom anthem hymn broadcast""".split()
)
WORK_TITLE_VERBS = frozenset("titled entitled".split())
FAC_NAME_HEADS = frozenset(
    """lane road street avenue way square bridge station airport stadium arena hall
    centre center factory plant works mill mine depot hospital infirmary clinic prison
    tower building house palace cathedral church mosque temple park ground grounds
    terminal port harbour harbor dock docks estate site warehouse campus library museum
    theatre theater oval quarry highway motorway expressway freeway parkway turnpike bypass
    tunnel drive boulevard crescent pier wharf quay marina viaduct hotel inn unit pool lido
    corridor campground campsite farm dam junction interchange substation hospice""".split()
)
# Last words of a name that say it names an area one governs ("Orrin County", "Glenroe
# Township", "Hoxley Parish"); "X County Council" ends in a body's head instead.
PLACE_NAME_HEADS = frozenset(
    "county township parish borough province prefecture municipality oblast canton shire".split())
LOC_NAME_HEADS = frozenset(
    "river sea ocean lake mountains mountain hills valley gorge falls island islands coast bay "
    "forest desert peninsula gulf strait canal moor moors zone estuary firth brook creek stream "
    "beck reservoir".split()
)
# Letters after a person's name, as written ("Jo Pike MP", "Ann Lee KC"): members of
# parliaments and assemblies, senior counsel, honours.
POST_NOMINALS = frozenset(
    "MP MPs MSP MS MLA MPP MHA MNA TD MEP QC KC SC OBE MBE CBE KBE DBE".split()
)
# One-word names of government bodies ("the Treasury said").
BODY_NAMES = frozenset(
    "treasury congress senate parliament commons oireachtas dáil dail executive "
    # seats of government standing for the government ("Whitehall said", "Holyrood's plan")
    "whitehall westminster holyrood stormont senedd".split()
)
# Words that start a sentence or clause and are capitalised only for that ("Since the
# Government", "Nobody in X", "Its Danish arm", "Former X striker", "Lifelong X fan"), or
# end a heading fragment ("X Against the"). Not "his", "her", "our", "my": "Her Majesty's
# Treasury", "Our Lady of Lourdes".
NAME_EDGE_WORDS = frozenset(
    """since after before when while although because if as though unless until once
    aboard against across about among at by for from in into of on onto over to under
    with without and or but nor the a an this that these those nobody everyone everybody
    anyone someone meanwhile however also its their each every several both former acting
    interim lifelong""".split()
)
# Words that only say which office a person holds, never a name by themselves
# ("General Secretary", "Shadow Minister"), beside ROLE_NOUNS and TITLE_MODIFIERS.
TITLE_WORDS = frozenset("general shadow opposition junior".split())
# Capitalised common words that the model takes for names when they stand alone
# ("the Council", "State", "Finance"), beside the name heads.
GENERIC_WORDS = frozenset(
    """state states finance cabinet government budget bill act crown councillors lessons
    sheds department departments unions islands islanders region regions nation mid
    trade host interviewer moderator announcer narrator caller""".split()
)  # (the second row: a broadcast transcript's role labels, "HOST:", "CALLER:")
# Acronyms of common nouns, never one named thing ("CCTV footage", "an ICU bed", "GPs");
# a plural "s" after them is left out before looking them up.
COMMON_ACRONYMS = frozenset(
    """HGV LGV EV SUV GDP VAT CCTV PPE ICU IVF DNA GP CEO CFO COO CTO AGM GCSE MRI ECG HIV
    ADHD PTSD LED GPS ATM PIN HR IT AI FAQ UFO STP MW GW KW KWH MWH GWH TV DVD
    GMT BST UTC CET CEST EST EDT CST CDT MST MDT PST PDT AEST AEDT ACST AWST NZST NZDT""".split()
)  # (the last row: time zones, "at 10am BST")
# Policy words that government copy capitalises, never one named thing by themselves ("in
# the Spending Review"; "the Levelling Up Fund" is a name: only the whole name is looked up).
POLICY_TERMS = frozenset({"net zero", "levelling up", "leveling up", "autumn statement",
                          "spring statement", "spending review", "white paper", "green paper"})
# Names of one country ("UK", "Britain"): the first of each group is the one kept.
COUNTRY_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"united kingdom", "uk", "u.k.", "britain"}),  # not Great Britain: an island
    frozenset({"united states", "us", "u.s.", "usa", "u.s.a.", "america",
               "united states of america"}),
    frozenset({"ireland", "republic of ireland", "irish republic"}),
    frozenset({"netherlands", "the netherlands", "holland"}),
)
# National bodies of Ireland and Wales known by a name in each language, written in news
# in either ("Iarnród Éireann" ... "Irish Rail"); accents off, lower case.
BODY_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"iarnrod eireann", "irish rail"}),
    frozenset({"bus eireann", "irish bus"}),
    frozenset({"an garda siochana", "garda siochana", "gardai", "garda"}),
    frozenset({"trafnidiaeth cymru", "transport for wales"}),
    frozenset({"dwr cymru", "welsh water", "dwr cymru welsh water"}),
    frozenset({"senedd cymru", "welsh parliament", "senedd"}),
)
# A state's or province's name and the abbreviation news writes for it ("N.S." ... "Nova
# Scotia"); only forms that are no common word or given name ("Man.", "Vic" are left out).
REGION_ABBREVIATIONS: dict[str, frozenset[str]] = {
    full: frozenset(short.split()) for full, short in {
        "new brunswick": "n.b.", "nova scotia": "n.s.", "prince edward island": "p.e.i. pei",
        "british columbia": "b.c.", "alberta": "alta.", "saskatchewan": "sask.",
        "ontario": "ont.", "quebec": "que.", "newfoundland and labrador": "n.l. nfld.",
        "new south wales": "nsw", "queensland": "qld", "tasmania": "tas.",
        "western australia": "wa",
        "california": "calif.", "massachusetts": "mass.", "pennsylvania": "pa. penn.",
        "florida": "fla.", "arizona": "ariz.", "connecticut": "conn.", "michigan": "mich.",
        "minnesota": "minn.", "wisconsin": "wis.", "tennessee": "tenn.", "kentucky": "ky.",
        "illinois": "ill.", "new jersey": "n.j.", "new york": "n.y.", "north carolina": "n.c.",
        "south carolina": "s.c.", "north dakota": "n.d.", "south dakota": "s.d.",
        "new mexico": "n.m.", "virginia": "va.", "west virginia": "w.va.", "oregon": "ore.",
        "colorado": "colo.", "oklahoma": "okla.", "kansas": "kan. kans.", "nebraska": "neb.",
        "nevada": "nev.", "louisiana": "la.", "alabama": "ala.", "arkansas": "ark.",
        "maryland": "md.", "vermont": "vt.", "new hampshire": "n.h.", "rhode island": "r.i.",
        "wyoming": "wyo.", "montana": "mont.", "mississippi": "miss.", "missouri": "mo.",
        "georgia": "ga.", "delaware": "del.", "texas": "tex.",
    }.items()
}
# First words of the headings news sites put over a section ("Background", "Key points",
# "What happens next", "Next steps", "Reaction").
HEADING_OPENERS = frozenset(
    """background context analysis reaction timeline explainer key next what why how more
    related read see update updates latest summary comment verdict factbox facts
    further""".split())
# Small words left out of an acronym ("Department for Transport" -> DfT, also DT).
ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "&"})
# First word of a name, in the languages news quotes most, that says it names a building
# or a site ("Stade de France", "Estadio Azteca", "Gare du Nord").
FAC_NAME_LEADS = frozenset(
    """stade estadio estádio stadio stadion aeropuerto aeroporto aéroport flughafen gare
    palais palacio palazzo castello schloss""".split()
)
# Last word of the name of a law or a bill ("the Road Traffic (Speed Limits) Bill").
LAW_NAME_HEADS = frozenset("bill act order regulations directive treaty convention code".split())
# ... those that name nothing else: "the X Convention" may be a party's gathering, "the X
# Code" a novel, "the X Order" a religious one.
LAW_HEADS = frozenset("bill act regulations directive treaty".split())
# Last words of a policy's or an agreement's name ("the Tasman Accord", "the National Housing
# Strategy"): a thing written down, never a person's surname. ("Plan" lowered the held-out
# speakers' descriptor recall: left out.)
POLICY_HEADS = frozenset("strategy doctrine scheme accord pact".split())
# Words that say a bill's name names a law ("the Renters Reform Bill", "X (Amendment) Bill").
LAW_WORDS = frozenset("reform amendment amendments rights protection safety powers provisions "
                      "act regulation regulations".split())
# Prefixes of a ship's name ("HMS X", "the MV X", "RMS X"): navies' and merchant ships'.
SHIP_PREFIXES = frozenset("HMS HMCS HMAS HMNZS HMY USS USNS RMS MV SS RV FV".split())
# ... those that also begin other names ("MV Agusta", "SS Lazio"), and the words that say a
# ship is meant.
MERCHANT_SHIP_PREFIXES = frozenset("MV SS RV FV".split())
SHIP_WORDS = frozenset(
    """vessel ship ferry tanker trawler freighter liner yacht boat sink sank sunk capsize dock
    docked moor moored crew captain skipper port harbour harbor sail sailed voyage cargo
    aground berth berthed hull deck coastguard""".split())
# Last and first words of an event's name ("the X Festival", "Storm X", "Operation X").
EVENT_NAME_HEADS = frozenset(
    """festival show games championship championships cup marathon olympics expo carnival
    tournament summit regatta eisteddfod""".split()
)
EVENT_NAME_LEADS = frozenset("storm hurricane typhoon cyclone operation".split())
# First word of a name that says it names a natural place ("Lake Erie", "Mount Hood").
LOC_NAME_LEADS = frozenset("lake loch lough mount mt gulf cape isle river".split())
# Words that start surnames ("Van Morrison", "De Niro", "ten Brink"), not titles.
SURNAME_PARTICLES = frozenset("van von de da del della di du le la mac mc st al el bin ibn ben "
                              "ap o te ten ter den der des dos das ó ní nic uí mhic".split())
# Vietnamese family names, written first ("Trần Thị Thu Hà", then "Ms Trần"): the common
# ones, with their accents, and without where the bare word is no English or French word.
FAMILY_NAMES_FIRST = frozenset("""nguyễn nguyen trần tran lê phạm pham hoàng hoang huỳnh
    huynh phan vũ võ đặng dang bùi bui đỗ hồ ngô ngo dương duong lý đinh dinh trương truong
    """.split())
# Last word of a person's name that says which of a family it is ("X Jr", "X III").
GENERATIONAL_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
# Nouns that, after "X's", say X is a person ("X's wife", "X's lawyer").
KIN_NOUNS = frozenset(
    """wife husband mother father son daughter brother sister parents children kids family
    girlfriend boyfriend fiancee fiancé fiancée widow grandmother grandfather uncle aunt
    cousin nephew niece lawyer attorney agent publicist spokesman spokeswoman
    spokesperson mum dad""".split()
)

# Common nouns that, right before or after a name, say it is an organisation
# ("train builder X", "the X union").
ORG_DESCRIPTORS = frozenset(
    """firm company builder maker manufacturer carmaker producer supplier retailer chain
    group giant operator carrier airline insurer lender bank broadcaster newspaper publisher
    union charity club team side council party agency regulator watchdog authority
    developer contractor startup start-up business brand conglomerate consortium network
    association organisation organization body institute university college school
    hospital trust department ministry court band label studio brewer distiller bakery
    housebuilder miner haulier insurer outfit steelmaker automaker chipmaker drugmaker
    shipbuilder shipyard exporter importer wholesaler distributor refiner supermarket
    grocer utility""".split()
)
FAC_DESCRIPTORS = frozenset(
    "factory plant site works depot mill mine hospital stadium ground warehouse "
    "station airport prison school campus".split()
)

# Name heads of bodies that are not companies: "the firm" never refers back to them.
NON_COMPANY_HEADS = frozenset(
    """council union chamber party association federation trust foundation institute
    institution agency authority commission committee department ministry office board
    university college school academy club fc police constabulary service services court
    tribunal parliament assembly senate congress government administration charity
    coalition alliance league guild rescue""".split()
)
# Name heads that make an organisation a sports club ("the club", "the side").
CLUB_HEADS = frozenset("fc afc athletic united rovers wanderers albion city town county "
                       "club rangers harriers".split())

# First words of clubs' names abroad ("FC X", "SS X", "AS X"), which also begin other names:
# a club's only where a match or its people are spoken of.
CLUB_PREFIXES = frozenset("FC AFC AC AS SS SC SV CF CD RC US SK FK NK".split())
# Those a sports club has, named right after it ("X Town manager", "X County fans").
CLUB_PEOPLE = frozenset("manager boss striker midfielder defender goalkeeper keeper winger "
                        "fans supporters squad coach".split())
# Words of a sentence about a match ("beat X County", "the league leaders X Town").
MATCH_WORDS = frozenset("match fixture league goal goals scored striker midfielder goalkeeper "
                        "kick-off equaliser relegation relegated promotion promoted play-off "
                        "playoff beat beaten drew thrashed".split())

# Generic nouns a story uses to refer back to a named thing ("the firm").
NOMINAL_KINDS: dict[str, str] = {
    "firm": "company", "company": "company", "business": "company", "group": "company",
    "manufacturer": "company", "retailer": "company", "carmaker": "company",
    "airline": "company", "bank": "company", "lender": "company", "insurer": "company",
    "union": "union", "chamber": "chamber", "council": "council", "authority": "council",
    "club": "club", "team": "club", "side": "club", "charity": "charity", "trust": "trust",
    "party": "party", "court": "court", "tribunal": "court", "university": "university",
    "school": "school", "college": "school", "hospital": "hospital", "regulator": "agency",
    "agency": "agency", "ministry": "agency", "department": "agency",
    "site": "site", "factory": "site", "plant": "site", "works": "site", "depot": "site",
    "mine": "site", "stadium": "site", "ground": "site", "developer": "company",
    "operator": "company", "museum": "museum", "theatre": "museum", "gallery": "museum",
    "library": "museum",
}
# Last words of a news outlet's name: "the company" is never the outlet that reported it.
OUTLET_HEADS = frozenset(
    """news times post guardian telegraph herald gazette press tribune observer courier
    chronicle journal echo mail mirror express standard star record network reporter
    register bulletin mercury globe examiner argus sentinel enquirer inquirer""".split()
)
_COMPANY_WORDS = (ORG_NAME_HEADS - NON_COMPANY_HEADS - OUTLET_HEADS - CLUB_HEADS) | {
    noun for noun, kind in NOMINAL_KINDS.items() if kind == "company"} | frozenset(
    "corporation carrier builder maker supplier chain giant startup start-up app "
    "platform".split())
UNION_WORDS = frozenset("union unions federation guild workers local brotherhood".split())
# Heads of names that may be a trade union or an employers' body: "X Police Federation" is
# a union, "X Building Federation" or "Federation of Small Businesses" speaks for employers.
SHARED_UNION_HEADS = frozenset({"federation", "guild"})
# Words in such a name that say its members are businesses ...
EMPLOYER_WORDS = frozenset(
    """employers business businesses industry industries enterprise enterprises building
    builders construction contractors manufacturers traders merchants retail retailers grocers
    commerce chambers master hauliers haulage hoteliers landlords""".split())
# ... and words that say they are people at work ("X Transport Workers' Federation").
WORKER_WORDS = frozenset("union unions workers employees staff officers".split())
# What "the company", "the union", "the hospital" can refer back to: the last words of
# names (or descriptions set beside a name) that say an organisation is that kind of body.
BODY_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("company", "firm", "business", "corporation", "operator", "developer",
                     "manufacturer", "retailer", "carmaker", "airline", "lender", "insurer",
                     "carrier", "builder"), _COMPANY_WORDS),
    "group": _COMPANY_WORDS | frozenset(
        "group alliance coalition campaign action friends association society network "
        "parents residents".split()),
    "union": UNION_WORDS,
    **dict.fromkeys(("council", "authority"), frozenset("council authority borough".split())),
    "hospital": frozenset("hospital infirmary clinic".split()),
    **dict.fromkeys(("department", "ministry", "agency", "regulator"), frozenset(
        "department ministry agency office commission regulator service services".split())),
    "association": frozenset("association society federation".split()),
    "division": frozenset("division district board".split()),
    **dict.fromkeys(("club", "team", "side"), CLUB_HEADS | {"club", "team"}),
    **{noun: frozenset({noun}) for noun in ("trust", "charity", "party", "court",
                                             "university", "school", "college", "museum",
                                             "theatre", "gallery", "library",
                                             "board", "commission", "federation")},
}

# Bodies a story names only by a definite description; one per article.
STANDALONE_BODIES = frozenset({"government", "police", "parliament"})

# Nouns that make a noun phrase a title or job ("the shadow transport secretary").
ROLE_NOUNS = frozenset(
    """secretary minister chancellor president chairman chairwoman chair chief executive
    director manager leader spokesperson spokesman spokeswoman officer head founder
    co-founder owner mayor councillor mp mep senator governor judge magistrate coach
    msp mla mpp td captain player striker midfielder defender goalkeeper nurse doctor surgeon
    consultant
    professor lecturer teacher headteacher headmaster headmistress principal welder engineer
    worker employee analyst economist lawyer barrister solicitor attorney prosecutor
    detective inspector superintendent constable sergeant commissioner editor correspondent
    reporter campaigner activist organiser organizer official ambassador ceo cfo coo chef
    boss deputy premier presenter member trustee partner treasurer administrator collector
    coroner ombudsman taoiseach tánaiste mec
    scientist researcher curator pilot driver firefighter paramedic midwife pharmacist
    sheriff commander general admiral colonel sergeant-major dean provost vice-chancellor
    convenor steward representative rep negotiator adviser advisor counsel clerk registrar
    landlord tenant resident farmer fisherman volunteer coordinator planner architect
    officer-in-charge chairperson plaintiff defendant claimant complainant missionary
    assistant meteorologist ecologist author historian""".split()
)
# Nouns that say a name is a person's when set beside it ("A parent, X,").
PERSON_NOUNS = frozenset(
    """parent mother father son daughter wife husband partner friend neighbour neighbor
    resident pupil student patient victim witness passenger customer fan supporter
    survivor widow widower child teenager man woman boy girl grandmother grandfather
    nurse colleague""".split()
)
# Role nouns that alone do not make a title a person is known by.
WEAK_ROLE_NOUNS = frozenset({"member", "resident", "worker", "employee", "volunteer"})

PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "across", "outside", "throughout", "around", "from", "inside", "towards",
     "between", "via"}
)
# What goes "to X" where X is a place: journeys and the ways they are made ("travel to X",
# "the link to X"), not people or bodies ("said to X", "wrote to X").
JOURNEY_WORDS = frozenset(
    """travel go come move drive fly commute return relocate head walk sail link route road
    line rail railway train bus ferry flight journey trip service commuter""".split()
)
# What one does only at or into a building that takes people in: "checked into X", "was
# admitted to X", "her stay at X", "a transfer to X" (a clinic, a hotel, a hospital).
CHECK_IN_WORDS = frozenset("check check-in admit transfer stay".split())
# What is called after the person who led it: "the X administration", "the X-era rules".
LEADERS_TIMES = frozenset("administration presidency premiership era regime".split())
# Lower-case nouns that, right after a name, say it names an area: "Karsu province".
AREA_NOUNS = frozenset("province region district county prefecture governorate oblast canton "
                       "municipality parish village".split())
# Continents and world regions: locations (LOC), never political entities (GPE).
WORLD_REGIONS = frozenset(
    """africa asia europe antarctica oceania australasia americas arctic antarctic caribbean
    scandinavia balkans midwest north south northeast northwest southeast southwest
    north-east north-west south-east south-west midlands""".split()
) | {"north east", "north west", "south east", "south west", "east midlands", "west midlands",
     "north america", "south america", "latin america", "central america", "middle east",
     "far east", "east asia", "south-east asia", "southeast asia", "sub-saharan africa"}

# "<noun> of X" says X is a place.
PLACE_OF_NOUNS = frozenset(
    "resident people town city village mayor street centre center outskirt edge heart suburb "
    "county region citizen north south east west inhabitant population hamlet borough parish "
    "province state port district constituency capital island hometown northeast northwest "
    "southeast southwest".split()
)

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Subjects that name nobody: "nobody told them", "everyone says".
NOBODY = frozenset("nobody no-one none nothing everyone everybody anyone anybody someone "
                   "somebody".split())
# Nouns that say whether a person is a man or a woman ("the retired lollipop lady").
GENDERED_NOUNS: dict[str, str] = {
    **dict.fromkeys("""woman lady mother mum mom grandmother gran granny grandma nan wife
        widow daughter sister girl aunt niece businesswoman chairwoman spokeswoman
        congresswoman councilwoman actress waitress landlady queen princess""".split(), "f"),
    **dict.fromkeys("""man gentleman father dad grandfather grandad granddad husband widower
        son brother boy uncle nephew businessman chairman spokesman congressman councilman
        landlord king prince fisherman postman""".split(), "m"),
}
# Everyday descriptions of a person ("the retiree", "the beekeeper") that refer back to the
# person last named whom they fit; offices ("the senator") never do without a match.
PEOPLE_DESCRIPTORS = frozenset(
    """retiree pensioner grazier farmer millwright shrimper electrician plasterer builder
    mechanic shopkeeper publican homeowner commuter motorist cyclist veteran carer owner
    tenant worker villager local regular grandparent parent teacher nurse welder driver
    miner fisherman chef baker butcher student pupil mum dad mother father star medic
    youngster teen twin toddler academic champion entrepreneur actor poet candidate
    incumbent rookie debutant""".split()
)
# Nationality and home-town nouns for one person ("the Scot said", "the Kenyan added"): a
# description of the person in view, as sports and foreign pages use them. Singular only
# ("the Australians" is a team); the -man and -woman forms say the gender.
_DEMONYM_STEMS = "welsh irish scots english french dutch cornish yorkshire manx ulster".split()
DEMONYM_GENDER: dict[str, str] = {
    **{f"{stem}man": "m" for stem in _DEMONYM_STEMS},
    **{f"{stem}woman": "f" for stem in _DEMONYM_STEMS},
    "filipino": "m", "filipina": "f",
}
# Words for a people that are adjectives only ("the Welsh minister"), beside `DEMONYMS`.
PEOPLE_ADJECTIVES = frozenset("""welsh irish scottish english british french dutch cornish manx
    scots spanish danish swedish finnish polish turkish""".split())
DEMONYMS = frozenset(DEMONYM_GENDER) | frozenset("""
    scot brit aussie kiwi glaswegian liverpudlian mancunian geordie londoner dubliner
    australian american canadian zealander african kenyan nigerian ghanaian ethiopian ugandan
    tanzanian zimbabwean zambian cameroonian ivorian senegalese jamaican trinidadian
    barbadian indian pakistani bangladeshi lankan nepali afghan iranian iraqi syrian
    lebanese israeli palestinian egyptian moroccan algerian tunisian saudi emirati qatari
    japanese korean indonesian malaysian singaporean thai vietnamese german austrian swiss
    italian spaniard portuguese belgian dane swede norwegian finn icelander pole czech
    slovak hungarian romanian bulgarian greek turk croat serb slovenian ukrainian russian
    belarusian lithuanian latvian estonian georgian armenian mexican brazilian argentine
    argentinian chilean colombian peruvian venezuelan cuban uruguayan ecuadorian texan
    californian quebecer albertan queenslander tasmanian fijian samoan tongan""".split())
OFFICES = frozenset(
    """minister secretary chancellor president chairman chairwoman chair director manager
    leader spokesperson spokesman spokeswoman officer head mayor councillor mp mep msp
    senator governor judge magistrate commissioner premier ambassador ceo cfo coo boss
    deputy sheriff commander general admiral colonel dean provost chairperson trustee
    treasurer administrator registrar clerk superintendent inspector detective prosecutor
    attorney representative""".split()
)
# Abbreviated honorifics, as the office a description uses ("Sen. X" is "the senator").
HONORIFIC_TITLES = {"sen": "senator", "gov": "governor", "rep": "representative",
                    "supt": "superintendent", "insp": "inspector", "det": "detective",
                    "cllr": "councillor", "cr": "councillor", "prof": "professor",
                    "dr": "doctor"}
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})

# Speech and stance verbs (lemmas) that introduce a claim, with the stance they carry.
CUE_VERBS: dict[str, str | None] = {
    "say": None, "tell": None, "add": None, "write": None, "state": None, "explain": None,
    "note": None, "claim": "claims", "argue": "argues", "insist": "insists",
    "warn": "warns", "deny": "denies", "reject": "rejects", "dismiss": "rejects",
    "admit": "admits", "concede": "admits", "acknowledge": "admits", "confirm": "confirms",
    "announce": None, "believe": None, "fear": "fears", "predict": None, "suggest": None,
    "describe": None, "call": None, "criticise": "criticises", "criticize": "criticises",
    "condemn": "criticises", "accuse": "accuses", "blame": "accuses", "urge": "urges",
    "promise": "promises", "pledge": "promises", "vow": "promises", "reply": None,
    "respond": None, "post": None, "tweet": None, "comment": None, "report": None,
    "allege": "claims", "stress": None, "emphasise": None, "emphasize": None,
    "maintain": "insists", "question": "questions", "dispute": "rejects",
    "welcome": "supports", "praise": "supports", "agree": "supports", "testify": None,
    "recall": None, "reveal": None, "ask": None, "hope": None, "contend": "argues",
    "rule": None, "conclude": None, "find": None, "order": None,
    "confess": "admits", "counter": "argues", "estimate": None, "quip": None,
    "scold": "criticises", "crow": None, "fume": "criticises", "blast": "criticises",
    "lament": None, "boast": None, "joke": None, "observe": None, "remark": None,
    "declare": None, "assert": "insists", "caution": "warns", "reiterate": None,
    "complain": "criticises", "retort": None, "exclaim": None,
    "threaten": None, "continue": None, "text": None, "email": None,
    "texte": None,  # (the lemmatizer's lemma of "texted")
    "calculate": None, "forecast": None, "inform": None, "disclose": None, "assure": None,
    "reassure": None, "remind": None, "speculate": None, "hint": None, "concur": "supports",
    "protest": "criticises", "clarify": None, "underline": None, "swear": "insists",
    "notify": None, "attribute": None, "appeal": "urges", "feel": None, "brand": None,
    "label": None, "term": None, "slam": "criticises", "hail": "supports", "liken": None,
    "express": None, "voice": None,
}
# Cues only with a clause on their object: "expressed concern that ...", "voiced fears
# that ...", not "expressed an interest" or "voiced the character".
NOUN_CLAUSE_CUES = frozenset({"express", "voice"})
# Verbs that voice a concern named by their object ("expressed concern that ...", "raised
# doubts about ...", "voiced fears over ..."), and those nouns with the stance they carry.
CONCERN_VERBS = frozenset({"express", "voice", "raise", "air"})
CONCERN_NOUNS: dict[str, str | None] = {
    "concern": "fears", "fear": "fears", "worry": "fears", "alarm": "fears",
    "doubt": "questions", "question": "questions", "reservation": "questions",
    "misgiving": "questions", "scepticism": "questions", "skepticism": "questions",
    "objection": "rejects", "opposition": "rejects", "anger": "criticises",
    "frustration": "criticises", "disappointment": "criticises", "dismay": "criticises",
    "outrage": "criticises",
}
# Adjectives of a held view that report the clause after them: "was adamant that ...",
# "is confident the tram will ...", with the stance they carry.
STANCE_ADJECTIVES: dict[str, str | None] = {
    "adamant": "insists", "insistent": "insists", "confident": None, "convinced": None,
    "certain": None, "sure": None, "optimistic": None, "hopeful": None,
    "worried": "fears", "concerned": "fears", "fearful": "fears",
}
# Verbs of manner that attribute a quotation only in the tag right after it ('"...," she
# sighed', '"...!" laughed Jo Pike'), where any such verb says who spoke; elsewhere they
# report nothing ("she laughed at the idea").
TAG_VERBS = frozenset("""sigh laugh smile shrug beam gush enthuse rage snap whisper shout yell
    scream grin muse reflect recount remember plead demand thank apologise apologize mutter
    murmur chuckle groan grumble marvel recollect reminisce cry exclaim wonder nod""".split())
# What a speaker does on leaving, after saying something: "said the vote was a stitch-up
# and walked out", "... and stormed off", "... and hung up".
DEPARTURES = frozenset("walk storm leave exit hang stride march flounce quit".split())
# Cues only with nothing after the verb: "she continued." goes on speaking; "continued to
# fall", "continued the talks", "continued with the plan" do not.
OBJECTLESS_CUES = frozenset({"continue"})
# Nouns for a held view or an answer that say what their holder said: "Her view is that ...",
# "The firm's response was that ...",
# "The company's position is that ...", "In Dr X's opinion, ...".
VIEW_NOUNS = frozenset("view position opinion belief contention argument assessment stance "
                       "verdict response reply answer message".split())
# Cues whose object is what was said: "denied the charges", "urged both sides to talk",
# "called the plan 'reckless'", "branded it 'a disgrace'", "described the offer as 'an
# insult'", "hailed the deal as 'a breakthrough'", "likened it to 'a house of cards'",
# "vowed to fight",
# "attributed the delays to a shortage of cane", "appealed to staff to return".
OBJECT_CUES = frozenset(
    """warn deny reject dismiss criticise criticize condemn accuse blame urge dispute call
    describe vow pledge promise ask scold question welcome attribute appeal brand label term
    slam hail liken""".split()
)
# What a speaker hails or slams when the verb passes a judgement with no "as" or "for"
# after it: "hailed the ruling", "slammed the cuts"; not "hailed a taxi", "slammed the door".
JUDGED_NOUNS = frozenset("""deal decision ruling move plan proposal scheme agreement budget
    policy vote verdict result outcome announcement report cut cuts news reform bill law
    government council investment settlement offer package strategy u-turn""".split())
# Cues of a view only with a finite clause after them: "felt the goal should have stood",
# not "felt the ground shake" or "felt ill".
CLAUSE_ONLY_CUES = frozenset({"feel"})
# "called X 'incorrect'": adjectives that turn "call" (or "brand") into a rejection.
REJECTING_WORDS = frozenset(
    "incorrect wrong false untrue misleading inaccurate baseless unfounded nonsense "
    "ridiculous absurd".split()
)
CRITICAL_WORDS = frozenset(
    "negligent disgraceful shameful appalling unacceptable outrageous scandalous "
    "irresponsible reckless betrayal disaster disgrace scandal shambles farce insult attack".split()
)
# Those who speak for a body: a bare "a spokeswoman said" speaks for the one that just spoke.
SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman"})
# Speakers that are anonymous sources rather than entities.
ANONYMOUS_SPEAKERS = SPOKESPEOPLE | frozenset(
    "source sources insider insiders official officials "
    "witness witnesses resident residents".split()
)

# People who speak for no one but themselves, in numbers: "Residents of X said" is not X.
BYSTANDERS = frozenset("""residents witnesses neighbours neighbors locals villagers shoppers
    passengers commuters onlookers""".split())
# Those who speak for the body they are set at, by office or by trade: "Officials at X",
# "Representatives of X", "Lawyers for X", "Analysts at X", "Researchers at X",
# "Campaigners from X" are X.
BODY_VOICES = frozenset("""campaigners activists analysts economists lawyers researchers
    scientists engineers experts officials executives managers bosses organisers organizers
    representatives trustees directors leaders""".split())
# Those who belong to a body, work in it, back it or use it speak for themselves, as
# BYSTANDERS do: "Supporters of X", "Workers at X", "Members of X", "Fans of X" are no one
# the story names, never X.
BODY_MEMBERS = frozenset("""protesters demonstrators workers staff employees members
    volunteers supporters fans customers patients parents pupils students tenants""".split())
# Both, named with the body after them ("Campaigners from X", "Volunteers with X").
GROUP_MEMBERS = BODY_VOICES | BODY_MEMBERS
# What a body or a person says in writing: "A statement from X said", "a council report
# said", "the firm's letter to customers said" are X, the council, the firm.
DOCUMENTS = frozenset("""statement letter email e-mail memo note notice release report filing
    submission briefing message""".split())

# Political parties of the English-language press (UK, Ireland, US, Canada, Australia, New
# Zealand), as they are written. Each is always a party: a capitalised name no other thing
# goes by. Accents are optional ("Sinn Fein").
PARTY_NAMES = frozenset(" ".join(name.split()) for name in """
    Labour Party, Conservative Party, Conservatives, Tories, Tory Party, Liberal Democrats,
    Liberal Democrat, Lib Dems, Lib Dem, Green Party, Ulster Unionist, Democratic Unionist,
    Social Democrat, New Democrat, United Conservative, Progressive Conservative, Scottish
    Greens, Scottish National Party, SNP, Plaid Cymru, Reform UK, UKIP, Scottish Labour, Welsh
    Labour, Scottish Conservatives, Scottish Conservative, Welsh Conservatives, Welsh
    Conservative, Democratic Unionist Party, DUP, Sinn Féin, Sinn Fein, SDLP, Social Democratic
    and Labour Party, Alliance Party, Ulster Unionist Party, Ulster Unionists, UUP, TUV,
    Traditional Unionist Voice, Fianna Fáil, Fianna Fail, Fine Gael, Social Democrats, Aontú,
    Aontu, People Before Profit, Democratic Party, Democrats, Republican Party, Republicans,
    GOP, Libertarian Party, Liberal Party, Liberals, New Democratic Party, New Democrats, NDP,
    Bloc Québécois, Bloc Quebecois, Parti Québécois, Parti Quebecois, United Conservative
    Party, United Conservatives, UCP, Progressive Conservative Party, Progressive
    Conservatives, Saskatchewan Party, Coalition Avenir Québec, Labor Party, Australian Labor
    Party, Liberal National Party, Liberal National, LNP, Nationals, National Party, One
    Nation, Greens, Te Pāti Māori, Te Pati Maori, NZ First, ACT Party""".split(","))
# Party names that are also common words, surnames or other bodies' names ("Labour costs",
# "Mr Green", "the Alliance of X"): a party only where the text says so (see entities.py).
PARTY_WORDS = frozenset(
    "Labour Labor Conservative Liberal Democrat Republican Green Alliance Reform National "
    "Coalition Tory SF FF FG PC".split()
)
# What follows a party's name when it is said of politicians ("the Labour MP", "Alliance
# councillor", "Green Party leader").
PARTY_FOLLOWERS = frozenset(
    """mp mps msp msps ms mss mla mlas mpp td tds mep meps mhk mna mhr senator senators sen
    councillor councillors cllr cllrs member members leader leadership candidate candidates
    government spokesman spokeswoman spokesperson minister ministers governor representative
    lawmaker lawmakers politician politicians caucus peer peers mayor assemblyman
    assemblywoman congressman congresswoman legislator legislators critic backbencher
    backbenchers whip whips voters supporters activists administration majority opposition
    frontbencher frontbenchers deputy deputies colleague colleagues primary nominee""".split()
)
