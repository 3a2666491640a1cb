"""Indicators of child criminal exploitation (CCE) and of cuckooing, as token rules.

Sources: Home Office "Criminal exploitation of children and vulnerable adults: county lines"
(2023) and its indicator lists (going missing or found out of area; unexplained money,
clothes or phones; several phones or SIMs; older controlling associates; weapons; injuries;
school exclusion; train tickets or hotel keys; drug slang; new nicknames; debt; drugs
concealed internally); the Children's Society "Look Closer" signs of exploitation; NCA
county-lines intelligence assessments; National Trading Standards / local authority cuckooing
guidance (more visitors at all hours, damaged doors, drug litter, occupant withdrawn or not
seen, sudden arrears, strangers staying, financial abuse of the occupant). Children found in
a line are possible victims: these phrases are signs that someone may need safeguarding, not
evidence against them.

A rule's pattern is a line of tokens, matched on lower-cased words (see
:mod:`countylines.extract.rules` for the notation): ``word``, ``a|b`` (either), ``@class`` (a
word class of :mod:`countylines.extract.lexicon.words`), ``#`` (a number), ``*`` (up to three
words), ``~regex`` (a word matching the regular expression), and ``?`` after a token to make it
optional. A dash between words is always allowed
(``coming-and-going``), as the rules read hyphens between words as spaces. Options:

* ``max_age``: the number in the match must be a child's age (5 to 17). Such a match also
  tells the other rules that a child is there.
* ``not_before``: the match is dropped when one of the next two words is one of these
  (``in and out`` of prison is not cuckooing).
* ``not_after``: the match is dropped when the word just before is one of these (``my cat
  went missing``).
* ``unless``: the match is dropped when one of these words is in its sentence nearby: the
  everyday explanation (``new phone`` for a ``birthday``; ``coming and going`` of
  ``carers``; ``train tickets`` for a school ``trip``).
* ``then_place``: a town (as found) or a county must follow; the phrase runs to its end
  (``found in`` + ``Southampton``).
* ``not_a_time``: the match is dropped when its number reads as a time of day: after ``at``,
  ``till``, ``since``… or ``from`` (``from about 8``; not ``kids from about 12``), or before
  ``till``, ``o'clock``, ``tonight`` or a time of day (``about 8 in the evening``, ``around
  8 or 9 at night``). See :data:`TIME_BEFORE`, :data:`TIME_AFTER`, :data:`TIMES_OF_DAY`.
* ``needs``: the context the phrase must have nearby, within
  :data:`countylines.extract.context.NEEDS_WINDOW` words either side (its own words
  included): ``child`` (a child word, or a child's age found by an age rule), ``drug`` (drug
  talk), ``dealing`` (words only a report about dealing uses, or a drug's name), ``home`` (a
  home or visitors word), ``weapon``, ``minor`` (a child named: ``son``, ``juvenile``, an
  age; not ``young`` or ``school``), or ``sign`` (another sign of the same type that holds on
  its own). Words are all needed; ``a|b`` is either; ``!minor`` means no child named within
  :data:`countylines.extract.indicators.NOT_WINDOW` words (a withdrawn *occupant*, not a
  frightened child).
* ``alone``: the confidence when ``needs`` does not hold (without it the match is dropped).
  Weak cues (a child's age, a vulnerability, two phones) keep a low confidence alone, so
  ``min_confidence=0`` still shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from countylines.extract.lexicon.words import words


@dataclass(frozen=True)
class IndicatorRule:
    """One indicator rule: ``id``, mention ``type``, ``pattern``, ``confidence``, ``value``,
    and its options (see the module docstring)."""

    id: str
    type: str
    pattern: str
    confidence: float
    value: str
    max_age: bool = False
    not_before: frozenset[str] = frozenset()
    needs: str | None = None
    alone: float | None = None
    not_after: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    then_place: bool = False
    not_a_time: bool = False


# Everyday explanations that cancel a weak cue in the same sentence.
EVERYDAY_GOODS = words(
    """birthday christmas xmas present presents saved saving savings job wages earned
    earns paper round pocket eid gift"""
)
EVERYDAY_VISITORS = words(
    """carers carer care agency nurse nurses builders builder workmen decorators plumber plumbers
    electrician renovation renovations family relatives grandchildren delivery deliveries
    parcels postman amazon childminding childminder business shop salon clients patients
    students party wedding funeral"""
)
EVERYDAY_TRAVEL = words(
    """trip trips holiday holidays excursion outing hen wedding honeymoon festival match
    concert"""
)
EVERYDAY_OUT = words("party parties sleepover prom disco concert festival wedding")
EVERYDAY_DAMAGE = words(
    """storm wind winds gale weather accident crash tree flood fire car van vehicle bus
    shelter council contractor contractors locksmith landlord repairs burglary burgled
    break-in shed"""
)
EVERYDAY_ARREARS = words(
    """redundancy redundant furlough furloughed illness sick hospital divorce bereavement
    unemployed"""
)
_LOST_THINGS = words(
    """it cat cats dog dogs pet money cash package parcel phone keys wallet purse bag bike
    car drugs stash"""
)
NOT_AN_AGE = words(
    """minutes mins min hours hrs days weeks months pounds quid grand k times % percent
    miles metres feet ft inches stone kg am pm people persons men males cars visitors wraps
    bags deals phones youths kids lads boys girls children teenagers teens juveniles
    degrees degree ° mph kph bus buses grams g oz ounces kilos lbs pence foot"""
)
#: Words of height just before a number: the inches of ``5ft 11`` or ``5 foot 11``.
HEIGHT_BEFORE = words("ft foot feet ' \u2019")  # and the typographic apostrophe

#: Words just before an approximate number that make it a time of day, not an age (``at
#: about 8``, ``until about 10``). ``from`` is one too, unless a child comes just before it
#: (``kids from about 12 to 15`` are ages).
TIME_BEFORE = words("at till until til since by before after past gone")
#: Words just after the number (or after a range: ``about 8 or 9``) that make it a time.
TIME_AFTER = words("till until til tonight o'clock oclock onwards am pm")
#: A time of day after the number, perhaps after ``in``/``at``/``every`` and ``the``
#: (``about 8 in the evening``, ``around 8 at night``, ``about 8 every night``).
TIMES_OF_DAY = words(
    """morning mornings evening evenings afternoon afternoons night nights nite tonight
    midnight teatime lunchtime"""
)
#: The words that may lead to a time of day (``in the evening``, ``most nights``).
TIME_OF_DAY_LEAD = words("in at on this that every each most last")

# "14yo", "15yrs", "13yr/o" as one word; "15y/o" is read as "15y", "/", "o". Written out as
# words (not a regex) so the rule has an anchor and runs only where one is.
_CHILD_AGES = range(5, 18)
_SHORT_AGES = "|".join(f"{n}{s}" for n in _CHILD_AGES for s in ("yo", "y/o", "yr", "yrs", "yr/o"))
_AGE_Y = "|".join(f"{n}y" for n in _CHILD_AGES)

_CCE: tuple[tuple[str, str, float, str], ...] = (
    # children doing the line's work, or being used for it
    (
        "cce-child-dealing",
        "@child * dealing|dealin|deals|shotting|shotter|shotters|trapping|runners|runner"
        "|couriers|courier|lookouts|lookout",
        0.85,
        "child involved in dealing",
    ),
    ("cce-child-working", "@child * @cce_activity", 0.85, "child involved in dealing"),
    # the same with the age in brackets between: "the boy (13) runs the Ricky line"
    ("cce-child-aged-working", "@child ( # ) @cce_activity", 0.85, "child involved in dealing"),
    (
        "cce-young-dealing",
        "young|younger @person_young * dealing|dealin|deals|shotting|trapping|runners|runner"
        "|couriers|lookouts",
        0.75,
        "child involved in dealing",
    ),
    (
        "cce-young-working",
        "young|younger @person_young * @cce_activity",
        0.7,
        "child involved in dealing",
    ),
    (
        "cce-using-children",
        "@exploit_verb @det? @child_adj? @child",
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
    (
        "cce-runner-for",
        "runner|runners|courier|couriers|lookout|lookouts|shotter|shotters|worker|workers"
        " for @det? * line|lines|gang|dealers|olders|elders",
        0.8,
        "child involved in dealing",
    ),
    ("cce-runner", "runner|runners|shotter|shotters", 0.7, "child involved in dealing"),
    (
        "cce-to-cars",
        "@cce_activity off|over|out? to|into @det? cars|car|vans|vehicles|users|customers|punters"
        "|addicts",
        0.7,
        "child involved in dealing",
    ),
    (
        "cce-doing-deals",
        "doing|does|did|do deals|drops|runs|shifts",
        0.7,
        "child involved in dealing",
    ),
    (
        "cce-handing-over",
        "handing|hands|handed|passing|passes|passed|dropping|drops|dropped|giving|gives|gave"
        " @det? wraps|bags|packages|parcels|drugs|them|it|baggies|deals|packets|something"
        " (to @visitors|to someone|to buyers|out|over|off)",
        0.75,
        "child involved in dealing",
    ),
    (
        "cce-carrying-drugs",
        "carrying|carry|carries|carried|holding|hold|holds|held|moving|moves|moved|stashing"
        "|hiding|hid|storing|stored|running|delivering|selling|sells|sold|dealing|supplying"
        " @drug_noun",
        0.75,
        "child involved in dealing",
    ),
    (
        "cce-made-to",
        "being|been|is|was|are|were|get|gets|got used|groomed|forced|made|paid|sent|recruited"
        "|pressured|threatened to run|sell|deal|deliver|carry|hold|move|drop|stash|store|take"
        "|collect|work",
        0.8,
        "children used by others",
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
        "skipping|bunking|skiving|missing|skipped|bunked|skived|missed|skips|bunks|skives"
        " school|skool|college|lessons|off",
        0.8,
        "out of school",
    ),
    (
        "cce-excluded",
        "(excluded|expelled|suspended|exclusion|exclusions|excluded from|expelled from"
        "|suspended from|exclusion from|kicked out of|thrown out of|kicked out)"
        " school|college|academy|skool",
        0.8,
        "excluded from school",
    ),
    (
        "cce-excluded-alone",
        "permanently? excluded|expelled|exclusion|exclusions",
        0.7,
        "excluded from school",
    ),
    ("cce-absent-school", "absent|absence from school", 0.85, "out of school"),
    (
        "cce-absent-for",
        "absent|absence|absences for|since # days|weeks|months|week|term",
        0.75,
        "out of school",
    ),
    (
        "cce-not-in-school",
        "@neg|stopped in|at|attending|attended|attend|going|go|goes|gone|been|went to?"
        " school|college|skool",
        0.75,
        "out of school",
    ),
    ("cce-truanting", "truanting|truant|truancy", 0.8, "out of school"),
    ("cce-pru", "pupil referral unit", 0.8, "excluded from school"),
    # a child's own vulnerabilities (type ``vulnerability``, value "child ..."): facts that
    # make the signs nearby matter, as the Home Office's lists of children at greater risk
    # name them (looked after, special educational needs, known to children's services)
    (
        "cce-looked-after",
        "looked after child|children|young|boy|girl|lad",
        0.85,
        "child in care (looked after)",
    ),
    (
        "cce-in-care",
        "in|into|from foster|residential|local? authority? care",
        0.75,
        "child in care (looked after)",
    ),
    (
        "cce-childrens-home",
        "children|childrens|kids 's? home|homes|unit|placement",
        0.8,
        "child in care (looked after)",
    ),
    (
        "cce-foster",
        "foster carer|carers|placement|parent|parents|mum|dad|home",
        0.8,
        "child in care (looked after)",
    ),
    (
        "cce-additional-needs",
        "adhd|autism|autistic|asd|ehcp|sen|dyslexia|dyslexic|dyspraxia",
        0.75,
        "child with additional needs",
    ),
    ("cce-special-needs", "special educational? needs", 0.75, "child with additional needs"),
    (
        "cce-childrens-services",
        "known|open|allocated to @det? children|childrens|social 's? services|care|worker",
        0.7,
        "child known to children's services",
    ),
    (
        "cce-protection-plan",
        "child protection|cp|cin plan|register",
        0.75,
        "child known to children's services",
    ),
    # ages: a child's age says a child is in the line only with dealing or another sign
    (
        "cce-age",
        "# year|years|yr|yrs old|olds @child|runner|runners|courier|lookout?",
        0.75,
        "child's age",
    ),
    ("cce-age-short", f"{_SHORT_AGES} old?", 0.75, "child's age"),
    ("cce-age-slash", f"{_AGE_Y} / o", 0.75, "child's age"),
    ("cce-aged", "aged|age about|around? #", 0.7, "child's age"),
    (
        "cce-looks-age",
        "look|looks|looked|looking about|around|maybe|like|roughly|only|barely #",
        0.75,
        "child's age",
    ),
    (
        "cce-about-age",
        "approx|approximately|about|around|roughly|maybe|possibly #",
        0.65,
        "child's age",
    ),
    ("cce-no-older", "no|not older|more than #", 0.75, "child's age"),
    ("cce-as-young-as", "as young as #", 0.8, "child's age"),
    ("cce-child-bracket-age", "@child|@subject ( # )", 0.75, "child's age"),
    (
        "cce-child-is-age",
        "@child is|was|aged|age|,|who|now (is|'s)? only|just? #",
        0.75,
        "child's age",
    ),
    (
        "cce-subject-age",
        "@subject 's|s|is|was|turned|aged only|just|barely? #",
        0.7,
        "child's age",
    ),
    # missing, away from home, found out of area
    (
        "cce-missing-from",
        "missing|missin from @det? home|care|school|placement|foster|unit|hostel",
        0.95,
        "missing from home",
    ),
    ("cce-missing-from-place", "missing|missin from", 0.8, "found out of area"),
    (
        "cce-went-missing",
        "reported|went|goes|go|gone|going|goin|been|keeps|kept|often|frequently|regularly"
        " missing|missin",
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
    ("cce-county-lines", "county lines|line", 0.7, "child involved in dealing"),
    (
        "cce-linked-to-line",
        "linked|connected|tied|associated|associating|links to|with @det? * line|lines|gang"
        "|gangs|ocg|dealers|olders|elders",
        0.7,
        "child involved in dealing",
    ),
    (
        "cce-works-for",
        "works|working|worked|work|running|runs for @det? man|men|bloke|guy|guys|lads|someone"
        "|somebody|people|olders|elders|gang",
        0.65,
        "older associates",
    ),
    ("cce-ran-away", "run|ran|runs|running away from home|care", 0.85, "missing from home"),
    ("cce-out-of-area", "out of area|county|town", 0.8, "found out of area"),
    ("cce-miles-from-home", "miles from home", 0.8, "found out of area"),
    (
        "cce-found-in-place",
        "found|located|traced|arrested|spotted|sighted|picked|turned|ended * in|at",
        0.65,
        "found out of area",
    ),
    (
        "cce-from-place",
        "@child|boys|girls|youths|juveniles * from",
        0.6,
        "found out of area",
    ),
    (
        "cce-travel-to-place",
        "travels|travel|travelling|travelled|traveling|traveled|sent|send|sending|taken|driven"
        "|goes|going|went|gone|trips|journeys up|down|out? to",
        0.7,
        "going country",
    ),
    (
        "cce-by-train",
        "travels|travel|travelling|travelled|traveling|traveled|goes|going|went|sent|gets"
        "|getting|got * by|on @det? train|trains|coach|coaches|megabus",
        0.65,
        "travel unexplained",
    ),
    (
        "cce-staying-out",
        "stays|stayed|staying|stay (out all night|out late|out overnight|away overnight)",
        0.6,
        "missing from home",
    ),
    (
        "cce-not-coming-home",
        "@neg come|came|coming|been|slept|sleeping|returned|gone|got home|back",
        0.65,
        "missing from home",
    ),
    (
        "cce-not-seen",
        "@neg|ai been? seen|heard for|in|since",
        0.7,
        "missing from home",
    ),
    ("cce-never-home", "never|hardly|rarely|barely ever? home", 0.65, "missing from home"),
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
    ("cce-cunch", "cunch|cunchin|cunching", 0.85, "going country"),
    # debt and pay
    ("cce-debt-to", "in|into debt to|with", 0.85, "debt to dealers"),
    ("cce-drug-debt", "drug|drugs debt|debts", 0.9, "debt to dealers"),
    ("cce-debt-bondage", "debt bondage", 0.95, "debt to dealers"),
    (
        "cce-owes",
        "owes|owe|owed|owing money|them|dealers|someone|somebody|him|£|people",
        0.75,
        "debt to dealers",
    ),
    ("cce-debt-of", "debt|debts of|to", 0.75, "debt to dealers"),
    ("cce-in-debt", "in|into debt|debts", 0.65, "debt to dealers"),
    (
        "cce-pay-back",
        "has|have|had|got|gotta|need|needs|needed to? pay|paying|work it|that|them|this|the"
        "|money? back|off",
        0.7,
        "debt to dealers",
    ),
    (
        "cce-punished",
        "punished|punishment|beaten|attacked|hurt|stabbed|threatened|battered|assaulted for"
        " losing|owing|lost|losing|robbing|stealing",
        0.75,
        "debt to dealers",
    ),
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
    (
        "cce-paid-to-take",
        "paid|pays|paying|pay|gave|give|gives|giving|offered|offers|offering @child|him|her"
        "|them|me £? #? quid|pounds? to take|collect|bring|deliver|carry|run|sell|drop|hold"
        "|move|store|stash|deal",
        0.8,
        "paid to deal",
    ),
    (
        "cce-paid-sum",
        "paid|pays|paying|pay|earning|earns|earned|making|makes|getting|gets|got * £ # * to"
        "|for run|running|sell|selling|deal|dealing|deliver|delivering|carry|carrying|hold"
        "|holding|drop|dropping|work|working",
        0.8,
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
    (
        "cce-goods-not-bought",
        "@goods|gifts|presents|stuff|things * @neg bought|buy|give|gave|given"
        "|paid|pay|afford|purchased",
        0.75,
        "unexplained money or goods",
    ),
    (
        "cce-cannot-explain",
        "@goods|gifts|stuff|things * @neg|unable|refuses|refused to? explain|account",
        0.75,
        "unexplained money or goods",
    ),
    (
        "cce-where-from",
        "where|how he|she|they * got|gets|getting|get|gotten|bought|buys|afford|affords"
        "|afforded @det? @goods|money|cash|it|them|that|this",
        0.7,
        "unexplained money or goods",
    ),
    (
        "cce-comes-home-with",
        "comes|came|coming|come|returns|returned|returning|turns|turned|arrives|arrived"
        " home|back|up? with * @new? @goods|£|cash|money|notes",
        0.75,
        "unexplained money or goods",
    ),
    (
        "cce-always-money",
        "always|constantly|suddenly got|has|had|having|with|flashing|flashes loads|lots|wads"
        "|plenty? of? money|cash|notes",
        0.7,
        "unexplained money or goods",
    ),
    ("cce-cash-sum", "£ # in? cash|notes|twenties|tenners", 0.7, "unexplained money or goods"),
    (
        "cce-bank-card",
        "taken|took|taking|take|takes|using|uses|used|holding|has|have|got|stolen|stole"
        " @det (bank card|bank cards|bank account|card|account|bank details)",
        0.7,
        "money moved through a child's account",
    ),
    (
        "cce-card-other-name",
        "card|cards|account|accounts in @det? * else 's? name",
        0.75,
        "money moved through a child's account",
    ),
    (
        "cce-move-money",
        "move|moving|moved|launder|laundering|laundered|pass|passing|transfer|transferring"
        " money|cash|funds through|into|via",
        0.75,
        "money moved through a child's account",
    ),
    ("cce-money-mule", "money mule|mules|muling", 0.85, "money moved through a child's account"),
    ("cce-several-phones", "@number_word of? @phone_item", 0.85, "several phones"),
    ("cce-more-than-one-phone", "more than one phone|mobile|sim", 0.85, "several phones"),
    ("cce-second-phone", "second|another|extra|secret phone|mobile|sim", 0.65, "several phones"),
    (
        "cce-burner",
        "burner|burners|trap|bando|graft|grafting|deal|dealing|shotting|line phone|phones|sim"
        "|sims|handset|handsets|mobile|mobiles",
        0.8,
        "several phones",
    ),
    (
        "cce-much-cash",
        "large|big|huge|lots|loads? @much_money of cash|money|notes",
        0.85,
        "unexplained money or goods",
    ),
    (
        "cce-wads",
        "wads|wad|bundles|rolls|roll of £? #? cash|money|notes|twenties|tenners",
        0.85,
        "unexplained money or goods",
    ),
    (
        "cce-unexplained",
        "unexplained money|cash|wealth|gifts",
        0.9,
        "unexplained money or goods",
    ),
    ("cce-unexplained-injury", "unexplained injuries|injury|bruises|bruising", 0.9, "injuries"),
    ("cce-unexplained-absence", "unexplained absences|absence|trips", 0.85, "out of school"),
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
        "@pick_up (up @child|up them|up him|up her|@child|them up|him up|her up|them off|him off"
        "|her off|them from|him from|her from|them after|him after|her after) from? school?",
        0.75,
        "older associates",
    ),
    (
        "cce-adults-with-children",
        "adults|men|males|cars|car|vehicles * picking|collecting|dropping|driving|collect"
        "|collects|collected|pick|picks|picked @child|them|him|her",
        0.8,
        "older associates",
    ),
    (
        "cce-child-in-cars",
        "@child getting|get|got|gets into|in cars|car|vehicles|taxis|taxi",
        0.75,
        "older associates",
    ),
    (
        "cce-cars-with-men",
        "into|in @det? cars|car|vehicles|vans|van|taxis with|by @det? older|unknown|strange?"
        " men|man|males|adults|adult|strangers|blokes",
        0.75,
        "older associates",
    ),
    (
        "cce-driven-around",
        "driven|ferried|chauffeured around|about|round by? @det? older|unknown|adult?"
        " @older_person?",
        0.65,
        "older associates",
    ),
    (
        "cce-unknown-adults",
        "with|by|from @det? unknown|strange|random adults|adult|males|men|man|male",
        0.65,
        "older associates",
    ),
    # dealing slang tied to exploitation
    ("cce-trapping", "(trapping|trapper|trappers|trap life)", 0.85, "trapping"),
    ("cce-shotting", "shotting|shotter|shotters", 0.8, "trapping"),
    ("cce-running-line", "running|run|runs|ran @det? * line|lines", 0.6, "trapping"),
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
    (
        "cce-concealed-body",
        "hidden|hiding|hid|hide|hides|concealed|concealing|secreted|secreting|stashed|stashing"
        "|keeping|kept|keeps|stuffed|tucked in|inside|down|up @det? boxers|pants|underwear|bum"
        "|backside|bottom|crotch|groin|mouth|cheeks|cheek|knickers|bra|socks|sock|trousers"
        "|trackies|shorts",
        0.8,
        "drugs concealed on the body",
    ),
    (
        "cce-in-underwear",
        "wraps|drugs|baggies|package|packages|deals|crack|heroin|weed in|inside|down|up"
        " his|her|their boxers|pants|underwear|bum|backside|crotch|mouth|cheeks|knickers|bra"
        "|socks",
        0.8,
        "drugs concealed on the body",
    ),
    (
        "cce-found-in-room",
        "found|hidden|hiding|stashed|stashing|keeping|kept|keeps * in|under @det bedroom|room"
        "|schoolbag|wardrobe|drawer|drawers|bag|rucksack|pocket|pockets|mattress|bed",
        0.7,
        "drugs hidden at home",
    ),
    ("cce-train-tickets", "train|rail|coach|bus tickets|ticket", 0.8, "travel unexplained"),
    ("cce-hotel", "hotel keys|key|rooms|room|receipts|cards", 0.75, "travel unexplained"),
    (
        "cce-hotel-stay",
        "staying|stayed|stays|stay|taken|took|brought|driven|kept|sleeping|living at|to|in"
        " @det? hotel|hotels|airbnb|airbnbs|b&b|travelodge|premier",
        0.75,
        "travel unexplained",
    ),
    ("cce-taxis", "taxi|uber|cab receipts|fares|rides", 0.7, "travel unexplained"),
    # weapons and injuries
    (
        "cce-weapon",
        "carrying|carries|carry|carried|has|had|got|found|caught|possession|hiding|hid|hides"
        "|keeps|kept|armed|brandishing|brandished|pulled|produced with|of? @det? @weapon_mod?"
        " @weapon_item",
        0.8,
        "weapon carried by a child",
    ),
    (
        "cce-injuries",
        "unexplained|unexplainable injuries|injury|bruises|cuts",
        0.85,
        "unexplained injuries",
    ),
    (
        "cce-injury-to",
        "cuts|bruises|bruising|bruised|burns|injuries|injury|marks|wounds|scratches|swelling"
        " on|to|over|around @det? face|hands|hand|arms|arm|legs|leg|body|back|head|ribs|eye"
        "|eyes|neck",
        0.7,
        "injuries",
    ),
    ("cce-black-eye", "black eye|eyes", 0.7, "injuries"),
    ("cce-stab-wound", "stab|knife|slash wound|wounds|injury|injuries", 0.75, "injuries"),
    (
        "cce-beaten",
        "been|got|get|gets|was|were|being stabbed|slashed|beaten|battered|jumped|glassed|hurt",
        0.65,
        "injuries",
    ),
    (
        "cce-injuries-consistent",
        "injuries|injury|bruising|bruises|wounds consistent with",
        0.7,
        "injuries",
    ),
    # names
    ("cce-new-nickname", "(new nickname|new nicknames|new street name)", 0.7, "new nickname"),
    ("cce-new-name", "new name|names", 0.6, "new nickname"),
    ("cce-calls-himself", "calls|calling|call himself|herself|themselves", 0.6, "new nickname"),
    (
        "cce-everyone-calls",
        "everyone|everybody|they|people|mates|friends|olders call|calls|calling him|her * now",
        0.6,
        "new nickname",
    ),
)

_CUCKOOING: tuple[tuple[str, str, float, str], ...] = (
    (
        "cuckoo-word",
        "cuckooed|cuckood|cuckoo'd|cukooed|cuckoed",
        0.95,
        "cuckooing",
    ),
    ("cuckoo-cuckoo", "cuckoo", 0.8, "cuckooing"),
    # "being cuckooed" is said as "is cuckooing him" too; the noun alone ("Cuckooing visit",
    # "cuckooing flag", "CUCKOOING REGISTER") names a category of work, not this home
    ("cuckoo-cuckooing-someone", "cuckooing|cuckooin @det|him|her|them", 0.9, "cuckooing"),
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
        "cuckoo-strangers-moved-in",
        "@stayer * moved|moving|move|moves in|into",
        0.75,
        "home taken over",
    ),
    (
        "cuckoo-strangers-staying",
        "@stayer * staying|stayin|living|sleeping|dossing|crashing|stopping|kipping at|in|there"
        "|with|here|over|round|who|,",
        0.7,
        "home taken over",
    ),
    (
        "cuckoo-where-staying",
        "where|who @det? @stayer * staying|stayin|living|sleeping|dossing|crashing|kipping",
        0.7,
        "home taken over",
    ),
    (
        "cuckoo-occupant-pushed-out",
        "@vulnerable_person|he|she|tenant|occupant|owner|occupier * sleeping|living|staying"
        "|kept|confined|locked|lives in|on @det? car|bedroom|room|sofa|kitchen|garden|shed"
        "|tent|floor|hallway",
        0.7,
        "home taken over",
    ),
    (
        "cuckoo-using-home",
        "using|use|uses|used @det * @home as|to|for",
        0.85,
        "home used for dealing",
    ),
    (
        "cuckoo-using-someones-home",
        "using|use|uses|used @det * @home",
        0.75,
        "home used for dealing",
    ),
    (
        "cuckoo-home-used",
        "@home is|was|has|had|been|being? being|been? used to|for|as",
        0.85,
        "home used for dealing",
    ),
    (
        "cuckoo-dealing-from",
        "dealing|selling|sell|sells|deal|deals|sold|dealt|supplying|supply|operating|working"
        " @drug_noun? (from|out of|outta|at) * @home|there|inside",
        0.85,
        "home used for dealing",
    ),
    (
        "cuckoo-drug-use-inside",
        "smoking|injecting|taking|using|doing @drug_noun in|at|inside @det? * @home|there",
        0.7,
        "drug use at the home",
    ),
    (
        "cuckoo-storing-at",
        "stored|storing|store|stores|kept|keeping|stash|stashed|stashing|hidden|hiding"
        " @drug_noun|weapons|@weapon_item * at|in @det? @home|there",
        0.75,
        "home used for dealing",
    ),
    (
        "cuckoo-let-use",
        "let|lets|letting|allow|allows|allowing|allowed @visitors|dealers|them|lads|men|males"
        "|people * use|stay|deal|sell|live|store|stash|cook|bag @det? @home?",
        0.75,
        "home used for dealing",
    ),
    (
        "cuckoo-in-exchange",
        "in exchange|return for drugs|gear|crack|heroin|free",
        0.7,
        "home used for dealing",
    ),
    (
        "cuckoo-trap-house",
        "trap|crack|drug|drugs|dealing house|houses|den|dens|flat|flats|spot|spots",
        0.95,
        "trap house",
    ),
    ("cuckoo-traphouse", "traphouse|traphouses|bando|bandos", 0.95, "trap house"),
    ("cuckoo-taken-advantage", "taken|taking|take|takes advantage of", 0.7, "home taken over"),
    ("cuckoo-dementia", "dementia|alzheimer's|alzheimers|alzheimer", 0.8, "vulnerable occupant"),
    ("cuckoo-the-trap", "the|a|their|that trap", 0.7, "trap house"),
    ("cuckoo-shooting-gallery", "shooting gallery", 0.9, "trap house"),
    # visitors
    ("cuckoo-coming-going", "coming and|n|& going", 0.9, "visitors at all hours"),
    ("cuckoo-going-coming", "going and|n|& coming", 0.9, "visitors at all hours"),
    ("cuckoo-comings-goings", "comings and|& goings", 0.9, "visitors at all hours"),
    (
        "cuckoo-come-and-go",
        "(come and go|comes and goes|came and went|come n go|come & go)",
        0.85,
        "visitors at all hours",
    ),
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
    (
        "cuckoo-all-night",
        "(all night|all night long|throughout the night|through the night|all day and night)",
        0.6,
        "visitors at all hours",
    ),
    ("cuckoo-24-7", "24/7", 0.6, "visitors at all hours"),
    (
        "cuckoo-many-visitors",
        "@many of|in? @visits_strong",
        0.85,
        "visitors at all hours",
    ),
    (
        "cuckoo-many-people",
        "@many of|in? @visits_weak",
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
    (
        "cuckoo-brief-stop",
        "stop|stops|stopped|stopping|inside|lasting|lasts|last|wait|waits|waiting|parked"
        " (for|after|under|for under|for less than|less than)?"
        " (a few|a couple of|a couple|few|#|a|one) minutes|minute|mins|min|seconds",
        0.7,
        "visitors at all hours",
    ),
    (
        "cuckoo-every-minutes",
        "every|each (few|couple of|#|a few)? minutes|mins|min|minute",
        0.7,
        "visitors at all hours",
    ),
    ("cuckoo-pulling-up", "@visitors pulling|pull|pulls|pulled up", 0.8, "visitors at all hours"),
    (
        "cuckoo-hanging-outside",
        "@visitors * hanging|loitering|lurking|waiting around|about|round? outside",
        0.6,
        "visitors at all hours",
    ),
    (
        "cuckoo-stopping-outside",
        "@visitors stopping|stop|stops|stopped|parking|parks|parked|waiting|waits|idling"
        " outside|up",
        0.7,
        "visitors at all hours",
    ),
    (
        "cuckoo-queuing",
        "queuing|queueing|queue|queues|queued outside|at|by|up",
        0.75,
        "visitors at all hours",
    ),
    (
        "cuckoo-knocking",
        "knocking|knock|banging|bang|knocks at? all? hours?",
        0.5,
        "visitors at all hours",
    ),
    (
        "cuckoo-small-hours",
        "@visitors|knocking|knock|knocks|knocked|banging|buzzing|calling|arriving|turning"
        "|queuing * at|till|until|gone|past|around|about # am|a.m.",
        0.7,
        "visitors at all hours",
    ),
    (
        "cuckoo-door-answered",
        "unknown|strange|different|young|new @visitors|youths|males|lads|men|people|person"
        "|faces answering|answered|answer|answers @det? door",
        0.75,
        "home taken over",
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
        "mental health issues|problems|needs|condition|conditions|concerns|difficulties",
        0.8,
        "vulnerable occupant",
    ),
    ("cuckoo-elderly", "elderly|disabled|frail @vulnerable_person", 0.75, "vulnerable occupant"),
    ("cuckoo-disabled", "is|'s|s|was|registered disabled", 0.7, "vulnerable occupant"),
    ("cuckoo-mh", "mh issues|problems|needs|condition|concerns", 0.75, "vulnerable occupant"),
    (
        "cuckoo-alcoholic-person",
        "alcoholic male|female|man|woman|occupant|tenant|resident|neighbour|lady|gent",
        0.75,
        "vulnerable occupant",
    ),
    ("cuckoo-wheelchair", "in|uses|using a|his|her|the? wheelchair", 0.7, "vulnerable occupant"),
    ("cuckoo-wheelchair-user", "wheelchair user|users|bound", 0.7, "vulnerable occupant"),
    (
        "cuckoo-dependent",
        "heroin|crack|drug|alcohol|methadone|opiate dependent|dependant|dependency|addicted",
        0.75,
        "vulnerable occupant",
    ),
    (
        "cuckoo-dependent-on",
        "dependent|dependant|addicted on|to heroin|crack|drugs|alcohol|drink|methadone",
        0.75,
        "vulnerable occupant",
    ),
    (
        "cuckoo-known-user",
        "known|heavy|vulnerable|longterm @drug_user user|users|addict|addicts",
        0.65,
        "vulnerable occupant",
    ),
    ("cuckoo-alcoholic", "is|'s|s|was an alcoholic|addict", 0.6, "vulnerable occupant"),
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
        "has|have|had|was|were|is|are|ai? @neg been? seen"
        " @det? tenant|occupant|resident|neighbour|him|her|them? for|in|since",
        0.75,
        "occupant not seen",
    ),
    (
        "cuckoo-havent-seen",
        "@neg seen|see @det? him|her|them|tenant|occupant|resident"
        "|neighbour|lady|man|woman|occupier|anyone|owner for|in|since",
        0.75,
        "occupant not seen",
    ),
    (
        "cuckoo-not-seen-recently",
        "@neg seen|see him|her|them|the tenant? for weeks|days|ages",
        0.8,
        "occupant not seen",
    ),
    (
        "cuckoo-occupant-not-seen",
        "@vulnerable_person|occupier|owner|he|she * has|have|had|is|was|been? @neg"
        "|never been? seen|out|outside",
        0.7,
        "occupant not seen",
    ),
    (
        "cuckoo-nobody-seen",
        "(nobody|noone|no one) has|have|had? seen|sees|see @det? @vulnerable_person|occupier"
        "|owner|him|her",
        0.75,
        "occupant not seen",
    ),
    (
        "cuckoo-never-see",
        "@neg|rarely|hardly see|seen|sees @det? @vulnerable_person|occupier|owner"
        "|him|her * anymore|nowadays|lately|recently|now",
        0.7,
        "occupant not seen",
    ),
    (
        "cuckoo-withdrawn",
        "withdrawn|scared|frightened|terrified|afraid|intimidated",
        0.6,
        "occupant withdrawn",
    ),
    (
        "cuckoo-not-coming-out",
        "@neg|rarely|hardly|barely|stopped come|comes|came|coming|go|goes|going"
        "|gone|been|leave|leaves|leaving out|outside|anymore",
        0.65,
        "occupant withdrawn",
    ),
    (
        "cuckoo-not-answering",
        "@neg|stopped|refuses|refused answer|answering|answers|opening|open|opens"
        " the|his|her? door|phone",
        0.65,
        "occupant withdrawn",
    ),
    (
        "cuckoo-reluctant",
        "reluctant|unwilling|refused|refuses|refusing|declined|scared|afraid|frightened|too"
        " to? engage|speak|talk|engaging|cooperate",
        0.65,
        "occupant withdrawn",
    ),
    # financial abuse of the occupant
    (
        "cuckoo-took-money",
        "taken|took|taking|take|takes|stolen|stole|steal|stealing|using|uses|used|controlling"
        "|controls|kept|keeping @det (bank card|bank cards|card|cards|pension|benefits|money"
        "|bank account|giro|pin|savings)",
        0.7,
        "financial abuse of the occupant",
    ),
    (
        "cuckoo-benefits-taken",
        "(benefits|pension|money|bank card|giro|savings) being|been|is|was|were|are|getting?"
        " taken|stolen|used|controlled|kept",
        0.7,
        "financial abuse of the occupant",
    ),
    (
        "cuckoo-financial-abuse",
        "financial|financially abuse|abused|exploitation|exploited|exploiting",
        0.75,
        "financial abuse of the occupant",
    ),
    # the property
    ("cuckoo-door-kicked", "door|doors kicked|smashed|broken in|off|down?", 0.85, "damaged door"),
    (
        "cuckoo-damaged-door",
        "damaged|broken|smashed|kicked|boarded|forced|splintered @det? front|back? door|doors",
        0.8,
        "damaged door",
    ),
    (
        "cuckoo-damaged-window",
        "damaged|broken|smashed|kicked|boarded|forced @det? front|back? window|windows|lock|locks",
        0.7,
        "damaged door",
    ),
    (
        "cuckoo-damage-to",
        "damage|damaged to @det? front|back? door|doors|window|windows|lock|locks|frame",
        0.8,
        "damaged door",
    ),
    (
        "cuckoo-door-damaged",
        "(door frame|door frames|door|doors|frame|frames) has|have|was|were|is|are|'s|s|been?"
        " been? damaged|broken"
        "|smashed|kicked|boarded|forced|splintered|booted|caved in|down|off|up|through?",
        0.8,
        "damaged door",
    ),
    (
        "cuckoo-window-damaged",
        "window|windows|lock|locks has|have|was|were|is|are|'s|s|been? been? damaged|broken"
        "|smashed|boarded|changed|forced in|up?",
        0.7,
        "damaged door",
    ),
    ("cuckoo-door-hanging", "door|doors hanging|falling off", 0.8, "damaged door"),
    ("cuckoo-drug-litter", "drug|drugs litter|paraphernalia", 0.85, "drug litter"),
    (
        "cuckoo-needles",
        "(needles|syringes|burnt foil|crack pipes|burnt spoons|crack pipe|used needles)",
        0.7,
        "drug litter",
    ),
    (
        "cuckoo-litter-weak",
        "(foil|spoons|cling film|snap bags|small bags|baggies|empty bags)",
        0.6,
        "drug litter",
    ),
    (
        "cuckoo-smell",
        "smell|smells|smelling|stench|stink|stinks|reek|reeks|reeking of @drug_noun|burning|smoke",
        0.65,
        "drug use at the home",
    ),
    ("cuckoo-arrears", "rent|rental arrears", 0.8, "sudden arrears"),
    ("cuckoo-in-arrears", "in|into arrears", 0.75, "sudden arrears"),
    (
        "cuckoo-behind-rent",
        "behind with|on @det? rent|bills|payments",
        0.75,
        "sudden arrears",
    ),
    (
        "cuckoo-not-paying-rent",
        "@neg|stopped paying|paid|pay @det? rent",
        0.7,
        "sudden arrears",
    ),
    (
        "cuckoo-curtains",
        "curtains|blinds are|is|were|kept? always|permanently|constantly|kept? drawn|closed|shut",
        0.6,
        "curtains always drawn",
    ),
)

_AGE_RULES = (
    "cce-age",
    "cce-as-young-as",
    "cce-age-short",
    "cce-age-slash",
    "cce-aged",
    "cce-looks-age",
    "cce-about-age",
    "cce-no-older",
    "cce-child-bracket-age",
    "cce-child-is-age",
    "cce-subject-age",
)

MAX_AGE: frozenset[str] = frozenset(_AGE_RULES)

NOT_BEFORE: dict[str, frozenset[str]] = {
    # "in care home", "into care work": an older person's home, a job
    "cce-in-care": frozenset(
        {"home", "homes", "worker", "workers", "work", "agency", "assistant", "of", "staff"}
    ),
    "cce-country-trip": frozenset({"park", "club", "house", "side", "lane", "pub"}),
    "cuckoo-in-and-out": frozenset(
        {"prison", "jail", "custody", "care", "hospital", "trouble", "work", "jobs", "school"}
    ),
    "cuckoo-the-trap": frozenset({"house", "houses", "flat", "door", "set"}),
    "cuckoo-traphouse": frozenset({"line"}),  # "the Bando line": a deal line's name
    "cuckoo-trap-house": frozenset({"line"}),
    "cce-about-age": NOT_AN_AGE,
    "cce-subject-age": NOT_AN_AGE,
    "cce-aged": NOT_AN_AGE,
    "cce-looks-age": NOT_AN_AGE,
    "cce-child-is-age": NOT_AN_AGE,
}

NOT_AFTER: dict[str, frozenset[str]] = {
    "cce-went-missing": _LOST_THINGS,
    "cce-not-seen": words(
        """occupier occupiers occupant occupants tenant tenants resident residents neighbour
        owner lady man woman"""
    ),
    "cce-groomed": words("dog dogs pet pets horse cat"),
    "cce-runner": words("front bean beans"),
}

UNLESS: dict[str, frozenset[str]] = {
    "cce-new-goods": EVERYDAY_GOODS,
    "cce-new-designer": EVERYDAY_GOODS,
    "cce-comes-home-with": EVERYDAY_GOODS,
    "cce-several-phones": words("work business job personal firm company") | EVERYDAY_GOODS,
    "cce-train-tickets": EVERYDAY_TRAVEL,
    "cce-hotel": EVERYDAY_TRAVEL,
    "cce-hotel-stay": EVERYDAY_TRAVEL,
    "cce-travel-to-place": EVERYDAY_TRAVEL,
    "cce-by-train": EVERYDAY_TRAVEL,
    "cce-staying-out": EVERYDAY_OUT,
    "cuckoo-coming-going": EVERYDAY_VISITORS,
    "cuckoo-going-coming": EVERYDAY_VISITORS,
    "cuckoo-comings-goings": EVERYDAY_VISITORS,
    "cuckoo-come-and-go": EVERYDAY_VISITORS,
    "cuckoo-in-and-out": EVERYDAY_VISITORS,
    "cuckoo-all-hours": EVERYDAY_VISITORS,
    "cuckoo-many-visitors": EVERYDAY_VISITORS,
    "cuckoo-many-people": EVERYDAY_VISITORS,
    "cuckoo-visitors": EVERYDAY_VISITORS,
    "cuckoo-every-minutes": EVERYDAY_VISITORS,
    "cuckoo-damaged-door": EVERYDAY_DAMAGE,
    "cuckoo-damaged-window": EVERYDAY_DAMAGE,
    "cuckoo-window-damaged": EVERYDAY_DAMAGE | words("landlord locksmith"),
    "cuckoo-damage-to": EVERYDAY_DAMAGE,
    "cuckoo-door-damaged": EVERYDAY_DAMAGE,
    "cuckoo-door-kicked": EVERYDAY_DAMAGE,
    "cuckoo-arrears": EVERYDAY_ARREARS,
    "cuckoo-in-arrears": EVERYDAY_ARREARS,
    "cuckoo-behind-rent": EVERYDAY_ARREARS,
    "cuckoo-not-paying-rent": EVERYDAY_ARREARS,
}

#: Age rules whose bare approximate number (``about 8``, ``around 10``) is as often a time
#: of day: read as an age only where it does not read as a time (``not_a_time``).
NOT_A_TIME: frozenset[str] = frozenset({"cce-about-age"})

THEN_PLACE: frozenset[str] = frozenset(
    {"cce-missing-from-place", "cce-found-in-place", "cce-from-place", "cce-travel-to-place"}
)

#: Rules that find a person's vulnerability: context for the cuckooing signs, not a sign (the
#: guidance lists what is done to a home, not who lives there); mention type ``vulnerability``.
#: Confidence of a child's vulnerability with no child named nearby (below the default 0.5).
CHILD_VULNERABILITY_UNCONFIRMED = 0.45

#: A child's own vulnerabilities (value "child ..."): read only where a child is named nearby.
CHILD_VULNERABILITY_RULES: frozenset[str] = frozenset(
    {
        "cce-looked-after",
        "cce-in-care",
        "cce-childrens-home",
        "cce-foster",
        "cce-additional-needs",
        "cce-special-needs",
        "cce-childrens-services",
        "cce-protection-plan",
    }
)

#: An adult occupant's vulnerabilities (cuckooing), and a child's.
VULNERABILITY_RULES: frozenset[str] = CHILD_VULNERABILITY_RULES | frozenset(
    {
        "cuckoo-vulnerable",
        "cuckoo-vulnerable-user",
        "cuckoo-vulnerable-word",
        "cuckoo-learning",
        "cuckoo-mental-health",
        "cuckoo-elderly",
        "cuckoo-disabled",
        "cuckoo-mh",
        "cuckoo-alcoholic-person",
        "cuckoo-wheelchair",
        "cuckoo-wheelchair-user",
        "cuckoo-dependent",
        "cuckoo-dependent-on",
        "cuckoo-dementia",
        "cuckoo-alcoholic",
        "cuckoo-lives-alone",
        "cuckoo-known-user",
    }
)


NEEDS: dict[str, str] = {
    # ages: a child in a report about dealing, or beside another sign
    **{rule_id: "dealing|sign" for rule_id in _AGE_RULES},
    "cce-about-age": "child dealing|sign",
    "cce-child-working": "dealing|sign",
    "cce-child-aged-working": "dealing|sign",
    "cce-young-working": "dealing|sign",
    "cce-runner-for": "child",
    "cce-unexplained-injury": "child",
    "cce-unexplained-absence": "child",
    **{rule_id: "child" for rule_id in CHILD_VULNERABILITY_RULES},
    "cce-runner": "child dealing|sign",
    "cce-doing-deals": "child",
    "cce-handing-over": "child dealing|sign",
    "cce-carrying-drugs": "child",
    "cce-made-to": "child",
    "cce-excluded-alone": "child",
    "cce-absent-for": "child",
    "cce-missing-from-place": "child",
    "cce-county-lines": "child",
    "cce-linked-to-line": "child",
    "cce-works-for": "child dealing|sign",
    "cce-found-in-place": "child|sign",
    "cce-from-place": "dealing|sign",
    "cce-travel-to-place": "child dealing|sign",
    "cce-by-train": "child dealing|sign",
    "cce-not-seen": "child",
    "cce-never-home": "child",
    "cce-owes": "child|drug|sign",
    "cce-debt-of": "child|dealing|sign",
    "cce-in-debt": "child",
    "cce-pay-back": "child|dealing|sign",
    "cce-punished": "child|dealing",
    "cce-paid-to-take": "child|dealing|sign",
    "cce-paid-sum": "child|dealing",
    "cce-goods-not-bought": "child",
    "cce-cannot-explain": "child|sign",
    "cce-where-from": "child",
    "cce-comes-home-with": "child",
    "cce-always-money": "child|sign",
    "cce-cash-sum": "child|sign",
    "cce-bank-card": "child",
    "cce-card-other-name": "child|sign",
    "cce-move-money": "child",
    "cce-money-mule": "child",
    "cce-several-phones": "child|dealing|sign",
    "cce-burner": "child|sign",
    "cce-much-cash": "child|dealing|sign",
    "cce-wads": "child|dealing|sign",
    "cce-adults-with-children": "child|sign",
    "cce-cars-with-men": "child",
    "cce-driven-around": "child",
    "cce-unknown-adults": "child",
    "cce-concealed-body": "drug|dealing",
    "cce-in-underwear": "drug|dealing",
    "cce-train-tickets": "child|sign",
    "cce-hotel-stay": "child",
    "cce-weapon": "child",
    "cce-injury-to": "child",
    "cce-black-eye": "child",
    "cce-stab-wound": "child",
    "cce-beaten": "child dealing|sign",
    "cce-injuries-consistent": "child",
    "cce-new-name": "child",
    "cce-calls-himself": "child dealing|sign",
    "cce-everyone-calls": "child",
    "cce-out-of-area": "child",
    "cce-staying-out": "child",
    "cce-not-coming-home": "child",
    "cce-disappearing": "child",
    "cce-involved": "child",
    "cce-home-late": "child",
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
    "cce-out-country": "drug",
    # cuckooing
    "cuckoo-taken-advantage": "home",
    "cuckoo-dementia": "home dealing|sign",
    "cuckoo-havent-seen": "home",
    "cuckoo-visitors": "home",
    "cuckoo-many-people": "home",
    "cuckoo-early-hours": "home",
    "cuckoo-odd-hours": "home",
    "cuckoo-vulnerable": "dealing|sign",
    "cuckoo-vulnerable-user": "dealing|sign",
    "cuckoo-vulnerable-word": "home dealing|sign",
    "cuckoo-learning": "dealing|sign",
    "cuckoo-mental-health": "dealing|sign",
    "cuckoo-elderly": "dealing|sign",
    "cuckoo-disabled": "dealing|sign",
    "cuckoo-mh": "dealing|sign",
    "cuckoo-alcoholic-person": "dealing|sign",
    "cuckoo-wheelchair": "dealing|sign",
    "cuckoo-wheelchair-user": "dealing|sign",
    "cuckoo-dependent": "home dealing|sign",
    "cuckoo-dependent-on": "home dealing|sign",
    "cuckoo-known-user": "home",
    "cuckoo-alcoholic": "home dealing|sign",
    "cuckoo-withdrawn": "home !minor",
    "cuckoo-not-coming-out": "home !minor",
    "cuckoo-not-answering": "home !minor",
    "cuckoo-reluctant": "home !minor",
    "cuckoo-occupant-not-seen": "home !minor",
    "cuckoo-nobody-seen": "home",
    "cuckoo-never-see": "home",
    "cuckoo-lives-alone": "home dealing|sign",
    "cuckoo-needles": "home",
    "cuckoo-litter-weak": "home dealing|sign",
    "cuckoo-smell": "home",
    "cuckoo-knocking": "home",
    "cuckoo-day-and-night": "home",
    "cuckoo-all-night": "sign",
    "cuckoo-24-7": "home",
    "cuckoo-strangers-staying": "home",
    "cuckoo-strangers-moved-in": "home",
    "cuckoo-where-staying": "home",
    "cuckoo-occupant-pushed-out": "home",
    "cuckoo-curtains": "home|sign",
    "cuckoo-cuckoo": "home",
    "cuckoo-moved-in": "drug",
    "cuckoo-using-home": "drug",
    "cuckoo-using-someones-home": "dealing",
    "cuckoo-home-used": "drug",
    "cuckoo-let-use": "drug|dealing",
    "cuckoo-in-exchange": "home",
    "cuckoo-brief-stop": "home|sign",
    "cuckoo-every-minutes": "home",
    "cuckoo-stopping-outside": "home",
    "cuckoo-queuing": "home",
    "cuckoo-small-hours": "home",
    "cuckoo-took-money": "home !minor",
    "cuckoo-benefits-taken": "home !minor",
    "cuckoo-financial-abuse": "home",
    "cuckoo-damaged-window": "home|sign",
    "cuckoo-window-damaged": "home|sign",
    "cce-to-cars": "child",
    "cce-found-in-room": "child dealing",
    "cuckoo-hanging-outside": "home",
    "cuckoo-drug-use-inside": "home",
    "cuckoo-storing-at": "home",
    "cuckoo-arrears": "dealing|sign",
    "cuckoo-in-arrears": "dealing|sign",
    "cuckoo-behind-rent": "dealing|sign",
    "cuckoo-not-paying-rent": "dealing|sign",
}

#: Confidence kept when ``needs`` does not hold: a weak cue alone (see the docstring).
ALONE: dict[str, float] = {
    # a child's age and a vulnerability are facts (types ``age``, ``vulnerability``), shown
    # without a sign beside them, less surely
    **{rule_id: 0.6 for rule_id in _AGE_RULES},
    "cce-several-phones": 0.55,
    "cce-train-tickets": 0.55,
    "cce-much-cash": 0.45,
    "cce-wads": 0.45,
    **{rule_id: 0.6 for rule_id in VULNERABILITY_RULES - CHILD_VULNERABILITY_RULES},
    # a child's vulnerability with no child word nearby: kept below the default threshold,
    # for the clause reader to confirm where the text names a child elsewhere ("Tyler, 15,")
    **{rule_id: CHILD_VULNERABILITY_UNCONFIRMED for rule_id in CHILD_VULNERABILITY_RULES},
    "cuckoo-arrears": 0.55,
    "cuckoo-in-arrears": 0.45,
    "cuckoo-behind-rent": 0.45,
}


def _type_of(rule_id: str, kind: str) -> str:
    """A child's age is mention type ``age`` and a vulnerability ``vulnerability``: facts
    that make the signs nearby matter, not signs themselves."""
    if rule_id in MAX_AGE:
        return "age"
    if rule_id in VULNERABILITY_RULES:
        return "vulnerability"
    return kind


def _build(kind: str, rows: tuple[tuple[str, str, float, str], ...]) -> tuple[IndicatorRule, ...]:
    return tuple(
        IndicatorRule(
            rule_id,
            _type_of(rule_id, kind),
            pattern,
            confidence,
            value,
            max_age=rule_id in MAX_AGE,
            not_before=NOT_BEFORE.get(rule_id, frozenset()),
            needs=NEEDS.get(rule_id),
            alone=ALONE.get(rule_id),
            not_after=NOT_AFTER.get(rule_id, frozenset()),
            unless=UNLESS.get(rule_id, frozenset()),
            then_place=rule_id in THEN_PLACE,
            not_a_time=rule_id in NOT_A_TIME,
        )
        for rule_id, pattern, confidence, value in rows
    )


#: Every indicator rule, CCE then cuckooing.
INDICATOR_RULES: tuple[IndicatorRule, ...] = _build("cce_indicator", _CCE) + _build(
    "cuckooing_indicator", _CUCKOOING
)
