"""The clause reader: signs said in people's own words, and what is not a sign.

Texts are written for these tests (not taken from either evaluation set); each expected span
is the clause as a person would underline it, typed out and located with ``str.index``.
"""

from __future__ import annotations

from countylines.extract import Mention
from countylines.extract import extract as extract_all
from countylines.extract.clauses import clauses_of
from countylines.extract.pipeline import build_pipeline


def extract(text: str, **options: object) -> list[Mention]:
    """The rules' mentions with the clause reader, without the indicator model (these tests
    are of the reader; the model has its own, in test_learned.py)."""
    return extract_all(text, learned=False, **options)  # type: ignore[arg-type]


def indicators(text: str, kind: str) -> list[str]:
    """The texts of the mentions of ``kind`` (default confidence)."""
    return [m.text for m in extract(text) if m.type == kind]


def test_clauses_are_cut_at_punctuation_and_at_a_new_subject() -> None:
    doc = build_pipeline()("He comes home at 4am and has a new coat, the mum is struggling.")
    assert [c.said for c in clauses_of(doc)] == [
        "he comes home at 4 am",
        "has a new coat",
        "the mum is struggling",
    ]


def test_a_parent_writing_he_throughout() -> None:
    text = "My son is 14. He comes home at 3am with new trainers and won't say where from."
    found = [m for m in extract(text) if m.type == "cce_indicator"]
    assert [m.text for m in found] == [
        "He comes home at 3am with new trainers and won't say where from"
    ]
    assert "clause-cce" in found[0].rule  # the clause reader read it, beside a phrase rule
    assert [(m.text, m.value) for m in extract(text) if m.type == "age"] == [("son is 14", "14")]


def test_a_child_doing_the_lines_work_in_everyday_words() -> None:
    text = "Saw a man in a grey Audi hand two young lads some small packages by the park."
    assert indicators(text, "cce_indicator") == [text.removesuffix(".")]


def test_children_as_customers_or_adults_alone_are_not_cce() -> None:
    assert indicators("They are selling weed to kids outside the chip shop.", "cce_indicator") == []
    assert indicators("Someone tried to sell my son a phone at the station.", "cce_indicator") == []
    assert indicators("Two men are dealing crack from the car park.", "cce_indicator") == []


def test_a_denied_sign_is_not_a_sign() -> None:
    text = "Welfare visit completed. No CCE concerns. No juveniles at the address."
    assert indicators(text, "cce_indicator") == []
    assert indicators("Not a cuckooed address.", "cuckooing_indicator") == []


def test_a_childs_age_is_a_fact_not_a_sign() -> None:
    text = "My daughter is 15 and loves netball."
    assert indicators(text, "cce_indicator") == []
    assert [(m.type, m.value) for m in extract(text) if m.type == "age"] == [("age", "15")]


def test_an_age_in_a_logs_bracket_names_a_child() -> None:
    text = "IP (M, 15) disclosed that older males gave him a phone and trainers."
    # a bracket belongs to its clause: the phrase starts with the child, as the guideline says
    assert indicators(text, "cce_indicator") == [text.removesuffix(".")]


def test_cuckooing_signs_in_everyday_words() -> None:
    text = (
        "My neighbour is in her eighties. Two lads from London have moved in and she isn't "
        "allowed to leave. Her pension card has gone."
    )
    assert indicators(text, "cuckooing_indicator") == [
        "Two lads from London have moved in",
        "she isn't allowed to leave",
        "Her pension card has gone",
    ]


def test_busy_homes_with_an_everyday_reason_are_not_cuckooing() -> None:
    assert indicators("Carers come and go all day to my nan's flat.", "cuckooing_indicator") == []
    assert indicators("He lives alone in the flat above mine.", "cuckooing_indicator") == []
    text = "There are two lads sleeping in a car on our road."
    assert indicators(text, "cuckooing_indicator") == []


def test_a_vulnerability_is_context_not_a_sign() -> None:
    text = "The man at number 4 has learning difficulties."
    found = extract(text)
    assert [m.type for m in found if m.type.endswith("indicator")] == []
    assert [m.text for m in found if m.type == "vulnerability"] == ["learning difficulties"]


def test_a_name_given_with_an_age_names_the_child_again() -> None:
    text = "IP: Kayden (14). Kayden was found in a flat with £600 and three phones."
    assert indicators(text, "cce_indicator") == [
        "Kayden was found in a flat with £600 and three phones"
    ]


def test_text_speak_is_read_with_its_gs_put_back() -> None:
    text = "my lil bro is 13 n hes been handin stuff out of car windows"
    found = [m for m in extract(text) if m.type == "cce_indicator"]
    assert [m.text for m in found] == ["hes been handin stuff out of car windows"]
    assert "dealing" in str(found[0].value)


def test_someone_elses_use_of_the_occupants_card_and_weapons_in_her_home() -> None:
    text = (
        "My elderly neighbour lives alone. The lads buy their drink with her bank card. "
        "There's a machete behind her settee."
    )
    assert indicators(text, "cuckooing_indicator") == [
        "The lads buy their drink with her bank card",
        "There's a machete behind her settee",
    ]


