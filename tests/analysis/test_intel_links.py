"""Linking intelligence to lines and reading what it indicates."""

from __future__ import annotations

import datetime as dt

from countylines.analysis.intel_links import (
    Mention,
    ReportRecord,
    brands,
    child_signs,
    evidence_of,
    indicators,
    link_reports,
)
from countylines.analysis.picture import child_evidence
from countylines.analysis.priority import CHILD, CUCKOOING, VIOLENCE, VULNERABLE_ADULT, WEAPON


def rec(urn: str, text: str, numbers=(), mentions=()) -> ReportRecord:
    return ReportRecord(
        urn,
        dt.date(2024, 1, 1),
        "3x5x2",
        "1",
        "A",
        "P",
        None,
        text,
        frozenset(numbers),
        tuple(mentions),
    )


def test_brands_from_varied_writing():
    assert brands("the Ghost line is run from London") == ["Ghost"]
    assert brands("GHOST number now 07700 900123") == ["Ghost"]
    assert brands("texts from the \u2018dee\u2019 line") == ["Dee"]
    assert brands("new number for the line called Tiger") == ["Tiger"]
    assert brands("a deal line in Clacton; his phone; the new number") == []


def test_indicators_from_mentions_ages_and_words():
    assert indicators(rec("a", "boy aged 15 seen serving")) == {CHILD}
    assert indicators(rec("b", "male 19 yrs old serving")) == frozenset()
    assert indicators(rec("c", "runner in school uniform")) == {CHILD}
    assert CHILD in indicators(rec("d", "15yo found in Jaywick"))
    assert indicators(rec("e", "he was stabbed last week")) == {VIOLENCE}
    found = indicators(
        rec(
            "f",
            "has a blade; flat taken over",
            mentions=[
                Mention("weapon", None, "blade"),
                Mention("cuckooing_indicator", None, "taken over"),
            ],
        )
    )
    assert found == {WEAPON, CUCKOOING}


def test_a_denied_child_or_weapon_indicates_nothing():
    text = "Two men sell weed. I didn't see any knives. No children involved. Nil weapons."
    mentions = [Mention("weapon", "knife", "knives"), Mention("weapon", None, "weapons")]
    assert indicators(rec("g", text, mentions=mentions)) == frozenset()
    # said once without a denial: it counts
    text = "No weapons seen on Monday; on Tuesday one had knives in his bag."
    assert indicators(rec("h", text, mentions=[Mention("weapon", "knife", "knives")])) == {WEAPON}
    assert indicators(rec("i", "No juveniles present. A boy seen dealing later.")) == {CHILD}


def test_a_childs_own_vulnerability_says_a_child_and_an_adults_a_vulnerable_adult():
    child = Mention("vulnerability", "child with additional needs", "has an EHCP")
    adult = Mention("vulnerability", "vulnerable occupant", "lives alone")
    assert indicators(rec("j", "Tyler has an EHCP", mentions=[child])) == {CHILD}
    assert indicators(rec("k", "the man lives alone", mentions=[adult])) == {VULNERABLE_ADULT}


def test_links_by_number_person_and_brand():
    line_numbers = {"L1": ["+447700900001", "+447700900002"], "L2": ["+447700900009"]}
    people = {"L1": ["+447700900050"], "L2": []}
    reports = [
        rec("R1", "the Ghost line is busy", ["+447700900001"]),
        rec("R2", "runner for Ghost seen", ["+447700900050"]),
        rec("R3", "GHOST line has a new face at the flat"),  # brand only
        rec("R4", "nothing to do with it", ["+447700900777"]),
        rec("R5", "Tiger number", ["+447700900009"]),
    ]
    links = link_reports(line_numbers, people, reports)
    assert [r.urn for r in links["L1"].line] == ["R1", "R2", "R3"]
    assert links["L1"].brand == "Ghost"
    assert [r.urn for r in links["L1"].by_number["+447700900050"]] == ["R2"]
    assert links["L1"].routes["R3"] == "names the Ghost line"
    assert [r.urn for r in links["L2"].line] == ["R5"]
    assert links["L2"].brand == "Tiger"


def test_a_nickname_tied_to_one_number_links_reports_that_give_only_the_nickname():
    runner = "+447700900050"
    reports = [
        rec("R1", "Ghosty uses this phone", [runner], [Mention("nickname", None, "'Ghosty'")]),
        rec("R2", "a child aka 'GHOSTY' runs for them", [], [Mention("nickname", None, "GHOSTY")]),
        rec(
            "R3",
            "'Sav' and 'Ghosty' share",
            [runner, "+447700900051"],
            [Mention("nickname", None, "Sav")],
        ),
    ]
    links = link_reports({"L1": ["+447700900001"]}, {"L1": [runner, "+447700900051"]}, reports)
    assert [r.urn for r in links["L1"].by_number[runner]] == ["R1", "R2", "R3"]
    assert links["L1"].routes["R2"] == f"names 'ghosty' (who uses {runner}, per R1)"


