"""Suggested THRIVE fields and 3x5x2 grading for a report from the public.

THRIVE (Threat, Harm, Risk, Investigation, Vulnerability, Engagement) is how
UK forces grade an incoming report; the analyst sets each field at triage.
These are suggestions, each with its reason, from what the report says:

* **indicators** from :func:`countylines.analysis.intel_links.indicators`
  (the same rules that read intelligence reports: weapons, violence, a child,
  cuckooing, a vulnerable adult), the reporter's own answer to "do children
  seem to be involved?", and the extracted mentions (a child reported
  missing: ``cce_indicator`` "missing from home");
* **links** to known material (:mod:`countylines.public.links`) and likely
  duplicates (:mod:`countylines.public.duplicates`).

Threat, harm and risk are suggested as ``high``, ``medium`` or ``low``
(judgement, stated beside each rule below). A drug market is ``medium``
threat and harm however it is told: a drug named ("selling crack") or
dealing described without one ("handing small bags to cars", "cars pull up
for two minutes", "2 for 20", a dealer's "scales"; a busy address the text
explains, such as a childminder's drop-offs or carers, is not dealing) or an
extracted sign that says dealing ("child: dealing"); the reason quotes the
words. Risk is high for a child reported missing, a child with a weapon or
violence, or a child with two or more different signs of criminal
exploitation. A child named where nothing suggests exploitation, drugs or harm (no
sign, no age, no market, weapon or taken-over home, and the reporter did not
answer "yes") is not treated as a child at risk; investigation, vulnerability and
engagement as a sentence. A child in a report is a possible victim of
criminal exploitation: the vulnerability suggestion says so and names the
referral route (MASH).

Grading (3x5x2, College of Policing APP): the source is an anonymous member
of the public with no history, so **2 Untested**, always. The intelligence
assessment is suggested **A** (known directly to the source) when the report
reads as first-hand, **C** (known indirectly) when it reads as hearsay
("apparently", "everyone knows", "I heard"), raised to **B** (known
indirectly but corroborated) when a link to known material or an earlier
report backs it. Handling is suggested **C** with a sanitisation condition
when the wording could identify the reporter ("my neighbour", "next door",
"my son", or a role the reporter gives themself: "I'm a carer for…", "as his
form tutor", "my pupils"), else **P**. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from countylines.analysis.intel_links import Mention as IntelMention
from countylines.analysis.intel_links import ReportRecord, indicators
from countylines.analysis.priority import CHILD, CUCKOOING, VIOLENCE, VULNERABLE_ADULT, WEAPON
from countylines.extract.lexicon.indicators import EVERYDAY_VISITORS

LEVELS = ("high", "medium", "low")
"""Values of the threat, harm and risk fields."""

THRIVE_FIELDS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
"""The THRIVE fields, in order."""

THRIVE_LABELS = {
    "threat": "Threat",
    "harm": "Harm",
    "risk": "Risk",
    "investigation": "Investigation",
    "vulnerability": "Vulnerability",
    "engagement": "Engagement",
}

SANITISE_CONDITION = (
    "Anonymous report from the public: its wording may identify the reporter. "
    "Sanitise before sharing outside the force."
)

_HEARSAY = re.compile(
    r"\b(?:apparently|rumou?rs?|everyone\s+knows|every\s*one\s+knows|people\s+say|"
    r"i(?:'ve|\s+have)?\s+heard|i\s+was\s+told|told\s+me|word\s+is|supposedly|allegedly|"
    r"i\s+think|i\s+reckon|i\s+believe)\b",
    re.IGNORECASE,
)
_IDENTIFYING = re.compile(
    r"\b(?:my\s+(?:neighbou?rs?|son|daughter|kids?|child(?:ren)?|friend|mum|dad|flat|house|"
    r"street|road|landlord|partner|brother|sister)|next\s+door|opposite\s+(?:me|us|my)|"
    r"i\s+live|we\s+live|below\s+(?:me|us)|above\s+(?:me|us)|"
    # a reporter who says who they are ("I'm a carer for Mrs Pike", "as her form tutor",
    # "I work at the school"): few people hold that role beside that person
    r"(?:i(?:'m|\u2019m|\s+am)|as)\s+(?:a|an|his|her|their|the|your)\s+(?:\w+\s+)?"
    r"(?:teacher|tutor|carer|nurse|doctor|gp|social\s+worker|youth\s+worker|"
    r"support\s+worker|key\s*worker|landlord|landlady|manager|driver|warden|officer|"
    r"caretaker|coach|mentor|childminder|foster\s+carer|cleaner|postman|postie|pharmacist|"
    r"paramedic|midwife|health\s+visitor|receptionist|security\s+guard|shopkeeper)|"
    r"(?:i(?:'m|\u2019m|\s+am)|as)\s+(?:\w+\s+){0,3}?(?:form\s+tutor|head\s+of\s+year|"
    r"teaching\s+assistant|dsl|pcso|youth\s+offending\s+worker)|form\s+tutor\s+here|"
    r"i\s+(?:work|volunteer)\s+(?:at|in|for|as|with)|i\s+(?:manage|own|run)\s+the\s+\w+|"
    r"my\s+(?:pupils?|students?|clients?|patients?|tenants?|residents?|class|school|"
    r"customers?|service\s+users?|caseload|shop|ward))\b",
    re.IGNORECASE,
)

# Street dealing described in words, with or without a drug named (judgement: the ways the
# public describe a market, DOMAIN.md "Signs"). Selling alone is not here: "selling her car".
_DEALING = re.compile(
    r"\b(?:drug\s+deal\w*|deal(?:s|ing|in|er|ers)\b|shotting|shots\s+out|grafting|"
    r"(?:hand|pass|giv|drop)\w*\s+(?:\w+\s+){0,3}?(?:bags?|baggies|packets?|packages?|wraps?|"
    r"parcels?|bundles?|deals)\b|"
    r"short\s+visits?|(?:in|stay)\s+for\s+(?:a\s+)?(?:minute|min|couple\s+of\s+minutes)|"
    r"(?:cars?|people|visitors|lads)\s+(?:\w+\s+){0,2}?(?:pull(?:s|ing)?\s+up|"
    r"com(?:e|es|ing)\s+and\s+go(?:es|ing)?|in\s+and\s+out)|"
    r"\d\s*for\s*\d0\b|deal\s+line|drugs?\s+line|bulk\s+texts?|"
    # a dealer's kit, told without a drug named ("plastic bags and scales")
    r"(?<!bathroom\s)(?<!kitchen\s)(?<!baby\s)scales\b|snap\s*bags|deal\s+bags)",
    re.IGNORECASE,
)


# The values of the extraction's indicator signs that describe dealing ("child: dealing",
# "home: drugs stored", "running drugs").
_SIGN_OF_DEALING = re.compile(r"\b(?:deal\w*|sell\w*|running|drugs?)\b", re.IGNORECASE)


def _sign_names(mentions: Sequence[Mapping[str, Any]], kind: str) -> list[str]:
    """The different signs of ``kind`` the mentions name, one clause's several counted
    apart, by the phrase rules' names: ``"unexplained money or goods; several phones; child:
    unexplained goods, several phones"`` names two (the clause reader's words after
    ``child:`` say the same again, and are counted only where no rule named a sign). A
    breaker's "cash and a second phone he won't explain", one clause, had counted as one
    sign and stayed medium risk."""
    names: set[str] = set()
    for m in mentions:
        if m.get("type") != kind:
            continue
        parts = [p.strip() for p in str(m.get("value") or m.get("text") or "").split(";")]
        # the phrase rules' names ("debt to dealers"); the clause reader's "about the child:
        # debt" says the same in other words, and is read only where no rule named one
        named = [p for p in parts if p and ":" not in p]
        if not named:
            named = [
                n.strip()
                for p in parts
                if not p.startswith("model")
                for n in p.split(":")[-1].split(",")
            ]
        names.update(n for n in named if n and not n.startswith("below the model"))
    return sorted(names)


_SIGNS_FOR_HIGH_RISK = 2
"""Distinct CCE signs in a report naming a child that make the suggested risk high."""


# Signs of a busy address that have an everyday explanation when one is given (the words
# the extraction's indicator rules use for the same purpose).
_BUSY = re.compile(
    r"short\s+visits?|(?:in|stay)\s+for\s+|(?:cars?|people|visitors|lads)\s+", re.IGNORECASE
)


def _dealing(text: str) -> re.Match[str] | None:
    """The first words describing dealing, unless they are a busy address that the text
    explains (``carers``, ``childminder``, ``deliveries``: :data:`EVERYDAY_VISITORS`)."""
    found = _DEALING.search(text)
    if found is None or not _BUSY.match(found.group(0)):
        return found
    words = set(re.findall(r"[a-z]+", text.lower()))
    return None if words & EVERYDAY_VISITORS else found


@dataclass(frozen=True)
class Suggestion:
    """A suggested value with its reason."""

    value: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """``{"value", "reason"}``."""
        return {"value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class GradingSuggestion:
    """A suggested 3x5x2 grading: source is always 2 (Untested)."""

    source: str
    intelligence: str
    handling: str
    conditions: str | None
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Every attribute, as JSON."""
        return {
            "scheme": "3x5x2",
            "source": self.source,
            "intelligence": self.intelligence,
            "handling": self.handling,
            "conditions": self.conditions,
            "reasons": list(self.reasons),
        }


