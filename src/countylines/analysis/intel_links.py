"""Link intelligence reports to deal lines, holders and runners; read what they indicate.

A report is linked to a line when it names one of the line's numbers (as a
subject or in its text), a number of the line's holder or runners, or the
line's brand once another report has tied that brand to the line's numbers.
What a report *indicates* (weapons, violence, a child, cuckooing, a
vulnerable adult) comes from the text mentions found by
:mod:`countylines.extract` plus the age and violence rules below.

Pure functions: reports and mentions in, links out; no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from countylines.analysis.priority import (
    CHILD,
    CUCKOOING,
    VIOLENCE,
    VULNERABLE_ADULT,
    WEAPON,
    IntelEvidence,
)

#: Extraction mention types that count as an indicator, and the indicator.
MENTION_INDICATORS: Mapping[str, str] = {
    "weapon": WEAPON,
    "cce_indicator": CHILD,
    "cuckooing_indicator": CUCKOOING,
    "age": CHILD,  # extraction only reports children's ages (5 to 17)
    "vulnerability": VULNERABLE_ADULT,  # a child's own ("child in care ...") counts as CHILD
}

# Stated ages: "aged 15", "aged about 15", "age approx. 14", "15 yrs", "15-year-old",
# "15yo", "'Ghosty' (14)", and a number near a word for a person: "boy approx 17",
# "male about 16".
_HEDGE = r"(?:about|around|approx(?:imately|\.)?|roughly|circa|c\.|est\.?|maybe|possibly)"
_AGE = re.compile(
    rf"\b(?:aged?\s*(?:{_HEDGE}\s*)?(\d{{1,2}})"
    r"|(\d{1,2})\s*(?:-\s*)?(?:yrs?|years?|yo|y/o)(?:[\s-]*old)?)\b"
    r"|\((\d{1,2})\)"
    r"|\b(?:boy|girl|youth|child|kid|teen\w*|male|female|lad|juvenile|son|daughter)\b"
    r"[^.\d]{0,25}?\b(\d{1,2})\b(?!\s*(?:min|hour|hr|day|week|month|am|pm|%|:|\.\d))",
    re.IGNORECASE,
)
# Words that say a child whatever else the report says ...
_CHILD_WORDS = re.compile(
    r"\b(?:child(?:ren)?|juvenile|youngster|kids?|school\s*(?:uniform)|"
    r"schoolboy|schoolgirl|under[\s-]?18|u18|minor|year\s*(?:7|8|9|10|11)|teen(?:ager)?s?)\b",
    re.IGNORECASE,
)
# ... and words people also use of young men and women ("a boy in his twenties", "the lads",
# "youths from London"): a child unless the same phrase gives an adult age.
_YOUNG_WORDS = re.compile(r"\b(?:boys?|girls?|youths?)\b", re.IGNORECASE)
# An adult's age: "in his twenties", "in her early 20s", "aged 19", "19 yrs", "(23)".
_ADULT_AGE = re.compile(
    r"\bin\s+(?:his|her|their)\s+(?:(?:early|mid|late)[\s-]+)?"
    r"(?:twenties|thirties|forties|fifties|sixties|[2-9]0'?s)\b"
    rf"|\baged?\s*(?:{_HEDGE}\s*)?(?:1[89]|[2-9]\d)\b"
    r"|\b(?:1[89]|[2-9]\d)\s*(?:-\s*)?(?:yrs?|years?|yo|y/o)\b"
    r"|\((?:1[89]|[2-9]\d)\)",
    re.IGNORECASE,
)
#: The longest sign of a child quoted as evidence (longer ones are cut).
_SIGN_CHARS = 60
#: How far after a word like "boy" an adult age still describes the same person.
_ADULT_AGE_REACH = 30
_VIOLENCE = re.compile(
    r"\b(?:stab(?:bed|bing)?|assault(?:ed)?|beat(?:en|ing)?\s+up|beaten|threat(?:s|ened)?|"
    r"shot|shooting|slashed|kidnap(?:ped)?|tax(?:ed|ing)|debt\s+collect\w*|robbed|violen(?:t|ce))\b",
    re.IGNORECASE,
)
_VULNERABLE = re.compile(
    r"\b(?:vulnerable|learning\s+disabilit\w+|mental\s+health|elderly|disabled|"
    r"(?:heroin|crack|drug)\s+(?:user|addict))\b",
    re.IGNORECASE,
)
# "the Ghost line", "GHOST number", "'Ghost' line", "the line Ghost"
_QUOTES = "\"'\u2018\u2019\u201c\u201d"
_BRAND_BEFORE = re.compile(
    rf"(?:\b|[{_QUOTES}])([A-Za-z][A-Za-z-]{{1,19}})[{_QUOTES}]?\s+(?:deal\s+)?"
    r"(?:line|number|phone|brand)\b",
    re.IGNORECASE,
)
_BRAND_AFTER = re.compile(
    rf"\bline\s+(?:called|known\s+as|named|aka|a\.k\.a\.?)\s+[{_QUOTES}]?([A-Za-z][A-Za-z-]{{1,19}})",
    re.IGNORECASE,
)
_NOT_BRAND_WORDS = """a an the this that these those his her their its our your my new old
    same deal drug
    drugs phone mobile main county dealer dealers land fixed other another one two second
    first current previous known burner work trap shop customer customers holder runner
    which what whose whatever every each any some no call calls text texts sim uk
    different line lines aka number numbers phones"""
_NOT_BRANDS = frozenset(_NOT_BRAND_WORDS.split())


@dataclass(frozen=True)
class Mention:
    """A text mention as extraction gives it (type, normalised value, text)."""

    type: str
    value: str | None
    text: str


@dataclass
class ReportRecord:
    """An intelligence report with what links it: numbers and brands.

    Attributes:
        numbers: E.164 numbers from its phone subjects and text mentions.
        mentions: text mentions (see :mod:`countylines.extract`).
    """

    urn: str
    report_date: dt.date
    scheme: str
    source_grade: str
    intelligence_grade: str
    handling_code: str
    handling_conditions: str | None
    text: str
    numbers: frozenset[str]
    mentions: Sequence[Mention] = field(default_factory=tuple)


def brands(text: str) -> list[str]:
    """Brand names a text gives to a line ("the Ghost line" -> ["Ghost"])."""
    found = []
    for pattern in (_BRAND_BEFORE, _BRAND_AFTER):
        for match in pattern.finditer(text):
            word = match.group(1)
            if word.lower() not in _NOT_BRANDS:
                found.append(word.capitalize())
    return found


#: A negation shortly before, in the same sentence: "No children involved", "Nil weapons",
#: "I didn't see any knives".
_NEGATED = re.compile(
    r"(?:\bno|\bnil|\bnot|n't|\bnever|\bwithout|\bnone|\bnor)\b[^.;!?\n]{0,30}$", re.IGNORECASE
)


def _said(text: str, start: int) -> bool:
    """Whether the words at ``start`` are said, not denied (no negation just before)."""
    return _NEGATED.search(text, max(0, start - 40), start) is None


def _mention_said(text: str, written: str) -> bool:
    """Whether a mention's words occur in ``text`` at least once without a negation before
    them (a mention whose words cannot be found is taken as said)."""
    if not written:
        return True
    starts = [m.start() for m in re.finditer(re.escape(written), text)]
    return not starts or any(_said(text, start) for start in starts)


def indicators(report: ReportRecord) -> frozenset[str]:
    """What a report indicates, from its mentions and the age/violence rules.

    A mention or a child word that is denied ("No children involved", "Nil weapons",
    "didn't see any knives") indicates nothing; a child is indicated by the words
    :func:`child_signs` finds.
    """
    found = {
        _indicator_of(m)
        for m in report.mentions
        if m.type in MENTION_INDICATORS and _mention_said(report.text, m.text)
    }
    found.discard(CHILD)
    if child_signs(report):
        found.add(CHILD)
    if _VIOLENCE.search(report.text):
        found.add(VIOLENCE)
    if _VULNERABLE.search(report.text):
        found.add(VULNERABLE_ADULT)
    return frozenset(found)


def child_signs(report: ReportRecord) -> tuple[str, ...]:
    """The words of a report that suggest a child, as written, in text order, once each.

    A stated age under 18 ("aged about 15", "(14)", "boy approx 17"), a word for a child
    ("child", "juvenile", "school uniform", "teenager"), "boy", "girl" or "youth" unless
    the same phrase gives an adult age ("a boy in his twenties", "youth aged 19"), and the
    extraction's child age and child exploitation mentions. Denied words ("No children
    involved") do not count. A report whose only such word is one given an adult age
    describes an adult: the exploitation signs extraction read as about a child ("was
    collected by a taxi") are then taken as about that adult.
    """
    text = report.text
    rules: list[tuple[int, int]] = []
    for match in _AGE.finditer(text):
        if _is_child_age(match) and _said(text, match.start()):
            rules.append(match.span())
    for match in _CHILD_WORDS.finditer(text):
        if _said(text, match.start()):
            rules.append(match.span())
    adult_described = False
    for match in _YOUNG_WORDS.finditer(text):
        if not _said(text, match.start()):
            continue
        if _adult_age_follows(text, match.end()):
            adult_described = True
        else:
            rules.append(match.span())
    adult_only = adult_described and not rules
    mentioned: list[tuple[int, int]] = []
    unplaced: list[str] = []  # mentions not found as written: quoted as extraction gives them
    for mention in report.mentions:
        if mention.type not in MENTION_INDICATORS or _indicator_of(mention) != CHILD:
            continue
        if (mention.type != "age" and adult_only) or not _mention_said(text, mention.text):
            continue
        at = text.find(mention.text)
        if at >= 0:
            mentioned.append((at, at + len(mention.text)))
        else:
            unplaced.append(" ".join(mention.text.split())[:_SIGN_CHARS])
    # the fewest words that say it: the longest of overlapping rule matches ("boy approx 17"
    # over "boy"), then a mention only where no rule matched ("(16)" over "Dwayne (16) from")
    kept: list[tuple[int, int]] = []
    for span in sorted(rules, key=lambda sp: sp[0] - sp[1]) + sorted(
        mentioned, key=lambda sp: sp[1] - sp[0]
    ):
        if not any(span[0] < e and s < span[1] for s, e in kept):
            kept.append(span)
    quoted = _quoted(kept, text)
    return quoted + tuple(dict.fromkeys(w for w in unplaced if w and w not in quoted))


def _quoted(spans: list[tuple[int, int]], text: str) -> tuple[str, ...]:
    """The words at ``spans`` in text order, once each, long ones cut."""
    signs: list[str] = []
    for s, e in sorted(spans):
        words = " ".join(text[s:e].split())
        if len(words) > _SIGN_CHARS:
            words = words[: _SIGN_CHARS - 1].rstrip() + "\u2026"
        if words.casefold() not in {w.casefold() for w in signs}:
            signs.append(words)
    return tuple(signs)


def _adult_age_follows(text: str, end: int) -> bool:
    """Whether an adult's age follows ``end`` in the same phrase ("boy in his twenties")."""
    window = re.split(r"[.;!?\n]", text[end : end + _ADULT_AGE_REACH], maxsplit=1)[0]
    return _ADULT_AGE.search(window) is not None


def _indicator_of(mention: Mention) -> str:
    """The indicator a mention gives: a child's own vulnerability (value ``child ...``:
    in care, additional needs, known to children's services) says a child, not an adult."""
    if mention.type == "vulnerability" and str(mention.value or "").startswith("child"):
        return CHILD
    return MENTION_INDICATORS[mention.type]


def _is_child_age(match: re.Match[str]) -> bool:
    age = int(next(g for g in match.groups() if g))
    return 8 <= age < 18


def evidence_of(report: ReportRecord, limit: int = 160) -> IntelEvidence:
    """The report as scoring sees it, with a one-line excerpt of its text."""
    text = " ".join(report.text.split())
    summary = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return IntelEvidence(
        report.urn,
        report.report_date,
        report.scheme,
        report.source_grade,
        report.intelligence_grade,
        report.handling_code,
        indicators(report),
        f'"{summary}"',
        child_signs(report),
    )


@dataclass
class LineLinks:
    """Reports linked to one line, by whom they concern.

    ``by_number`` maps a holder's or runner's number to the reports naming
    it; ``line`` holds every report linked to the line (any route), and
    ``brand`` the brand most reports give it (None when none does).
    """

    line: list[ReportRecord]
    by_number: dict[str, list[ReportRecord]]
    brand: str | None
    routes: dict[str, str]  # urn -> how it was linked


def _nicknames(report: ReportRecord) -> set[str]:
    """The people's nicknames a report gives, casefolded.

    A name the report uses only as a line's name ("the 'Cash' line", "the line known as
    Cash") is the line's, not a person's: it is left out, so that it never ties a person's
    number to the reports that name the line (lines are often named after their holder:
    "'Cash' uses 07700 900123" still gives the person).
    """
    line_names = _line_name_spans(report.text)
    names = set()
    for m in report.mentions:
        if m.type != "nickname":
            continue
        name = m.text.strip(_QUOTES + " ")
        if not name:
            continue
        uses = [
            (u.start(), u.end())
            for u in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", report.text, re.IGNORECASE)
        ]
        if uses and all(any(s < e2 and s2 < e for s2, e2 in line_names) for s, e in uses):
            continue
        names.add(name.casefold())
    return names


def _line_name_spans(text: str) -> list[tuple[int, int]]:
    """Where a text gives a line's name (the spans :func:`brands` reads)."""
    return [
        match.span(1)
        for pattern in (_BRAND_BEFORE, _BRAND_AFTER)
        for match in pattern.finditer(text)
        if match.group(1).lower() not in _NOT_BRANDS
    ]


def nickname_numbers(
    reports: Sequence[ReportRecord], people: set[str]
) -> dict[str, tuple[str, str]]:
    """Nickname -> (number, URN that ties them), from reports naming one person's number.

    A nickname is tied to a number only when every report that names the
    nickname with exactly one known person's number names the same number.
    """
    seen: dict[str, set[str]] = {}
    first: dict[tuple[str, str], str] = {}
    for report in sorted(reports, key=lambda r: (r.report_date, r.urn)):
        named = report.numbers & people
        if len(named) != 1:
            continue
        (number,) = named
        for nick in _nicknames(report):
            seen.setdefault(nick, set()).add(number)
            first.setdefault((nick, number), report.urn)
    return {
        nick: (next(iter(numbers)), first[(nick, next(iter(numbers)))])
        for nick, numbers in seen.items()
        if len(numbers) == 1
    }


def link_reports(
    line_numbers: Mapping[str, Iterable[str]],
    people_numbers: Mapping[str, Iterable[str]],
    reports: Sequence[ReportRecord],
) -> dict[str, LineLinks]:
    """Link reports to lines.

    Args:
        line_numbers: line id -> the line's own numbers (its chain).
        people_numbers: line id -> its holders' and runners' numbers.
        reports: every report in the workspace.

    Returns:
        line id -> :class:`LineLinks`. A report may link to several lines
        (rivals named together); brands are shared only when one line holds
        the most reports naming them.
    """
    everyone = {n for numbers in people_numbers.values() for n in numbers}
    by_nickname = nickname_numbers(reports, everyone)
    links: dict[str, LineLinks] = {}
    brand_votes: dict[str, Counter[str]] = {}
    for line_id, numbers in line_numbers.items():
        own = set(numbers)
        people = set(people_numbers.get(line_id, ()))
        linked: list[ReportRecord] = []
        by_number: dict[str, list[ReportRecord]] = {}
        routes: dict[str, str] = {}
        for report in reports:
            hit_own = sorted(own & report.numbers)
            hit_people = sorted(people & report.numbers)
            by_name = {
                number: (nick, urn)
                for nick in _nicknames(report)
                for number, urn in [by_nickname.get(nick, ("", ""))]
                if number in people and number not in report.numbers
            }
            hit_people = sorted(set(hit_people) | set(by_name))
            if not hit_own and not hit_people:
                continue
            linked.append(report)
            routes[report.urn] = "names " + ", ".join(
                f"'{by_name[n][0]}' (who uses {n}, per {by_name[n][1]})" if n in by_name else n
                for n in hit_own + hit_people
            )
            for number in hit_people:
                by_number.setdefault(number, []).append(report)
            if hit_own:
                brand_votes.setdefault(line_id, Counter()).update(set(brands(report.text)))
        links[line_id] = LineLinks(linked, by_number, None, routes)

    owner: dict[str, tuple[int, str]] = {}
    for line_id, votes in brand_votes.items():
        for brand, count in votes.items():
            best = owner.get(brand)
            if best is None or (count, line_id) > best:
                owner[brand] = (count, line_id)
    for line_id, votes in brand_votes.items():
        mine = [(c, b) for b, c in votes.items() if owner[b][1] == line_id]
        if mine:
            links[line_id].brand = max(mine)[1]
    by_brand = {brand: line_id for brand, (_, line_id) in owner.items()}
    for report in reports:
        for brand in sorted(set(brands(report.text))):
            owner_id = by_brand.get(brand)
            if owner_id is None or report.urn in links[owner_id].routes:
                continue
            links[owner_id].line.append(report)
            links[owner_id].routes[report.urn] = f"names the {brand} line"
    return links
