"""Links to the picture, suggested THRIVE fields and grading: pure functions on hand-made input."""

from __future__ import annotations

from typing import Any

import pytest

from countylines.extract import extract
from countylines.public.links import mention_values, picture_links
from countylines.public.suggest import SANITISE_CONDITION, suggest_grading, suggest_thrive

PICTURE: dict[str, Any] = {
    "lines": [
        {
            "line_id": "line-aaa",
            "label": "Ghost line",
            "numbers": [{"number": "+447700900001"}, {"number": "+447700900002"}],
            "holders": [{"number": "+447700900010"}],
            "runners": [{"number": "+447700900020"}, {"number": "+447700900021"}],
        },
        {"line_id": "line-bbb", "numbers": [{"number": "+447700900099"}], "runners": []},
    ],
    "nominals": [
        {
            "nominal_id": "nom-1",
            "label": "runner of the Ghost line (07700 900020)",
            "numbers": ["+447700900020"],
            "roles": [{"line_id": "line-aaa", "role": "runner"}],
            "possible_victim": True,
        }
    ],
    "locations": [
        {
            "location_id": "loc-1",
            "label": "cell CLN-0016",
            "lsoa": "E01021988",
            "lsoa_name": "Tendring 018A",
            "kinds": ["cuckooed address"],
            "line_ids": ["line-aaa"],
        },
        {"location_id": "loc-2", "label": "cell CLN-0001", "lsoa": "E01000001", "line_ids": []},
    ],
}


def m(kind: str, value: str | None, **more: Any) -> dict[str, Any]:
    return {"type": kind, "value": value, "text": more.pop("text", value or ""), **more}


def test_a_phone_links_to_its_line_role_and_nominal() -> None:
    links = picture_links(
        [m("phone", "+447700900002"), m("phone", "+447700900020"), m("phone", "+447700900555")],
        None,
        PICTURE,
    )
    got = [(x.mention, x.kind, x.target_type, x.target_id, x.url, x.line_ids) for x in links]
    assert got == [
        ("+447700900002", "deal line", "line", "line-aaa", "/lines/line-aaa", ("line-aaa",)),
        ("+447700900020", "runner", "line", "line-aaa", "/lines/line-aaa", ("line-aaa",)),
        ("+447700900020", "nominal", "nominal", "nom-1", "/nominals/nom-1", ("line-aaa",)),
    ]
    assert links[0].reason == "+447700900002 is a number of the Ghost line, a known deal line"
    assert links[2].reason.endswith("(a possible victim)")
    unlabelled = picture_links([m("phone", "+447700900099")], None, PICTURE)
    assert [x.label for x in unlabelled] == ["line-bbb"]


def test_a_line_brand_in_a_report_links_to_the_line_of_that_name() -> None:
    text = "He says he works for the 'GHOST' line now, and the 'Titan' line before"
    mentions = [{"type": x.type, "value": x.value, "text": x.text} for x in extract(text) if x.type]
    assert mention_values(mentions, "line_brand") == ["GHOST", "Titan"]
    links = picture_links(mentions, None, PICTURE)
    # Titan is not a line the picture knows; line-bbb has no brand, only a number
    assert [(x.mention, x.kind, x.target_id) for x in links] == [("GHOST", "deal line", "line-aaa")]
    assert links[0].reason == "'GHOST' is the brand of the Ghost line, a known deal line"
    assert mention_values(mentions, "nickname") == []  # a line is not a person


def test_a_known_brand_named_without_quotes_links_too() -> None:
    text = "the GHOST line is operating in Jaywick; he rang the phone line and the Central line"
    links = picture_links([], None, PICTURE, text)
    assert [(x.mention, x.kind, x.target_id) for x in links] == [("GHOST", "deal line", "line-aaa")]
    assert picture_links([], None, PICTURE, "a ghostly line of cars") == []
    # quoted and unquoted in one report: one link
    quoted = [m("line_brand", "Ghost")]
    assert len(picture_links(quoted, None, PICTURE, "the 'Ghost' line, the ghost line")) == 1


def test_a_postcode_or_map_point_links_to_locations_in_its_lsoa() -> None:
    links = picture_links(
        [m("postcode", "CO15 5LA", lsoa_code="E01021988"), m("postcode", "CO15 9ZZ")],
        "E01000001",
        PICTURE,
    )
    assert [(x.mention_type, x.mention, x.target_id) for x in links] == [
        ("postcode", "CO15 5LA", "loc-1"),
        ("map point", "E01000001", "loc-2"),
    ]
    assert links[0].reason == (
        "postcode CO15 5LA is in the same area (LSOA Tendring 018A) as cell CLN-0016 "
        "(cuckooed address) of 1 known line(s)"
    )
    assert picture_links([m("phone", "+447700900002")], None, None) == []


