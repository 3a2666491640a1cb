"""The clause reader: CCE and cuckooing indicators said in people's own words.

The phrase rules (:mod:`countylines.extract.indicators`) know the common wordings of each
sign. People who write to the police mostly use others: "gives the kids trainers and phones",
"his benefits seem to have disappeared", "a young man answers the door and says her father
is asleep". The clause reader cuts each sentence into clauses (at commas, semicolons,
colons, dashes between spaces, and ``and``/``but``/``because`` before a new subject; a
bracket stays with its clause) and asks what each clause is about, with the cue words of
:mod:`countylines.extract.lexicon.clauses`:

* **CCE**: a child is named in the clause (a child word, ``young lads``, ``Year 9s``, ``my
  lil cuz``, a child's age: ``15yrs``, ``looks 12``, ``IP (M, 15)``, ``Callum, 15,``; a name
  given with an age names the child again later) and the clause says one of the signs -
  doing a line's work, something given, goods a child could not buy, £100 or more, found
  with drugs, cash or phones, late hours, travel or travelling alone, picked up by cars,
  debt, injury, threats, older associates, coercion, phones that are not his, drugs
  concealed, going missing, school missed, "working". Or: the text names a child somewhere,
  and the clause, about *him*, *her* or *them* or with its subject left out (``has a second
  phone``), says any of these but older associates (a parent writing "he" throughout).
* **Cuckooing**: the text is about a home, and the clause says strangers are staying, have
  moved in or "live there now"; the occupant's money, cards, pension or benefits taken or
  used by others; the occupant kept in, kept from visitors, pushed out of their own rooms,
  frightened or harmed; people who will not leave; someone else answering or speaking for
  the occupant; the occupant not seen; paid in drugs or drink; the home used to deal or
  store; a damaged door or changed lock; drug litter; the line's phones there overnight;
  or visitors at all hours. Signs of a busy address count only where the text names
  someone at risk living there.

Not signs: a child who is a customer (``selling weed to kids``, ``selling them vapes``) or
denied (``no juveniles``); a clause that starts by denying (``No CCE concerns``) or with
``if``; an adult as the clause's subject (``Subj is running a line``); a cannabis grow; a
sentence that explains the sign away (a birthday, a school trip, a job, sport, family,
carers, contractors; :data:`countylines.extract.lexicon.clauses.EXPLAINED_BY`).

Each clause found gives one mention covering the clause (trimmed), with the signs named in
its ``value`` and rule ``clause-cce`` / ``clause-cuckooing``; confidences are lower when the
child is named elsewhere in the text. The phrase rules' own mentions are widened to their
clause too and held to the same test (a CCE sign needs a child: :func:`read_clauses`), so
both agree on where a sign's phrase begins and ends - the guidance's unit, "the shortest
self-contained phrase of one sentence" - and on what makes it a sign.

Measured on six hand-labelled sets by six writers (``benchmarks/extraction_eval``,
docs/extraction.md): about 0.7-0.75 precision and 0.6-0.7 recall per phrase on writing not
seen while building it; people agree at 0.92.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from countylines.extract.indicators import age_in_words, reads_as_clock_time
from countylines.extract.lexicon import clauses as cue
from countylines.extract.lexicon.indicators import (
    CHILD_VULNERABILITY_RULES,
    CHILD_VULNERABILITY_UNCONFIRMED,
)
from countylines.extract.lexicon.words import words
from countylines.extract.mention import INDICATOR_TYPES, Mention
from countylines.extract.rules import lower_ids, text_of

#: Tokens that end a clause (a new sentence ends one too).
CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "-", "\u2013", "\u2014", "...", "\u2026", "|", "!", "?"}
)  # en and em dashes, ellipsis; a bracket's words belong to the clause around it

#: Confidences of clause mentions: child named in the clause; named elsewhere in the text;
#: cuckooing sign in a text about a home.
CHILD_HERE = 0.7
CHILD_ELSEWHERE = 0.6
CUCKOOING = 0.65
#: Confidence of a child's age the reader finds (``is 14``, ``(M,15)``).
STATED_AGE = 0.6

#: Longest clause read, in tokens: a run-on text with no punctuation is read in pieces.
MAX_CLAUSE = 40

#: Small hours in a clause's words: ``4 am``, ``2.30am``, ``0330hrs``, ``03:00``.
_NIGHT_TIME = re.compile(
    r"(?:^| )(?:0?[0-5](?:[:.][0-5]\d)? ?am|0[0-5][0-5]\d ?hrs?|0[0-5]:[0-5]\d)(?: |$)"
)
#: Small hours in words: ``three in the morning``, ``half two in the morning``.
_NIGHT_WORDS = re.compile(
    r"(?:^| )(?:half )?(?:one|two|three|four|five|1|2|3|4|5) (?:o'clock )?in the morning"
)
#: A school year of secondary age: ``year 9``, ``yr 10``, ``y11``.
_SCHOOL_YEAR = frozenset({"year", "yr", "years"})
_SECONDARY = frozenset({"7", "8", "9", "10", "11", "7s", "8s", "9s", "10s", "11s"})
_LEADING = frozenset({"and", "but", "so", "then", "also", "or", "&"})
_DASHES = frozenset({"-", "\u2013", "\u2014"})

#: Words that start a new clause inside a sentence; ``and`` does when a subject or an
#: article follows it (``... moved in and she isn't allowed to leave``: two signs).
_CLAUSE_WORDS = frozenset({"but", "because", "cos", "coz", "so", "until", "while", "whilst"})
_SUBJECTS = (
    words(
        """he she they i we it there his her their the a an my our you someone somebody
        everyone nobody that"""
    )
    | cue.ELIDED_SUBJECT
)
#: A clause that starts by denying (``No CCE concerns``, ``Not a cuckooed address``).
_DENIALS = frozenset({"no", "nil", "none"})

#: Signs that do not count when the child is named only elsewhere in the text: older
#: associates describe an adult, not the child.
_NOT_ABOUT_CHILD = frozenset({"older associates"})


@dataclass(frozen=True)
class Clause:
    """Tokens [start, end) of one clause, its lower-cased words and its sentence's."""

    start: int
    end: int
    words: tuple[str, ...]
    sentence: frozenset[str] = frozenset()

    @property
    def said(self) -> str:
        """The clause's lower-cased words joined by single spaces."""
        return " ".join(self.words)

    def has(self, vocabulary: frozenset[str]) -> bool:
        """Whether any word of the clause is in ``vocabulary``."""
        return not vocabulary.isdisjoint(self.words)

    def pair(self, pairs: Iterable[tuple[str, str]]) -> bool:
        """Whether both words of any pair occur in the clause (the first before the second)."""
        for first, second in pairs:
            if first in self.words and second in self.words[self.words.index(first) + 1 :]:
                return True
        return False


