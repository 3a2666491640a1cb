"""Word classes shared by the rules (``@name`` in a rule text) and the context tests.

All lower case: matching is on the lower-cased token.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


CLASSES: dict[str, frozenset[str]] = {
    "child": words(
        """kids kid kiddies children child youngsters youngster teenagers teenager teens teen
        boys boy girls girl juveniles juvenile minors minor schoolkids schoolchildren schoolboy
        schoolboys schoolgirl schoolgirls pupils pupil youths youth u18s
        son sons daughter daughters yp yps cyp nephew nephews niece nieces grandson grandsons
        granddaughter granddaughters stepson stepdaughter kiddo youngers youngins tinys
        bairn bairns wean weans lassie lassies juv juvs"""
    ),
    "child_adj": words(
        """local vulnerable other young younger little small school teenage underage"""
    ),
    "young": words("young younger little small"),
    "person_young": words(
        """lads lad men man males male people person ones kids boys girls guys bloke blokes
        teens lot"""
    ),
    "cce_activity": words(
        """running run runs ran dealing deal deals dealt selling sell sells sold delivering
        deliver delivers delivered carrying carry carries carried dropping drop drops dropped
        holding hold holds held serving serve serves served shotting shotters shotter
        working work works worked used using recruited groomed exploited sent moving move
        moves moved handing hands handed passing passed stashing stash stashed storing store
        stored hiding hide hid collecting collect collects collected ferrying ferried
        runners runner couriers courier trapping"""
    ),
    "exploit_verb": words(
        """using uses used recruiting recruits recruited grooming grooms groomed exploiting
        exploits exploited sending sends sent paying pays paid employing employs employed
        forcing forces forced pressuring pressured pressurising pressurised coercing coerced
        targeting targets targeted luring lured involving involves involved"""
    ),
    "det": words("the a an his her their this that my our your its these those someone's"),
    "home": words(
        """flat flats house houses home homes place address addresses property properties
        bedsit maisonette room premises gaff drum bungalow caravan kitchen bedroom lounge"""
    ),
    "vulnerable_person": words(
        """adult adults man men woman women male female person people tenant tenants resident
        residents occupant occupants neighbour neighbours lady gentleman guy bloke pensioner
        individual occupier chap fella fellow mum mother dad father"""
    ),
    "visitors": words(
        """visitors visitor people callers youths kids strangers faces punters customers users
        addicts cars vehicles traffic footfall persons males men lads taxis taxi vans van
        ubers bikes mopeds ppl"""
    ),
    "many": words(
        """constant constantly steady nonstop continuous lots loads lot many numerous
        different stream streams queue queues number numbers increase increased more high
        heavy multiple various several regular frequent large huge big unusual excessive
        volume amount flow procession sorts kinds"""
    ),
    "visits_strong": words("visitors callers footfall"),
    "visits_weak": words(
        """people persons cars faces youths users traffic taxis vans foot kids lads men males
        strangers punters customers addicts ppl"""
    ),
    "stayer": words(
        """strangers unknown men males lads people youths faces boys girls guys blokes dealers
        kids youngsters teenagers ppl persons others visitors someone somebody"""
    ),
    "older_person": words(
        """males men man male guys guy lads boys blokes bloke associates youths friends
        boyfriend boyfriends girlfriend girlfriends teens teenagers people gang"""
    ),
    "pick_up": words(
        """picking picked pick picks collecting collected collects collect dropping dropped
        drops drop driving drove drives drive ferrying ferried giving gave gives waiting
        waits waited hanging grooming groomed"""
    ),
    "go": words("going go goes gone went sent send sending travel travelling travelled trip trips"),
    "neg": words(
        """not n't nt never cant cannot didnt doesnt dont hasnt havent havnt hadnt isnt wasnt
        werent wont wouldnt couldnt aint arent shouldnt"""
    ),
    "drug_user": words("drug drugs heroin crack smack user users addict addicts"),
    "drug_noun": words(
        """drugs drug crack heroin smack weed cannabis skunk cocaine coke gear food b&w bnw
        wraps ket spice mamba pills"""
    ),
    "weapon_mod": words("zombie kitchen lock flick rambo samurai hunting large big"),
    "weapon_item": words(
        """knife knives blade blades machete machetes sword swords gun guns firearm firearms
        pistol pistols handgun shank shanks axe hatchet knuckleduster knuckledusters"""
    ),
    "subject": words(
        """he she they hes shes son daughter boy girl lad kid child nephew niece grandson
        brother sister yp cyp youth juvenile subject nominal male female suspect"""
    ),
    "place_area": words(
        """kent essex norfolk suffolk cornwall devon dorset somerset wiltshire sussex surrey
        hampshire berkshire hertfordshire herts bedfordshire cambridgeshire lincolnshire
        yorkshire lancashire cumbria merseyside cheshire shropshire staffordshire
        warwickshire worcestershire herefordshire gloucestershire oxfordshire
        buckinghamshire northamptonshire leicestershire nottinghamshire derbyshire
        northumberland durham wales scotland"""
    ),
    "number_word": words(
        """two three four five six several multiple many lots loads different numerous 2 3 4 5 6"""
    ),
    "phone_item": words("phones phone sims sim handsets handset mobiles mobile"),
    "new": words(
        """new expensive designer branded latest flash fancy pricey unexplained
        costly"""
    ),
    "goods": words(
        """phones phone clothes clothing trainers garms bike bikes jewellery jewelry watch
        watches gifts items possessions shoes jacket jackets trackies tracksuit bags bag
        gear cash money iphone iphones ipad airpods ps5 playstation xbox laptop makeup
        perfume chains chain"""
    ),
    "much_money": words("amounts sums amount sum wads wad bundles bundle rolls roll lots loads"),
}

#: Function words: never the first word of a street or town name, never a nickname.
STOPWORDS = words(
    """a an the and or but nor so yet of in on at to from by with without near into onto over
    under off up down out about above below behind beside between past through towards toward
    along across around round via per than then there here this that these those it its he she
    they we i you him her them us me my our your their his hers theirs ours is are was were be
    been being am do does did has have had will would can could should may might must not no
    yes all any some each every both either neither few many much more most other such only own
    same too very just also as if when where while who whom whose which what why how because
    since until unless after before again ever never always often sometimes today yesterday
    tomorrow tonight now later soon"""
)

#: Words that place what follows: "in Clacton", "on Pier Avenue".
PLACE_PREPOSITIONS = words(
    """in at from to into near around outside towards toward via of round between across
    through down up over off on along by behind opposite past within inside"""
)
