"""Street names in free text: ``Pier Avenue``, ``12 Station Rd``, ``on marine parade``.

A street is one to four capitalised words and a street word (``Road``, ``Avenue``,
``Close``…, or its abbreviation ``Rd``, ``Ave``, ``Cl``…), optionally a compass word
(``Marine Parade East``), or a common street word in lower case (``Pier ave``, ``High
street``: rule ``street-name-lower-word``); or ``The`` and a street word (``The Grove``);
or, in text written in lower case, a placing word (``on``, ``in``, ``along``…) or a house
number, then one or two words and a street word (``on pier avenue``, ``no 4 marine parade
west``: the placing word or number is not part of the street).

Leading words that cannot start a name (``The``, ``Yesterday``, ``Officers``…) are
dropped, and so is everything up to a function word inside the capitals (``DEALERS ON
ROSEMARY ROAD``). ``St``/``Dr`` followed by a capitalised word are Saint and Doctor when
only a sentence's first word comes before them (``Visited St Osyth``), Street and Drive after
a name (``Mare St Hackney``). A court building (``Chelmsford Crown Court``) is not a street.
Words such as ``Park``, ``Green``, ``Hill`` and ``End`` are not street words here: they
name areas as often as streets.

The value is the street as a name: capitalised, abbreviation written out (``Pier Avenue``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from countylines.extract.lexicon.places import TOWNS
from countylines.extract.lexicon.words import PLACE_PREPOSITIONS, STOPWORDS, words
from countylines.extract.mention import Mention
from countylines.extract.rules import AnchoredMatcher

#: Street words and their abbreviations, each mapped to the word written out.
STREET_WORDS: dict[str, str] = {
    "road": "Road", "rd": "Road", "rd.": "Road",
    "street": "Street", "st": "Street", "st.": "Street", "str": "Street",
    "avenue": "Avenue", "ave": "Avenue", "ave.": "Avenue", "av": "Avenue",
    "lane": "Lane", "ln": "Lane",
    "close": "Close", "cl": "Close",
    "drive": "Drive", "dr": "Drive", "dr.": "Drive",
    "way": "Way",
    "crescent": "Crescent", "cres": "Crescent", "cresc": "Crescent",
    "place": "Place", "pl": "Place",
    "court": "Court", "ct": "Court",
    "gardens": "Gardens", "gdns": "Gardens",
    "grove": "Grove", "gr": "Grove", "gro": "Grove",
    "terrace": "Terrace", "terr": "Terrace", "ter": "Terrace",
    "square": "Square", "sq": "Square",
    "parade": "Parade", "pde": "Parade",
    "mews": "Mews", "walk": "Walk", "rise": "Rise", "row": "Row", "vale": "Vale",
    "view": "View", "approach": "Approach", "esplanade": "Esplanade",
    "promenade": "Promenade", "boulevard": "Boulevard", "chase": "Chase", "croft": "Croft",
    "wharf": "Wharf", "yard": "Yard", "hill": "Hill", "highway": "Highway",
    "broadway": "Broadway", "embankment": "Embankment", "passage": "Passage",
    "gate": "Gate", "mead": "Mead", "meadows": "Meadows", "drove": "Drove",
}  # fmt: skip

_ABBREVIATIONS = frozenset(k for k, v in STREET_WORDS.items() if k != v.lower())
_SAINT_OR_DOCTOR = frozenset({"st", "st.", "dr", "dr."})
_LOWER_CASE_STREET_WORDS = words(
    """
    road street avenue lane close drive crescent grove terrace gardens parade way rd ave
    esplanade promenade
    """
)
#: Street words taken in lower case after a capitalised name (``Pier ave``, ``High street``).
_MIXED_CASE_STREET_WORDS = words(
    "road street avenue lane crescent terrace gardens parade rd ave st"
)
_COMPASS = ["north", "south", "east", "west"]
_COURTS = words(
    """
    crown magistrates magistrates' youth county high family coroner's coroners
    """
)
#: Capitalised words that start sentences but never street names.
NOT_A_NAME = STOPWORDS | words(
    """
    police officers officer suspect suspects subject subjects residents resident neighbours
    neighbour report reports intelligence source sources he she they male female mr mrs ms
    miss monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december i we
    """
)
_HILL_LIKE = frozenset({"hill", "way", "view", "rise", "row", "walk", "gate", "yard", "chase"})

_CAPITAL = {"ORTH": {"REGEX": r"^[A-Z][A-Za-z'\-]*$"}}
_POSSESSIVE = {"LOWER": "'s"}  # curly apostrophes are read as straight (normalise.py)


#: Towns whose name has a saint inside (``bury st edmunds``), lower case, dots removed.
_TOWNS_WITH_SAINT = frozenset(
    spelling.lower().replace(".", "")
    for _canonical, spellings, _placed in TOWNS
    for spelling in spellings
    if " st " in spelling.lower().replace(".", "") and not spelling.lower().startswith("st")
)


def street_matcher(vocab: Vocab) -> AnchoredMatcher:
    """The matcher for the street forms (keys ``street-name``, ``street-lower``)."""
    matcher = AnchoredMatcher(vocab)
    suffix_capital: dict[str, Any] = {
        "LOWER": {"IN": sorted(STREET_WORDS)},
        "ORTH": {"REGEX": r"^[A-Z]"},
    }
    compass: dict[str, Any] = {"LOWER": {"IN": _COMPASS}, "ORTH": {"REGEX": r"^[A-Z]"}, "OP": "?"}
    matcher.add(
        "street-name",
        [
            [_CAPITAL, suffix_capital, compass],
            [_CAPITAL, _CAPITAL, suffix_capital, compass],
            [_CAPITAL, _POSSESSIVE, suffix_capital, compass],
            [_CAPITAL, _CAPITAL, _CAPITAL, suffix_capital, compass],
            [_CAPITAL, _CAPITAL, _POSSESSIVE, suffix_capital, compass],
            [_CAPITAL, _CAPITAL, _CAPITAL, _CAPITAL, suffix_capital, compass],
        ],
    )
    suffix_lower: dict[str, Any] = {
        "LOWER": {"IN": sorted(_MIXED_CASE_STREET_WORDS)},
        "IS_LOWER": True,
    }
    matcher.add(
        "street-name",
        [
            [_CAPITAL, suffix_lower],
            [_CAPITAL, _CAPITAL, suffix_lower],
            [_CAPITAL, _POSSESSIVE, suffix_lower],
            [_CAPITAL, _CAPITAL, _CAPITAL, suffix_lower],
        ],
    )
    lower_word = {"ORTH": {"REGEX": r"^[a-z][a-z']*$"}, "LOWER": {"NOT_IN": sorted(STOPWORDS)}}
    placing: dict[str, Any] = {"LOWER": {"IN": sorted(PLACE_PREPOSITIONS)}}
    house_number: dict[str, Any] = {"ORTH": {"REGEX": r"^[0-9]{1,4}[a-z]?$"}}
    street_word: dict[str, Any] = {
        "LOWER": {"IN": sorted(_LOWER_CASE_STREET_WORDS)},
        "IS_LOWER": True,
    }
    lower_compass: dict[str, Any] = {"LOWER": {"IN": _COMPASS}, "IS_LOWER": True, "OP": "?"}
    matcher.add(
        "street-lower",
        [
            [first, *words, street_word, lower_compass]
            for first in (placing, house_number)
            for words in ([lower_word], [lower_word, lower_word])
        ],
    )
    return matcher


def find_streets(doc: Doc, matcher: AnchoredMatcher) -> list[Mention]:
    """Streets in ``doc`` (rules ``street-name``, ``street-the``, ``street-lower``)."""
    found: list[Mention] = []
    longest: dict[tuple[str, int], int] = {}  # the earliest start for each form and end
    for rule, start, end in matcher(doc):
        longest[(rule, end)] = min(start, longest.get((rule, end), start))
    for (rule, end), start in sorted(longest.items(), key=lambda item: item[1]):
        span = doc[start:end]
        if rule == "street-lower":
            mention = _lower_case_street(span[1:])
        else:
            mention = _capitalised_street(doc, span)
        if mention is not None:
            found.append(mention)
    return found


def _capitalised_street(doc: Doc, span: Span) -> Mention | None:
    tokens = list(span)
    suffix_at = max(i for i, t in enumerate(tokens) if t.lower_ in STREET_WORDS)
    suffix = tokens[suffix_at]
    after = doc[suffix.i + 1] if suffix.i + 1 < len(doc) else None
    name = tokens[:suffix_at]
    rule, confidence = "street-name", 0.85
    if not suffix.text[:1].isupper():
        rule, confidence = "street-name-lower-word", 0.75  # "Pier ave", "High street"
    if name and name[0].lower_ == "the" and len(name) == 1:
        if rule != "street-name":
            return None  # "The road": a phrase, not a name
        rule, confidence = "street-the", 0.7
    else:
        while name and name[0].lower_ in NOT_A_NAME:
            name = name[1:]
        cut = _last_function_word(name)
        if cut is not None:
            name = name[cut + 1 :]  # "CRACK DEALERS ON ROSEMARY ROAD"
        if not name or name[0].text == "'s":
            return None
        capitals_alone = suffix.text.isupper() and suffix.lower_ not in _ABBREVIATIONS
        numbered = name[0].i > 0 and doc[name[0].i - 1].text.isdigit()
        if capitals_alone and not numbered and not any(t.text.isupper() for t in name):
            return None  # "Occupant Rebecca LANE": a surname in capitals, as logs write them
        if name[-1].lower_ in _COURTS and suffix.lower_ == "court":
            return None
        saint = suffix.lower_ in _SAINT_OR_DOCTOR and after is not None and after.is_title
        if saint and len(name) == 1 and bool(name[0].is_sent_start):
            return None  # "Visited St Osyth": Saint; "Mare St Hackney": Street
        if saint and _town_with_saint(name, after):
            return None  # "Bury St Edmunds", "Lytham St Annes": a town, not Bury Street
    if suffix.lower_ in _ABBREVIATIONS:
        confidence -= 0.05
    if suffix.lower_ in _HILL_LIKE and len(name) == 1 and rule == "street-name":
        confidence -= 0.1
    first = name[0].i if name else tokens[0].i
    number = doc[first - 1] if first > 0 else None
    if number is not None and number.like_num and number.text.isdigit():
        confidence = min(0.95, confidence + 0.05)
    words = tokens if rule == "street-the" else [*name, *tokens[suffix_at:]]
    chosen = doc[words[0].i : words[-1].i + 1]
    return Mention(
        "street",
        chosen.start_char,
        chosen.end_char,
        chosen.text,
        _street_value(chosen),
        round(confidence, 2),
        rule,
    )


def _town_with_saint(name: list[Token], after: Token | None) -> bool:
    """Whether the name, ``St`` and the word after it spell a town of the gazetteer."""
    if after is None or not name:
        return False
    spelt = " ".join([*(t.lower_ for t in name), "st", after.lower_])
    return any(spelt.endswith(town) for town in _TOWNS_WITH_SAINT)


def _last_function_word(name: list[Token]) -> int | None:
    """Index of the last word inside the capitals that cannot be in a street name (``ON``)."""
    inside = [i for i, t in enumerate(name) if i > 0 and t.lower_ in STOPWORDS]
    return inside[-1] if inside else None


def _lower_case_street(span: Span) -> Mention | None:
    if span[-1].lower_ in ("way",) and len(span) == 2:
        return None
    return Mention(
        "street", span.start_char, span.end_char, span.text, _street_value(span), 0.6,
        "street-lower",
    )  # fmt: skip


def _street_value(span: Span) -> str:
    """``Pier Avenue`` for ``PIER AVE``, ``pier avenue``, ``Pier Ave.``."""
    words: list[str] = []
    for index, token in enumerate(span):
        lower = token.lower_
        if lower == "'s" and words:
            words[-1] += "'s"
        elif index > 0 and lower in STREET_WORDS:
            words.append(STREET_WORDS[lower])
        else:
            text = token.text
            words.append(text.capitalize() if text.isupper() or text.islower() else text)
    return " ".join(words)