def report_indicators(
    texts: Mapping[str, str], mentions: Sequence[Mapping[str, Any]], children: str
) -> frozenset[str]:
    """What the report indicates: ``weapon``, ``violence``, ``child``, ``cuckooing``,
    ``vulnerable adult`` (intelligence rules on the text, plus the reporter's answer)."""
    text = "\n".join(t for t in texts.values() if t)
    record = ReportRecord(
        urn="public",
        report_date=dt.date(2000, 1, 1),
        scheme="3x5x2",
        source_grade="2",
        intelligence_grade="C",
        handling_code="P",
        handling_conditions=None,
        text=text,
        numbers=frozenset(),
        mentions=tuple(
            IntelMention(str(m.get("type")), m.get("value"), str(m.get("text", "")))
            for m in mentions
        ),
    )
    found = set(indicators(record))
    if children == "yes":
        found.add(CHILD)
    return frozenset(found)


def _missing_child(mentions: Sequence[Mapping[str, Any]]) -> bool:
    return any(
        m.get("type") == "cce_indicator" and "missing" in str(m.get("value", "")) for m in mentions
    )


def _known(links: Sequence[Mapping[str, Any]]) -> list[str]:
    kinds = []
    for link in links:
        if link.get("kind") in ("deal line", "line holder", "runner"):
            kinds.append(f"{link['kind']} of the {link['label']}")
        elif link.get("kind") == "nominal":
            kinds.append(f"nominal {link['label']}")
    return sorted(set(kinds))