def _lower_words(doc: Doc) -> list[str]:
    """Each token's lower-case text, worked out once per document, with a dropped ``g`` put
    back where that makes a cue word (``handin`` → ``handing``, ``givin`` → ``giving``) and
    the text-speak ``n``/``wiv`` read as ``and``/``with``."""
    cached = doc.user_data.get("countylines_lower_words")
    if not isinstance(cached, list):
        cached = [_standard(doc.vocab.strings[i]) for i in lower_ids(doc)]
        doc.user_data["countylines_lower_words"] = cached
    return cached


_TEXT_SPEAK = {
    "n": "and", "wiv": "with", "wid": "with", "thru": "through",
    # Scots: "Thae boys have been in ma hoose"
    "ma": "my", "hoose": "house", "fae": "from", "wis": "was", "cannae": "cannot",
    "dinnae": "don't", "oot": "out", "wee": "little",
}  # fmt: skip


def _standard(word: str) -> str:
    if word in _TEXT_SPEAK:
        return _TEXT_SPEAK[word]
    if word.endswith("in") and word + "g" in cue.VOCABULARY:
        return word + "g"
    return word


def clauses_of(doc: Doc) -> list[Clause]:
    """The clauses of ``doc``: sentences cut at :data:`CLAUSE_BREAKS` and every
    :data:`MAX_CLAUSE` tokens; blank lines and break tokens belong to none.

    Reads token attributes as arrays (no spaCy ``Token`` objects: a megabyte of text has a
    quarter of a million tokens).
    """
    if not len(doc):
        return []
    starts, spaces, puncts, spaced = (
        column.tolist()
        for column in doc.to_array(["SENT_START", "IS_SPACE", "IS_PUNCT", "SPACY"]).T
    )
    lowers = _lower_words(doc)
    blank = [bool(space) or bool(punct) for space, punct in zip(spaces, puncts, strict=True)]
    sentence_of: list[int] = []  # token -> its sentence's number
    for i in range(len(doc)):
        sentence_of.append((sentence_of[-1] if i else 0) + (1 if i and starts[i] == 1 else 0))
    sentences: dict[int, set[str]] = {}
    for i, word in enumerate(lowers):
        sentences.setdefault(sentence_of[i], set()).add(word)
    frozen = {number: frozenset(words_) for number, words_ in sentences.items()}
    found: list[Clause] = []
    begin = 0
    depth = 0  # inside brackets: ``YP (M, 15, from Walthamstow) found with...`` is one clause
    for i, word in enumerate(lowers):
        depth = max(0, depth + (word == "(") - (word == ")"))
        # a dash breaks a clause between spaces ("... - ..."), not inside "15-year-old"
        dash = word in _DASHES and not (spaced[i] and i and spaced[i - 1])
        breaks = (spaces[i] and "\n" in word) or (
            word in CLAUSE_BREAKS and not (depth or word == ")" or dash)
        )
        joins = word in _CLAUSE_WORDS or (
            word == "and" and i + 1 < len(lowers) and lowers[i + 1] in _SUBJECTS
        )
        if starts[i] == 1 or breaks or joins or i - begin >= MAX_CLAUSE:
            if begin < i:
                found.append(_clause(lowers, blank, begin, i, frozen[sentence_of[begin]]))
            begin = i + 1 if breaks else i
    if begin < len(lowers):
        found.append(_clause(lowers, blank, begin, len(lowers), frozen[sentence_of[begin]]))
    return [c for c in found if c.words]


