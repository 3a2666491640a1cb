"""The cues of the clause reader (:mod:`countylines.extract.clauses`): what a clause says.

People describe the signs of exploitation in their own words ("gives the kids trainers and
phones", "his benefits seem to have disappeared"), rarely in the guidance's. The clause reader
looks, inside one clause, for the *kind* of thing said: a child; someone doing a line's work;
something given; debt; injury; late hours; strangers staying in a home; keys or money taken.
Each cue below is a set of words; a *pair* cue holds when a word of each set is in the clause
(in either order). Categories follow the indicator lists of the Home Office county-lines
guidance (2023), the Children's Society "Look Closer" signs and local-authority cuckooing
guidance, as summarised in ``shared/DOMAIN.md``.

All words lower case (matching is on the lower-cased token); spaCy splits ``won't`` into
``wo`` + ``n't`` and ``can't`` into ``ca`` + ``n't``.
"""

from __future__ import annotations

from countylines.extract.lexicon.indicators import (
    EVERYDAY_ARREARS,
    EVERYDAY_DAMAGE,
    EVERYDAY_GOODS,
    EVERYDAY_OUT,
    EVERYDAY_TRAVEL,
    EVERYDAY_VISITORS,
)
from countylines.extract.lexicon.words import CLASSES, words

#: Words that name a child (a child's age found by the age rules counts too).
CHILD = CLASSES["child"] | words(
    """kiddies kiddy schoolkids schoolchildren little'uns littleuns tots toddlers under-18s
    under-16s yr7 yr8 yr9 yr10 yr11"""
)
#: Words that name a child only with ``young``/``little``/``school`` or an age beside them.
YOUNG_PERSON = words("lad lads lads' fella guys ones man men males male lot")
YOUNG = words("young younger little small school underage teenage baby-faced")

#: Verbs that sell: a child just after one (``sell my son a phone``) or after ``to``
#: (``selling weed to kids``) is a customer.
SELL = words("sell sells selling sold flogging offering")

#: First words of a clause whose subject is left out (``has a second phone``, ``comes
#: home at 4am``): the clause is about whoever the text is about.
ELIDED_SUBJECT = words(
    """has have had is was were are keeps kept comes came goes went gets got been being
    seems seemed says said always never often still now"""
)

#: Negations (spaCy keeps ``n't`` as its own token).
NEG = CLASSES["neg"] | words("n't no none nobody")

#: Pronouns and nouns that carry a person the text is about.
PERSON_REF = words(
    """he she him her they them his hes shes he's she's their subject ip yp cyp subj poi
    nominal male female"""
)

# -- child criminal exploitation --------------------------------------------------------------

