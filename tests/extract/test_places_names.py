"""Streets, towns and nicknames in free text."""

from __future__ import annotations

import pytest
from tests.extract.conftest import found, texts

from countylines.extract import extract


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("the flat above the bookies on Pier Avenue", "Pier Avenue", "Pier Avenue"),
        ("the flat above the bookies on Pier Ave", "Pier Ave", "Pier Avenue"),
        ("seen at 12 Station Rd. yesterday", "Station Rd", "Station Road"),
        ("PIER AVE, CLACTON", "PIER AVE", "Pier Avenue"),
        ("Yesterday Station Road was busy", "Station Road", "Station Road"),
        ("outside St John's Road school", "St John's Road", "St John's Road"),
        ("along Marine Parade West", "Marine Parade West", "Marine Parade West"),
        ("walking along marine parade east", "marine parade east", "Marine Parade East"),
        ("lives at no 4 old road", "old road", "Old Road"),
        ("parked in The Grove", "The Grove", "The Grove"),
        ("lives on Pier ave", "Pier ave", "Pier Avenue"),  # a lower-case street word
        ("CRACK DEALERS ON ROSEMARY ROAD", "ROSEMARY ROAD", "Rosemary Road"),
        ("shots fired 2347hrs Mare St Hackney", "Mare St", "Mare Street"),  # Street, not Saint
    ],
)
def test_streets(text: str, written: str, value: str) -> None:
    assert found(text, "street") == [(written, value)]


@pytest.mark.parametrize(
    "text",
    [
        "he was on his way home",  # "way" after a function word
        "appeared at Chelmsford Crown Court",  # a court building
        "Dr Smith saw him",  # Doctor, not Drive
        "went to St Osyth",  # Saint, not Street (St Osyth is a town)
        "down the road",
        "The road was shut",
        "Visited St Osyth",  # Saint
        "Occupant Rebecca LANE (52) lives alone",  # a surname in capitals, as logs write them
    ],
)
def test_not_streets(text: str) -> None:
    assert found(text, "street") == []


def test_town_inside_a_street_name_is_the_street() -> None:
    text = "seen on Clacton Road, Colchester"
    assert found(text, "street") == [("Clacton Road", "Clacton Road")]
    assert found(text, "town") == [("Colchester", "Colchester")]


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("runners from London", "London", "London"),
        ("back to CLACTON", "CLACTON", "Clacton-on-Sea"),
        ("in Clacton-on-Sea", "Clacton-on-Sea", "Clacton-on-Sea"),
        ("Walton-on-the-Naze station", "Walton-on-the-Naze", "Walton-on-the-Naze"),
        ("travels to Reading weekly", "Reading", "Reading"),  # a word as well: placed
        ("came down from london", "london", "London"),  # lower case, distinctive
        ("went to Bury St Edmunds by train", "Bury St Edmunds", "Bury St Edmunds"),  # not a St
        ("from Lytham St. Annes", "Lytham St. Annes", "Lytham St Annes"),
        ("lads from Merthyr Tydfil", "Merthyr Tydfil", "Merthyr Tydfil"),  # Wales
        ("sent up to Kirkcaldy", "Kirkcaldy", "Kirkcaldy"),  # Scotland
        ("a flat in Ballymena", "Ballymena", "Ballymena"),  # Northern Ireland
        # names that are also words or surnames, placed the ways addresses and logs write them
        ("at 41 Cumberland Road Reading RG1 3LB", "Reading", "Reading"),  # street, postcode
        ("flats on Monks Road, Lincoln. Constant", "Lincoln", "Lincoln"),  # after a street
        ("a woman at Crawley RH11 8LE", "Crawley", "Crawley"),  # before a postcode
        ("BTP check, Derby station 0705", "Derby", "Derby"),  # a place noun after it
        ("runner on 07700 900525 (Chatham) since May", "Chatham", "Chatham"),  # in brackets
        ("Custody, Lincoln. Detained person male 22", "Lincoln", "Lincoln"),  # a heading
        ("a line into Boston, Lincolnshire", "Boston", "Boston"),  # before a county
        # a record's heading, however the log separates it (session 6)
        ("MASH screening - Barrow\nSchool reported", "Barrow", "Barrow"),
        ("CUM/24/1188  3/C/P  Kendal\nIt is reported", "Kendal", "Kendal"),
        ("LANCS/IR/24/3377 | 3/C/P | Preston\nInt suggests", "Preston", "Preston"),
        ("Street pastors, Hull, Fair week. Lots of kids", "Hull", "Hull"),
    ],
)
def test_towns(text: str, written: str, value: str) -> None:
    assert found(text, "town") == [(written, value)]


