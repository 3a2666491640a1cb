"""Cases from arrest to sentence, and the funnel: counts worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.operations.cases import (
    CaseError,
    build_cases,
    check_charge,
    check_hearing,
    check_sentence,
    funnel,
)
from countylines.operations.charts import funnel_svg
from countylines.operations.records import Arrest, Charge, Hearing, Referral, Sentence
from countylines.operations.terms import TermError

T = dt.datetime(2024, 3, 5, 5, 0, tzinfo=dt.UTC)


def arrest(i: int, victim: bool = False) -> Arrest:
    return Arrest(
        i,
        f"Person {i}",
        "PWITS class A",
        T + dt.timedelta(minutes=i),
        "Clacton",
        possible_victim=victim,
    )


def test_funnel_counts_each_stage_as_a_subset_of_the_one_before() -> None:
    # 5 arrested; 1-4 charged (5 gets NFA); 1-3 convicted (4 acquitted);
    # 1 immediate custody 40 months, 2 suspended, 3 community order only.
    arrests = [arrest(i) for i in range(1, 6)]
    charges = [Charge(i, i, "PWITS", dt.date(2024, 3, 6), "charge") for i in range(1, 5)]
    charges.append(Charge(5, 5, "PWITS", dt.date(2024, 3, 6), "no further action"))
    hearings = [
        Hearing(i, i, "Chelmsford Crown Court", dt.date(2024, 6, 1), "guilty plea") for i in (1, 2)
    ]
    hearings += [
        Hearing(3, 3, "Chelmsford Crown Court", dt.date(2024, 6, 1), "adjourned"),
        Hearing(4, 3, "Chelmsford Crown Court", dt.date(2024, 8, 1), "convicted after trial"),
        Hearing(5, 4, "Chelmsford Crown Court", dt.date(2024, 8, 1), "acquitted"),
    ]
    sentences = [
        Sentence(1, 1, dt.date(2024, 7, 1), custodial_months=40),
        Sentence(2, 2, dt.date(2024, 7, 1), custodial_months=18, suspended=True),
        Sentence(3, 3, dt.date(2024, 9, 1), community_order=True),
    ]
    cases = build_cases(arrests, charges, hearings, sentences)
    f = funnel(cases)
    assert (f.arrested, f.charged, f.convicted, f.custodial, f.custodial_months) == (5, 4, 3, 1, 40)
    stages = {c.arrest.arrest_id: c.stage for c in cases}
    assert stages == {
        1: "sentenced",
        2: "sentenced",
        3: "sentenced",
        4: "acquitted or discontinued",
        5: "no further action",
    }
    assert [h.hearing_id for h in cases[2].hearings] == [3, 4]


def test_a_case_cannot_skip_a_stage() -> None:
    [case] = build_cases([arrest(1)])
    with pytest.raises(CaseError, match="has not been charged"):
        check_hearing(case, dt.date(2024, 4, 1), "guilty plea")
    with pytest.raises(CaseError, match="no conviction recorded"):
        check_sentence(case, dt.date(2024, 4, 1), 12)
    with pytest.raises(CaseError, match="before the arrest"):
        check_charge(case, dt.date(2024, 3, 4), "charge")
    with pytest.raises(TermError, match="one of: charge, no further action"):
        check_charge(case, dt.date(2024, 3, 6), "charged maybe")
    assert check_charge(case, dt.date(2024, 3, 6), "CHARGE") == "charge"
    [charged] = build_cases([arrest(1)], [Charge(1, 1, "PWITS", dt.date(2024, 3, 6), "charge")])
    with pytest.raises(CaseError, match="before the charge"):
        check_hearing(charged, dt.date(2024, 3, 5), "adjourned")
    assert check_hearing(charged, dt.date(2024, 3, 7), "Guilty Plea") == "guilty plea"
    [convicted] = build_cases(
        [arrest(1)],
        [Charge(1, 1, "PWITS", dt.date(2024, 3, 6), "charge")],
        [Hearing(1, 1, "Colchester MC", dt.date(2024, 3, 7), "guilty plea")],
    )
    with pytest.raises(CaseError, match="before the conviction"):
        check_sentence(convicted, dt.date(2024, 3, 6), 12)
    with pytest.raises(CaseError, match="0 or more"):
        check_sentence(convicted, dt.date(2024, 4, 6), -1)
    check_sentence(convicted, dt.date(2024, 4, 6), 12)


def test_a_possible_victim_case_asks_for_a_referral_until_one_is_made() -> None:
    [case] = build_cases([arrest(1, victim=True)])
    assert case.safeguarding_note is not None
    assert "no safeguarding referral recorded yet" in case.safeguarding_note
    assert "s.45" in case.safeguarding_note
    referral = Referral(1, "NRM", "Person 1", T, possible_child=True, arrest_id=1)
    [referred] = build_cases([arrest(1, victim=True)], referrals=[referral])
    assert referred.safeguarding_note is not None
    assert "referral made: NRM" in referred.safeguarding_note
    [adult] = build_cases([arrest(2)])
    assert adult.safeguarding_note is None


def test_the_funnel_chart_is_reproducible_and_shows_the_counts() -> None:
    cases = build_cases(
        [arrest(1), arrest(2)],
        [Charge(1, 1, "PWITS", dt.date(2024, 3, 6), "charge")],
    )
    svg = funnel_svg(funnel(cases))
    assert svg == funnel_svg(funnel(cases))
    assert svg.startswith("<?xml")
    # text kept as text: the stage names and counts are readable in the file
    for text in (
        "arrested",
        "charged",
        "convicted",
        "immediate custody",
        "2 (100% of arrests)",
        "1 (50% of arrests)",
    ):
        assert text in svg