#: Doing a line's work: clear on its own.
SUPPLY_STRONG = words(
    """selling sellin sell sells sold dealing dealin deal deals dealt supplying supply
    supplies supplied shotting shotter shotters trapping deliveries delivering deliver
    delivers delivered drops couriering courier couriers lookout lookouts runner runners
    pwits plug plugs"""
)
#: Doing a line's work only with something carried, or "for" someone.
SUPPLY_WEAK = words(
    """running run runs ran holding hold holds held carrying carry carries carried moving
    moves moved stashing stash hiding hide hid hidden taking takes took dropping drop
    dropped hand handing hands handed passing passes passed collecting collects collected
    bringing brings brought counting leaving leaves coming comes going goes walking
    cycling riding"""
)
SUPPLY_OBJECT = words(
    """bags bag baggies packages package parcels parcel packets packet stuff gear drugs
    drug wraps wrap envelopes envelope cash holdalls holdall rucksack rucksacks food bits"""
)
#: Working for someone: ``running for him``, ``holds stuff for them``.
WORK_FOR = words(
    """running runs run ran working works work worked holding holds hold held carrying
    carries carry doing does did dealing selling"""
)
FOR_WHOM = words(
    """him them someone somebody dealers dealer man men people gang olders elders someone's
    others"""
)
#: Something given or offered to someone.
GIVE = words(
    """give gives gave given giving hand hands handing handed offering offered offers offer buys
    bought buying buy paying pays paid"""
)
GIFT = words(
    """phone phones mobile mobiles sim sims money cash £ trainers clothes clothing coat
    jacket jackets garms envelopes envelope packages package parcel bag bags stuff gear
    lifts lift trip tickets ticket designer"""
)
#: Goods a child could not have paid for.
NEW = words("new expensive designer branded latest flash fancy pricey unexplained")
GOODS = CLASSES["goods"] - words("cash money gear bag bags")
BRANDS = words(
    """moncler gucci trapstar corteiz rolex airpods jordans jordan louboutin balenciaga
    burberry prada versace"""
)
BRAND_PAIRS = (
    ("canada", "goose"),
    ("north", "face"),
    ("air", "max"),
    ("stone", "island"),
    ("louis", "vuitton"),
)
MONEY = words("cash money wad wads notes £ rolls quid grand")
#: Money is a sign only when it is much, or often: ``always has cash``, ``counting cash``.
MONEY_MUCH = words(
    """counting always loads lots wads wad rolls roll bundle bundles large big thick stacks
    wedge hundreds thousands"""
)
#: Late hours: ``at 2am``, ``0200hrs``, ``midnight``, ``late at night``.
NIGHT = words("midnight overnight 1am 2am 3am 4am 5am 1.00am 2.00am 3.00am 4.00am 5.00am")
NIGHT_PAIRS = (
    ("late", "night"),
    ("all", "night"),
    ("at", "night"),
    ("early", "hours"),
    ("middle", "night"),
)
#: Moving about (with a town named in the clause, or a taxi or train).
TRAVEL = words(
    """travelling travelled travels travel sent send driven taken dropped picked
    found located arrested stopped getting going goes went came comes trip trips journey
    journeys alone"""
)
TRANSPORT = words("taxi taxis train trains uber ubers coach megabus cab cabs")
DEBT = words("owes owe owed owing debt debts indebted taxed")
DEBT_PAIRS = (
    ("pay", "off"),
    ("pay", "back"),
    ("paying", "off"),
    ("paying", "back"),
    ("work", "off"),
    ("working", "off"),
    ("lost", "package"),
)
INJURY = words(
    """injury injuries injured cut cuts bruise bruises bruised bruising stabbed stab wound
    wounds scar scars burns burn slashed beaten battered swollen"""
)
INJURY_PAIRS = (("black", "eye"), ("won't", "explain"), ("wo", "explain"))
OLDER = words("older adult adults grown")
OLDER_PERSON = CLASSES["older_person"] | words("ones")
OLDER_AGE = words("20s 30s 40s twenties thirties forties")
COERCION = words(
    """made forced threatened pressured pressure instructing instructed instructions orders
    ordered groomed grooming recruited recruiting exploited exploiting exploitation
    controlled controlling"""
)
HOLD_FOR = words("holding hold holds held minding mind minds stashing storing looking")
PHONE = CLASSES["phone_item"]
PHONE_COUNT = CLASSES["number_word"] | words("second another other extra burner burners work")
CONCEALED = words("plugged plugging concealed internally boxers underwear")
MISSING = words("missing mfh misper mispers disappeared disappears disappearing vanished runaway")
SCHOOL = words(
    """uniform uniforms blazer blazers excluded expelled truanting truant bunking skiving
    bunked skived"""
)
SCHOOL_PLACE = words("school college skool lessons")

# -- cuckooing ---------------------------------------------------------------------------------

