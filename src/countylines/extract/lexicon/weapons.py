"""Weapon terms, with the slang met in county-lines intelligence.

Sources: Home Office county-lines guidance (2023) and the Offensive Weapons Act 2019 (zombie
knives, knuckledusters, corrosive substances); Metropolitan Police and Ben Kinsella Trust
glossaries of knife-crime slang (``shank``, ``bora``, ``nank``, ``skeng``, ``shotty``);
drill and road slang for guns (``strap``, ``ting``, ``wap``, ``piece``, ``tool``) as
reported in the press and youth-work guides.

As for drugs (:mod:`countylines.extract.lexicon.drugs`): ``sure`` terms are weapons
wherever written; ``context`` terms only with violence or carrying nearby
(``WEAPON_CONTEXT``); ``held`` terms (slang that is also an everyday word: ``ting`` is any
"thing") only straight after a word of holding or carrying (``WEAPON_HOLD``), as in
``pulled out a ting``, or just before violence or carrying words (``the strap in his
waistband``); never before ``of`` (``with a piece of paper``).
"""

from __future__ import annotations

from countylines.extract.lexicon.words import words

WEAPON_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "sure": {
        "knife": (
            "knife", "knives", "blade", "blades", "zombie knife", "zombie knives",
            "kitchen knife", "kitchen knives", "lock knife", "flick knife", "butterfly knife",
            "hunting knife", "rambo knife", "combat knife", "stanley knife", "shank", "shanks",
            "bora", "boras", "nank", "nanks", "dagger", "daggers", "bladed article",
            "bladed articles", "flick-knife", "lockknife", "switchblade", "bread knife",
            "carving knife", "steak knife", "stanley blade", "craft knife",
        ),
        "cleaver": ("meat cleaver", "meat cleavers", "cleaver", "cleavers"),
        "crossbow": ("crossbow", "crossbows", "crossbow bolts"),
        "machete": ("machete", "machetes"),
        "sword": ("sword", "swords", "samurai sword", "samurai swords", "katana", "katanas"),
        "firearm": (
            "gun", "guns", "firearm", "firearms", "handgun", "handguns", "pistol", "pistols",
            "revolver", "revolvers", "shotgun", "shotguns", "sawn-off", "sawn-off shotgun",
            "sawn off shotgun", "rifle", "rifles", "glock", "uzi", "skeng", "skengs", "shotty",
            "machine gun", "sub-machine gun", "converted firearm", "automatic weapon",
            "converted pistol", "converted handgun",
        ),
        "imitation firearm": (
            "imitation firearm", "imitation firearms", "replica gun", "replica firearm",
            "bb gun", "bb guns", "air rifle", "air pistol", "airsoft gun", "blank firer",
            "blank-firing pistol",
        ),
        "knuckleduster": ("knuckle duster", "knuckle dusters", "knuckleduster",
                          "knuckledusters", "brass knuckles"),
        "bat": ("baseball bat", "baseball bats", "cricket bat", "metal bar", "iron bar"),
        "taser": ("taser", "tasers", "stun gun", "stun guns"),
        "corrosive substance": (
            "corrosive substance", "corrosive substances", "acid attack", "noxious substance",
        ),
        "spray": ("cs spray", "pepper spray", "cs gas", "incapacitant spray"),
        "ammunition": ("ammunition", "ammo", "bullets", "cartridges", "shotgun cartridges"),
        "weapon": ("weapon", "weapons", "offensive weapon", "offensive weapons"),
    },
    "context": {
        "bat": ("bat", "bats"),
        "hammer": ("hammer", "hammers", "claw hammer"),
        "axe": ("axe", "axes", "hatchet"),
        "crowbar": ("crowbar", "crowbars"),
        "screwdriver": ("screwdriver", "screwdrivers"),
        "corrosive substance": ("acid", "ammonia", "bleach"),
        "firearm": ("wap", "waps"),
    },
    "held": {
        "firearm": ("strap", "straps", "ting", "piece", "tool"),
    },
}  # fmt: skip

#: Words that make an ambiguous weapon term a weapon (with any ``sure`` weapon term nearby).
WEAPON_CONTEXT: frozenset[str] = words(
    """
    stab stabbed stabbing stabbings armed carry carrying carried carries pulled pull pulls
    brandish brandished brandishing waving waved wave threaten threatened threatening
    threats attack attacked attacking assault assaulted violence violent hurt injure injured
    wound wounded wounds shoot shot shooting fired firing protection beef opps opp rival
    rivals waistband hidden hide hiding concealed stashed fight fighting robbed robbery
    slash slashed chase chased swung swinging hit beat beaten thrown threw throw glassed
    """
)

#: Words of holding or carrying that make ``ting`` or ``strap`` a gun (``held`` terms).
WEAPON_HOLD: frozenset[str] = words(
    """
    carry carrying carried carries pulled pull pulls pulling brought bring brings bringing
    holding hold holds held hiding hide hid hides stashed stash stashing flashed flash
    flashing showed show showing waved waving wave loaded load tucked tuck with got has had
    have having bust busting dash dashed draw drew drawn pointed pointing point keep keeps
    kept keeping
    """
)
