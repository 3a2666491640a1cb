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
from countylines.extract.lexicon.indicators import (
    NOT_AN_AGE as NOT_AN_AGE_WORDS,
)
from countylines.extract.lexicon.words import CLASSES, words

#: Words that name a child (a child's age found by the age rules counts too).
CHILD = CLASSES["child"] | words(
    """kiddies kiddy kiddie schoolkids schoolchildren little'uns littleuns tots toddlers
    under-18s under-16s yr7 yr8 yr9 yr10 yr11 y7 y8 y9 y10 y11 y7s y8s y9s y10s y11s
    school-age"""
)
#: Siblings and cousins, children when ``little``/``younger`` says so (``my lil cuz``).
SIBLING = words("brother sister bro sis cuz cousin brothers sisters cousins")
#: Words that name a child only with ``young``/``little``/``school`` or an age beside them.
YOUNG_PERSON = words("lad lads lads' fella guys ones man men males male lot")
YOUNG = words("young younger little small school underage teenage baby-faced lil baby kid")

#: Verbs that sell: a child just after one (``sell my son a phone``) or after ``to``
#: (``selling weed to kids``) is a customer.
SELL = words("sell sells selling sold flogging offering")

#: Just after a selling word, the buyer: ``selling them vapes``, ``sells it to kids``.
BUYER = words("them him her me us kids children to")

#: First words of a clause whose subject is left out (``has a second phone``, ``comes
#: home at 4am``): the clause is about whoever the text is about.
ELIDED_SUBJECT = words(
    """has have had is was were are keeps kept comes came goes went gets got been being
    seems seemed says said always never often still now"""
)

#: Words after which a number is an age (``who's 15``, ``looks 12``, ``T (15)``).
AGE_GIVEN = words(
    """is 's was who's aged age only about approx approximately maybe looks look looked
    looking around than ( just barely turned like believed under"""
)
#: Words before a bracketed age that are not a child's name (``aged (14)``, ``m (15)``).
NOT_A_NAME = words("m f male female aged age approx about the a an and or yrs years")
#: Words for a young person or a sibling just before an age (``Lad, 13``, ``male, 16``).
AGE_OF = CLASSES["child"] | words(
    """lad lads male female m f brother sister bro sis cuz cousin youngest kid ip yp"""
)
#: Words after a number that make it a count or a measure, not an age.
NOT_AN_AGE = NOT_AN_AGE_WORDS | words("times occasions x nights weeks days months years")

#: Negations (spaCy keeps ``n't`` as its own token).
NEG = CLASSES["neg"] | words("n't no none nobody")