def test_mention_values_are_distinct_in_order() -> None:
    mentions = [m("vrm", "AB12CDE"), m("vrm", None), m("phone", "+4477"), m("vrm", "AB12CDE")]
    assert mention_values(mentions, "vrm") == ["AB12CDE"]


def _thrive(text: str, mentions: list[dict[str, Any]], children: str = "not answered",
            links: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    got = suggest_thrive({"what": text}, mentions, children, links or [], [])
    return {k: v.value for k, v in got.items()}


def test_thrive_for_a_child_with_a_knife() -> None:
    got = _thrive(
        "a lad with a knife selling by the shops",
        [m("weapon", "knife", text="knife")],
        children="yes",
    )
    assert (got["threat"], got["harm"], got["risk"]) == ("high", "high", "high")
    assert "possible victim of criminal exploitation" in got["vulnerability"]
    assert "MASH" in got["vulnerability"]
    assert got["engagement"].startswith("anonymous reporter")


def test_thrive_for_a_missing_child_and_for_a_taken_over_home() -> None:
    missing = _thrive("my sons friend has been missing", [m("cce_indicator", "missing from home")])
    assert missing["risk"] == "high" and "missing-person" in missing["vulnerability"]
    cuckoo = _thrive("people in and out", [m("cuckooing_indicator", "visitors at all hours")])
    assert (cuckoo["harm"], cuckoo["risk"]) == ("high", "medium")
    why = suggest_thrive(
        {"what": "people in and out"},
        [m("cuckooing_indicator", "visitors at all hours")],
        "not answered",
        [],
        [],
    )["risk"].reason
    assert why == "a taken-over home: act soon"  # no child named where none is described
    assert "safeguarding visit" in cuckoo["vulnerability"]


def test_thrive_for_a_known_line_and_for_nothing_much() -> None:
    link = {"kind": "deal line", "label": "Ghost line", "reason": "r1", "mention_type": "phone"}
    known = _thrive("texts from this number", [], links=[link])
    assert known["threat"] == "medium" and known["investigation"] == "r1"
    quiet = _thrive("a car parks there", [])
    assert (quiet["threat"], quiet["harm"], quiet["risk"]) == ("low", "low", "low")
    assert quiet["vulnerability"] == "no vulnerable person is described"


@pytest.mark.parametrize(
    ("text", "mentions", "threat", "quoted"),
    [
        ("two lads selling crack by the shops", [m("drug", "crack cocaine", text="crack")],
         "medium", '"crack"'),
        ("a man on a bike handing small bags to cars at the lights", [], "medium",
         '"handing small bags"'),
        ("cars pull up outside for two minutes then drive off, every night", [], "medium",
         '"cars pull up"'),
        ("the man at 14 is dealing from his flat", [], "medium", '"dealing"'),
        ("NEW NUMBER save this one, 2 for 20 all day", [], "medium", '"2 for 20"'),
        ("my neighbour is selling her car, it blocks the road", [], "low", None),
        ("a man handed me a leaflet about the bin day", [], "low", None),
    ],
)  # fmt: skip
def test_threat_is_medium_for_a_drug_market_however_it_is_told(
    text: str, mentions: list[dict[str, Any]], threat: str, quoted: str | None
) -> None:
    got = suggest_thrive({"what": text}, mentions, "not answered", [], [])
    assert got["threat"].value == threat
    assert got["harm"].value == threat  # no person is harmed in these: community harm only
    if quoted:
        assert quoted in got["threat"].reason and quoted in got["harm"].reason


def test_grading_source_is_always_2_untested() -> None:
    plain = suggest_grading({"what": "I saw a car parked outside 14 Pier Ave"}, [], [])
    assert (plain.source, plain.intelligence, plain.handling, plain.conditions) == (
        "2", "A", "P", None,
    )  # fmt: skip
    hearsay = suggest_grading({"what": "apparently they deal from the flat"}, [], [])
    assert hearsay.intelligence == "C"
    backed = suggest_grading(
        {"what": "everyone knows they deal"}, [{"kind": "deal line", "label": "Ghost line"}], []
    )
    assert backed.intelligence == "B"
    duplicate = suggest_grading({"what": "I heard it"}, [], [{"reference": "PUB-1"}])
    assert duplicate.intelligence == "B"
    mine = suggest_grading({"what": "my neighbour at number 5 is dealing"}, [], [])
    assert (mine.handling, mine.conditions) == ("C", SANITISE_CONDITION)
    assert mine.to_json()["scheme"] == "3x5x2"


def test_a_childs_own_vulnerability_is_named_and_routes_to_their_social_worker() -> None:
    text = "Tyler, 15, lives in a children's home and has an EHCP, he is dealing at the station"
    mentions = [m.to_json() for m in extract(text)]
    got = suggest_thrive({"what": text}, mentions, "not answered", [], [])
    assert got["harm"].value == "high" and "a child may be involved" in got["harm"].reason
    vulnerability = got["vulnerability"].value
    assert "child in care (looked after)" in vulnerability
    assert "child with additional needs" in vulnerability
    assert "tell their social worker" in vulnerability
    # an adult's condition alone is not a child's need
    adult = "my neighbour has autism and men are in and out of his flat all night"
    plain = suggest_thrive({"what": adult}, [m.to_json() for m in extract(adult)], "no", [], [])
    assert "child" not in plain["vulnerability"].value


def test_a_childminders_busy_morning_is_not_a_child_at_risk() -> None:
    text = (
        "Next door is a registered childminder. Cars pulling up from 7.30am every weekday, "
        "parents dropping the children off and collecting them at 5."
    )
    got = suggest_thrive({"what": text}, [m.to_json() for m in extract(text)], "no", [], [])
    assert (got["threat"].value, got["harm"].value, got["risk"].value) == ("low", "low", "low")
    assert "MASH" not in got["vulnerability"].value
    # the same words with a child's age and dealing are a child at risk
    risky = "Cars pulling up all evening and a boy of 14 handing them small bags."
    flagged = suggest_thrive({"what": risky}, [m.to_json() for m in extract(risky)], "no", [], [])
    assert flagged["harm"].value == "high" and "MASH" in flagged["vulnerability"].value


def test_a_child_with_several_signs_of_exploitation_is_high_risk() -> None:
    # a new user's teacher's report: a child of 14 with goods he will not explain, older
    # lads collecting him and a debt was rated "medium" risk
    text = (
        "Jayden (14) has new trainers and two phones he will not explain. Older lads pick "
        "him up from school in a black car and he says he owes them money."
    )
    mentions = [x.to_json() for x in extract(text)]
    assert sum(x["type"] == "cce_indicator" for x in mentions) == 2  # the premise
    got = suggest_thrive({"what": text}, mentions, "yes", [], [])
    assert got["risk"].value == "high"
    # the phrase rules name four: unexplained money or goods, several phones, older
    # associates, debt to dealers (the clause reader's "about the child: debt" is the same)
    assert got["risk"].reason.startswith("a child with 4 different signs of criminal exploitation")
    # two signs in one clause are two signs (a breaker's: one clause stayed "medium")
    one_clause = "lad about 13 has loads of cash and a second phone he won't explain"
    got = suggest_thrive(
        {"what": one_clause}, [x.to_json() for x in extract(one_clause)], "not answered", [], []
    )
    assert got["risk"].value == "high"
    # one sign beside a child stays "act soon"
    one = _thrive("a boy of 14 keeps going off with older lads", [m("cce_indicator", "x")], "yes")
    assert one["risk"] == "medium"


@pytest.mark.parametrize(
    ("text", "mentions", "threat", "quoted"),
    [
        ("plastic bags and scales on the kitchen table at the flat", [], "medium", '"scales"'),
        ("she weighs herself on the bathroom scales every day", [], "low", None),
        # the extraction's own sign of dealing: the threat must not say none is mentioned
        ("the boy is out for them every night", [m("cce_indicator", "child: dealing")],
         "medium", '"child: dealing"'),
    ],
)  # fmt: skip
def test_a_dealers_kit_or_a_sign_of_dealing_is_a_drug_market(
    text: str, mentions: list[dict[str, Any]], threat: str, quoted: str | None
) -> None:
    got = suggest_thrive({"what": text}, mentions, "not answered", [], [])
    assert got["threat"].value == threat
    if quoted:
        assert quoted in got["threat"].reason
    else:
        assert "no weapon, violence, drugs, dealing" in got["threat"].reason


@pytest.mark.parametrize(
    "text",
    [
        "I'm a carer for Mrs Doreen Pike and men are staying in her flat.",
        "As his form tutor I have seen him with two phones.",
        "I am the caretaker at the flats and lads are in and out of 12.",
        "Year 9 form tutor here: he has new trainers every week.",
        "I work at the chip shop and kids hand over bags outside.",
        "One of my pupils is being picked up by older lads.",
        "I'm the head of year and he has new trainers every week.",
        "I manage the shop on the corner and lads deal outside.",
        "I volunteer at the food bank and she has stopped coming.",
    ],
)
def test_a_reporter_who_says_who_they_are_gets_handling_c(text: str) -> None:
    got = suggest_grading({"what": text}, [], [])
    assert (got.handling, got.conditions) == ("C", SANITISE_CONDITION)


def test_a_report_that_says_nothing_of_its_reporter_stays_handling_p() -> None:
    for text in (
        "A man is dealing from the flat above the bookies.",
        "Im sure its drugs",
        "I'm a bit worried about the lads at the flats.",
        "I am a little scared to say more.",
        "Her form tutor noticed she has cash.",  # someone else's role, not the reporter's
    ):
        assert suggest_grading({"what": text}, [], []).handling == "P"
