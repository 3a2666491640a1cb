"""UK vehicle registration marks (VRMs) in free text: current, prefix, suffix and dateless.

Formats (DVLA, "Vehicle registration numbers and number plates", INF104):

=========== ============ ===================================================================
format      example      rule here
=========== ============ ===================================================================
current     ``AB12 CDE`` 2 letters, 2 digits (age identifier), 3 letters; since 2001;
                         spaced after the letters too (``AB 12 CDE``, ``ab-12-cde``) only
                         straight after a word naming a registration or a vehicle
prefix      ``A123 BCD`` letter (A-Y, not I O Q U Z), 1-3 digits, 3 letters; 1983-2001
suffix      ``ABC 123D`` 3 letters, 1-3 digits, letter (A-Y, not I O Q U Z); 1963-1983
NI          ``KFZ 7731`` 1-3 letters whose last two are a Northern Ireland code (``FZ``,
                         ``UI``, ``IJ``...), then 1-4 digits: read anywhere
dateless    ``ABC 1234`` 1-3 letters and 1-4 digits, either way round: only straight
                         after a word that names a registration
                         (``reg``, ``VRM``, ``plate``, ``index``…), as such short marks are
                         otherwise road numbers (``A12``), car models (``A3``), dates…
=========== ============ ===================================================================

Marks are matched in capitals (current, prefix and suffix ones also wholly in lower case,
less surely, unless their letters are a common word: ``a12 and``) with one optional space or
dash. In text written in capitals (intelligence logs often are), a prefix or suffix mark
whose letters are a common word (``A12 AND``) is not a mark, nor a current mark ending in one
(``CO15 THE``). Value: capitals, no spaces (``AB12CDE``).
"""

from __future__ import annotations

import re

from countylines.extract.lexicon.words import words
from countylines.extract.mention import Mention