@pytest.mark.parametrize(
    "text",
    [
        "Reading a good book",  # the verb
        "Jordan Preston was arrested",  # a surname
        "I was reading",
        "barking dogs",
        "I will march down the street to deal with it, then bath the kids",
        "on a Duke of Edinburgh expedition with the Prince of Wales hospice team",
        "Sutton and Hayes were stopped together",  # two surnames, neither placed
        "Mr LINCOLN said the tenant, Derby, had left",  # a surname; not the first sentence
        "Stopped 2100. Spoke to DC Crawley, Reading",  # after the first sentence
        "Statement of DC Kendal\nI am the officer",  # a title, closing the first line
        "Spoke to Sarah, Derby, and her mum",  # between commas after a name, not a heading
        # a reviewer's look-alikes: people, months, a forename after a surname
        "Nominal: SMITH, Lincoln.",
        "Spoke to him (Lincoln) at the door.",
        "In March 2024 the line was active; the end of March.",
    ],
)
def test_not_towns(text: str) -> None:
    assert found(text, "town") == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Report by DC Preston, Colchester.", "Colchester"),  # a title: a person
        ("Name: John Derby, Colchester CO1 1AA", "Colchester"),  # no list after a comma
        ("Officers Preston and Colchester CID attended.", "Colchester"),
        ("Station Road, Preston told officers.", None),  # the speaker after a street
    ],
)
def test_a_person_beside_a_place_is_not_a_second_place(text: str, town: str | None) -> None:
    assert [w for w, _ in found(text, "town")] == ([town] if town else [])


def test_a_name_that_is_also_a_word_is_placed_by_a_list_with_a_town() -> None:
    text = "carry packages to Sleaford and Grantham; mainly Worksop, Mansfield"
    assert [w for w, _ in found(text, "town")] == ["Sleaford", "Grantham", "Worksop", "Mansfield"]


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        (
            "vehicles, Manchester \u2194 Preston \u2194 Lancaster\nMA21",
            ["Manchester", "Preston", "Lancaster"],
        ),
        ("NU68 GHP (Focus) Liverpool > Durham weekly", ["Liverpool", "Durham"]),
        ("Durham / Preston > Manchester", ["Durham", "Preston", "Manchester"]),  # back along it
        ("van seen Liverpool -> Durham weekly", ["Liverpool", "Durham"]),
        ("van seen Liverpool  <->  Durham weekly", ["Liverpool", "Durham"]),  # spaces passed
    ],
)
def test_a_route_places_every_name_along_it(text: str, towns: list[str]) -> None:
    assert [w for w, _ in found(text, "town")] == towns


def test_gazetteer_adds_places() -> None:
    text = "dealing in Little Oakley and Beaumont"
    assert found(text, "town") == []
    assert found(text, "town", gazetteer=["Little Oakley", "Beaumont"]) == [
        ("Little Oakley", "Little Oakley"),
        ("Beaumont", "Beaumont"),
    ]


@pytest.mark.parametrize(
    ("text", "nicknames"),
    [
        ("Jordan SMITH aka Tiny, who deals", ["Tiny"]),
        ('a male known as "K-Dog" was seen', ["K-Dog"]),
        ("a male known as K-Dog was seen", ["K-Dog"]),
        ('Jordan "JJ" Smith', ["JJ"]),
        ("Jordan \u201cJJ\u201d Smith", ["JJ"]),
        ("he goes by the name of Smoke.", ["Smoke"]),
        ("also known as Little Tee and", ["Little Tee"]),
        ("known to police as Bugsy", ["Bugsy"]),
        ("a lad called 'Bugsy' runs it", ["Bugsy"]),
        ("Lil Tee and Big Mike", ["Lil Tee", "Big Mike"]),
        ("AKA: BIG MIKE", ["BIG MIKE"]),
        ("calls himself K9.", ["K9"]),
        ("aka tiny", ["tiny"]),
    ],
)
def test_nicknames(text: str, nicknames: list[str]) -> None:
    assert texts(text, "nickname") == nicknames


