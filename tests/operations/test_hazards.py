"""Hazards from intelligence text and the picture's safeguarding list."""

from __future__ import annotations

import datetime as dt

from countylines.operations.hazards import IntelItem, hazard_terms, hazards_for

D = dt.date(2024, 2, 1)


def item(
    urn: str,
    text: str,
    numbers: tuple[str, ...] = (),
    addresses: tuple[str, ...] = (),
    code: str = "P",
    conditions: str | None = None,
) -> IntelItem:
    return IntelItem(urn, text, D, "3x5x2", "1", "B", code, conditions, numbers, addresses)


def test_terms_found_by_kind_and_negations_left_out() -> None:
    text = (
        "Subject carries a zombie knife in his waistband. There are no dogs at the address. "
        "Two XL bully dogs kept in the garden; a boy approx 15 yrs old answers the door. "
        "Not armed according to source."
    )
    found = hazard_terms(text)
    kinds = [k for k, _ in found]
    assert kinds == ["weapons", "dogs", "children present"]
    assert found[0][1] == "Subject carries a zombie knife in his waistband."
    assert "XL bully" in found[1][1]
    # sentences (and clauses after a semicolon) are the unit of evidence
    assert found[2][1] == "a boy approx 15 yrs old answers the door."


def test_words_inside_other_words_are_not_hazards() -> None:
    assert hazard_terms("Skidmore Road; the Gunners shirt; a staffing agency; doggedly") == []
    assert hazard_terms("He is 19 yrs old") == []  # an adult
    assert [k for k, _ in hazard_terms("Two kids and a Staffie live there.")] == [
        "dogs",
        "children present",
    ]


def test_hazards_for_a_target_come_from_reports_about_it_only() -> None:
    picture = {
        "lines": [{"line_id": "line-a", "intel_urns": ["INT/3"]}],
        "safeguarding": [
            {"label": "runner +447700900300", "numbers": ["+447700900300"], "possible_child": True},
            {"label": "adult elsewhere", "numbers": ["+447700900999"], "possible_child": False},
            {
                "label": "child at cell",
                "cell_id": "CLN-0005",
                "numbers": [],
                "possible_child": True,
            },
        ],
    }
    reports = [
        item("INT/1", "Holder keeps a machete under the bed.", numbers=("+447700900100",)),
        item(
            "INT/2",
            "Pit bull at 12 Pier Avenue.",
            addresses=("12 pier avenue",),
            code="C",
            conditions="not to be shared outside Essex Police",
        ),
        item("INT/3", "Line is taxing rival runners.", code="P"),
        item("INT/4", "Firearm seen at an unrelated flat.", numbers=("+447700900555",)),
    ]
    hazards = hazards_for(
        numbers=["+447700900100", "+447700900300"],
        address="12 Pier Avenue",
        cell_id="LDN-0300",
        line_ids=["line-a"],
        reports=reports,
        picture=picture,
    )
    got = [(h.kind, h.source) for h in hazards]
    assert got == [
        ("weapons", "INT/1"),
        ("dogs", "INT/2"),
        ("children present", "call data"),
        ("violence", "INT/3"),
    ]
    dog = hazards[1]
    assert (dog.handling_code, dog.handling_conditions, dog.grading) == (
        "C",
        "not to be shared outside Essex Police",
        "1B C",
    )
    assert "+447700900300" in hazards[2].detail
