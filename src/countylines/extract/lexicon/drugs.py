"""Drug terms, with the street slang police and the public meet in county-lines work.

Sources for the slang: Home Office "Criminal exploitation of children and vulnerable adults:
county lines" guidance (2023); the Children's Society "Counting Lives" and county-lines
glossaries; Talk to FRANK drug pages (www.talktofrank.com) for the street names of each drug;
NCA county-lines threat assessments ("white" and "brown" for crack and heroin; "food").

Each term is under the canonical drug it names, and under how sure a match is on its own:

* ``sure``: the word means a drug wherever it is written (``heroin``, ``ket``).
* ``context``: also an everyday word (``rocks``, ``food``, ``charlie``), taken only with
  drug talk nearby (see ``DRUG_CONTEXT``).
* ``noun``: a colour (``white``, ``brown``, ``green``), taken only as a noun with drug talk
  nearby: ``selling white`` yes, ``white male`` or ``brown Ford`` no.

A hyphenated spelling of each phrase (``b-and-w``) is added by the matcher.
"""

from __future__ import annotations

from countylines.extract.lexicon.words import words

DRUG_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "sure": {
        "cocaine": (
            "cocaine", "coke", "powder cocaine", "cocaine powder", "sniff", "bugle", "chang",
            "nose candy", "marching powder",
        ),
        "crack cocaine": ("crack", "crack cocaine", "freebase"),
        "heroin": ("heroin", "skag", "scag", "diamorphine"),
        "crack cocaine and heroin": (
            "b&w", "b & w", "b and w", "b n w", "bnw", "b+w", "brown and white",
            "white and brown", "white & brown", "brown & white", "white n brown",
            "brown n white", "whites and browns", "browns and whites", "w&b",
            "white and dark", "dark and white", "white n dark", "dark n white", "white & dark",
        ),
        "cannabis": (
            "cannabis", "weed", "skunk", "ganja", "marijuana", "marihuana", "hashish",
            "cannabis resin", "herbal cannabis", "kush", "spliff", "spliffs", "zoot", "zoots",
            "sensi", "sinsemilla", "thc", "cannabis plants", "cannabis factory",
        ),
        "ketamine": ("ket", "ketamine", "special k", "donkey dust", "k-hole"),
        "MDMA": ("mdma", "ecstasy", "pingers", "disco biscuits", "xtc"),
        "amphetamine": ("amphetamine", "amphetamines", "whizz", "whiz", "phet"),
        "methamphetamine": ("methamphetamine", "meth", "crystal meth", "methamphetamines"),
        "synthetic cannabinoids": (
            "mamba", "black mamba", "synthetic cannabinoids", "synthetic cannabis",
        ),
        "benzodiazepines": (
            "benzos", "benzodiazepines", "xanax", "xans", "xannies", "diazepam", "valium",
            "vallies", "etizolam", "street valium", "alprazolam",
        ),
        "nitrous oxide": ("nitrous oxide", "laughing gas", "nos canisters", "hippy crack"),
        "LSD": ("lsd",),
        "psilocybin": ("magic mushrooms", "shrooms"),
        "GHB": ("ghb", "gbl"),
        "opioids": (
            "fentanyl", "nitazenes", "nitazene", "methadone", "subutex", "buprenorphine",
            "oxycodone", "oxycontin", "tramadol", "codeine", "opiates", "opioids",
        ),
        "pregabalin": ("pregabalin", "pregabs", "gabapentin"),
        "drugs": (
            "drugs", "class a", "class as", "class a's", "class a drugs", "class b",
            "class b drugs", "class c", "controlled drugs", "controlled substances",
            "controlled substance", "narcotics", "illegal drugs", "illicit drugs",
            "hard drugs",
        ),
    },
    "context": {
        "cocaine": ("charlie", "snow", "blow", "powder"),
        "crack cocaine": ("rocks", "rock", "stones"),
        "heroin": ("smack", "gear"),
        "cannabis": (
            "bud", "grass", "draw", "dope", "herb", "resin", "haze", "joint", "joints", "pot",
            "edibles", "greens", "hash",
        ),
        "MDMA": ("pills", "molly", "mandy", "beans"),
        "amphetamine": ("speed", "billy"),
        "methamphetamine": ("ice", "crystal", "tina"),
        "synthetic cannabinoids": ("spice",),
        "benzodiazepines": ("bars",),
        # letters and shades are everyday words ("witnesses W and B", "light and dark
        # clothing"): a pair only with drug talk or an advert's price
        "crack cocaine and heroin": (
            "w and b", "w & b", "w + b", "w+b", "w n b", "b + w", "light and dark",
            "dark and light", "light n dark",
        ),
        "nitrous oxide": ("nitrous", "nos", "balloons", "canisters", "nangs"),
        "LSD": ("acid", "tabs"),
        "drugs": ("food", "product"),
    },
    "noun": {
        "crack cocaine": ("white", "whites"),
        "heroin": ("brown", "browns", "dark"),  # "dark": heroin in some markets' adverts
        "cannabis": ("green",),
    },
}  # fmt: skip

