"""Nicknames and street names of people: ``aka Tiny``, ``known as "K-Dog"``, ``Jordan "JJ" Smith``.

Three ways a nickname is written:

* after a naming phrase (rule ``nickname-aka``): ``aka``, ``a.k.a.``, ``also known as``,
  ``known as``, ``known to police as``, ``goes by``, ``calls himself``, ``nicknamed``,
  ``street name``, ``alias``, ``who they call``, and the police shorthand ``@`` (``Kyle
  JONES @ K``)… The nickname is what follows: a quoted
  name, else up to three capitalised words (``Little Tee``, ``K-Dog``), else one lower-case
  word that is not a function word (``aka tiny``).
* a capitalised name in quotation marks (rule ``nickname-quoted``), at most three words and
  25 characters, that is not an everyday word, a drug or a weapon; surer between two
  capitalised words (``Jordan "JJ" Smith``). Not a handset contact saved as a relationship
  or a role (``"Mum"``, ``"Nan"``, ``"Runner 2"``), and not a deal line's brand: a line is not
  a person.
* ``Lil``/``Yung``/``Lickle``/``Big``/``Wee``/``Mad``/``Tiny``/``Scouse``/``Skinny`` before a
  capitalised name (rule ``nickname-prefix``, ``Lil Tee``, ``Big Mike``, ``Wee Stevie``), when
  the name is not a place.

Once given, a nickname is also found where the text writes it again without a cue (rule
``nickname-repeat``: ``aka Tank`` ... ``works for Tank``).

The value is the nickname without quotation marks.

A quoted name written as a deal line's brand (``the "TITAN" line``, ``deal line 'SKIDZ'``,
``Line: "SMOKEY"``, ``the line is called 'BANDZ'``, and the names listed after one) is a
``line_brand`` mention instead (rule ``line-brand``, 0.8; value as written, without quotes),
which the triage queue links to a known line of that name.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from countylines.extract.lexicon.words import CLASSES, STOPWORDS, words
from countylines.extract.mention import Mention
from countylines.extract.rules import AnchoredMatcher, compile_rule, text_of

NAMING_PHRASES = (
    "aka",
    "a.k.a",
    "a.k.a.",
    "a/k/a",
    "also known as",
    "known as",
    "known to police|us|locals|everyone|people|them|friends|officers as",
    "known on|to the street|streets|road|roads as",
    "goes|go|went|going by the? name|nickname? of?",
    "calls|called|calling himself|herself|themselves|themself",
    "nicknamed|nickname|nicknames|alias|aliases|moniker|monikers",
    "street|road name|names",
    "who they|people|everyone call|calls",
    "they|people|everyone call|calls him|her|them",
    "answers to",
    "@",  # police shorthand: "Kyle JONES @ K"
    "named|called",
)
# opening -> closing quote marks (the rules read curly quotes as straight: see normalise.py)
_QUOTES = {'"': '"', "'": "'", "\u00ab": "\u00bb"}
_QUOTED = re.compile(
    r"""(?:(?<=[\s(\[/,;:])|^)(?:"([^"\n]{1,25})"|\u00ab([^\u00bb\n]{1,25})\u00bb|'([^'\n]{1,25})')"""
    r"""(?=[\s,.;:!?)\]/]|$)"""
)
_PREFIXED = re.compile(
    r"(?<![\w'])(?:Lil'?|LIL'?|Yung|YUNG|Lickle|Big|BIG|Wee|WEE|Mad|MAD|Tiny|TINY|Scouse|"
    r"SCOUSE|Skinny|SKINNY)(?![\w'])"
)
#: Prefixes surer than "Big" (a size as often as a name) but less than "Lil": "Wee Stevie",
#: "Mad Mikey", "Tiny Tam", "Scouse Tony", "Skinny D" (Scots, Northern Irish, Scouse use).
_DESCRIPTIVE_PREFIXES = frozenset({"wee", "mad", "tiny", "scouse", "skinny"})
_NOT_PREFIXED_NAMES = (
    CLASSES["child"]
    | CLASSES["person_young"]
    | words("monday tuesday wednesday thursday friday saturday sunday weekend night one ones")
)
_COMMON = STOPWORDS | words(
    """
    yes no ok okay hello hi bro mate fam innit please thanks sorry help police food work aka
    line lines new old big little young boss man bruv darling babe love
    mum mam mom mummy mama dad daddy nan nana nanna gran granny grandma grandad grandpa
    auntie aunty aunt uncle sis bruh brother sister cousin cuz wife hubby husband
    girlfriend boyfriend bae home taxi pizza dealer dealers friend friends
    """
)
# A contact saved as a role and a number: "Runner 2", "Worker 1", "Line 3".
_ROLE_NUMBERED = re.compile(
    r"^(?:runner|worker|line|phone|burner|driver|work|shop|mum|mam|mom|dad|nan|gran|bro|"
    r"sis|cousin|uncle|auntie|aunty)\s*\d{1,2}$",
    re.I,
)
# A deal line's brand: the name before "line", or after "line" / "deal line" / "line
# brand" / "branded" / "a line called" (a colon or bracket allowed): "the "TITAN" line",
# "deal line 'SKIDZ'", "Lines: "MACCA"", "The line is called 'BANDZ'"; and the names
# listed after one ("Lines: "MACCA", "TITAN"").
_LINE_AFTER = re.compile(r"[\"'\u00bb]?[ \t]*(?:'s\s+)?(?:deal\s+)?lines?\b", re.IGNORECASE)
_LINE_BEFORE = re.compile(
    r"\b(?:(?:deal\s+)?lines?(?:\s+(?:brand|name)(?:ed)?)?|brand(?:ed)?(?:\s+as)?|"
    r"lines?\b[^.\n\"']{0,15}\b(?:called|named|known\s+as|branded))\s*[:(\-]?\s*[\"'\u00ab]?$",
    re.IGNORECASE,
)


