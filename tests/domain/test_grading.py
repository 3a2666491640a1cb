"""Intelligence grading: every label exactly, and every way a grading can be wrong."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from countylines.domain.grading import (
    HANDLING_3X5X2,
    HANDLING_5X5X5,
    INTELLIGENCE_3X5X2,
    INTELLIGENCE_5X5X5,
    LABELS,
    SOURCE_3X5X2,
    SOURCE_5X5X5,
    Grading3x5x2,
    Grading5x5x5,
    GradingError,
    parse_compact_grading,
    parse_grading,
    parse_scheme,
)

# ---------------------------------------------------------------- labels, literally


def test_3x5x2_tables_are_exactly_the_app_labels() -> None:
    assert dict(SOURCE_3X5X2) == {"1": "Reliable", "2": "Untested", "3": "Not reliable"}
    assert dict(INTELLIGENCE_3X5X2) == {
        "A": "Known directly to the source",
        "B": "Known indirectly but corroborated",
        "C": "Known indirectly",
        "D": "Not known",
        "E": "Suspected to be false",
    }
    assert dict(HANDLING_3X5X2) == {
        "P": "Lawful sharing permitted",
        "C": "Lawful sharing permitted with conditions",
    }


def test_5x5x5_tables_are_exactly_the_nim_labels() -> None:
    assert dict(SOURCE_5X5X5) == {
        "A": "Always reliable",
        "B": "Mostly reliable",
        "C": "Sometimes reliable",
        "D": "Unreliable",
        "E": "Untested",
    }
    assert dict(INTELLIGENCE_5X5X5) == {
        "1": "Known to be true without reservation",
        "2": "Known personally to source but not to officer",
        "3": "Not personally known to source but corroborated",
        "4": "Cannot be judged",
        "5": "Suspected to be false or malicious",
    }
    assert dict(HANDLING_5X5X5) == {
        "1": "May be disseminated to other law enforcement and prosecuting agencies, "
        "including law enforcement agencies within the EEA, and EU compatible",
        "2": "May be disseminated to UK non-prosecuting parties",
        "3": "May be disseminated to non-EEA law enforcement agencies",
        "4": "May be disseminated within the originating agency only",
        "5": "No further dissemination: refer to the originator",
    }


def test_labels_index_both_schemes() -> None:
    assert LABELS["3x5x2"]["source"]["3"] == "Not reliable"
    assert LABELS["3x5x2"]["intelligence"]["B"] == "Known indirectly but corroborated"
    assert LABELS["3x5x2"]["handling"]["P"] == "Lawful sharing permitted"
    assert LABELS["5x5x5"]["source"]["D"] == "Unreliable"
    assert LABELS["5x5x5"]["intelligence"]["4"] == "Cannot be judged"
    assert (
        LABELS["5x5x5"]["handling"]["4"] == "May be disseminated within the originating agency only"
    )


@pytest.mark.parametrize(
    ("code", "label"), [("1", "Reliable"), ("2", "Untested"), ("3", "Not reliable")]
)
def test_3x5x2_source_label(code: str, label: str) -> None:
    assert parse_grading("3x5x2", code, "A", "P").source_label == label


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("A", "Known directly to the source"),
        ("B", "Known indirectly but corroborated"),
        ("C", "Known indirectly"),
        ("D", "Not known"),
        ("E", "Suspected to be false"),
    ],
)
def test_3x5x2_intelligence_label(code: str, label: str) -> None:
    assert parse_grading("3x5x2", "1", code, "P").intelligence_label == label


@pytest.mark.parametrize(
    ("code", "conditions", "label"),
    [
        ("P", None, "Lawful sharing permitted"),
        ("C", "Not to be shared outside the force", "Lawful sharing permitted with conditions"),
    ],
)
def test_3x5x2_handling_label(code: str, conditions: str | None, label: str) -> None:
    assert parse_grading("3x5x2", "1", "A", code, conditions).handling_label == label


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("A", "Always reliable"),
        ("B", "Mostly reliable"),
        ("C", "Sometimes reliable"),
        ("D", "Unreliable"),
        ("E", "Untested"),
    ],
)
def test_5x5x5_source_label(code: str, label: str) -> None:
    assert parse_grading("5x5x5", code, "1", "1").source_label == label


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("1", "Known to be true without reservation"),
        ("2", "Known personally to source but not to officer"),
        ("3", "Not personally known to source but corroborated"),
        ("4", "Cannot be judged"),
        ("5", "Suspected to be false or malicious"),
    ],
)
def test_5x5x5_intelligence_label(code: str, label: str) -> None:
    assert parse_grading("5x5x5", "A", code, "1").intelligence_label == label


@pytest.mark.parametrize(
    ("code", "label", "note"),
    [
        (
            "1",
            "May be disseminated to other law enforcement and prosecuting agencies, including "
            "law enforcement agencies within the EEA, and EU compatible",
            "no special conditions",
        ),
        (
            "2",
            "May be disseminated to UK non-prosecuting parties",
            "authorisation and records needed",
        ),
        (
            "3",
            "May be disseminated to non-EEA law enforcement agencies",
            "special conditions apply",
        ),
        ("4", "May be disseminated within the originating agency only", ""),
        (
            "5",
            "No further dissemination: refer to the originator",
            "special handling requirements imposed by the officer who authorised collection",
        ),
    ],
)
def test_5x5x5_handling_label(code: str, label: str, note: str) -> None:
    grading = parse_grading("5x5x5", "A", "1", code)
    assert isinstance(grading, Grading5x5x5)
    assert grading.handling_label == label
    assert grading.handling_note == note


# ---------------------------------------------------------------- reading


def test_parse_3x5x2_gives_codes_scheme_and_compact_form() -> None:
    grading = parse_grading(" 3X5X2 ", " 1 ", "b", "p", "   ")
    assert grading == Grading3x5x2("1", "B", "P", None)
    assert grading.scheme == "3x5x2"
    assert grading.code == "1B P"
    assert grading.conditions is None
    assert grading.describe() == (
        "3x5x2 1B P: source Reliable; intelligence Known indirectly but corroborated; "
        "handling Lawful sharing permitted"
    )


def test_parse_5x5x5_gives_codes_scheme_and_compact_form() -> None:
    grading = parse_grading("5x5x5", "b", "2", "4")
    assert grading == Grading5x5x5("B", "2", "4", None)
    assert grading.scheme == "5x5x5"
    assert grading.code == "B2 4"
    assert grading.describe() == (
        "5x5x5 B2 4: source Mostly reliable; intelligence Known personally to source but not "
        "to officer; handling May be disseminated within the originating agency only"
    )


def test_multiplication_sign_is_read_as_x() -> None:
    assert parse_scheme("3\u00d75\u00d72") == "3x5x2"


def test_conditions_travel_with_code_c() -> None:
    grading = parse_grading("3x5x2", "2", "C", "C", "  Not to be shared with partner agencies \n")
    assert grading.conditions == "Not to be shared with partner agencies"
    assert grading.describe().endswith("(conditions: Not to be shared with partner agencies)")


def test_5x5x5_conditions_are_optional_and_kept() -> None:
    assert parse_grading("5x5x5", "A", "1", "5").conditions is None
    assert (
        parse_grading("5x5x5", "A", "1", "5", "Refer to DS Patel").conditions == "Refer to DS Patel"
    )


def test_every_valid_grading_parses_in_its_scheme() -> None:
    n3 = 0
    for s, i, h in itertools.product(SOURCE_3X5X2, INTELLIGENCE_3X5X2, HANDLING_3X5X2):
        g = parse_grading("3x5x2", s, i, h, "conditions" if h == "C" else None)
        assert (g.source, g.intelligence, g.handling) == (s, i, h)
        n3 += 1
    n5 = 0
    for s, i, h in itertools.product(SOURCE_5X5X5, INTELLIGENCE_5X5X5, HANDLING_5X5X5):
        g = parse_grading("5x5x5", s, i, h)
        assert (g.source, g.intelligence, g.handling) == (s, i, h)
        n5 += 1
    assert (n3, n5) == (30, 125)


def test_no_grading_of_one_scheme_is_accepted_as_the_other() -> None:
    for s, i, h in itertools.product(SOURCE_3X5X2, INTELLIGENCE_3X5X2, HANDLING_3X5X2):
        with pytest.raises(GradingError) as err:
            parse_grading("5x5x5", s, i, h)
        assert err.value.field == "scheme"
        assert err.value.category == "3x5x2 grading declared as 5x5x5"
    for s, i, h in itertools.product(SOURCE_5X5X5, INTELLIGENCE_5X5X5, HANDLING_5X5X5):
        with pytest.raises(GradingError) as err:
            parse_grading("3x5x2", s, i, h)
        assert err.value.field == "scheme"
        assert err.value.category == "5x5x5 grading declared as 3x5x2"


def test_gradings_are_frozen() -> None:
    grading = parse_grading("3x5x2", "1", "A", "P")
    with pytest.raises(dataclasses.FrozenInstanceError):
        grading.source = "2"  # type: ignore[misc]


# ---------------------------------------------------------------- errors


def _error(*args: str | None) -> GradingError:
    with pytest.raises(GradingError) as err:
        parse_grading(*args)
    return err.value


def test_5x5x5_grading_declared_as_3x5x2_says_so() -> None:
    err = _error("3x5x2", "B", "2", "4")
    assert err.field == "scheme"
    assert err.value == "3x5x2"
    assert err.category == "5x5x5 grading declared as 3x5x2"
    assert str(err) == (
        "source 'B' with intelligence '2' looks like a 5x5x5 grading (B2), not 3x5x2: declare "
        "it as grading scheme 5x5x5 (codes are never converted between schemes), or check "
        "that the source and intelligence columns are not swapped"
    )


def test_3x5x2_grading_declared_as_5x5x5_says_so() -> None:
    err = _error("5x5x5", "1", "A", "P")
    assert err.field == "scheme"
    assert "looks like a 3x5x2 grading (1A), not 5x5x5" in str(err)
    assert "declare it as grading scheme 3x5x2" in str(err)


@pytest.mark.parametrize(
    ("source", "intelligence", "field", "value", "message"),
    [
        (
            "4",
            "F",
            "source",
            "4",
            "source evaluation '4' is not a 3x5x2 code (1 Reliable, 2 Untested, 3 Not reliable)",
        ),
        (
            "1",
            "F",
            "intelligence",
            "F",
            "intelligence assessment 'F' is not a 3x5x2 code (A Known directly to the source, "
            "B Known indirectly but corroborated, C Known indirectly, D Not known, "
            "E Suspected to be false)",
        ),
        (
            "0",
            "A",
            "source",
            "0",
            "source evaluation '0' is not a 3x5x2 code (1 Reliable, 2 Untested, 3 Not reliable)",
        ),
    ],
)
def test_3x5x2_codes_outside_the_scheme(
    source: str, intelligence: str, field: str, value: str, message: str
) -> None:
    err = _error("3x5x2", source, intelligence, "P")
    assert (err.field, err.value, str(err)) == (field, value, message)


def test_3x5x2_handling_outside_the_scheme() -> None:
    err = _error("3x5x2", "1", "A", "X")
    assert (err.field, err.value) == ("handling", "X")
    assert str(err) == (
        "handling code 'X' is not a 3x5x2 code (P Lawful sharing permitted, C Lawful sharing "
        "permitted with conditions)"
    )


def test_3x5x2_with_a_5x5x5_handling_code() -> None:
    err = _error("3x5x2", "1", "A", "4")
    assert (err.field, err.value, err.category) == (
        "handling",
        "4",
        "handling code not a 3x5x2 code",
    )
    assert str(err).startswith("handling code '4' is a 5x5x5 code; 3x5x2 handling is P")


def test_handling_c_without_conditions_is_refused() -> None:
    for blank in (None, "", "   "):
        err = _error("3x5x2", "1", "A", "C", blank)
        assert err.field == "conditions"
        assert err.category == "handling code C without conditions"
        assert str(err) == (
            "handling code C (Lawful sharing permitted with conditions) needs its conditions, "
            "and none are given"
        )


def test_conditions_with_handling_p_are_refused() -> None:
    err = _error("3x5x2", "1", "A", "P", "Not for partners")
    assert (err.field, err.value, err.category) == (
        "conditions",
        "Not for partners",
        "conditions given with handling code P",
    )
    assert "grade it C to keep the conditions, or remove them" in str(err)


@pytest.mark.parametrize(
    ("source", "intelligence", "handling", "field", "value"),
    [
        ("F", "1", "1", "source", "F"),
        ("A", "6", "1", "intelligence", "6"),
        ("A", "0", "1", "intelligence", "0"),
        ("A", "1", "6", "handling", "6"),
        ("A", "1", "P", "handling", "P"),
        ("", "1", "1", "source", None),
        ("A", "", "1", "intelligence", None),
        ("A", "1", "", "handling", None),
    ],
)
def test_5x5x5_codes_outside_the_scheme(
    source: str, intelligence: str, handling: str, field: str, value: str | None
) -> None:
    err = _error("5x5x5", source, intelligence, handling)
    assert (err.field, err.value) == (field, value)


def test_5x5x5_with_a_3x5x2_handling_code_says_so() -> None:
    assert str(_error("5x5x5", "A", "1", "C")) == (
        "handling code 'C' is a 3x5x2 code; 5x5x5 handling is 1 to 5"
    )


def test_missing_code_is_named() -> None:
    err = _error("3x5x2", None, "A", "P")
    assert (err.field, err.value, str(err)) == ("source", None, "source evaluation is missing")


@pytest.mark.parametrize("scheme", [None, "", "  "])
def test_scheme_is_required_never_guessed(scheme: str | None) -> None:
    err = _error(scheme, "1", "A", "P")
    assert err.field == "scheme"
    assert err.category == "grading scheme missing"
    assert "never guessed" in str(err)


@pytest.mark.parametrize("scheme", ["352", "5x5", "3x5x3", "NIM"])
def test_unknown_scheme_is_refused(scheme: str) -> None:
    err = _error(scheme, "1", "A", "P")
    assert (err.field, err.value) == ("scheme", scheme)
    assert str(err) == f"grading scheme {scheme!r} is not 3x5x2 or 5x5x5"


def test_direct_construction_is_checked_too() -> None:
    with pytest.raises(GradingError):
        Grading3x5x2("4", "F", "P")
    with pytest.raises(GradingError):
        Grading3x5x2("1", "A", "C")
    with pytest.raises(GradingError):
        Grading5x5x5("1", "A", "1")


# ---------------------------------------------------------------- compact form


@pytest.mark.parametrize(
    ("scheme", "text", "expected"),
    [
        ("3x5x2", "1B P", Grading3x5x2("1", "B", "P")),
        ("3x5x2", "1BP", Grading3x5x2("1", "B", "P")),
        ("3x5x2", " 3 e p ", Grading3x5x2("3", "E", "P")),
        ("5x5x5", "B2 4", Grading5x5x5("B", "2", "4")),
        ("5x5x5", "b24", Grading5x5x5("B", "2", "4")),
    ],
)
def test_compact_form(scheme: str, text: str, expected: Grading3x5x2 | Grading5x5x5) -> None:
    assert parse_compact_grading(scheme, text) == expected


def test_compact_form_carries_conditions() -> None:
    grading = parse_compact_grading("3x5x2", "2C C", "Force only")
    assert (grading.code, grading.conditions) == ("2C C", "Force only")


@pytest.mark.parametrize("text", ["1B-P", "1BPX", "", "1 B", "1B P 4", "1BP;", None])
def test_compact_form_is_strict(text: str | None) -> None:
    with pytest.raises(GradingError) as err:
        parse_compact_grading("3x5x2", text)
    assert err.value.category == "grading not in the compact form"


def test_compact_5x5x5_declared_as_3x5x2_is_refused() -> None:
    with pytest.raises(GradingError) as err:
        parse_compact_grading("3x5x2", "B2 4")
    assert err.value.category == "5x5x5 grading declared as 3x5x2"
