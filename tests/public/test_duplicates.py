"""Likely duplicates: shared identifiers and wording, each verdict worked out by hand."""

from __future__ import annotations

from countylines.public.duplicates import (
    MAX_WORDING_COMPARISONS,
    ReportForMatching,
    compare,
    likely_duplicates,
)


def report(
    ref: str, text: str, *mentions: tuple[str, str], lsoa: str | None = None
) -> ReportForMatching:
    return ReportForMatching.of(
        reference=ref,
        texts={"what": text},
        mentions=[{"type": t, "value": v} for t, v in mentions],
        lsoa=lsoa,
    )


def test_the_same_words_are_a_duplicate_with_the_ratio_as_reason() -> None:
    # words [white car outside the flats] / [white van outside the flats]: matching blocks
    # "white", "outside the flats" = 4 words: ratio = 2 x 4 / 10 = 0.8 (worked by hand)
    found = compare(
        report("B", "White car  outside the flats"), report("A", "white van outside the flats.")
    )
    assert found is not None
    assert found.reasons == ("wording 80% alike",)
    assert found.score == 0.8
    # [white car outside] / [white van outside]: 2 x 2 / 6 = 0.67, below 0.75 alone
    assert compare(report("B", "white car outside"), report("A", "white van outside")) is None


def test_one_shared_phone_and_similar_wording() -> None:
    # [the car] / [the van]: "the" = 1 word: 2 x 1 / 4 = 0.5 >= 0.4
    new = report("B", "the car", ("phone", "+447700900123"))
    old = report("A", "the van", ("phone", "+447700900123"))
    found = compare(new, old)
    assert found is not None
    assert found.reasons == ("same phone +447700900123", "wording 50% alike")
    assert found.score == 0.8  # 0.5 + 0.3


def test_one_shared_phone_alone_with_different_wording_is_not_enough() -> None:
    new = report("B", "xxxxxxxxxxxxxxxx", ("phone", "+447700900123"))
    old = report("A", "yyyyyyyyyyyyyyyy", ("phone", "+447700900123"))
    assert compare(new, old) is None


def test_a_strong_and_a_weak_identifier() -> None:
    new = report("B", "qqqq", ("vrm", "AB12CDE"), ("street", "Pier Avenue"))
    old = report("A", "zzzz", ("vrm", "AB12CDE"), ("street", "pier avenue"))
    found = compare(new, old)
    assert found is not None
    assert found.reasons == ("same registration AB12CDE", "same street pier avenue")
    assert found.score == 0.45  # 0 + 0.3 + 0.15


def test_two_strong_identifiers_whatever_the_wording() -> None:
    new = report("B", "qqqq", ("vrm", "AB12CDE"), ("postcode", "CO15 1AB"))
    old = report("A", "zzzz", ("postcode", "CO15 1AB"), ("vrm", "AB12CDE"))
    found = compare(new, old)
    assert found is not None
    assert found.reasons == ("same postcode CO15 1AB", "same registration AB12CDE")


def test_alike_wording_about_different_postcodes_is_not_a_duplicate() -> None:
    text = "please check on the man at the flat, loads of young people staying there"
    new = report("B", text + " co15 1aa", ("postcode", "CO15 1AA"))
    old = report("A", text + " co15 4ql", ("postcode", "CO15 4QL"))
    assert compare(new, old) is None


def test_alike_wording_about_different_streets_is_not_a_duplicate() -> None:
    text = "my neighbour is definitely dealing, loads of parcels delivered and visitors at"
    new = report("B", text + " 74 St Osyth Road", ("street", "St Osyth Road"))
    old = report("A", text + " 30 Harwich Road", ("street", "Harwich Road"))
    assert compare(new, old) is None
    # the same street, worded alike, still is one
    same = report("C", text + " 30 Harwich Road", ("street", "Harwich Road"))
    found = compare(same, old)
    assert found is not None and "same street harwich road" in found.reasons


def test_a_weak_identifier_alone_is_not_enough_but_the_map_area_counts_with_a_strong() -> None:
    assert (
        compare(
            report("B", "qqqq", ("street", "Pier Avenue")),
            report("A", "zzzz", ("street", "Pier Avenue")),
        )
        is None
    )
    found = compare(
        report("B", "qqqq", ("phone", "+447700900123"), lsoa="E01021988"),
        report("A", "zzzz", ("phone", "+447700900123"), lsoa="E01021988"),
    )
    assert found is not None
    assert found.reasons == (
        "same phone +447700900123",
        "map point in the same area (LSOA E01021988)",
    )


def test_most_alike_first_and_never_itself() -> None:
    new = report("N", "white car outside the flats", ("phone", "+447700900123"))
    earlier = [
        report("N", "white car outside the flats"),
        report("A", "white van outside the flats"),  # 0.8
        report("B", "white car outside the flats", ("phone", "+447700900123")),  # 1.0 + 0.3
        report("C", "nothing like it at all"),
    ]
    assert [d.reference for d in likely_duplicates(new, earlier)] == ["B", "A"]
    assert likely_duplicates(new, earlier, limit=1)[0].reference == "B"


def test_wording_is_compared_with_at_most_25_earlier_reports() -> None:
    text = "a silver car parks outside the shop every night and people get in"
    earlier = [report(f"E{i:02d}", text) for i in range(30)]
    found = likely_duplicates(report("N", text), earlier, limit=100)
    assert len(found) == MAX_WORDING_COMPARISONS == 25
    assert all(d.reasons == ("wording 100% alike",) for d in found)
    # identifiers count whatever the wording: a report sharing a phone and a postcode
    earlier.append(
        report("Z", "different words", ("phone", "+447700900123"), ("postcode", "CO15 1AA"))
    )
    found = likely_duplicates(
        report("N", text, ("phone", "+447700900123"), ("postcode", "CO15 1AA")), earlier, limit=100
    )
    assert "Z" in {d.reference for d in found}