def is_line_brand(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is written as a deal line's brand (see the
    patterns above): a line is not a person, so the name is not a nickname."""
    return bool(
        _LINE_AFTER.match(text, end) or _LINE_BEFORE.search(text, max(0, start - 30), start)
    )


def naming_matcher(vocab: Vocab) -> AnchoredMatcher:
    """The matcher for the naming phrases (key ``nickname-aka``)."""
    matcher = AnchoredMatcher(vocab)
    patterns = [pattern for phrase in NAMING_PHRASES for pattern in compile_rule(phrase, CLASSES)]
    matcher.add("nickname-aka", patterns)
    return matcher


def find_nicknames(
    doc: Doc, matcher: AnchoredMatcher, not_names: Collection[str] = frozenset()
) -> list[Mention]:
    """Nicknames in ``doc``, and the deal-line brands written like them (see module doc).

    Args:
        doc: the tokenised text.
        matcher: from :func:`naming_matcher`.
        not_names: lower-case words that are not nicknames when quoted (drug and weapon
            terms, places).
    """
    found: list[Mention] = []
    text = text_of(doc)
    for end in _phrase_ends(matcher(doc)):
        mention = _after_phrase(doc, text, end, doc[end - 1].lower_ in ("named", "called"))
        if mention is not None:
            found.append(mention)
    found.extend(_quoted(text, not_names))
    found.extend(_prefixed(doc, text, not_names))
    found = [
        _brand(m.start, m.end, m.text)
        if m.type == "nickname" and is_line_brand(text, m.start, m.end)
        else m
        for m in found
    ]
    return found + _repeated(text, found)


#: Words after a repeated name that make it part of something else (``Ghost Road``).
_NOT_AFTER_REPEAT = re.compile(r"[ \t]+(?:[A-Z][a-z]+[ \t]+)?(?:road|street|lane|line)\b", re.I)


def _repeated(text: str, found: list[Mention]) -> list[Mention]:
    """Each other place the text writes a nickname it has given (``aka Tank`` ... ``works
    for Tank``, a contact ``"Ghost"`` ... ``messages from Ghost``), in the same case, as a
    whole word, not as a line's brand or a street (rule ``nickname-repeat``, 0.75). A
    nickname of one character (``"T"``) is not looked for again: it is too often a letter."""
    given = {m.value for m in found if m.type == "nickname" and m.value and len(m.value) > 1}
    if not given:
        return []
    taken = bytearray(len(text))  # characters already in a mention: linear, however many
    for m in found:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    repeats: list[Mention] = []
    for name in sorted(given):
        for match in re.finditer(rf"(?<![\w'\-]){re.escape(name)}(?![\w\-])", text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if _NOT_AFTER_REPEAT.match(text, end) or is_line_brand(text, start, end):
                continue
            repeats.append(Mention("nickname", start, end, name, name, 0.75, "nickname-repeat"))
            taken[start:end] = b"\x01" * (end - start)
    return repeats


def _brand(start: int, end: int, written: str) -> Mention:
    """A deal line's brand as written (``TITAN``), for the triage queue's line links."""
    return Mention("line_brand", start, end, written, written, 0.8, "line-brand")


def _phrase_ends(matches: list[tuple[str, int, int]]) -> list[int]:
    """Where the longest naming phrases end ("goes by the name of", not "goes by")."""
    ordered = sorted({(start, end) for _key, start, end in matches}, key=lambda m: (m[0], -m[1]))
    ends: list[int] = []
    reach = -1
    for start, end in ordered:
        if end <= reach:
            continue  # inside a longer phrase that starts no later
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            ends.append(end)
        reach = max(reach, end)
    return ends


def _after_phrase(doc: Doc, text: str, end: int, weak: bool) -> Mention | None:
    """The nickname after a naming phrase ending at token ``end`` (``weak``: "called X")."""
    i = end
    while i < len(doc) and doc[i].text in (":", "-", ",", "=") and i - end < 2:
        i += 1
    if i >= len(doc):
        return None
    first = doc[i]
    if first.text in _QUOTES:
        closers = _QUOTES[first.text]
        for j in range(i + 1, min(len(doc), i + 7)):
            if doc[j].text in closers and j > i + 1:
                inner = doc[i + 1 : j]
                return _mention(inner.start_char, inner.end_char, text, 0.9)
        return None
    if weak:
        return None  # "a lad called Jordan" is a name, not a nickname, unless quoted
    if _is_name_word(first):
        j = i
        while (
            j + 1 < len(doc)
            and j - i < 4
            and (
                _is_name_word(doc[j + 1])
                or (doc[j + 1].text == "-" and j + 2 < len(doc) and _is_name_word(doc[j + 2]))
            )
        ):
            j += 2 if doc[j + 1].text == "-" else 1
        span = doc[i : j + 1]
        return _mention(span.start_char, span.end_char, text, 0.85)
    if first.is_alpha and first.is_lower and first.lower_ not in _COMMON and len(first) > 1:
        return _mention(first.idx, first.idx + len(first), text, 0.7)
    return None


def _is_name_word(token: Token) -> bool:
    text = token.text
    if not text or text[0] in "\"'\u00ab\u00bb":
        return False
    if text[0].isupper() and token.lower_ not in STOPWORDS:
        return True
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _mention(start: int, end: int, text: str, confidence: float) -> Mention:
    written = text[start:end]
    return Mention("nickname", start, end, written, written.strip(), confidence, "nickname-aka")


_LISTED_AFTER = re.compile(r"[ \t,&/+]*(?:(?:and|or)[ \t]+)?")  # on the same line


def _quoted(text: str, not_names: Collection[str]) -> list[Mention]:
    found: list[Mention] = []
    brand_ended = -1  # where the last quoted brand ended: a list of brands goes on
    for match in _QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        inner, start, end = match.group(group), match.start(group), match.end(group)
        listed = brand_ended >= 0 and _LISTED_AFTER.fullmatch(text, brand_ended, match.start())
        brand = listed or is_line_brand(text, start, end)
        if brand:
            brand_ended = match.end()
        words = inner.split()
        if not 1 <= len(words) <= 3 or inner != inner.strip():
            continue
        if not all(w[:1].isupper() or w[:1].isdigit() for w in words):
            continue
        if inner.lower() in _COMMON or inner.lower() in not_names:
            continue
        if not any(c.isalpha() for c in inner):
            continue
        if brand:
            found.append(_brand(start, end, inner))
            continue
        if _ROLE_NUMBERED.match(inner):
            continue
        before = text[max(0, match.start() - 40) : match.start()].rstrip().split(" ")[-1:]
        after = text[match.end() : match.end() + 40].lstrip().split(" ")[:1]
        between_names = bool(
            before and before[0][:1].isupper() and after and after[0][:1].isupper()
        )
        found.append(
            Mention(
                "nickname",
                start,
                end,
                inner,
                inner,
                0.9 if between_names else 0.65,
                "nickname-quoted",
            )
        )
    return found


def _prefixed(doc: Doc, text: str, not_names: Collection[str]) -> list[Mention]:
    found: list[Mention] = []
    for match in _PREFIXED.finditer(text):
        prefix = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if prefix is None or prefix.end >= len(doc):
            continue
        token, name = prefix[0], doc[prefix.end]
        if not _is_name_word(name) or name.lower_ in not_names or name.lower_ in _COMMON:
            continue
        if name.lower_ in _NOT_PREFIXED_NAMES:
            continue  # "Wee Boy", "Big Lads", "Mad Friday": a description, a day
        confidence = (
            0.6 if token.lower_ == "big" else 0.7 if token.lower_ in _DESCRIPTIVE_PREFIXES else 0.8
        )
        start, end = token.idx, name.idx + len(name)
        found.append(
            Mention(
                "nickname",
                start,
                end,
                text[start:end],
                text[start:end],
                confidence,
                "nickname-prefix",
            )
        )
    return found