#: Pronouns and nouns that carry a person the text is about.
PERSON_REF = words("""he she him her they them his hes shes he's she's their ip yp cyp yps pt""")
#: Someone the text is about as the object of what an adult did (``a man gave him £50``).
OBJECT_REF = words("him her them")
#: Words that put an adult in a clause: with no child in it and no ``him``/``her``/``them``,
#: the clause is about the adult (``Bloke in his forties dealing``, ``Subj is running a line``).
ADULT = words(
    """bloke blokes man men male males adult adults woman women guy guys geezer dealer
    dealers subj subject poi soi nominal suspect forties thirties twenties fifties 20s 30s
    40s 50s holder people someone"""
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
    drug wraps wrap envelopes envelope cash money holdalls holdall rucksack rucksacks food
    bits weed crack heroin brown white skunk coke cocaine ket spice rocks"""
)
#: Working for someone: ``running for him``, ``holds stuff for them``.
WORK_FOR = words(
    """running runs run ran working works work worked holding holds hold held carrying
    carries carry doing does did dealing selling grafting graft grafts shifts"""
)
FOR_WHOM = words(
    """him them someone somebody dealers dealer man men people gang olders elders someone's
    others guy guys bloke lads some older gentleman"""
)
#: "Working", a child's word for a line's work (``up here working``, ``that's work``);
#: explained away by a job (:data:`EXPLAINED_BY`).
WORKING = words("working work graft grafting rounds")
#: Something given or offered to someone.
GIVE = words(
    """give gives gave given giving hand hands handing handed offering offered offers offer
    paying pays paid"""
)
#: Bought *for* someone (``bought him trainers``), not by the child for himself.
BOUGHT_FOR = tuple(
    (verb, whom) for verb in ("bought", "buys", "buying") for whom in ("him", "her", "them")
)
GIFT = words(
    """phone phones mobile mobiles sim sims money cash £ trainers clothes clothing coat
    jacket jackets garms envelopes envelope packages package parcel bag bags stuff gear
    lifts lift trip tickets ticket designer bike e-bike ebike moped scooter vapes iphone
    ps5 creps airpods"""
)
#: Goods a child could not have paid for.
NEW = words("new expensive designer branded latest flash fancy pricey unexplained")
GOODS = CLASSES["goods"] - words("cash money gear bag bags")
BRANDS = words(
    """moncler gucci trapstar corteiz rolex airpods jordans louboutin balenciaga
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
    wedge hundreds thousands twenties fifties"""
)
#: Found with, or carrying, what a line's worker carries (the guidance: found far from home
#: "with cash, phones, drugs").
FOUND_WITH = words(
    """found located stopped arrested searched seized recovered had possession poss caught
    detained presented"""
)
CARRIED = words(
    """wraps wrap rocks deals baggies cash crack heroin brown white skunk weed cocaine
    coke ket spice knife knives blade machete handsets phones sims scales clingfilm"""
)
#: A clause's time in the small hours counts in a log only beside a movement: logs time-stamp
#: everything (``presented 0300hrs``); ``located in Folkestone 0200hrs`` is a sign.
MOVEMENT = words(
    """out home back returned returning dropped picked located found seen travelling
    leaving left getting got collected comes came coming goes going went"""
)
#: Late hours: ``at 2am``, ``0200hrs``, ``midnight``, ``late at night``.
NIGHT = words("midnight overnight 1am 2am 3am 4am 5am 1.00am 2.00am 3.00am 4.00am 5.00am")
NIGHT_PAIRS = (
    ("school", "night"),
    ("school", "nights"),
    ("late", "night"),
    ("all", "night"),
    ("at", "night"),
    ("early", "hours"),
    ("middle", "night"),
)
#: Moving about (with a town named in the clause, or a taxi or train).
TRAVEL = words(
    """go brought returned travelling travelled travels travel sent send driven taken dropped picked
    found located arrested stopped getting going goes went came comes trip trips journey
    journeys alone"""
)
TRANSPORT = words("taxi taxis train trains uber ubers megabus cab cabs bus buses")
#: Out of area, in a log's shorthand.
OUT_OF_AREA = words("ooa")
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
    wounds scar scars burns burn slashed slash beaten battered swollen laceration"""
)
INJURY_PAIRS = (("black", "eye"),)  # "won't explain" is its own sign, not an injury
OLDER = words("older adult adults grown")
OLDER_PERSON = CLASSES["older_person"] | words("ones")
OLDER_AGE = words("20s 30s 40s twenties thirties forties")
COERCION = words(
    """forced threatened pressured pressure instructing instructed instructions orders
    ordered groomed grooming recruited recruiting exploited exploiting exploitation
    controlled controlling"""
)
HOLD_FOR = words(
    """holding hold holds held minding mind minds stashing storing looking keeping keep
    kept"""
)
PHONE = CLASSES["phone_item"] | words("mobs mob moby")
PHONE_COUNT = CLASSES["number_word"] | words(
    "second another other extra burner burners work 2x 3x 4x x2 x3 x4"
)
CONCEALED = words("plugged plugging concealed internally boxers underwear swallowed vaseline")
MISSING = words(
    """missing missin mfh misper mispers disappeared disappears disappearing vanished
    runaway"""
)
#: Away from home in other words: ``gone three nights``, ``out all night``.
MISSING_PAIRS = (
    ("gone", "nights"),
    ("gone", "days"),
    ("out", "night"),
    ("staying", "out"),
    ("stays", "out"),
    ("not", "home"),
    ("n't", "home"),
)
#: Will not say: ``won't say where he was``, ``would not explain``, ``unable to account``.
WONT_SAY = words("explain say account tell")
#: Things and pets that go missing for everyday reasons.
LOST = words(
    """cat cats dog dogs pet pets tortoise rabbit hamster parrot budgie keys wallet purse
    bike car parcel"""
)
SCHOOL = words(
    """uniform uniforms blazer blazers excluded expelled truanting truant bunking skiving
    bunked skived"""
)
#: Missing school days: ``missed every Monday``, ``out of education``.
#: Missed *school* days (``missed registration``): "missing for days" is going missing.
SCHOOL_MISSED = words("missed missing absent absence absences")
SCHOOL_DAYS = words(
    """monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday
    fridays lessons registration education school term"""
)
#: Picked up or dropped off by a car (``picks him up in a black golf``).
PICK_UP = words(
    """picked picks pick picking collected collects collecting dropped drops dropping"""
)
#: Getting into someone's car: ``getting into a grey Audi``.
INTO_CAR = (("getting", "into"), ("gets", "into"), ("got", "into"), ("get", "into"))
VEHICLE = words(
    """car cars van vans vehicle vehicles taxi taxis uber ubers golf audi bmw mercedes merc
    corsa transit range"""
)
#: The kit of dealing: a child with it, or buying it.
DEALING_KIT = words("scales clingfilm cling sandwich tick-list ticklist burner")
#: A phone that is not the child's own: ``a phone not belonging to him``.
NOT_OWN_PHONE = words("belonging isn't not never")
#: Threats: ``they'll do my mum``, ``a beating if he comes back short``.
THREAT = words("threatened threatening threats threat beating beaten hurt kill stab shank")
THREAT_PAIRS = (("do", "mum"), ("come", "here"), ("comes", "short"), ("back", "short"))
#: Hiding drugs on the body: ``hiding little white balls in his mouth``.
HIDE = words("hiding hid hidden hides stashed stashing tucked concealing taped sewn")
BODY = words("mouth cheeks boxers underwear pants sock socks bra trainers shoes lining")
SCHOOL_PLACE = words("school college skool lessons")