def suggest_thrive(
    texts: Mapping[str, str],
    mentions: Sequence[Mapping[str, Any]],
    children: str,
    links: Sequence[Mapping[str, Any]],
    duplicates: Sequence[Mapping[str, Any]],
    held_elsewhere: int = 0,
    channel: str = "public page",
) -> dict[str, Suggestion]:
    """Suggested THRIVE fields (see the module doc), keyed by :data:`THRIVE_FIELDS`.

    Args:
        texts: field -> text of the report.
        mentions: its mentions (``type``, ``value``, ``text``).
        children: the reporter's answer (``yes``, ``no``, ``not sure``, ``not answered``).
        links: visible links (``kind``, ``label``, ``reason``, ``mention_type``).
        duplicates: likely duplicates (``reference``, ``reasons``).
        held_elsewhere: how many links are held in compartments the reader lacks.
        channel: how the report came (``public page``, ``101``, ``crimestoppers``, ``other``):
            the engagement suggestion depends on it.
    """
    found = report_indicators(texts, mentions, children)
    types = {str(m.get("type")) for m in mentions}
    known = _known(links)
    missing = _missing_child(mentions)

    text = "\n".join(t for t in texts.values() if t)
    dealing = _dealing(text)
    drugs = sorted({str(m.get("text")) for m in mentions if m.get("type") == "drug"})
    # the extraction's own signs of dealing ("child: dealing"): the threat must not say
    # "no dealing is mentioned" beside a sign that says it is
    dealt = sorted(
        {
            str(m.get("value"))
            for m in mentions
            if m.get("type") in ("cce_indicator", "cuckooing_indicator")
            and _SIGN_OF_DEALING.search(str(m.get("value", "")))
        }
    )
    market = (
        f'it names drugs ("{", ".join(drugs[:3])}")'
        if drugs
        else f'it describes dealing ("{dealing.group(0)}")'
        if dealing
        else f'its signs describe dealing ("{", ".join(dealt[:2])}")'
        if dealt
        else None
    )
    if WEAPON in found or VIOLENCE in found:
        threat = Suggestion("high", "the report mentions a weapon or violence")
    elif known:
        threat = Suggestion("medium", "it names a known " + known[0])
    elif market:
        threat = Suggestion("medium", market)
    else:
        threat = Suggestion("low", "no weapon, violence, drugs, dealing or known line is mentioned")

    # A child named in a report with no sign of exploitation, drugs or harm (a childminder's
    # drop-offs, a school trip) is not a child at risk: CHILD needs one of those beside it.
    if CHILD in found and not (
        children == "yes"
        or market
        or known
        or {WEAPON, VIOLENCE, CUCKOOING} & found
        or any(m.get("type") in ("cce_indicator", "age") for m in mentions)
    ):
        found = found - {CHILD}
    harms = [
        (CHILD, "a child may be involved"),
        (CUCKOOING, "a home may be taken over (cuckooing)"),
        (VULNERABLE_ADULT, "a vulnerable adult may be exploited"),
        (WEAPON, "a weapon is mentioned"),
        (VIOLENCE, "violence is mentioned"),
    ]
    serious = [why for flag, why in harms if flag in found]
    if serious:
        harm = Suggestion("high", "; ".join(serious))
    elif market or known:
        harm = Suggestion("medium", "drug supply harms the community: " + (market or known[0]))
    else:
        harm = Suggestion("low", "no harm to a person is described")

    child_signs = _sign_names(mentions, "cce_indicator")
    if missing or (CHILD in found and (WEAPON in found or VIOLENCE in found)):
        risk = Suggestion(
            "high",
            "a child reported missing" if missing else "a child together with weapons or violence",
        )
    elif CHILD in found and len(child_signs) >= _SIGNS_FOR_HIGH_RISK:
        # several distinct signs of exploitation: a child being exploited now, not a
        # child near a market (judgement; the analyst sets the field)
        risk = Suggestion(
            "high",
            f"a child with {len(child_signs)} different signs of criminal exploitation "
            f"({'; '.join(child_signs[:3])}): safeguard now",
        )
    elif CHILD in found or CUCKOOING in found or WEAPON in found:
        named = [
            what
            for flag, what in (
                (CHILD, "a child"),
                (CUCKOOING, "a taken-over home"),
                (WEAPON, "a weapon"),
            )
            if flag in found
        ]
        risk = Suggestion("medium", " and ".join(named) + ": act soon")
    else:
        risk = Suggestion("low", "no immediate risk to a person is described")

    leads = [str(link["reason"]) for link in links][:5]
    if duplicates:
        leads.append(
            "may repeat or corroborate " + ", ".join(str(d["reference"]) for d in duplicates)
        )
    if "vrm" in types:
        leads.append("check the registration(s) on PNC and ANPR")
    if held_elsewhere:
        leads.append(f"{held_elsewhere} link(s) held elsewhere: contact the owner to deconflict")
    investigation = Suggestion(
        "; ".join(leads) if leads else "no link to known material: record it, and watch for more",
        "from the links to known material and earlier reports",
    )

    needs = []
    child_needs = sorted(
        {
            str(m.get("value"))
            for m in mentions
            if m.get("type") == "vulnerability" and str(m.get("value", "")).startswith("child")
        }
    )
    if CHILD in found:
        needs.append(
            "a child may be involved: treat them as a possible victim of criminal "
            "exploitation; consider a referral to the MASH"
            + (" and tell the missing-person enquiry" if missing else "")
            + (f" (the report says: {', '.join(child_needs)})" if child_needs else "")
            + (
                "; a looked-after child: tell their social worker"
                if any(n.startswith("child in care") for n in child_needs)
                else ""
            )
        )
    if CUCKOOING in found:
        needs.append(
            "the occupant of a taken-over home (cuckooing) may be a vulnerable adult: "
            "consider a safeguarding visit"
        )
    if VULNERABLE_ADULT in found and CUCKOOING not in found:
        needs.append("a vulnerable adult may be exploited: consider adult social care")
    vulnerability = Suggestion(
        "; ".join(needs) if needs else "no vulnerable person is described",
        "from the report's wording and the reporter's answer about children",
    )
    engagement = _engagement(channel)
    return {
        "threat": threat,
        "harm": harm,
        "risk": risk,
        "investigation": investigation,
        "vulnerability": vulnerability,
        "engagement": engagement,
    }