def test_ages_written_the_ways_reports_write_them():
    assert indicators(rec("a", "Young boy approx 17 seen")) == {CHILD}
    assert indicators(rec("b", "'Ghosty' (14) is running")) == {CHILD}
    assert indicators(rec("c", "male about 25 seen at 14:30")) == frozenset()
    assert indicators(rec("d", "about 16 customers waiting")) == frozenset()


def test_brand_after_aka_and_no_brand_from_line_number():
    assert brands("The line known as Dee still running. Line number +44 7480 559826.") == ["Dee"]
    assert brands("current number for the line aka taz is 07480 559826") == ["Taz"]


def test_a_line_named_like_a_nickname_does_not_tie_its_reports_to_a_person():
    runner, holder = "+447700900050", "+447700900060"
    cash = Mention("nickname", None, "'Cash'")
    reports = [
        # 'Cash' here is the line's name: it must not tie "cash" to the runner's number
        rec("R1", "Boy approx 17 working for the 'Cash' line, uses 07700 900050", [runner], [cash]),
        # a child named only by nickname, on the Cash line: nothing ties him to a number
        rec(
            "R2",
            "A child aged about 14, known as 'Ghosty', is running for the 'Cash' line",
            [],
            [Mention("nickname", None, "'Ghosty'"), cash],
        ),
        # the holder goes by the line's name: here 'Cash' is a person
        rec("R3", "'Cash' uses 07700 900060 and sends runners down", [holder], [cash]),
        rec("R4", "'Cash' seen in Clacton in a black Audi", [], [cash]),
    ]
    links = link_reports({"L1": ["+447700900001"]}, {"L1": [runner, holder]}, reports)
    assert [r.urn for r in links["L1"].by_number[runner]] == ["R1"]
    assert [r.urn for r in links["L1"].by_number[holder]] == ["R3", "R4"]
    assert links["L1"].routes["R4"] == f"names 'cash' (who uses {holder}, per R3)"


def test_a_boy_given_an_adults_age_is_not_a_child():
    taxi = Mention("cce_indicator", "about the child: picked up by cars", "was collected by a taxi")
    text = "Boy in his twenties known as 'Sav' arrived from London and was collected by a taxi."
    assert indicators(rec("a", text, mentions=[taxi])) == frozenset()
    assert indicators(rec("b", "Youth aged 19 seen dealing at the parade")) == frozenset()
    assert indicators(rec("c", "GIRL IN HER EARLY 20S SEEN SERVING")) == frozenset()
    # a child's age or a word for a child still counts
    both = rec("d", "Boy in his twenties seen with a girl aged about 14")
    assert indicators(both) == {CHILD}
    assert child_signs(both) == ("girl aged about 14",)
    assert indicators(rec("e", "Boy in his twenties. The other one is a juvenile.")) == {CHILD}
    # "boy" with no adult age stays a possible child, and so do the taxi words then
    assert child_signs(rec("f", "Boy seen and was collected by a taxi", mentions=[taxi])) == (
        "Boy",
        "was collected by a taxi",
    )


def test_hedged_ages_are_read():
    said = rec("a", "'Lil T', aged about 14, seen getting off the London train")
    assert indicators(said) == {CHILD}
    assert child_signs(said) == ("aged about 14",)
    assert indicators(rec("b", "'Renz', aged approx. 15, carries a blade")) >= {CHILD}
    assert indicators(rec("c", "'Renz', aged around 25, lives on Pier Ave")) == frozenset()


def test_the_words_that_suggest_a_child_are_quoted_once_each():
    text = "Dwayne JAMES (16) from Kilburn is running for the line. He has two phones."
    mentions = [
        Mention("age", "16", "16"),
        Mention("cce_indicator", "child: several phones", "He has two phones"),
    ]
    report = rec("a", text, mentions=mentions)
    assert child_signs(report) == ("(16)", "He has two phones")
    evidence = evidence_of(report)
    assert evidence.child_signs == ("(16)", "He has two phones")
    assert child_evidence(evidence) == (
        'the report says "(16)", "He has two phones": a possible child, and so a possible '
        "victim of child criminal exploitation - establish the age. Report: "
        f'"{text}"'
    )
