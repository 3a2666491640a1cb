"""Likely duplicates among reports from the public, each with the reasons in words.

Two reports are compared on what they name and on their wording:

* **shared identifiers**: the same phone number (E.164), vehicle registration
  or postcode (*strong*: one alone nearly always means the same matter), the
  same street or nickname (*weak*: common streets are named by unrelated
  reports), or the same LSOA for the map point (weak);
* **wording**: the similarity ratio of :class:`difflib.SequenceMatcher`
  (Ratcliff/Obershelp "gestalt pattern matching", Python standard library)
  over the first :data:`COMPARED_WORDS` words of each report, case-folded.
  Words, not characters: "white car outside" and "white van outside" share
  two words of three (ratio 2 x 2 / 6 = 0.67). The cost is bounded: wording
  is compared only with the :data:`MAX_WORDING_COMPARISONS` earlier reports
  that share the most words with the new one (Jaccard index of the word
  sets at least :data:`MIN_SHARED_WORDS`), or share an identifier; the cheap
  upper bounds ``real_quick_ratio`` and ``quick_ratio`` skip pairs that
  cannot reach the threshold.

A pair is a *likely duplicate* when any of these holds (judgement, meant to
catch the same person reporting twice and neighbours reporting the same
address; not tuned on data):

* wording ratio at least :data:`SAME_WORDING` (0.75);
* at least two strong identifiers shared;
* one strong identifier and either a weak one or wording at least
  :data:`SIMILAR_WORDING` (0.4);

and not when the two name *different* identifiers of one strong type, or
different streets, and share no strong one (two reports worded alike about
different postcodes, numbers, registrations or streets are about different
things: a form letter, or a template).

A likely duplicate may also be a second, independent account of the same
thing, which corroborates it: the analyst decides. Pure functions: no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

COMPARED_WORDS = 400
"""Words of each report compared for wording (bounds the cost of one comparison)."""

MAX_WORDING_COMPARISONS = 25
"""Most earlier reports whose wording is compared with a new one (bounds the cost of a release
when many reports share a vocabulary, e.g. a flood of near-identical spam)."""

MIN_SHARED_WORDS = 0.2
"""Jaccard index of the word sets below which wording is not compared (it cannot be alike)."""

MAX_EARLIER = 1_000
"""Most earlier reports a new report is compared with (the newest)."""

SAME_WORDING = 0.75
SIMILAR_WORDING = 0.4
MAX_RESULTS = 5

STRONG_TYPES = {"phone": "phone", "vrm": "registration", "postcode": "postcode"}
WEAK_TYPES = {"street": "street", "nickname": "nickname"}


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ReportForMatching:
    """What is compared of one report.

    Attributes:
        reference: the report's reference.
        words: its words, case-folded, in order, at most :data:`COMPARED_WORDS`.
        keys: (mention type, normalised value) pairs of the identifier types.
        lsoa: the LSOA of its map point, if any.
    """

    reference: str
    words: tuple[str, ...]
    keys: frozenset[tuple[str, str]]
    lsoa: str | None

    @classmethod
    def of(
        cls,
        *,
        reference: str,
        texts: Mapping[str, str],
        mentions: Iterable[Mapping[str, Any]],
        lsoa: str | None,
    ) -> ReportForMatching:
        """Build from a report's texts and mentions (``type``, ``value``)."""
        words = tuple(w for t in texts.values() if t for w in _WORD.findall(t.casefold()))[
            :COMPARED_WORDS
        ]
        keys = frozenset(
            (str(m["type"]), _key(str(m["type"]), str(m["value"])))
            for m in mentions
            if m.get("value") and m.get("type") in STRONG_TYPES | WEAK_TYPES
        )
        return cls(reference, words, keys, lsoa)


def _key(kind: str, value: str) -> str:
    return value.casefold().strip("'\"\u2018\u2019\u201c\u201d ") if kind in WEAK_TYPES else value