# -- cuckooing ---------------------------------------------------------------------------------

#: Staying or moved in (not ``lives``: the occupant lives there).
STAY = words(
    """staying stay stays stayed living moved moving sleeping slept sleeps sleep asleep
    residing reside resides kipping crashing dossing squatting settled stopping present
    using"""
)
#: Things that show people sleeping in someone's home.
STAY_SIGNS = words("mattresses sleeping-bags duvets airbeds")
STAY_SIGN_PAIRS = (("sleeping", "bags"),)
#: Whose home: someone else's (``there``, ``her house``, ``has had men staying``, ``sleeping
#: in the lounge``).
STAY_WHERE = words(
    """there her his their had lounge bedroom sofa settee couch spare floor room mine
    flat hers address since fortnight weeks days now"""
)
#: Living there *now*: the occupant "lives there"; strangers "live there now".
LIVE = words("live lives living")
STAYER = CLASSES["stayer"] | words(
    """man male guy bloke friends mates mate associates associate lad someone young he she
    they group gang nephew nephews grandsons cousins mandem woman"""
)
#: Taken from the occupant: clear on its own (``his benefits are being taken``).
TAKE = words(
    """taken took take takes taking gone disappeared disappearing stolen looked collected
    collects lent goes cashpoint pushed walk walked sold missing withdrawn drawn drawing
    transfers transferred changed"""
)
#: Had by someone: a sign only with someone else in the clause (``they have his keys``, not
#: ``the tenant has both keys``).
HOLD = words("has have had got kept keeping holding holds held controls control using use uses")
OTHERS = words("they them by boys lads men males someone somebody")
TAKEN_THING = words(
    """keys key card cards pension benefits money purse wallet bank giro savings
    allowance dla pip credit account cashpoint telly tv pin password banking"""
)
#: Someone else using the occupant's card (``buy his fags with his bank card``).
USES_CARD = words("keep keeps hold holds buy buys bought paid handing handed with back")
#: The occupant's own: ``his``, ``her``, ``my``, ``Mr Booth's``.
OWNER = words("his her my mr mrs ms 's")
ALLOW = words("allowed allow let letting lets permitted")
LEAVE = words("leave leaving")
#: Refusing to leave: ``won't leave``, ``would not leave``.
REFUSE = words("wo wont won't would wouldnt refuse refused refusing")
#: Kept from the occupant: ``refused entry``, ``unable to reach``, ``can't see her``.
KEPT_FROM = (
    ("refused", "entry"),
    ("unable", "reach"),
    ("not", "let"),
    ("n't", "let"),
    ("have", "round"),
    ("want", "visitors"),
    ("flat", "back"),
    ("get", "rid"),
)
#: Pushed out of their own rooms: ``sleeping in her chair``, ``they've got the room``.
SLEEP = words("sleep sleeps sleeping slept asleep")
ODD_PLACE = words("chair kitchen couch sofa bathroom stairs stairwell car hall landing")
ROOM_TAKEN = (("taken", "bedroom"), ("got", "room"), ("taken", "room"), ("got", "bedroom"))
#: Harm to the occupant.
HARMED = words("assaulted assault hit punched slapped kicked attacked threatened screwdriver")
#: The line's phones at the home overnight (call data).
HANDSETS = words("handset handsets phones")
LOCK = words("locked padlocked barricaded")
#: Escorted by the people staying: ``escorted by one of them``, ``walks with him``.
ESCORTED = words("escorted accompanied chaperoned minded")
ANSWER = words("answers answered answer answering opens opened")
ANSWERED = words("door phone")
SEEN = words("seen opened outside")
#: "Never seen nothing like it", "not seen anything like this": wonder, not a missing
#: occupant (read with ``like``; "not seen anything of her" is still one).
SEEN_NOTHING_LIKE = words("nothing nothin nuffin anything owt nowt")
PAY = words(
    """paid pay pays paying give gives gave giving given receives receive hand hands gets
    fill fills"""
)
PAID_WITH = words(
    """drugs gear crack heroin brown white alcohol cans can drink booze vodka cider beer
    fags rock rocks stones b spice ket weed dark light"""
)
USE = words("used using use uses")
USE_FOR = words("deal dealing store storing stash house housing sell selling runners base bag")
STORE = words("store stored storing stash stashed hidden hiding hid kept keeping")
STORED = words(
    """drugs weapons stuff gear guns gun knives knife packages bags machete shotgun pistol
    firearm cash crossbow"""
)
DOOR = words("door doors lock locks frame window windows letterbox spyhole chain bolt")
DAMAGED = words(
    """damaged kicked broken smashed changed forced new boarded board splintered pulled
    taped blacked drilled replaced padlock"""
)
#: Kept in a room: ``confined to the bedroom``, ``door wedged shut from outside``.
CONFINED = words("confined wedged barricaded bolted trapped")
KEPT_IN = (
    ("kept", "bedroom"),
    ("keeping", "bedroom"),
    ("kept", "room"),
    ("keeping", "room"),
    ("made", "sleep"),
    ("wo", "go"),
    ("wont", "go"),
    ("just", "go"),
    ("out", "house"),
    ("padlock", "outside"),
    ("bolt", "outside"),
    ("lock", "outside"),
)
#: Someone speaking for the occupant: ``said he was "out"``, ``informed me Arthur was resting``.
SPEAKS_FOR = words("said says told tell tells informed")
EXCUSE = words("asleep resting busy poorly unwell out")
#: Drug litter in or at a home.
LITTER = words("foil foils needles syringes spoons pipes cut-down bottles")
LITTER_PLACE = words("step doorstep kitchen bathroom landing stairs hall garden floor table")
#: Signs of fear in the occupant (third person: the writer's own fear is not the sign).
AFRAID = words("scared frightened terrified crying upset petrified")
VISITS = (
    CLASSES["visits_strong"]
    | CLASSES["visits_weak"]
    | words("knocking knock knocks buzzing buzzer teenagers")
)
AT_ALL_HOURS = words("hours night nights 24/7 constantly nonstop all-night midnight morning")
TAKEN_OVER = (("taken", "over"), ("took", "over"), ("taking", "over"), ("taken", "control"))
#: Counties and regions: ``going up Cumbria`` is travel as a town would be.
COUNTIES = CLASSES["place_area"]