#: Words that make an ambiguous drug term a drug (with any ``sure`` drug term nearby).
DRUG_CONTEXT: frozenset[str] = words(
    """
    deal deals dealing dealer dealers dealt sell sells selling sold seller buy buys buying
    bought buyer score scoring supply supplying supplied supplier wrap wraps wrapped bag
    bags baggie baggies gram grams g oz ounce ounces kilo kilos kg bar line lines runner
    runners user users addict addicts smoke smoking smoked sniffing snort snorting inject
    injecting pipe pipes cut stash stashed plug plugged re-up reup trap trapping shotting
    shot tick punter punters customer customers £ quid tenner twenties 10s 20s drugs drug
    class possession pwits high stoned country county delivery deliver delivering drop
    dropping dropped food cooking cooked cook weigh weighing scales cuckooed cuckooing bando
    9 nine packages package shotter shotters dealin sellin deliverin
    paid pay pays paying foil quantity
    """
)

#: Words after an ambiguous term that make it not a drug (``ice cream``, ``speed camera``).
NOT_BEFORE: dict[str, frozenset[str]] = {
    term: frozenset(after.split())
    for term, after in {
        "ice": "cream creams lolly lollies rink cube cubes skating age pack packs box cold bucket",
        "speed": "camera cameras limit limits bump bumps up boat dating awareness",
        "pot": "noodle noodles plant plants hole holes luck",
        "rock": "music band bands star stars bottom solid climbing n roll",
        "rocks": "music band",
        "powder": "room blue keg",
        "gear": "box lever stick change shift",
        "snow": "storm fall day days plough",
        "crystal": "palace clear ball",
        "spice": "girls rack",
        "food": "bank banks shop shopping delivery parcel parcels poisoning court van bill",
        "grass": "verge verges cutting cut field area land roots",
        "bars": "of on across",
        "blow": "up out away dry",
        "draw": "up out on attention conclusions",
        "joint": "enterprise investigation operation account custody pain pains",
        "herb": "garden",
        "light": "up",
        "pills": "prescribed",
        "acid": "reflux attack",
    }.items()
}

#: Words before a capitalised name-like term (``Charlie``) that make it the drug.
NAME_LIKE_DRUG_AFTER: frozenset[str] = words(
    """
    of selling sell sells sold buy buying deal deals dealing supply supplying score scoring
    gram grams g bag bags wrap wraps more cheap some any pure quality
    """
)

#: After a colour used as a drug (``noun`` terms), only these words may follow.
NOUN_FOLLOWERS: frozenset[str] = words(
    """
    and or n & + for to from in at on off is was are were will would with by of into out
    about as but so then if when because he she they we i you it this that there here
    """
)

#: Words after ``crack`` that make it not the drug (``crack on``, ``crack of dawn``).
CRACK_NOT_BEFORE: frozenset[str] = words(
    """
    on of down open at up it jokes joke a the his her their them him me us
    """
)

#: After ``crack on``, the words of the idiom (``crack on with it``, ``crack on then``).
CRACK_ON_IDIOM_AFTER: frozenset[str] = words("with then and now mate lads guys please")

#: ``crack in`` / ``crack across`` is a split in something after these words (``a crack in
#: the glass``), or when a surface follows (``crack in the wall cavity``, ``had crack in
#: it``); otherwise the drug (``wraps of crack in a tube``, ``given crack in lieu of rent``).
CRACK_SPLIT_AFTER: frozenset[str] = words(
    """
    a an another one big small huge little hairline tiny large long thin deep massive
    """
)
CRACK_SPLIT_BEFORE: frozenset[str] = words("in across through along")
CRACK_SURFACES: frozenset[str] = words(
    """
    it wall walls ceiling ceilings door doors window windows glass screen windscreen mirror
    pavement plaster floor floors frame tile tiles brick bricks concrete road cavity
    paintwork panel pane bath sink toilet basin skirting surface story argument alibi
    """
)

#: Words after a pair of colours that make them colours (``brown and white dog``).
COLOUR_NOUNS: frozenset[str] = words(
    """
    dog dogs cat cats puppy horse fur bread sugar rice flour clothing clothes top tops
    jacket jackets coat trainers tracksuit tracksuits hoodie hoodies shirt shirts cap caps
    hat hats stripes striped patches paint tiles door doors car cars van vans bike bikes
    blue green red grey black check checked pattern uniform colours colour
    """
)

#: The words of a pair of drugs written apart (``brown and white``, ``W + B``) and the drug
#: each names; the pair gives one mention per drug.
PAIR_WORDS: dict[str, str] = {
    "brown": "heroin", "browns": "heroin", "dark": "heroin", "b": "heroin",
    "white": "crack cocaine", "whites": "crack cocaine", "light": "crack cocaine",
    "w": "crack cocaine",
}  # fmt: skip