def _engagement(channel: str) -> Suggestion:
    """How to engage, from how the report came."""
    patrols = "consider visible patrols or community engagement where the report describes"
    if channel == "101":
        return Suggestion(
            "the caller may be contacted through the 101 log (its reference is kept); " + patrols,
            "a 101 call is recorded with the caller's details by the control room, not here",
        )
    if channel == "crimestoppers":
        return Suggestion(
            "anonymous through Crimestoppers: feedback and questions go back through "
            "Crimestoppers with its reference; " + patrols,
            "Crimestoppers keeps the reporter anonymous, from the police too",
        )
    if channel == "other":
        return Suggestion(
            "check how this report came before any contact; " + patrols,
            "loaded from a file without a channel",
        )
    return Suggestion(
        "anonymous reporter: no contact is possible; " + patrols,
        "reports from the public page carry no way of contacting the reporter",
    )


def suggest_grading(
    texts: Mapping[str, str],
    links: Sequence[Mapping[str, Any]],
    duplicates: Sequence[Mapping[str, Any]],
) -> GradingSuggestion:
    """The suggested 3x5x2 grading (see the module doc)."""
    text = "\n".join(t for t in texts.values() if t)
    reasons = [
        "source 2 (Untested): an anonymous member of the public, with no history as a source"
    ]
    hearsay = _HEARSAY.search(text)
    corroborated = bool(_known(links)) or bool(duplicates)
    if hearsay and corroborated:
        intelligence = "B"
        reasons.append(
            f'intelligence B: reads as second-hand ("{hearsay.group(0)}") but known material '
            "or an earlier report backs it"
        )
    elif hearsay:
        intelligence = "C"
        reasons.append(f'intelligence C: reads as second-hand ("{hearsay.group(0)}")')
    else:
        intelligence = "A"
        reasons.append(
            "intelligence A: told as seen or received by the reporter; lower it if it is not "
            "first-hand"
        )
    identifying = _IDENTIFYING.search(text)
    if identifying:
        reasons.append(
            f'handling C: the wording ("{identifying.group(0)}") could identify the reporter'
        )
        return GradingSuggestion("2", intelligence, "C", SANITISE_CONDITION, tuple(reasons))
    reasons.append("handling P: nothing in the wording points to the reporter")
    return GradingSuggestion("2", intelligence, "P", None, tuple(reasons))