#: Rooms of a home: drugs, kit or weapons in one are the home used.
ROOM = words(
    """lounge bedroom kitchen cupboard airing room loft bathroom wardrobe sofa settee couch
    bed mattress hall table landing stairs fridge drawer"""
)
#: Weapons kept in a home.
WEAPONS_KEPT = words(
    """machete machetes bat sword samurai knife knives gun firearm taser crossbow pistol
    shotgun"""
)
#: Words that say who lives at an address is at risk, or that it is the writer's home.
AT_RISK = words(
    """occupant occupants tenant tenants resident residents occupier occupiers
    gentleman lady grandad grandma nan pensioner elderly vulnerable disabled wheelchair
    dementia blind mine"""
)

#: A person who lives in the home.
OCCUPANT = words(
    """occupant occupants tenant tenants resident residents occupier occupiers he she him
    her his hes shes me neighbour gentleman lady grandad grandma nan mum dad father mother
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
    cookies magazines flyers lemonade fundraising sponsored homework shopping groceries
    sweets slushies"""
)
#: Everyday reasons to travel, be out late or be picked up: work, school, sport, study.
EVERYDAY_ROUTINE = words(
    """job jobs work shift shifts wages training football rugby cricket club practice
    match uni university college lessons appointment interview school nursery parents
    relatives grandparents"""
)
#: Everyday injuries: sport, a fall, a crash.
EVERYDAY_INJURY = words(
    """rtc collision accident crash tackle rugby football boxing training sport match
    haircut"""
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
    "given things": EVERYDAY_GOODS | FAMILY | words("himself herself themselves"),
    "unexplained goods": EVERYDAY_GOODS,
    "money": EVERYDAY_GOODS,
    "late hours": EVERYDAY_OUT | EVERYDAY_TRAVEL | EVERYDAY_ROUTINE | LOST,
    "travel": EVERYDAY_TRAVEL | EVERYDAY_ROUTINE | FAMILY,
    "travelling alone": EVERYDAY_TRAVEL | EVERYDAY_ROUTINE,
    "picked up by cars": EVERYDAY_ROUTINE,
    "school": words(
        """hospital appointment appointments ill illness sick poorly medical doctor dentist
        funeral holiday authorised"""
    ),
    "injury": EVERYDAY_INJURY,
    "occupant injured": EVERYDAY_INJURY,
    "people staying": FAMILY | words("help helping operation hospital carer carers lodger lodgers"),
    # an appointee, a power of attorney, a carer's key safe: arrangements, not abuse
    "money or keys taken": words(
        "appointee attorney agreed safe key-safe spare emergency emergencies"
    ),
    "several phones": EVERYDAY_GOODS,
    "debt": FAMILY,
    "working": words(
        """job jobs part-time paper restaurant cafe salon apprenticeship placement wages
        employer contract saturday saturdays staff hospital shift wash"""
    ),
    "visitors at all hours": EVERYDAY_VISITORS,
    "door damaged": EVERYDAY_DAMAGE,
    "sudden arrears": EVERYDAY_ARREARS,
}

#: Every cue word: a dropped ``g`` is put back only where that makes one of these.
VOCABULARY: frozenset[str] = frozenset().union(
    *(value for value in list(globals().values()) if isinstance(value, frozenset))
)