#: An adult's age: ``a bloke about 30``, ``men in their 20s``, ``looked about 20``.
_ADULT_AGE = re.compile(
    r"(?:about|around|maybe|approx|aged|in (?:his|her|their)) (?:1[89]|[2-6]\d)(?:s|'s)?"
    r"(?: |$)(?!(?:children|kids|people|boys|girls|lads|men|women|youths|teenagers|pupils"
    r"|cars|times|minutes)\b)"
)
_MONEY_SUM = re.compile(r"£ ?(\d{1,3}(?:,\d{3})+|\d+)")


def _much_money(said: str) -> bool:
    """Whether a clause names a sum of £100 or more (``£380``, ``£1,100``)."""
    return any(int(m.group(1).replace(",", "")) >= 100 for m in _MONEY_SUM.finditer(said))


_WORK = cue.SUPPLY_STRONG | cue.SUPPLY_WEAK | cue.WORK_FOR


def _denied_work(words: tuple[str, ...]) -> bool:
    """Whether the clause's dealing word is denied (``they're not working for him``) or
    sells *to* someone (``selling them vapes``, ``Selling it TO them``)."""
    for i, word in enumerate(words):
        if word in _WORK:
            sold_to = word in cue.SELL and not cue.BUYER.isdisjoint(words[i + 1 : i + 3])
            return sold_to or _negated_before(words, frozenset({word}))
    return False


def _negated_before(words: tuple[str, ...], vocabulary: frozenset[str]) -> bool:
    """Whether a negation is within three words before the first word of ``vocabulary``."""
    for i, word in enumerate(words):
        if word in vocabulary:
            return any(w in cue.NEG for w in words[max(0, i - 3) : i])
    return False


def _explained(signs: list[str], clause: Clause) -> list[str]:
    """``signs`` without those its sentence explains away (a new phone for a birthday)."""
    return [s for s in signs if cue.EXPLAINED_BY.get(s, frozenset()).isdisjoint(clause.sentence)]


def _clause(
    lowers: list[str], blank: list[bool], start: int, end: int, sentence: frozenset[str]
) -> Clause:
    while start < end and blank[start]:
        start += 1
    while start < end and lowers[start] in _LEADING:
        start += 1
    while end > start and blank[end - 1]:
        end -= 1
    return Clause(start, end, tuple(lowers[start:end]), sentence)


