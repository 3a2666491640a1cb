"""Drugs and weapons, with the slang that needs context and the words that only look like it."""

from __future__ import annotations

import pytest
from tests.extract.conftest import found

from countylines.extract import extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "he sells heroin and crack cocaine",
            [("heroin", "heroin"), ("crack cocaine", "crack cocaine")],
        ),
        ("got B&W on the line", [("B&W", "crack cocaine and heroin")]),
        # a pair written apart is one mention per drug, as people label it
        ("selling white and brown", [("white", "crack cocaine"), ("brown", "heroin")]),
        ("advert: W + B 2 for 25", [("W", "crack cocaine"), ("B", "heroin")]),
        ("b-and-w available", [("b", "heroin"), ("w", "crack cocaine")]),
        ("a bag of ket", [("ket", "ketamine")]),
        ("selling rocks from the flat", [("rocks", "crack cocaine")]),
        ("a £10 bag of bud", [("bud", "cannabis")]),
        ("the line has food", [("food", "drugs")]),
        ("they were dealing white", [("white", "crack cocaine")]),
        ("found with class A drugs", [("class A drugs", "drugs")]),
        ("selling Charlie in town", [("Charlie", "cocaine")]),
        ("crack pipe on the table", [("crack", "crack cocaine")]),
        ("white and dark, ring me", [("white", "crack cocaine"), ("dark", "heroin")]),
        ("45 wraps of crack in a Pringles tube", [("crack", "crack cocaine")]),
        ("she is given crack in lieu of rent", [("crack", "crack cocaine")]),
        ("advert: BOLT back on, W and B 2 for 25", [("W", "crack cocaine"), ("B", "heroin")]),
        ("He only sells B&W. Ring him", [("B&W", "crack cocaine and heroin")]),
        ("2 for 25, W+B.", [("W+B", "crack cocaine and heroin")]),
        ("they sell crack on Church Road", [("crack", "crack cocaine")]),  # not "crack on"
        ("lads with crack at the park", [("crack", "crack cocaine")]),
        ("selling dark on the estate", [("dark", "heroin")]),
    ],
)
def test_drugs(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "drug") == expected


@pytest.mark.parametrize(
    "text",
    [
        "a white male in a brown Ford",  # colours, not drugs
        "my daughter Charlie bought an ice cream",  # a name; ice cream
        "we had rocks on the beach",  # no drug talk nearby
        "crack on with it at the crack of dawn",
        "let's crack on. I'll have a crack at it",
        "there is a crack in the wall and a big crack across the window",
        "The door had crack in it from the kick; another crack in the glass",
        "Witnesses W and B gave statements; Block W and B were searched",  # letters alone
        "He wore light and dark clothing and walked a brown and white dog",
        "Report of white male, 20s, in the park",
        "a speed camera on the A12",
        "collected a parcel from the food bank",
        "Charlie Smith was selling",  # a person called Charlie
        "it was dark outside and a dark blue car parked up",
    ],
)
def test_not_drugs(text: str) -> None:
    assert found(text, "drug") == []


def test_ambiguous_terms_without_context_come_back_when_asked() -> None:
    [mention] = [
        m for m in extract("we had rocks on the beach", min_confidence=0) if m.type == "drug"
    ]
    assert (mention.text, mention.rule, mention.confidence) == (
        "rocks",
        "drug-slang-no-context",
        0.3,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("carries a zombie knife", [("zombie knife", "knife")]),
        ("pulled out a MACHETE", [("MACHETE", "machete")]),
        ("armed with a bladed article", [("bladed article", "knife")]),
        ("he pulled out a ting", [("ting", "firearm")]),
        ("keeps the strap in his waistband", [("strap", "firearm")]),
        ("stabbed with a screwdriver", [("screwdriver", "screwdriver")]),
        ("threatened with a baseball bat", [("baseball bat", "bat")]),
        ("threw acid at him", [("acid", "corrosive substance")]),
        ("they keep a crossbow under the sofa", [("crossbow", "crossbow")]),
        ("a Glock and a meat cleaver", [("Glock", "firearm"), ("meat cleaver", "cleaver")]),
        ("a converted pistol in the glovebox", [("converted pistol", "firearm")]),
    ],
)
def test_weapons(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "weapon") == expected


@pytest.mark.parametrize(
    "text",
    [
        "this ting is mad",  # "thing"
        "the strap of her bag broke",
        "a piece of paper",
        "fixed the shelf with a hammer",  # no violence nearby
    ],
)
def test_not_weapons(text: str) -> None:
    assert found(text, "weapon") == []


def test_a_school_year_is_not_an_age() -> None:
    assert [
        m.value for m in extract("a boy of 14 in year 9, she is in year 9") if m.type == "age"
    ] == ["14"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("they pay her in cider and spice", "spice"),  # paid in drugs
        ("a lot of smack foil in the hedge", "smack"),
        ("small quantity spice on paper", "spice"),
    ],
)
def test_payment_foil_and_quantities_are_drug_talk(text: str, written: str) -> None:
    assert [m.text for m in extract(text) if m.type == "drug"] == [written]


def test_a_smack_is_not_heroin_without_drug_talk() -> None:
    assert [m for m in extract("he gave the dog a smack") if m.type == "drug"] == []
