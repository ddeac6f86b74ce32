"""Small closed word classes that steer the rule extractor (hand-kept, English).

Open-class data (common words, first names, places, demonyms) is generated
into `data/`; what stays here is grammar and naming convention: the words
that join a name, the titles that precede one, and the head nouns that say
what kind of thing a name is (`University`, `River`, `Cup`).
"""

from __future__ import annotations

#: Lower-case words allowed inside a name (`Army of the Potomac`, `Ludwig van Beethoven`).
CONNECTORS = frozenset("of the de da di du del della der den van von la le y & for upon".split())
#: Connectors that may not end a chunk or start one.
JOINERS_NEED_CAP_AFTER = CONNECTORS

#: Closed-class words: never the first word of a name, even when capitalised mid-sentence.
FUNCTION = frozenset(
    """a an the this that these those there their they them he she it its his her hers him we us our
    you your yours i me my mine who whom whose which what when where why how if then than so as at by
    in into on onto of off out over under up down to from with without within about after before
    during since until while although though because but and or nor not no yes also all any each
    every some many much more most few both either neither other such only just even still yet
    here now later today however meanwhile moreover thus hence therefore according among between
    be is are was were been being am do does did done have has had having can could shall should
    will would may might must let i'm i'll i've i'd""".split()
)

#: Titles and roles before a person's name; dropped from the name, counted as a person vote.
PERSON_TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady madame monsieur mme mlle herr
    president vice minister secretary senator sen rep representative governor gov mayor judge
    justice chancellor ambassador king queen prince princess duke duchess count countess baron
    baroness emperor empress tsar czar pope bishop archbishop cardinal father rev reverend saint
    general gen colonel col captain capt lieutenant lt major sergeant sgt admiral commander
    coach chairman chairwoman chief ceo director officer agent inspector detective prime foreign
    deputy premier""".split()
)

#: Head words that make a name an organisation.
ORG_WORDS = frozenset(
    """university college school academy institute institution inc inc. ltd ltd. llc plc corp corp.
    corporation company co co. group holdings party club fc afc association federation union
    league council committee commission assembly parliament congress senate ministry department
    agency service services bureau office authority board bank trust fund foundation society
    organization organisation airlines airways records studios
    entertainment media network broadcasting radio television tv news times post press journal
    magazine herald tribune gazette army navy corps brigade division regiment battalion squadron
    police church band orchestra choir ensemble team united rovers wanderers athletic hockey
    government court hospital force forces museum library industries enterprises motors systems technologies
    labs laboratories partners associates diocese archdiocese wing fleet command order centre center""".split()
)

#: Head words that make a name a place.
PLACE_WORDS = frozenset(
    """river lake mountain mountains mount mt mt. island islands isle county province state
    street st. road avenue ave boulevard lane bay valley area region park junction plateau desert
    sea ocean coast peninsula canyon falls forest hill hills heights square bridge airport
    township district village city town harbour harbor creek gulf strait cape peak glacier beach
    springs station castle palace railway railroad pond brook reservoir playfield field house
    hall base stadium arena cemetery parish municipality estate""".split()
)

#: Endings that make a name an organisation whatever its head (`Hockey Hall of Fame`).
ORG_PHRASES = frozenset({"hall of fame", "hall of honor", "hall of honour"})

#: Realms, named by the noun before `of` (`Grand Duchy of Poznań`, `Kingdom of Prussia`).
REALM_WORDS = frozenset("duchy kingdom principality empire republic emirate sultanate khanate".split())

#: Head words that make a name an event, a work or another named thing.
EVENT_WORDS = frozenset(
    """war wars battle cup championship championships olympics games festival tournament open
    revolution crisis treaty act prix series season expo summit election elections day bowl
    campaign siege massacre rebellion uprising""".split()
)
MISC_WORDS = frozenset("award awards prize trophy medal album single song film novel show".split())

#: Head nouns that `for` may follow inside one name (`Centre for Control`, `Society for ...`).
FOR_HEADS = ORG_WORDS | EVENT_WORDS | MISC_WORDS | frozenset(
    "centre center fund campaign alliance coalition movement project program programme initiative".split()
)

#: Words that name a date rather than an entity.
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

#: Words of English prose that the common-word list lacks (they are capitalised more often
#: than not) and that a town's spelling without accents would make places: `God` (Göd).
ENGLISH_NOT_TOWNS = frozenset({"god"})

#: Prepositions that make the following unknown name a likely place.
PLACE_PREPS = frozenset("in near at from across throughout".split())

#: Verbs of people only, right after a name: `Natásha smiled` (not `said`: a company says things).
PERSON_VERBS = frozenset(
    """replied answered whispered exclaimed cried shouted muttered murmured smiled laughed sighed
    nodded frowned wept blushed shrugged screamed sobbed grinned winked gasped stammered groaned
    chuckled thought""".split()
)

#: Verbs of saying before a name, as fiction and quotes put them: `said Natásha`.
SAYING = frozenset("said asked replied answered cried exclaimed whispered shouted muttered murmured".split())

#: Well-known acronyms: acronym -> (full name, type).
ACRONYMS = {
    "EU": ("European Union", "organization"),
    "UN": ("United Nations", "organization"),
    "NATO": ("NATO", "organization"),
    "UNESCO": ("UNESCO", "organization"),
    "UNICEF": ("UNICEF", "organization"),
    "WHO": ("World Health Organization", "organization"),
    "IMF": ("International Monetary Fund", "organization"),
    "WTO": ("World Trade Organization", "organization"),
    "OPEC": ("OPEC", "organization"),
    "FBI": ("Federal Bureau of Investigation", "organization"),
    "CIA": ("Central Intelligence Agency", "organization"),
    "NASA": ("NASA", "organization"),
    "BBC": ("BBC", "organization"),
    "US": ("United States", "place"),
    "U.S.": ("United States", "place"),
    "USA": ("United States", "place"),
    "U.S.A.": ("United States", "place"),
    "UK": ("United Kingdom", "place"),
    "U.K.": ("United Kingdom", "place"),
    "USSR": ("Soviet Union", "place"),
    "UAE": ("United Arab Emirates", "place"),
}

#: Full names the acronym table points at, when spelt out.
KNOWN_ORGS = {
    "european union": "European Union",
    "united nations": "United Nations",
    "north atlantic treaty organization": "NATO",
    "world health organization": "World Health Organization",
    "international monetary fund": "International Monetary Fund",
    "world trade organization": "World Trade Organization",
    "federal bureau of investigation": "Federal Bureau of Investigation",
    "central intelligence agency": "Central Intelligence Agency",
}

#: Places the country data lacks: continents, regions, the home nations.
EXTRA_PLACES = {
    "europe": "Europe", "asia": "Asia", "africa": "Africa", "antarctica": "Antarctica",
    "oceania": "Oceania", "north america": "North America", "south america": "South America",
    "latin america": "Latin America", "central america": "Central America",
    "middle east": "Middle East", "scandinavia": "Scandinavia", "balkans": "Balkans",
    "caribbean": "Caribbean", "siberia": "Siberia", "england": "England", "scotland": "Scotland",
    "wales": "Wales", "northern ireland": "Northern Ireland", "britain": "United Kingdom",
    "great britain": "United Kingdom", "soviet union": "Soviet Union", "schengen area": "Schengen Area",
}
#: Demonyms the country data lacks (or gives another form of).
EXTRA_DEMONYMS = {
    "european": "Europe", "asian": "Asia", "african": "Africa", "english": "England",
    "scottish": "Scotland", "welsh": "Wales", "british": "United Kingdom", "soviet": "Soviet Union",
    "american": "United States", "dutch": "Netherlands", "swiss": "Switzerland",
    "czech": "Czech Republic", "russian": "Russia", "ukrainian": "Ukraine",
    "chinese": "China", "japanese": "Japan", "french": "France", "german": "Germany",
    "italian": "Italy", "spanish": "Spain", "portuguese": "Portugal", "polish": "Poland",
    "canadian": "Canada", "australian": "Australia", "irish": "Ireland", "indian": "India",
    "prussian": "Prussia", "latin": "Latin America",
}
#: Lower-case words too ambiguous to count as a place or demonym unless capitalised.
AMBIGUOUS_LOWER = frozenset("polish china turkey chad guinea jordan georgia niger latin swiss french".split())

#: Religions, holidays and other well-known named things that are neither people nor places.
MISC_NAMES = frozenset(
    """christmas easter thanksgiving ramadan hanukkah passover holocaust christian christians
    muslim muslims jew jews jewish catholic catholics protestant protestants buddhist buddhists
    hindu hindus sikh sikhs islam christianity judaism buddhism hinduism catholicism
    islamic""".split()
)

#: Ordinals that open a name even at a sentence start (`Fourth Air Force`, `Second Division`).
ORDINALS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split()
)

#: Compass words that start place names (`West Jersey`, `South Jutland`).
COMPASS = frozenset("north south east west northern southern eastern western central upper lower greater".split())

#: `X is a village`, `X, a band from ...`: the noun that says what X is.
DEFINING_NOUNS = {
    **dict.fromkeys(
        """village town city hamlet parish municipality river lake mountain island county district
        region suburb neighbourhood neighborhood area park country state province capital port
        community settlement valley peninsula""".split(), "place"),
    **dict.fromkeys(
        """band group company club team party organization organisation station chain brand label
        manufacturer school university college newspaper magazine network firm retailer airline
        corporation charity agency league""".split(), "organization"),
    **dict.fromkeys(
        """album song single film movie novel book game festival convention event language holiday
        people religion ep opera play series""".split(), "misc"),
    **dict.fromkeys(
        """singer actor actress politician player writer author musician footballer general
        officer poet painter artist composer guitarist drummer bassist vocalist rapper journalist
        broadcaster businessman scientist priest king queen emperor man woman""".split(), "person"),
}