@dataclass(frozen=True)
class Duplicate:
    """An earlier report the new one probably repeats.

    Attributes:
        reference: the earlier report.
        score: 0-1, for ordering: wording ratio plus 0.3 per strong and 0.15
            per weak identifier shared, at most 1.
        reasons: why, in words (e.g. ``same phone +447700900123``,
            ``wording 82% alike``).
    """

    reference: str
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """``{"reference", "score", "reasons"}``."""
        return {"reference": self.reference, "score": self.score, "reasons": list(self.reasons)}


def wording_ratio(a: Sequence[str], b: Sequence[str], at_least: float = 0.0) -> float:
    """SequenceMatcher ratio of two word sequences; 0 when it cannot reach ``at_least``."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def shared_words(a: ReportForMatching, b: ReportForMatching) -> float:
    """Jaccard index of the two reports' word sets (0 when either has none)."""
    mine, theirs = set(a.words), set(b.words)
    union = mine | theirs
    return len(mine & theirs) / len(union) if union else 0.0


def compare(
    new: ReportForMatching, old: ReportForMatching, wording: bool = True
) -> Duplicate | None:
    """The duplicate verdict for one pair (None when not a likely duplicate).

    ``wording`` False judges on identifiers alone (the pair was not among those
    whose wording is compared).
    """
    shared = sorted(new.keys & old.keys)
    strong = [(k, v) for k, v in shared if k in STRONG_TYPES]
    if not strong and _conflict(new.keys, old.keys):
        return None
    weak = [(k, v) for k, v in shared if k in WEAK_TYPES]
    weak_count = len(weak) + (1 if new.lsoa and new.lsoa == old.lsoa else 0)
    needed = SIMILAR_WORDING if strong else SAME_WORDING
    ratio = wording_ratio(new.words, old.words, needed) if wording else 0.0
    likely = (
        ratio >= SAME_WORDING
        or len(strong) >= 2
        or (len(strong) == 1 and (weak_count >= 1 or ratio >= SIMILAR_WORDING))
    )
    if not likely:
        return None
    reasons = [f"same {STRONG_TYPES[k]} {v}" for k, v in strong]
    reasons += [f"same {WEAK_TYPES[k]} {v}" for k, v in weak]
    if new.lsoa and new.lsoa == old.lsoa:
        reasons.append(f"map point in the same area (LSOA {new.lsoa})")
    if ratio >= SIMILAR_WORDING:
        reasons.append(f"wording {ratio:.0%} alike")
    score = min(1.0, ratio + 0.3 * len(strong) + 0.15 * weak_count)
    return Duplicate(old.reference, round(score, 3), tuple(reasons))


CONFLICT_TYPES = (*STRONG_TYPES, "street")
"""Types whose different values mean different matters when nothing strong is shared: two
reports worded alike about 74 St Osyth Road and 30 Harwich Road are two addresses."""


def _conflict(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """True when both name identifiers of one type of :data:`CONFLICT_TYPES` and none of
    them is shared."""
    for kind in CONFLICT_TYPES:
        mine = {v for k, v in a if k == kind}
        theirs = {v for k, v in b if k == kind}
        if mine and theirs and not mine & theirs:
            return True
    return False


def likely_duplicates(
    new: ReportForMatching, earlier: Sequence[ReportForMatching], limit: int = MAX_RESULTS
) -> list[Duplicate]:
    """The earlier reports ``new`` probably repeats, most alike first (at most ``limit``).

    Wording is compared only with the :data:`MAX_WORDING_COMPARISONS` earlier
    reports sharing an identifier or the most words (see the module doc).
    """
    others = [old for old in earlier if old.reference != new.reference]
    ranked = sorted(
        ((bool(new.keys & old.keys), shared_words(new, old), i) for i, old in enumerate(others)),
        reverse=True,
    )
    worded = {
        i
        for has_key, jaccard, i in ranked[:MAX_WORDING_COMPARISONS]
        if has_key or jaccard >= MIN_SHARED_WORDS
    }
    found = [d for i, old in enumerate(others) if (d := compare(new, old, wording=i in worded))]
    found.sort(key=lambda d: (-d.score, d.reference))
    return found[:limit]