#: Staying or moved in (not ``lives``: the occupant lives there).
STAY = words(
    """staying stay stays stayed living moved moving sleeping slept sleeps residing reside
    resides kipping crashing dossing squatting settled"""
)
#: Whose home: someone else's (``there``, ``her house``, ``has had men staying``, ``sleeping
#: in the lounge``).
STAY_WHERE = words("there her his their had lounge bedroom sofa settee couch spare floor")
STAYER = CLASSES["stayer"] | words(
    """man male guy bloke friends mates mate associates associate lad someone young he she
    they group gang"""
)
TAKE = words(
    """taken took take takes taking gone disappeared disappearing stolen has have got got
    using use uses kept keeping holding holds controls control"""
)
TAKEN_THING = words(
    """keys key card cards pension benefits money purse wallet bank giro savings
    allowance"""
)
ALLOW = words("allowed allow let letting lets permitted")
LEAVE = words("leave leaving")
LOCK = words("locked padlocked barricaded")
ANSWER = words("answers answered answer answering opens opened")
ANSWERED = words("door phone")
SEEN = words("seen opened outside")
PAY = words("paid pay pays paying give gives gave giving")
PAID_WITH = words(
    """drugs gear crack heroin brown white alcohol cans can drink booze vodka cider beer
    fags"""
)
USE = words("used using use uses")
USE_FOR = words("deal dealing store storing stash house housing sell selling runners")
STORE = words("store stored storing stash stashed hidden hiding hid kept keeping")
STORED = words("drugs weapons stuff gear guns gun knives knife packages bags")
DOOR = words("door doors lock locks frame")
DAMAGED = words("damaged kicked broken smashed changed forced new boarded splintered")
VISITS = CLASSES["visits_strong"] | CLASSES["visits_weak"] | words("knocking knock knocks")
AT_ALL_HOURS = words("hours night nights 24/7 constantly nonstop all-night midnight")
TAKEN_OVER = (("taken", "over"), ("took", "over"), ("taking", "over"), ("taken", "control"))
#: A person who lives in the home.
OCCUPANT = words(
    """occupant occupants tenant tenants resident residents occupier occupiers he she him
    her his hes shes neighbour gentleman lady grandad grandma nan mum dad father mother
    uncle aunt man woman pensioner"""
)
#: A home, of anyone.
HOME = CLASSES["home"] | words(
    """door tenancy bedroom lounge kitchen bathroom loft garden lives living resides
    address"""
)
#: Who lives in the home, as a noun: a clause about them is not about a child.
OCCUPANT_NOUN = words(
    """occupant occupants tenant tenants resident residents occupier occupiers neighbour
    gentleman lady grandad grandma nan pensioner"""
)
#: Homes that are busy for other reasons: no occupant at risk.
NOT_CUCKOOING = words("cultivation grow grows factory")

# -- everyday explanations ---------------------------------------------------------------------

#: Things children sell, deliver or carry for everyday reasons.
EVERYDAY_ERRANDS = words(
    """cakes cake charity newspapers newspaper papers paper leaflets leaflet raffle biscuits
    cookies magazines flyers lemonade fundraising sponsored homework shopping groceries"""
)
#: Family: a debt to a sister is not a debt to dealers.
FAMILY = words(
    """sister sisters brother brothers mum mother dad father nan nanna gran granny grandma
    grandad grandpa auntie aunt uncle cousin"""
)
#: A sign a clause says, and the words in its sentence that explain it away (the phrase
#: rules' ``unless`` lists, :mod:`countylines.extract.lexicon.indicators`).
EXPLAINED_BY: dict[str, frozenset[str]] = {
    "dealing": EVERYDAY_ERRANDS,
    "given things": EVERYDAY_GOODS | words("himself herself themselves"),
    "unexplained goods": EVERYDAY_GOODS,
    "money": EVERYDAY_GOODS,
    "late hours": EVERYDAY_OUT | EVERYDAY_TRAVEL | words("shift shifts work"),
    "travel": EVERYDAY_TRAVEL | words("school college uni university interview"),
    "debt": FAMILY,
    "visitors at all hours": EVERYDAY_VISITORS,
    "door damaged": EVERYDAY_DAMAGE,
    "sudden arrears": EVERYDAY_ARREARS,
}
