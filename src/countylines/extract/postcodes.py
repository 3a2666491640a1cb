"""UK postcodes in free text: found, checked, normalised (``co15 1ab`` → ``CO15 1AB``).

The format is the Royal Mail one (ONS Postcode Directory user guide; Wikipedia "Postcodes
in the United Kingdom", "Formatting"): an outward code ``A9``, ``A99``, ``AA9``, ``AA99``,
``A9A`` or ``AA9A`` and an inward code ``9AA``, with the letter rules of each position
(``Q V X`` never first; ``I J Z`` never second; ``C I K M O V`` never in the inward code;
the letters allowed in the third and fourth positions). The area (the leading letters) must
be one of the postcode areas listed below: those of the UK and the Crown dependencies (GY,
JE, IM), BF (British Forces) and BX (non-geographic).

A zero typed for the letter O in the area (``C015 1NZ``, ``0L9 6AB``) is read as the O
when the code as typed is no postcode and the code with the O is one (rule
``postcode-zero-for-o``, 0.75).

Confidence: 0.95 in capitals, 0.8 in lower or mixed case; with a postcode list given
(``known``, e.g. the workspace's loaded postcode lookup), 0.99 when the postcode is in it
and 0.7 when it is not (a valid postcode from elsewhere, or a typing slip).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from countylines.domain.geography import normalise_postcode as domain_normalise_postcode
from countylines.extract.lexicon.words import words
from countylines.extract.mention import Mention

#: Postcode areas of the UK and Crown dependencies, BF (British Forces), BX (non-geographic).
POSTCODE_AREAS: frozenset[str] = words(
    """
    AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW
    KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH
    RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF
    WN WR WS WV YO ZE
    """
)

_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \u00a0]{0,2}([0-9][A-Za-z]{2})"
    r"(?![A-Za-z0-9])"
)
_VALID = re.compile(
    r"^(?:(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" [0-9][ABD-HJLNP-UW-Z]{2})$"
)
_AREA = re.compile(r"^[A-Z]+")
# A postcode typed with a zero for the letter O in its area (``C015 1NZ``, ``S017 2AB``).
_ZERO_FOR_O = re.compile(
    r"(?<![A-Za-z0-9])((?:0[A-Za-z]|[A-Za-z]0)[0-9][A-Za-z0-9]?)"
    r"[ \u00a0]{0,2}([0-9][A-Za-z]{2})(?![A-Za-z0-9])"
)


def normalise_postcode(written: str) -> str | None:
    """``CO15 1AB`` for any valid spelling (case, spacing), or None if not a UK postcode.

    The form is :func:`countylines.domain.geography.normalise_postcode`'s (the one home of
    postcode spelling); the letter rules and the area list are checked on top, as text
    holds many postcode-shaped strings that are not postcodes.

    >>> normalise_postcode("co151ab")
    'CO15 1AB'
    """
    value = domain_normalise_postcode(written)
    if value is None or not _VALID.match(value):
        return None
    area = _AREA.match(value)
    if area is None or area.group() not in POSTCODE_AREAS:
        return None
    return value


def find_postcodes(text: str, known: Collection[str] | None = None) -> list[Mention]:
    """UK postcodes in ``text`` with their normalised value.

    Args:
        text: any text.
        known: normalised postcodes (``CO15 1AB``) known to exist, or None.

    Rules: ``postcode-listed`` (in ``known``), ``postcode-unlisted`` (``known`` given, not
    in it), ``postcode-format`` (no list given), ``postcode-zero-for-o`` (no list given;
    ``C015 1NZ``).
    """
    found: list[Mention] = []
    for match in _CANDIDATE.finditer(text):
        value = normalise_postcode(match.group(1) + match.group(2))
        if value is None:
            continue
        found.append(_rated(match, value, known, None))
    for match in _ZERO_FOR_O.finditer(text):
        value = _read_zero_as_o(match.group(1), match.group(2))
        if value is not None:
            found.append(_rated(match, value, known, ("postcode-zero-for-o", 0.75)))
    return found


def _read_zero_as_o(outward: str, inward: str) -> str | None:
    """``C015`` + ``1NZ`` → ``CO15 1NZ``: a zero typed for the letter O in the area, read
    only when the code as typed is no postcode and the code with the O is one."""
    if normalise_postcode(outward + inward) is not None:
        return None
    for at in (1, 0):  # CO, SO, PO, YO (second letter) before OL, OX (first)
        if outward[at] == "0":
            value = normalise_postcode(outward[:at] + "O" + outward[at + 1 :] + inward)
            if value is not None:
                return value
    return None


def _rated(
    match: re.Match[str],
    value: str,
    known: Collection[str] | None,
    rule_without_list: tuple[str, float] | None,
) -> Mention:
    """The mention of a postcode found, with its rule and confidence (module docstring)."""
    written = match.group()
    capitals = written == written.upper()
    if known is not None:
        listed = value in known or value.replace(" ", "") in known
        rule = "postcode-listed" if listed else "postcode-unlisted"
        confidence = 0.99 if listed else 0.7
    elif rule_without_list is not None:
        rule, confidence = rule_without_list
    else:
        rule, confidence = "postcode-format", 0.95 if capitals else 0.8
    return Mention("postcode", match.start(), match.end(), written, value, confidence, rule)


def apply_postcode_list(mentions: list[Mention], known: Collection[str]) -> list[Mention]:
    """Postcode mentions re-rated against a list of postcodes known to exist.

    A postcode in ``known`` becomes ``postcode-listed`` (0.99), one not in it
    ``postcode-unlisted`` (0.7); other mentions are unchanged.
    """
    rated: list[Mention] = []
    for mention in mentions:
        if mention.type == "postcode" and mention.value is not None:
            value = mention.value
            listed = value in known or value.replace(" ", "") in known
            mention = Mention(
                "postcode",
                mention.start,
                mention.end,
                mention.text,
                value,
                0.99 if listed else 0.7,
                "postcode-listed" if listed else "postcode-unlisted",
            )
        rated.append(mention)
    return rated