_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9])"
#: Northern Ireland's two-letter area codes (the last two letters of an NI mark: ``KFZ 7731``,
#: ``MUI 7203``); source: DVA, "Vehicle registration numbers in Northern Ireland".
_NI_CODES = words(
    """AZ BZ CZ DZ EZ FZ GZ HZ IA IB IG IJ IL IW JI JZ KZ LZ MZ NZ OI OZ PZ RZ SZ TZ UI UZ VZ WZ
    XI XZ YZ"""
)
#: Log words that look like NI marks with a number: ``SOI 1``, ``POI 2``, ``OIC 3``.
_NI_NOT_MARKS = frozenset({"SOI", "POI", "OIC", "DOI", "LOI"})
_FORMATS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("vrm-current", re.compile(_B + r"[A-Z]{2}[0-9]{2}[ -]?[A-Z]{3}" + _E), 0.95),
    ("vrm-current-lower", re.compile(_B + r"[a-z]{2}[0-9]{2} ?[a-z]{3}" + _E), 0.7),
    # Spaced after the letters too (``AB 12 CDE``, ``ab-12-cde``): only where a registration
    # or a vehicle is named just before, as "ON 12 JUN" in a log is a date.
    (
        "vrm-current-spaced",
        re.compile(
            _B + r"(?:[A-Z]{2}[ -][0-9]{2}[ -]?[A-Z]{3}|[a-z]{2}[ -][0-9]{2}[ -]?[a-z]{3})" + _E
        ),
        0.85,
    ),
    ("vrm-prefix", re.compile(_B + r"[A-HJ-NPR-TV-Y][0-9]{1,3}[ -]?[A-Z]{3}" + _E), 0.9),
    ("vrm-suffix", re.compile(_B + r"[A-Z]{3}[ -]?[0-9]{1,3}[A-HJ-NPR-TV-Y]" + _E), 0.9),
    ("vrm-prefix-lower", re.compile(_B + r"[a-hj-npr-tv-y][0-9]{1,3}[ -]?[a-z]{3}" + _E), 0.7),
    ("vrm-suffix-lower", re.compile(_B + r"[a-z]{3}[ -]?[0-9]{1,3}[a-hj-npr-tv-y]" + _E), 0.7),
    # Northern Ireland: 1-3 letters whose last two are an NI code (DVA), then 1-4 digits
    (
        "vrm-northern-ireland",
        re.compile(_B + r"[A-Z]?(?:" + "|".join(sorted(_NI_CODES)) + r") ?[0-9]{1,4}" + _E),
        0.85,
    ),
    (
        "vrm-dateless",
        re.compile(_B + r"(?:[A-Z]{1,3}[ -]?[0-9]{1,4}|[0-9]{1,4}[ -]?[A-Z]{1,3})" + _E),
        0.85,
    ),
)
_REGISTRATION_WORD = re.compile(
    r"(?:\breg(?:istration|istered|n)?|\bvr[mn]|\bplates?|\bindex|\bnumber\s+plate)"
    r"(?:\s*(?:no\.?|number|mark))?[\s.,:#(\-]{0,3}$",
    re.IGNORECASE,
)
_VEHICLE_WORD = re.compile(
    r"\b(?:car|van|vehicle|motor|moped|motorbike|bike|scooter|taxi|cab|audi|bmw|merc(?:edes)?"
    r"|ford|vauxhall|vw|volkswagen|toyota|nissan|honda|kia|hyundai|peugeot|renault|citroen"
    r"|fiat|seat|skoda|mini|rover|jaguar|lexus|mazda|volvo|tesla|golf|corsa|focus|fiesta"
    r"|astra|polo|clio|transit|hatchback|saloon|estate|4x4|suv|driving|drove|driven)\b",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[A-Za-z]+")
_LABELS = frozenset(
    {"VRM", "VRN", "REG", "REGN", "VIN", "DOB", "URN", "PNC", "CAD", "MOT", "MDA", "SOA", "POCA"}
)  # MDA: "S23 MDA warrant" is section 23 of the Misuse of Drugs Act, not a plate
#: Trim and engine badges after a model (``Mercedes A180 AMG``): a model, not a mark.
_TRIMS = words("AMG TDI GTI CDI SRI GTD TSI HDI DCI VTI TFSI CRD SPORT LINE")
_MAKES = words(
    """
    audi bmw merc mercedes ford vauxhall vw volkswagen toyota nissan honda kia hyundai
    peugeot renault citroen fiat seat skoda mini rover jaguar lexus mazda volvo tesla range
    land porsche
    """
)

#: Three-letter words that make ``A12 AND`` or ``THE 12A`` text in capitals, not a mark.
COMMON_THREE_LETTER_WORDS = words(
    """
    ACT ADD AGE AGO AID AIM AIR ALL AND ANY ARE ARM ART ASK ATE BAD BAG BAR BED BET BIG BIT
    BOX BOY BUS BUT BUY CAB CAN CAR CUT DAD DAY DID DIE DOG DRY DUE EAR EAT END EYE FAR FEW
    FIT FLY FOR FUN GAS GET GOT GUN GUY HAD HAS HAT HER HIM HIS HIT HOT HOW ITS JOB KEY KID
    LAD LAW LAY LED LEG LET LIE LOT LOW MAN MAP MAY MEN MET MID MUM NET NEW NIL NOR NOT NOW
    OFF OLD ONE OUR OUT OWE OWN PAY PER PUB PUT RAN RED RID RUN SAT SAW SAY SEE SET SHE SIT
    SIX SON SUM SUN TEN THE TIE TOO TOP TRY TWO USE VAN WAS WAY WHO WHY WIN WON YES YET YOU
    """
)


def normalise_vrm(written: str) -> str:
    """Capitals without spaces or dashes: ``ab12 cde`` → ``AB12CDE``."""
    return re.sub(r"[\s\-]", "", written).upper()


def find_vrms(text: str) -> list[Mention]:
    """Vehicle registration marks in ``text`` (rules ``vrm-current``, ``vrm-prefix``…).

    Confidence rises by 0.04 (to at most 0.99) when a word naming a registration or a
    vehicle comes just before the mark.
    """
    found: list[Mention] = []
    for rule, pattern, base in _FORMATS:
        for match in pattern.finditer(text):
            start, end = match.span()
            before = text[max(0, start - 30) : start]
            named = _REGISTRATION_WORD.search(before) is not None
            if rule == "vrm-dateless" and not named:
                continue
            if rule == "vrm-current-spaced" and not (
                named or _VEHICLE_WORD.search(text[max(0, start - 40) : start])
            ):
                continue
            if re.match(r"-[0-9A-Za-z]", text[end : end + 2]):
                continue  # part of a longer code: an Irish mark 191-LH-2233, a reference
            if not named and _is_a_word_in_capitals(text, match.group(), start, end, rule):
                continue
            if rule == "vrm-northern-ireland" and match.group()[:3].upper() in _NI_NOT_MARKS:
                continue  # "SOI 1", "POI 2": a log's numbered subjects
            if rule.startswith(("vrm-prefix", "vrm-suffix")) and _is_a_model_or_label(
                text, match, rule
            ):
                continue
            confidence = base
            if named or _VEHICLE_WORD.search(text[max(0, start - 40) : start]):
                confidence = round(min(0.99, base + 0.04), 2)
            written = match.group()
            found.append(
                Mention("vrm", start, end, written, normalise_vrm(written), confidence, rule)
            )
    return found


def _is_a_model_or_label(text: str, match: re.Match[str], rule: str) -> bool:
    """``Mercedes A180 AMG``: a model and its badge after the make (``Lexus V818 RTP`` is a
    mark); or a word naming a registration or an Act (``S23 MDA``)."""
    letters = _LETTERS.findall(match.group())
    if any(w.upper() in _LABELS for w in letters):
        return True
    before = text[max(0, match.start() - 20) : match.start()].split()
    after_make = rule.startswith("vrm-prefix") and bool(before) and before[-1].lower() in _MAKES
    return after_make and letters[-1].upper() in _TRIMS


def _is_a_word_in_capitals(text: str, written: str, start: int, end: int, rule: str) -> bool:
    words = [w.upper() for w in _LETTERS.findall(written)]
    if rule.endswith("-lower") or written.islower():  # "van 118 is 74 and": spaced, lower
        return any(w in COMMON_THREE_LETTER_WORDS for w in words if len(w) == 3)
    if not any(w in COMMON_THREE_LETTER_WORDS for w in words if len(w) == 3):
        return False
    around = text[max(0, start - 60) : start] + text[end : end + 60]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6