def test_a_busy_address_with_no_one_at_risk_is_not_cuckooing() -> None:
    text = "Cars coming and going all night at 4 Elm Road, and needles in the garden."
    assert indicators(text, "cuckooing_indicator") == []
    text = "My nan is 84 and lives at 4 Elm Road. Cars coming and going all night."
    assert indicators(text, "cuckooing_indicator") == ["Cars coming and going all night"]


def test_a_logs_shorthand_names_a_child_and_its_signs() -> None:
    text = "IP1 (M,15) stopped w/ 2x mobs + £340 cash. OOA from Newham."
    found = [m for m in extract(text) if m.type == "cce_indicator"]
    assert [m.text for m in found] == ["IP1 (M,15) stopped w/ 2x mobs + £340 cash"]
    assert [(m.text, m.value) for m in extract(text) if m.type == "age"] == [("M,15", "15")]


def test_the_reader_reports_the_ages_it_reads() -> None:
    text = "My son Callum is 14. Jordan, 15, lives next door. We met at Station Road, 14, at six."
    assert [m.value for m in extract(text) if m.type == "age"] == ["14", "15"]


def test_everyday_look_alikes_from_a_new_users_texts() -> None:
    text = (
        "My son got a new phone for his birthday and now he's got two phones. He stays up "
        "late at weekends playing games with his mates. Her neighbour has a spare key in "
        "case of emergencies."
    )
    assert [m.text for m in extract(text) if m.type.endswith("indicator")] == []


def test_never_seen_nothing_like_it_is_wonder_not_a_missing_occupant() -> None:
    text = "Never seen nothin like it round ere, cars all night outside the flats."
    assert indicators(text, "cuckooing_indicator") == []
    # what is not seen is a person: still the sign
    text = "Not seen anything of Doreen for weeks and men are in her flat."
    assert [m.value for m in extract(text) if m.type == "cuckooing_indicator"] == [
        "home: people staying, occupant not seen"
    ]


def _vulnerabilities(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in extract(text) if m.type == "vulnerability"]


def test_a_childs_own_vulnerabilities_are_read_where_a_child_is_named() -> None:
    assert _vulnerabilities("the boy is in foster care and has ADHD") == [
        ("in foster care", "child in care (looked after)"),
        ("ADHD", "child with additional needs"),
    ]
    # the child is named only by a name with an age, earlier in the text
    assert _vulnerabilities("Tyler, 15, has an EHCP and is known to social services.") == [
        ("EHCP", "child with additional needs"),
        ("known to social services", "child known to children's services"),
    ]
    assert _vulnerabilities("13 year old girl, on a child protection plan") == [
        ("child protection plan", "child known to children's services"),
    ]


def test_an_adults_condition_or_a_care_home_is_not_a_childs_vulnerability() -> None:
    assert _vulnerabilities("my neighbour has autism, men in and out all night") == []
    found = _vulnerabilities("the elderly man in the flat went into care home last year")
    assert all(not str(value).startswith("child") for _, value in found)


def test_an_occupants_disability_or_dependency_is_a_vulnerability() -> None:
    text = "Old Tom is in a wheelchair and men have moved into his flat to sell drugs."
    assert ("in a wheelchair", "vulnerable occupant") in _vulnerabilities(text)
    text = "She is heroin dependent and two lads are dealing from her flat."
    assert ("heroin dependent", "vulnerable occupant") in _vulnerabilities(text)
    # the fact shares its words with the drug, which is still found
    assert ("drug", "heroin") in [(m.type, m.text) for m in extract(text)]
    text = "Mum is disabled and her new friends took her bank card, they sell crack from the flat."
    assert ("is disabled", "vulnerable occupant") in _vulnerabilities(text)
    # with no sign of dealing or a taken-over home nearby, the fact alone is less sure
    alone = [m for m in extract("My uncle is in a wheelchair.") if m.type == "vulnerability"]
    beside = [m for m in extract(text) if m.type == "vulnerability"]
    assert [m.confidence for m in alone] == [0.6] and [m.confidence for m in beside] == [0.7]


def test_signs_named_are_the_ones_said() -> None:
    missing = [m.value for m in extract("My son is 14 and keeps going missing for days.")]
    assert any("missing" in str(v) for v in missing)
    assert not any("school" in str(v) for v in missing)  # "for days" is not school days
    money = "He is 15 and came home with £300 and a second phone he won't explain."
    values = " ".join(str(m.value) for m in extract(money) if m.type == "cce_indicator")
    assert "will not explain" in values and "injury" not in values
    hurt = "The boy (14) has a black eye he won't explain."
    assert "injury" in " ".join(str(m.value) for m in extract(hurt))


def test_unexplained_injuries_and_absences_are_not_money() -> None:
    text = "Year 9 pupil has had 12 unexplained absences and came in with unexplained injuries."
    values = " ".join(str(m.value) for m in extract(text) if m.type == "cce_indicator")
    assert "out of school" in values and "injuries" in values
    assert "money or goods" not in values


def test_shorthand_and_plain_vulnerabilities_of_an_occupant() -> None:
    text = "Occupant vulnerable F 50s, MH issues. Lads staying at her flat dealing crack."
    assert ("MH issues", "vulnerable occupant") in _vulnerabilities(text)
    text = "An alcoholic female lives there, new friends from London staying and dealing."
    assert ("alcoholic female", "vulnerable occupant") in _vulnerabilities(text)