@pytest.mark.parametrize(
    "text",
    [
        "known as a dealer in the area",
        "a lad called Jordan",  # a name, not a nickname
        'they sell "white"',  # a quoted drug word
        'she said "Yes" to that',
        "he's well known as I said",
        # a deal line's brand is not a person (the label rules: a line is not a person)
        'It is reported that the "TITAN" line is supplying crack',
        "Analyst note: deal line 'SKIDZ', Derby customers",
        'Line: "SMOKEY" 07700900463',
        "handsets 07700 900161 ('KANE' line) and",
        "the 'ACE' line's runners are staying",
        "Deal line 07700 900 840 (brand 'MONEYBAGS').",
        "he introduced him to a line called 'BANDZ'.",
        'Lines: "MACCA", "TITAN" and "ROLEX" all active.',  # a list of brands
        "The line, known as 'BOLT', is active.",
        'Contacts saved as "Dad 2" and "Mum2"',
        # handset contacts saved as a relationship or a role
        'Contacts: "Mum" 07700 900402; "Runner 2" 07700 900404; "Nan" 01632 960152',
    ],
)
def test_not_nicknames(text: str) -> None:
    assert texts(text, "nickname") == []


def test_a_line_brand_is_its_own_mention() -> None:
    text = 'the "TITAN" line; Lines: "MACCA", "ROLEX"; a line called \'BANDZ\'.'
    assert [(m.text, m.rule) for m in extract(text) if m.type == "line_brand"] == [
        ("TITAN", "line-brand"),
        ("MACCA", "line-brand"),
        ("ROLEX", "line-brand"),
        ("BANDZ", "line-brand"),
    ]


def test_a_nickname_beside_a_line_brand_is_still_read() -> None:
    text = 'Jordan "JJ" Smith runs the "TITAN" line; contacts "Mazza" 07700 900151'
    assert texts(text, "nickname") == ["JJ", "Mazza"]
    # a log's next line starting "Line" does not make a nickname a brand
    assert texts('Holder aka "Mazza"\nLine: 07700 900152', "nickname") == ["Mazza"]


def test_a_nickname_given_once_is_found_where_it_is_written_again() -> None:
    text = (
        'Contacts: "Ghost" 07700 900541; "Mum" 07700 900544.\n'
        "Messages from Ghost: stay at Pauline's. A male aka Tank Dee runs it; "
        "Tank Dee drives. Ghost Road is near. ghost stories."
    )
    got = [(m.text, m.rule) for m in extract(text) if m.type == "nickname"]
    assert got == [
        ("Ghost", "nickname-quoted"),
        ("Ghost", "nickname-repeat"),
        ("Tank Dee", "nickname-aka"),
        ("Tank Dee", "nickname-repeat"),
    ]  # not the street, not lower case, not a contact saved as "Mum"


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ("Wee Stevie fae Easterhouse is using weans", "Wee Stevie"),
        ("coke drops in Stonehaven for Scouse Tony.", "Scouse Tony"),
        ("driver is Tiny Tam.", "Tiny Tam"),
    ],
)
def test_scots_and_scouse_prefixes_make_a_nickname(text: str, nickname: str) -> None:
    assert [m.text for m in extract(text) if m.type == "nickname"] == [nickname]


@pytest.mark.parametrize(
    "text", ["Wee Boy and his mates", "Mad Friday in town", "a wee Glasgow lad"]
)
def test_a_prefix_before_a_description_or_a_day_is_no_nickname(text: str) -> None:
    assert [m for m in extract(text) if m.type == "nickname"] == []


def test_nickname_beats_the_drug_word_it_spells() -> None:
    text = "a lad aka Charlie sells coke"
    assert texts(text, "nickname") == ["Charlie"]
    assert texts(text, "drug") == ["coke"]


def test_values_are_the_written_characters() -> None:
    # the rules read curly quotes as straight ones; mentions keep what was written
    [mention] = [m for m in extract("known as \u2018Smoke\u2019.") if m.type == "nickname"]
    assert (mention.text, mention.value) == ("Smoke", "Smoke")