def read_clauses(
    doc: Doc,
    phrases: Sequence[Mention],
    ages: Sequence[tuple[int, int]] = (),
    towns: Sequence[tuple[int, int]] = (),
    not_ages: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """The phrase rules' indicator mentions checked and widened, plus the clauses' own.

    Each indicator mention of the phrase rules is widened to its clause; a CCE mention is
    kept only where a child is in its clause, or the text names a child and the clause is
    about a person (``he``, ``her``, a subject left out) and not about an occupant; any
    indicator in a clause that starts by denying (``No CCE concerns``) is dropped. Then
    every clause that says a sign gives a mention of its own (see the module docstring);
    overlaps are merged later (:func:`countylines.extract.resolve.resolve`).

    Args:
        doc: the tokenised text (with sentence starts).
        phrases: the phrase rules' mentions (other types pass through unchanged).
        ages: token spans ``[start, end)`` of children's ages already found.
        towns: token spans of the towns already found.
        not_ages: token spans whose numbers are no child's age (a phone's digits, a house
            number, a height).

    Returns:
        The mentions: others as given, then indicators; a clause mention's ``value`` names
        the signs seen, e.g. ``"child: dealing, late hours"``.
    """
    clauses = clauses_of(doc)
    towns = sorted(towns)  # for _has_town's search
    child_at, stated_at = _child_tokens(doc, ages, not_ages)
    named_child = bool(child_at)
    children_before = [0]  # children_before[i]: child tokens before token i (linear, not n²)
    for i in range(len(doc)):
        children_before.append(children_before[-1] + (i in child_at))

    about_home = any(c.has(cue.HOME) or c.has(cue.STAY) for c in clauses)
    names_occupant = any(
        c.has(cue.AT_RISK) or c.pair((("lives", "there"), ("my", "flat"), ("my", "house")))
        for c in clauses
    ) or any(m.type == "vulnerability" for m in phrases)
    found: list[Mention] = []
    cuckooing: list[tuple[Clause, list[str]]] = []
    read: list[_Reading] = []
    previous: Clause | None = None
    for clause in clauses:
        denied = clause.words[0] in _DENIALS or (
            clause.words[0] == "not" and clause.words[1:2] in (("a",), ("an",))
        )
        has_child = children_before[clause.end] > children_before[clause.start] or (
            _apposed_child(previous, clause, children_before)
        )
        home_signs: list[str] = []
        hypothetical = clause.words[0] == "if"  # "If anyone sees a new lock"
        if about_home and not denied and not hypothetical and not clause.has(cue.NOT_CUCKOOING):
            home_signs = _cuckooing_signs(clause, names_occupant, has_child)
            if home_signs:
                cuckooing.append((clause, home_signs))
        about_child = (
            named_child
            and not home_signs
            and not clause.has(cue.OCCUPANT_NOUN)
            and (
                clause.has(cue.PERSON_REF)
                or _subject_left_out(clause.words[0])
                or clause.words[0] in _RELATIVE
            )
            and not (_adult_subject(clause) and not clause.has(cue.OBJECT_REF))
        )
        read.append(_Reading(clause, denied, has_child, about_child))
        previous = clause
        if denied:
            continue
        signs = _cce_signs(clause, _has_town(clause, towns))
        if has_child and signs:
            found.append(_mention(doc, clause, "cce_indicator", signs, CHILD_HERE))
        elif about_child:
            about = [s for s in signs if s not in _NOT_ABOUT_CHILD]
            if about:
                found.append(_mention(doc, clause, "cce_indicator", about, CHILD_ELSEWHERE))
    if cuckooing:  # an injury to the occupant counts once the home shows another sign
        for clause in clauses:
            hurt = (clause.has(cue.INJURY) or clause.pair(cue.INJURY_PAIRS)) and not (
                clause.pair((("cut", "off"), ("cut", "down")))
            )
            if (
                names_occupant
                and hurt
                and clause.has(cue.OCCUPANT)
                and all(clause is not c for c, _ in cuckooing)
            ):
                signs = _explained(["occupant injured"], clause)
                if signs:
                    cuckooing.append((clause, signs))
    found.extend(
        _mention(doc, clause, "cuckooing_indicator", signs, CUCKOOING)
        for clause, signs in cuckooing
    )
    if named_child:
        phrases = [_child_vulnerability_confirmed(m) for m in phrases]
    return (
        _checked_phrases(doc, phrases, read, names_occupant)
        + found
        + _stated_ages(doc, ages, stated_at)
    )


def _child_vulnerability_confirmed(mention: Mention) -> Mention:
    """A child's vulnerability (``has an EHCP``) read with no child word nearby, in a text
    that names a child elsewhere (``Tyler, 15, ...``): as sure as one beside a child word."""
    if (
        mention.type == "vulnerability"
        and mention.rule in CHILD_VULNERABILITY_RULES
        and mention.confidence == CHILD_VULNERABILITY_UNCONFIRMED
    ):
        return Mention(
            mention.type,
            mention.start,
            mention.end,
            mention.text,
            mention.value,
            CHILD_HERE,
            mention.rule + "+clause-child",
        )
    return mention


_SCHOOL_YEAR = frozenset({"year", "yr", "yrs", "y", "years"})


def _stated_ages(
    doc: Doc, ages: Sequence[tuple[int, int]], stated_at: Sequence[int]
) -> list[Mention]:
    """Children's ages the reader found (tokens ``stated_at``) that no age rule did (``My
    son Callum is 14``, ``IP1 (M,15)``, ``Callum, 15,``): mentions of type ``age``, rule
    ``clause-age``."""
    lowers = _lower_words(doc)
    covered = {i for start, end in ages for i in range(start, end)}
    found = []
    for i in stated_at:
        if i in covered:
            continue
        if i > 0 and lowers[i - 1] in _SCHOOL_YEAR:
            continue  # "year 9" is a school year (a child of 13 or 14), not an age of 9
        age = _child_age(lowers[i])
        token = doc[i]
        found.append(
            Mention(
                "age",
                token.idx,
                token.idx + len(token.text),
                token.text,
                str(age),
                STATED_AGE,
                "clause-age",
            )
        )
    return found


@dataclass(frozen=True)
class _Reading:
    """What the reader decided about one clause."""

    clause: Clause
    denied: bool
    has_child: bool
    about_child: bool


#: Cuckooing signs of a busy or drug-using address, not of a taken-over home: they count only
#: where the text says someone at risk lives there (the guideline: "busy addresses with no
#: occupant at risk" are not cuckooing).
BUSY_ADDRESS = frozenset(
    {"visitors at all hours", "drug use at the home", "drug litter", "curtains always drawn",
     "trap house", "home used for dealing"}
)  # fmt: skip


def _checked_phrases(
    doc: Doc, phrases: Sequence[Mention], read: list[_Reading], names_occupant: bool
) -> list[Mention]:
    """Phrase-rule mentions: indicators widened to their clauses and checked (see
    :func:`read_clauses`; a busy address needs someone at risk living there); every other
    mention as it is."""
    text = text_of(doc)
    bounds = [
        (doc[r.clause.start].idx, doc[r.clause.end - 1].idx + len(doc[r.clause.end - 1].text), r)
        for r in read
    ]
    highs = [high for _low, high, _reading in bounds]
    kept: list[Mention] = []
    for mention in phrases:
        if mention.type not in INDICATOR_TYPES:
            kept.append(mention)
            continue
        start, end = mention.start, mention.end
        touched: list[_Reading] = []
        # clauses are in order and apart: the first that ends after the mention starts,
        # then on while they start before it ends (a search, not a scan: no n x m)
        first = bisect.bisect_right(highs, mention.start)
        for low, high, reading in bounds[first:]:
            if low >= mention.end:
                break
            touched.append(reading)
            start, end = min(start, low), max(end, high)
        if any(r.denied for r in touched):
            continue
        if mention.type == "cce_indicator" and not any(
            r.has_child or r.about_child for r in touched
        ):
            continue
        if (
            mention.type == "cuckooing_indicator"
            and mention.value in BUSY_ADDRESS
            and not names_occupant
        ):
            continue
        kept.append(
            Mention(
                mention.type,
                start,
                end,
                text[start:end],
                mention.value,
                mention.confidence,
                mention.rule,
            )
        )
    return kept


def _child_tokens(
    doc: Doc, ages: Sequence[tuple[int, int]], not_ages: Sequence[tuple[int, int]] = ()
) -> tuple[set[int], list[int]]:
    """Tokens that name a child who is not a customer (``selling weed to kids``, ``sell my
    son a phone``) and not denied (``no juveniles``), and the tokens that state a child's
    age (for :func:`_stated_ages`), none inside ``not_ages`` (a phone's digits: ``is oh
    seven seven ...``; a house number, a height). A name given with a child's age
    (``Jayden (14)``, ``T (15)``) names the child wherever it appears again."""
    lowers = _lower_words(doc)
    not_age = {i for start, end in not_ages for i in range(start, end)}
    sells = [i for i, word in enumerate(lowers) if word in cue.SELL]
    at: set[int] = set()
    stated_at: list[int] = []
    aliases: set[str] = set()
    for i, word in enumerate(lowers):
        before = lowers[i - 1] if i else ""
        stated = i not in not_age and _stated_age(lowers, i)
        if stated and before == "(" and i > 1 and lowers[i - 2].isalpha():
            aliases.add(lowers[i - 2])
        if not stated and i not in not_age and _named_age(doc, lowers, i):
            stated = True
            aliases.add(lowers[i - 2])
        if stated:
            stated_at.append(i)
        names_child = (
            word in cue.CHILD
            or (word in cue.YOUNG_PERSON and before in cue.YOUNG)
            or (word in cue.SIBLING and before in cue.YOUNG)
            or (word == "18" and before == "under")
            or (word in _SECONDARY and before in _SCHOOL_YEAR)
            or stated
        )
        if not names_child or before in cue.NEG:
            continue
        # a customer: just after a selling word, or after "to" that follows one
        first = bisect.bisect_left(sells, i - 12)
        near_sells = sells[first : bisect.bisect_left(sells, i)]
        customer = any(i - j <= 3 for j in near_sells) or (
            bool(near_sells) and "to" in lowers[max(0, i - 3) : i]
        )
        if not customer:
            at.add(i)
    aliases -= cue.NOT_A_NAME
    if aliases:
        at.update(i for i, word in enumerate(lowers) if word in aliases)
    for start, end in ages:
        at.update(range(start, end))
    return at, stated_at


def _stated_age(lowers: list[str], i: int) -> bool:
    """Whether token ``i`` states a child's age (5 to 17): after a word that gives an age
    (``who's 15``, ``looks 12``, ``aged 14``, ``T (15)``, ``(M, 15)``) or just after a word
    for a young person or a sibling (``Lad, 13 or 14``, ``IP: male, 16``), and not before a
    unit (``14 times``, ``15 minutes``) nor a time of day (``about 8 till late``)."""
    age = _child_age(lowers[i])
    if age is None or age < 5:
        return False
    if _SEX_AGE.match(lowers[i]):
        return True
    if i + 1 < len(lowers) and lowers[i + 1] in cue.NOT_AN_AGE:
        return False
    if reads_as_clock_time(lowers, i):
        return False  # "from about 8 till late", "is about 8 in the evening": a time
    before = lowers[max(0, i - 3) : i]
    return not cue.AGE_GIVEN.isdisjoint(before) or not cue.AGE_OF.isdisjoint(before[-2:])


def _named_age(doc: Doc, lowers: list[str], i: int) -> bool:
    """Whether token ``i`` is a child's age given after a name and a comma (``Callum, 15,``;
    ``Jordan FRY, 16yrs,``)."""
    age = _child_age(lowers[i])
    if age is None or not 10 <= age <= 17 or i < 2 or lowers[i - 1] != ",":
        return False
    after = lowers[i + 1] if i + 1 < len(lowers) else "."
    name = doc[i - 2]
    return (
        (name.is_title or name.is_upper)
        and name.is_alpha
        and lowers[i - 2] not in _NOT_NAMES
        and after in _AFTER_AGE
    )


#: Capitalised words before ", 14," that are places, not a child's name (``Station Road, 14``).
_NOT_NAMES = words(
    """road rd street st avenue ave lane close way drive court crescent place grove gardens
    terrace parade walk hill square flat house number no block floor room"""
)
_AFTER_AGE = frozenset({",", ")", ".", ";", "and", "from", "of", "yrs", "years"})


_SEX_AGE = re.compile(r"^(?:m|f|male|female),(\d{1,2})$")


def _child_age(word: str) -> int | None:
    """A child's age in one token: a word (``fifteen``), ``15``, ``15yo``/``15yr``/``15yrs``
    or a log's ``M,15``. Stricter than the age rules' reading (``5am`` is not an age here):
    the reader looks for ages everywhere, the rules only inside their patterns."""
    in_words = age_in_words(word)
    if in_words is not None:
        return in_words
    sex_age = _SEX_AGE.match(word)  # "IP1 (M,15)": one token
    if sex_age:
        return int(sex_age.group(1))
    digits = word.removesuffix("yo").removesuffix("yrs").removesuffix("yr")
    if digits.isdigit() and len(digits) <= 2 and int(digits) <= 17:
        return int(digits)
    return None


def _adult_subject(clause: Clause) -> bool:
    """Whether an adult is the clause's subject (``Bloke in his forties dealing``, ``Subj is
    running a line``): an adult word among its first three words."""
    return not cue.ADULT.isdisjoint(clause.words[:3])


def _apposed_child(previous: Clause | None, clause: Clause, children_before: list[int]) -> bool:
    """Whether ``clause`` follows, in its sentence, a clause of a few words that is only a
    child (``runner, 15yrs, MFH from Walthamstow``; ``Callum, 15, has been going...``)."""
    return (
        previous is not None
        and previous.sentence is clause.sentence
        and len(previous.words) <= 4
        and children_before[previous.end] > children_before[previous.start]
    )


def _subject_left_out(first: str) -> bool:
    """Whether a clause starting with ``first`` has left its subject out (``has a second
    phone``, ``Found in Clacton 0330hrs``, ``regularly MFH``)."""
    return first in cue.ELIDED_SUBJECT or (len(first) > 4 and first.endswith(("ed", "ing", "ly")))


#: A clause that starts with one of these continues the one before (``..., whose handset
#: sites overnight in Haverfordwest``).
_RELATIVE = frozenset({"who", "whose", "which", "where"})


def _has_town(clause: Clause, towns: Sequence[tuple[int, int]]) -> bool:
    """Whether a town lies wholly inside the clause (``towns`` sorted by start: a search, so
    a text naming thousands of towns is not read once per clause)."""
    i = bisect.bisect_left(towns, (clause.start, -1))
    while i < len(towns) and towns[i][0] < clause.end:
        if towns[i][1] <= clause.end:
            return True
        i += 1
    return False


def _cce_signs(clause: Clause, town: bool) -> list[str]:
    """The CCE signs a clause says, in the order of the guidance's list."""
    has = clause.has
    signs: list[str] = []
    if (
        has(cue.SUPPLY_STRONG)
        or (has(cue.SUPPLY_WEAK) and has(cue.SUPPLY_OBJECT))
        or (has(cue.WORK_FOR) and clause.pair(("for", w) for w in cue.FOR_WHOM))
    ) and not _denied_work(clause.words):
        signs.append("dealing")
    bought_for = clause.pair(cue.BOUGHT_FOR) and not has(words("i we"))  # not the parents
    if (has(cue.GIVE) and has(cue.GIFT)) or bought_for:
        signs.append("given things")
    if (has(cue.NEW) and has(cue.GOODS)) or has(cue.BRANDS) or clause.pair(cue.BRAND_PAIRS):
        signs.append("unexplained goods")
    if (has(cue.MONEY) and has(cue.MONEY_MUCH)) or _much_money(clause.said):
        signs.append("money")
    if has(cue.FOUND_WITH) and has(cue.CARRIED):
        signs.append("found with drugs, cash or phones")
    small_hours = _NIGHT_TIME.search(clause.said) or _NIGHT_WORDS.search(clause.said)
    if (
        has(cue.NIGHT)
        or clause.pair(cue.NIGHT_PAIRS)
        or (small_hours is not None and (_clock_words(small_hours.group()) or has(cue.MOVEMENT)))
    ):
        signs.append("late hours")
    place = town or "country" in clause.words or has(cue.COUNTIES)
    if (place and (has(cue.TRAVEL) or has(cue.TRANSPORT))) or has(cue.OUT_OF_AREA):
        signs.append("travel")
    elif has(cue.TRAVEL) and ("alone" in clause.words or clause.pair((("on", "own"),))):
        signs.append("travelling alone")
    picked_up = has(cue.PICK_UP) or clause.pair(cue.INTO_CAR)
    if picked_up and has(cue.VEHICLE) and not has(cue.NEG):
        signs.append("picked up by cars")
    if has(cue.DEBT) or clause.pair(cue.DEBT_PAIRS):
        signs.append("debt")
    if (has(cue.INJURY) or clause.pair(cue.INJURY_PAIRS)) and not clause.pair(
        (("cut", "down"), ("cut", "off"))
    ):
        signs.append("injury")
    if has(cue.WORKING) and not _negated_before(clause.words, cue.WORKING):
        signs.append("working")
    if (
        (has(cue.OLDER) and has(cue.OLDER_PERSON))
        or has(cue.OLDER_AGE)
        or _ADULT_AGE.search(clause.said) is not None
    ):
        signs.append("older associates")
    if has(cue.THREAT) or clause.pair(cue.THREAT_PAIRS):
        signs.append("threats")
    if has(cue.DEALING_KIT):
        signs.append("dealing kit")
    if has(cue.COERCION) or clause.pair((("made", "to"),)):
        signs.append("coercion")
    if has(cue.HOLD_FOR) and clause.pair(("for", w) for w in cue.FOR_WHOM):
        signs.append("holding for others")
    not_own = has(cue.PHONE) and has(cue.NOT_OWN_PHONE) and has(words("his her belonging seen"))
    if (has(cue.PHONE) and has(cue.PHONE_COUNT)) or not_own:
        signs.append("several phones")
    if has(cue.NEG) and has(cue.WONT_SAY) and _negated_before(clause.words, cue.WONT_SAY):
        signs.append("will not explain")
    if has(cue.CONCEALED) or (has(cue.HIDE) and has(cue.BODY)):
        signs.append("drugs concealed")
    if (
        (has(cue.MISSING) or clause.pair(cue.MISSING_PAIRS))
        and not has(cue.TAKEN_THING | cue.LOST)  # not "his benefits", "the cat"
        and not _negated_before(clause.words, cue.MISSING)  # not "he's never gone missing"
    ):
        signs.append("missing")
    if (
        has(cue.SCHOOL)
        or _negated_before(clause.words, cue.SCHOOL_PLACE)
        or (has(cue.SCHOOL_MISSED) and has(cue.SCHOOL_DAYS))
        or clause.pair((("out", "education"),))
    ):
        signs.append("school")
    if clause.pair((("school", "bags"), ("school", "bag"))) and "dealing" in signs:
        signs.remove("dealing")  # kids carrying their school bags
    if signs == ["will not explain"]:  # "he won't tell me": a sign only beside another
        return []
    return _explained(signs, clause)


def _clock_words(time: str) -> bool:
    """Whether a time is said as people say it (``4am``, ``half two in the morning``), not
    stamped as a log does (``0140hrs``, ``01:15``): a log's time needs a movement beside it."""
    return "hrs" not in time and ":" not in time


def _cuckooing_signs(clause: Clause, names_occupant: bool, has_child: bool) -> list[str]:
    """The cuckooing signs a clause of a text about a home says (an occupant not seen or
    not let out is not a child kept in by a parent)."""
    has = clause.has
    negated = has(cue.NEG)
    signs: list[str] = []
    stayers = cue.STAYER - {"he", "she"}
    moved_in = clause.pair((("moved", "in"), ("moving", "in"), ("moved", "into")))
    whose = has(cue.STAY_WHERE - {"there"}) or moved_in
    if "there" in clause.words:  # "staying there", not "there are two lads sleeping"
        after = clause.words[clause.words.index("there") + 1 : clause.words.index("there") + 2]
        whose = whose or after not in (("are",), ("is",), ("was",), ("were",), ("'s",))
    staying = (
        has(cue.STAY)
        and has(stayers)
        and whose
        and "alone" not in clause.words
        and not clause.pair((("stays", "up"), ("staying", "up"), ("stay", "up")))  # awake
    )
    living_now = (
        has(cue.LIVE)
        and has(stayers)
        and ("now" in clause.words or clause.pair((("with", "her"),)))
    )
    in_home = (
        has(stayers - {"they"} - _NOT_STAYERS)
        and has(cue.OWNER)
        and clause.pair(("in", w) for w in cue.HOME | cue.ROOM)
    )
    if (
        staying
        or (moved_in and has(cue.OWNER))
        or living_now
        or in_home
        or has(cue.STAY_SIGNS)
        or clause.pair(cue.STAY_SIGN_PAIRS)
    ):
        signs.append("people staying")
    narrator = "i" in clause.words and not has(words("me my"))  # "I've kept the key cards"
    card_used = has(cue.TAKEN_THING) and has(cue.OWNER) and has(cue.USES_CARD)
    held = has(cue.HOLD) and has(cue.OTHERS)
    if has(cue.TAKEN_THING) and (has(cue.TAKE) or held or card_used) and not narrator:
        signs.append("money or keys taken")
    if not has_child and (
        (negated and has(cue.ALLOW))
        or (has(cue.LEAVE) and has(cue.REFUSE))
        or (has(cue.LOCK) and "in" in clause.words)
        or clause.pair(cue.TAKEN_OVER)
        or has(cue.CONFINED)
        or has(cue.ESCORTED)
        or clause.pair(cue.KEPT_IN)
        or clause.pair(cue.KEPT_FROM)
    ):
        signs.append("occupant controlled")
    if has(cue.SPEAKS_FOR) and has(cue.EXCUSE) and "i" not in clause.words[:1]:
        signs.append("door answered by others")
    third_person = has(cue.OCCUPANT - {"me"}) and "i" not in clause.words
    about_the_home = has(cue.OCCUPANT_NOUN) or has(cue.HOME)
    if not has_child and third_person and about_the_home and has(cue.AFRAID):
        signs.append("occupant frightened")
    answered = has(cue.ANSWER) and (
        has(stayers - {"they"}) or (has(cue.ANSWERED) and "by" in clause.words)
    )
    if answered and not negated and ("i" not in clause.words or "by" in clause.words):
        signs.append("door answered by others")
    seen = has(cue.SEEN) or clause.pair(
        (
            ("been", "out"),
            ("going", "out"),
            ("gone", "out"),
            ("been", "to"),
            ("been", "down"),
            ("never", "out"),
        )
    )
    seen = seen or (has(cue.ANSWER) and has(cue.ANSWERED) and "i" not in clause.words)
    if "like" in clause.words and has(cue.SEEN_NOTHING_LIKE):
        seen = False  # "never seen nothin like it round ere": wonder, not a missing occupant
    at_school = has(cue.SCHOOL_PLACE)  # "she has not been to school": a child, not an occupant
    if (
        not has_child
        and not at_school
        and negated
        and seen
        and (has(cue.OCCUPANT) or "i" not in clause.words)
    ):
        signs.append("occupant not seen")
    if has(cue.PAY) and has(cue.PAID_WITH) and (has(cue.OCCUPANT) or "in" in clause.words):
        signs.append("paid in drugs or drink")
    used = (has(cue.USE) and has(cue.USE_FOR)) or (has(cue.STORE) and has(cue.STORED))
    dealt_from = (
        names_occupant
        and has(cue.SUPPLY_STRONG)
        and "own" not in clause.words  # the dealer's own flat
        and clause.pair(("from", w) for w in cue.HOME)
    )
    kit_inside = (
        names_occupant
        and _room_named(clause.words)
        and (has(cue.DEALING_KIT) or has(cue.CARRIED) or has(cue.WEAPONS_KEPT))
    )
    in_a_home = used and not clause.sentence.isdisjoint(cue.HOME)
    if in_a_home or (names_occupant and (dealt_from or kit_inside)):
        signs.append("home used")
    if has(cue.DOOR) and has(cue.DAMAGED):
        signs.append("door damaged")
    if names_occupant and has(cue.LITTER) and has(cue.LITTER_PLACE):
        signs.append("drug litter")
    pushed_out = (
        has(cue.SLEEP) and has(cue.ODD_PLACE) and not negated and not has(stayers - {"they"})
    ) or (clause.pair(cue.ROOM_TAKEN))
    if not has_child and pushed_out:
        signs.append("occupant pushed out")
    if names_occupant and not has_child and has(cue.HARMED) and has(cue.OCCUPANT):
        signs.append("occupant harmed")
    handsets_there = has(cue.HANDSETS) and (has(cue.NIGHT) or has(cue.AT_ALL_HOURS))
    if names_occupant and handsets_there and (has(cue.HOME) or "there" in clause.words):
        signs.append("line phones there overnight")
    if clause.pair((("sleeps", "car"), ("sleeping", "car"), ("slept", "car"))) and has(cue.OWNER):
        signs.append("occupant pushed out")
    if (
        names_occupant
        and has(cue.VISITS)
        and (
            has(cue.AT_ALL_HOURS)
            or clause.pair((("in", "out"), ("coming", "going"), ("day", "night"), ("all", "day")))
        )
    ):
        signs.append("visitors at all hours")
    return _explained(signs, clause)


#: Children of the home are not strangers staying in it (``the girl's room``).
_NOT_STAYERS = frozenset({"girl", "girls", "child", "children", "son", "daughter", "kid", "kids"})


def _room_named(words: tuple[str, ...]) -> bool:
    """Whether a room of the home is named (``kitchen knife`` names a knife, not a room)."""
    return any(
        word in cue.ROOM and words[i + 1 : i + 2] not in (("knife",), ("knives",))
        for i, word in enumerate(words)
    )


def _mention(doc: Doc, clause: Clause, kind: str, signs: list[str], confidence: float) -> Mention:
    span = doc[clause.start : clause.end]
    who = "child" if kind == "cce_indicator" and confidence == CHILD_HERE else "home"
    if kind == "cce_indicator" and confidence != CHILD_HERE:
        who = "about the child"
    value = f"{who}: {', '.join(signs)}"
    rule = "clause-cce" if kind == "cce_indicator" else "clause-cuckooing"
    return Mention(kind, span.start_char, span.end_char, span.text, value, confidence, rule)  # type: ignore[arg-type]
