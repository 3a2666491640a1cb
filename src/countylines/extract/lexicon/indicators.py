"""Indicators of child criminal exploitation (CCE) and of cuckooing, as token rules.

Sources: Home Office "Criminal exploitation of children and vulnerable adults: county lines"
(2023) and its indicator lists; the Children's Society "Look Closer" signs of exploitation;
NCA county-lines intelligence assessments; National Trading Standards / local authority
cuckooing guidance (more visitors at all hours, damaged doors, drug litter, occupant withdrawn,
sudden arrears). Children found in a line are possible victims: these phrases are signs that
someone may need safeguarding, not evidence against them.

A rule's pattern is a line of tokens, matched on lower-cased words (see
:mod:`countylines.extract.rules` for the notation): ``word``, ``a|b`` (either), ``@class`` (a
word class of :mod:`countylines.extract.lexicon.words`), ``#`` (a number), ``*`` (up to three
words), ``~regex`` (a word matching the regular expression), and ``?`` after a token to make it
optional. A dash between words is always allowed
(``coming-and-going``), as the rules read hyphens between words as spaces. Options:

* ``max_age``: the number in the match must be a child's age (5 to 17).
* ``not_before``: the match is dropped when one of the next two words is one of these
  (``in and out`` of prison is not cuckooing).
* ``needs``: ``child`` (a child word nearby), ``drug`` (drug talk nearby) or ``home`` (a
  home or visitors word nearby); "nearby" is the window of
  :data:`countylines.extract.context.NEEDS_WINDOW` words either side.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorRule:
    """One indicator rule: ``id``, mention ``type``, ``pattern``, ``confidence``, ``value``."""

    id: str
    type: str
    pattern: str
    confidence: float
    value: str
    max_age: bool = False
    not_before: frozenset[str] = frozenset()
    needs: str | None = None


_CCE: tuple[tuple[str, str, float, str], ...] = (
    # children doing the line's work, or being used for it
    ("cce-child-dealing", "@child * @cce_activity", 0.85, "child involved in dealing"),
    (
        "cce-young-dealing",
        "young|younger @person_young * @cce_activity",
        0.75,
        "child involved in dealing",
    ),
    (
        "cce-using-children",
        "@exploit_verb @det? young|younger? @child",
        0.85,
        "children used by others",
    ),
    (
        "cce-using-young",
        "@exploit_verb @det? young|younger @person_young",
        0.8,
        "children used by others",
    ),
    (
        "cce-child-as-runner",
        "@child as|are|were|is|was runners|runner|couriers|lookouts",
        0.9,
        "child involved in dealing",
    ),
    # school
    ("cce-school-uniform", "school|schools uniform|uniforms|blazer|blazers", 0.9, "school uniform"),
    ("cce-school-hours", "during|in school hours|time", 0.85, "out of school"),
    (
        "cce-should-be-in-school",
        "(should be|supposed to be|meant to be|should have been) in|at school",
        0.85,
        "out of school",
    ),
    (
        "cce-missing-school",
        "skipping|bunking|missing|skipped|bunked|missed|skips|bunks school",
        0.8,
        "out of school",
    ),
    (
        "cce-excluded",
        "excluded|expelled|exclusion|exclusions from? school?",
        0.8,
        "excluded from school",
    ),
    ("cce-absent-school", "absent|absence from school", 0.85, "out of school"),
    ("cce-not-in-school", "not|n't|nt in|at|attending|going to? school", 0.75, "out of school"),
    ("cce-truanting", "truanting|truant|truancy", 0.8, "out of school"),
    ("cce-pru", "pupil referral unit", 0.8, "excluded from school"),
    # ages
    ("cce-age", "# year|years|yr|yrs old|olds", 0.75, "child's age"),
    ("cce-age-short", "~^(?:[5-9]|1[0-7])(?:yo|y/o|yrs?|yr/o)$ old?", 0.75, "child's age"),
    ("cce-aged", "aged|age about|around? #", 0.7, "child's age"),
    (
        "cce-looks-age",
        "look|looks|looked|looking about|around|maybe|like|roughly|only|barely #",
        0.75,
        "child's age",
    ),
    ("cce-no-older", "no|not older|more than #", 0.75, "child's age"),
    ("cce-child-bracket-age", "@child ( # )", 0.75, "child's age"),
    (
        "cce-child-is-age",
        "@child is|was|aged|age|,|who|now (is|'s)? only|just? #",
        0.75,
        "child's age",
    ),
    # missing, away from home
    ("cce-missing-from", "missing from home|care|school|placement", 0.95, "missing from home"),
    (
        "cce-went-missing",
        "reported|went|goes|go|gone|going|been|keeps|kept|often|frequently|regularly missing",
        0.85,
        "missing from home",
    ),
    (
        "cce-missing-episodes",
        "missing (episodes|episode|person|persons|reports|overnight|for days|for weeks)",
        0.85,
        "missing from home",
    ),
    ("cce-misper", "misper|mispers", 0.85, "missing from home"),
    (
        "cce-disappearing",
        "disappearing|disappears|disappeared|vanishing|vanishes|vanished for? days|hours|nights"
        "|weeks|overnight",
        0.85,
        "missing from home",
    ),
    (
        "cce-involved",
        "involved|caught|mixed|drawn up|in? in|into|with"
        " (county lines|gangs|a gang|gang|dealing|drugs)",
        0.8,
        "child involved in dealing",
    ),
    ("cce-ran-away", "run|ran|runs|running away from home|care", 0.85, "missing from home"),
    ("cce-out-of-area", "out of area|county|town", 0.8, "found out of area"),
    ("cce-miles-from-home", "miles from home", 0.8, "found out of area"),
    (
        "cce-staying-out",
        "stays|stayed|staying|stay (out all night|out late|out overnight|away overnight)",
        0.6,
        "missing from home",
    ),
    ("cce-not-coming-home", "not|n't|nt come|came|coming|come home", 0.65, "missing from home"),
    (
        "cce-home-late",
        "comes|coming|came|come|gets|getting|got home late|very",
        0.6,
        "missing from home",
    ),
    # going country
    ("cce-going-country", "@go country|cunch|ot|o.t.", 0.95, "going country"),
    ("cce-country-trip", "country|cunch ting|trip|trips|run|runs", 0.85, "going country"),
    ("cce-out-country", "out|up country", 0.8, "going country"),
    # debt and pay
    ("cce-debt-to", "in|into debt to|with", 0.85, "debt to dealers"),
    ("cce-drug-debt", "drug|drugs debt|debts", 0.9, "debt to dealers"),
    ("cce-debt-bondage", "debt bondage", 0.95, "debt to dealers"),
    ("cce-owes", "owes|owe|owed|owing money|them|dealers|someone|him|£", 0.75, "debt to dealers"),
    (
        "cce-working-off-debt",
        "work|working|worked|pay|paying|paid off @det? debt|debts",
        0.9,
        "debt to dealers",
    ),
    ("cce-on-tick", "on tick", 0.7, "debt to dealers"),
    (
        "cce-robbed-of-drugs",
        "robbed|mugged of @det? drugs|stash|gear|money|phone",
        0.8,
        "debt to dealers",
    ),
    (
        "cce-paid-to",
        "paid|pays|paying|pay @child? to deliver|carry|run|sell|drop|hold|move|store|stash|deal",
        0.9,
        "paid to deal",
    ),
    ("cce-getting-paid", "being|getting|get|gets|got paid", 0.7, "paid to deal"),
    # money, phones, clothes
    ("cce-new-goods", "@new @goods", 0.85, "unexplained money or goods"),
    (
        "cce-new-designer",
        "new designer|branded clothes|gear|trainers",
        0.85,
        "unexplained money or goods",
    ),
    ("cce-several-phones", "@number_word of? @phone_item", 0.85, "several phones"),
    ("cce-more-than-one-phone", "more than one phone|mobile|sim", 0.85, "several phones"),
    ("cce-second-phone", "second|another|extra|secret phone|mobile|sim", 0.65, "several phones"),
    (
        "cce-much-cash",
        "large|big|huge|lots|loads? @much_money of cash|money|notes",
        0.85,
        "unexplained money or goods",
    ),
    (
        "cce-wads",
        "wads|wad|bundles|rolls|roll of cash|money|notes|twenties|tenners",
        0.85,
        "unexplained money or goods",
    ),
    (
        "cce-unexplained",
        "unexplained money|cash|wealth|gifts|injuries|injury|absences|trips",
        0.9,
        "unexplained money or goods",
    ),
    # older people around children
    (
        "cce-older-males",
        "older @older_person are|were|is|was|have|been? @pick_up? up?",
        0.85,
        "older associates",
    ),
    (
        "cce-much-older",
        "much older boyfriend|men|males|friends|associates",
        0.9,
        "older associates",
    ),
    (
        "cce-picking-up-children",
        "@pick_up up? @child|them|him|her up? from? school?",
        0.75,
        "older associates",
    ),
    (
        "cce-adults-with-children",
        "adults|men|males|cars|car|vehicles picking|collecting|dropping|driving @child|them",
        0.8,
        "older associates",
    ),
    (
        "cce-child-in-cars",
        "@child getting|get|got|gets into|in cars|car|vehicles|taxis|taxi",
        0.75,
        "older associates",
    ),
    # dealing slang tied to exploitation
    ("cce-trapping", "(trapping|trapper|trappers|trap life)", 0.85, "trapping"),
    ("cce-shotting", "shotting|shotter|shotters", 0.8, "trapping"),
    ("cce-running-line", "running|run|runs|ran @det? line|lines", 0.6, "trapping"),
    # grooming, coercion, concealment, travel
    ("cce-groomed", "groomed|grooming", 0.9, "grooming"),
    ("cce-exploitation", "criminal|criminally exploitation|exploited", 0.95, "exploitation"),
    ("cce-exploited", "exploited|exploitation|exploiting", 0.85, "exploitation"),
    ("cce-cce", "cce", 0.95, "exploitation"),
    ("cce-recruited", "recruited|recruiting|recruitment", 0.75, "grooming"),
    (
        "cce-coerced",
        "coerced|coercion|forced|made|pressured|pressurised|threatened to|into",
        0.75,
        "coercion",
    ),
    ("cce-plugging", "plugging|plugged|plug|plugs drugs?", 0.85, "drugs concealed internally"),
    (
        "cce-internal",
        "drugs? hidden|concealed|secreted|secreting|concealing|stored internally",
        0.9,
        "drugs concealed internally",
    ),
    (
        "cce-internally",
        "(internally|inside his body|inside her body|inside their body)",
        0.75,
        "drugs concealed internally",
    ),
    ("cce-train-tickets", "train|rail|coach|bus tickets|ticket", 0.8, "travel unexplained"),
    ("cce-hotel", "hotel keys|key|rooms|room|receipts|cards", 0.75, "travel unexplained"),
    ("cce-taxis", "taxi|uber|cab receipts|fares|rides", 0.7, "travel unexplained"),
    (
        "cce-injuries",
        "unexplained|unexplainable injuries|injury|bruises|cuts",
        0.85,
        "unexplained injuries",
    ),
    ("cce-new-nickname", "(new nickname|new nicknames|new street name)", 0.7, "new nickname"),
)

_CUCKOOING: tuple[tuple[str, str, float, str], ...] = (
    ("cuckoo-word", "cuckooed|cuckooing|cuckoos", 0.95, "cuckooing"),
    ("cuckoo-cuckoo", "cuckoo", 0.8, "cuckooing"),
    (
        "cuckoo-taken-over",
        "taken|took|taking|take|takes over @det? spare|front|back|whole|upstairs? @home?",
        0.85,
        "home taken over",
    ),
    (
        "cuckoo-moved-in",
        "moved|moving|moves|move in|into with? @det? @home|him|her",
        0.7,
        "home taken over",
    ),
    (
        "cuckoo-strangers-staying",
        "strangers|unknown|men|males|lads|people|youths staying|living|sleeping at|in|there",
        0.75,
        "home taken over",
    ),
    (
        "cuckoo-using-home",
        "using|use|uses|used @det @home as|to|for",
        0.85,
        "home used for dealing",
    ),
    ("cuckoo-home-used", "@home is|was|being|been used to|for|as", 0.85, "home used for dealing"),
    (
        "cuckoo-dealing-from",
        "dealing|selling|sell|sells|deal|deals|sold|dealt|supplying|supply|operating|working"
        " drugs? (from|out of|outta) @det? @home",
        0.85,
        "home used for dealing",
    ),
    (
        "cuckoo-trap-house",
        "trap|crack|drug|drugs|dealing house|houses|den|dens|flat|flats|spot|spots",
        0.95,
        "trap house",
    ),
    ("cuckoo-traphouse", "traphouse|traphouses|bando|bandos|bandz", 0.95, "trap house"),
    ("cuckoo-taken-advantage", "taken|taking|take|takes advantage of", 0.7, "home taken over"),
    ("cuckoo-dementia", "dementia|alzheimer's|alzheimers|alzheimer", 0.8, "vulnerable occupant"),
    ("cuckoo-the-trap", "the|a|their|that trap", 0.7, "trap house"),
    ("cuckoo-shooting-gallery", "shooting gallery", 0.9, "trap house"),
    # visitors
    ("cuckoo-coming-going", "coming and|n|& going", 0.9, "visitors at all hours"),
    ("cuckoo-going-coming", "going and|n|& coming", 0.9, "visitors at all hours"),
    ("cuckoo-comings-goings", "comings and|& goings", 0.9, "visitors at all hours"),
    ("cuckoo-in-and-out", "in and|n|& out", 0.75, "visitors at all hours"),
    ("cuckoo-all-hours", "all hours", 0.9, "visitors at all hours"),
    ("cuckoo-all-times", "all times of the? day|night", 0.85, "visitors at all hours"),
    ("cuckoo-odd-hours", "odd|unsociable|strange hours|times", 0.7, "visitors at all hours"),
    (
        "cuckoo-early-hours",
        "(early hours|late at night|middle of the night)",
        0.6,
        "visitors at all hours",
    ),
    ("cuckoo-day-and-night", "(day and night|night and day)", 0.6, "visitors at all hours"),
    ("cuckoo-24-7", "24/7", 0.6, "visitors at all hours"),
    (
        "cuckoo-many-visitors",
        "constant|steady|nonstop|continuous|lots|loads|lot|many|numerous|different|stream"
        "|streams|queue|queues|number|increase|more|high|heavy of? visitors|callers|traffic"
        "|footfall",
        0.85,
        "visitors at all hours",
    ),
    (
        "cuckoo-many-people",
        "constant|steady|nonstop|continuous|lots|loads|lot|many|numerous|different|stream"
        "|streams|queue|queues|number|increase|more of? people|cars|faces|youths|users",
        0.65,
        "visitors at all hours",
    ),
    ("cuckoo-visitors", "visitors|callers", 0.6, "visitors at all hours"),
    ("cuckoo-short-visits", "short|brief|quick visits|visit|stays", 0.9, "visitors at all hours"),
    (
        "cuckoo-only-minutes",
        "only|just|stay|stays|staying|stayed|there|leave|leaves|left (for|after)?"
        " (a few|a couple of|a couple|few|#) minutes|mins|min",
        0.85,
        "visitors at all hours",
    ),
    ("cuckoo-pulling-up", "@visitors pulling|pull|pulls|pulled up", 0.8, "visitors at all hours"),
    (
        "cuckoo-knocking",
        "knocking|knock|banging|bang|knocks at? all? hours?",
        0.5,
        "visitors at all hours",
    ),
    # the occupant
    ("cuckoo-vulnerable", "vulnerable @vulnerable_person", 0.9, "vulnerable occupant"),
    (
        "cuckoo-vulnerable-user",
        "vulnerable @drug_user? user|users|addict|addicts|alcoholic",
        0.85,
        "vulnerable occupant",
    ),
    ("cuckoo-vulnerable-word", "vulnerable", 0.6, "vulnerable occupant"),
    (
        "cuckoo-learning",
        "learning difficulties|difficulty|disability|disabilities",
        0.85,
        "vulnerable occupant",
    ),
    (
        "cuckoo-mental-health",
        "mental health issues|problems|needs|condition|conditions",
        0.8,
        "vulnerable occupant",
    ),
    ("cuckoo-elderly", "elderly|disabled|frail @vulnerable_person", 0.75, "vulnerable occupant"),
    (
        "cuckoo-user-home",
        "@drug_user user|users|addict|addicts 's? @home",
        0.85,
        "drug user's home",
    ),
    ("cuckoo-addict-home", "user|users|addict|addicts 's @home", 0.85, "drug user's home"),
    (
        "cuckoo-lives-alone",
        "(lives alone|living alone|lives on his own|lives on her own)",
        0.6,
        "vulnerable occupant",
    ),
    (
        "cuckoo-not-seen",
        "has|have|had|was|were|is|are? not|n't|nt been? seen"
        " @det? tenant|occupant|resident|neighbour|him|her|them? for|in",
        0.75,
        "occupant not seen",
    ),
    (
        "cuckoo-havent-seen",
        "not|n't|nt|havnt|never seen|see @det? him|her|them|tenant|occupant|resident"
        "|neighbour|lady|man|woman|occupier|anyone|owner for|in|since",
        0.75,
        "occupant not seen",
    ),
    (
        "cuckoo-not-seen-recently",
        "not|n't|nt seen|see him|her|them|the tenant? for weeks|days|ages",
        0.8,
        "occupant not seen",
    ),
    (
        "cuckoo-withdrawn",
        "withdrawn|scared|frightened|terrified|afraid|intimidated",
        0.6,
        "occupant withdrawn",
    ),
    # the property
    ("cuckoo-door-kicked", "door|doors kicked|smashed|broken in|off|down?", 0.85, "damaged door"),
    (
        "cuckoo-damaged-door",
        "damaged|broken|smashed|kicked|boarded front|back? door|doors|window|windows|lock|locks",
        0.8,
        "damaged door",
    ),
    (
        "cuckoo-door-damaged",
        "door|doors|window|windows|lock|locks has|have|was|were|is|are been?"
        " damaged|broken|smashed|kicked|boarded|changed in|down|off|up?",
        0.8,
        "damaged door",
    ),
    ("cuckoo-drug-litter", "drug|drugs litter|paraphernalia", 0.85, "drug litter"),
    (
        "cuckoo-needles",
        "(needles|syringes|burnt foil|crack pipes|burnt spoons)",
        0.7,
        "drug litter",
    ),
    ("cuckoo-arrears", "rent|rental arrears|arrears", 0.8, "sudden arrears"),
    (
        "cuckoo-curtains",
        "curtains|blinds always|permanently|constantly|kept? drawn|closed|shut",
        0.6,
        "curtains always drawn",
    ),
)

MAX_AGE: frozenset[str] = frozenset(
    {
        "cce-age",
        "cce-age-short",
        "cce-aged",
        "cce-looks-age",
        "cce-no-older",
        "cce-child-bracket-age",
        "cce-child-is-age",
    }
)

NOT_BEFORE: dict[str, frozenset[str]] = {
    "cce-country-trip": frozenset({"park", "club", "house", "side", "lane", "pub"}),
    "cuckoo-in-and-out": frozenset(
        {"prison", "jail", "custody", "care", "hospital", "trouble", "work", "jobs", "school"}
    ),
    "cuckoo-the-trap": frozenset({"house", "houses", "flat", "door", "set"}),
    "cuckoo-traphouse": frozenset({"line"}),  # "the Bando line": a deal line's name
    "cuckoo-trap-house": frozenset({"line"}),
}

NEEDS: dict[str, str] = {
    "cce-out-of-area": "child",
    "cce-staying-out": "child",
    "cce-not-coming-home": "child",
    "cce-disappearing": "child",
    "cce-involved": "child",
    "cuckoo-taken-advantage": "home",
    "cuckoo-dementia": "home",
    "cce-home-late": "child",
    "cuckoo-havent-seen": "home",
    "cce-coerced": "child",
    "cce-getting-paid": "child",
    "cce-second-phone": "child",
    "cce-hotel": "child",
    "cce-taxis": "child",
    "cce-recruited": "child",
    "cce-running-line": "child",
    "cce-new-goods": "child",
    "cce-picking-up-children": "child",
    "cce-internally": "drug",
    "cce-owes": "drug",
    "cce-out-country": "drug",
    "cuckoo-visitors": "home",
    "cuckoo-many-people": "home",
    "cuckoo-early-hours": "home",
    "cuckoo-odd-hours": "home",
    "cuckoo-vulnerable-word": "home",
    "cuckoo-withdrawn": "home",
    "cuckoo-lives-alone": "home",
    "cuckoo-needles": "home",
    "cuckoo-knocking": "home",
    "cuckoo-day-and-night": "home",
    "cuckoo-24-7": "home",
    "cuckoo-strangers-staying": "home",
    "cuckoo-curtains": "home",
    "cuckoo-cuckoo": "home",
    "cuckoo-moved-in": "drug",
    "cuckoo-using-home": "drug",
    "cuckoo-home-used": "drug",
}


def _build(kind: str, rows: tuple[tuple[str, str, float, str], ...]) -> tuple[IndicatorRule, ...]:
    return tuple(
        IndicatorRule(
            rule_id,
            kind,
            pattern,
            confidence,
            value,
            max_age=rule_id in MAX_AGE,
            not_before=NOT_BEFORE.get(rule_id, frozenset()),
            needs=NEEDS.get(rule_id),
        )
        for rule_id, pattern, confidence, value in rows
    )


#: Every indicator rule, CCE then cuckooing.
INDICATOR_RULES: tuple[IndicatorRule, ...] = _build("cce_indicator", _CCE) + _build(
    "cuckooing_indicator", _CUCKOOING
)
