"""The indicator model: trained on labelled texts, checked when loaded, combined with the
rules' surest findings. Texts are written for these tests."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from countylines.extract import extract
from countylines.extract.api import DEFAULT_MIN_CONFIDENCE, text_view
from countylines.extract.learned import (
    MODEL_PATH,
    RULE,
    LabelledText,
    ModelError,
    load_model,
    save_model,
    train,
)
from countylines.extract.learned.features import TextView, without_reassurance
from countylines.extract.learned.model import (
    NEAR_MISS_CONFIDENCE,
    NEAR_MISS_FROM,
    THRESHOLD_F1_TOLERANCE,
    THRESHOLD_GRID,
)
from countylines.extract.mention import Mention

SIGNS = [
    "a boy of 14 is running drugs for the older lads",
    "the girl, 15, carries packages to cars every night",
    "a lad in school uniform is dealing by the station",
    "the boy has two phones and new trainers and will not say where from",
]
PLAIN = [
    "the bins were not collected on Tuesday",
    "a red car parked across the drive all day",
    "the street lights have been out for a week",
    "a dog barks at night behind the shops",
]


def _item(text: str, sign: bool, group: str) -> LabelledText:
    labels = (("cce_indicator", 0, len(text)),) if sign else ()
    return LabelledText(text_view(text), labels, group)


def _small_model() -> object:
    items = [
        _item(f"{t}.", sign, group)
        for group in ("a", "b")
        for texts, sign in ((SIGNS, True), (PLAIN, False))
        for t in texts
    ]
    return train(items)


def test_a_model_trained_on_labelled_clauses_reads_a_new_text() -> None:
    model = _small_model()
    found = model.mentions(  # type: ignore[attr-defined]
        text_view("The boy, 14, is dealing drugs for the older lads."), keep_rules_from=None
    )
    assert [m.type for m in found] == ["cce_indicator"]
    assert found[0].rule == RULE and found[0].confidence >= 0.2
    quiet = model.mentions(  # type: ignore[attr-defined]
        text_view("The bins were not collected again."), keep_rules_from=None
    )
    assert quiet == []


def test_each_threshold_is_the_lowest_within_a_point_of_the_best_f1() -> None:
    model = _small_model()
    for kind in ("cce_indicator", "cuckooing_indicator"):
        scores = model.threshold_f1[kind]  # type: ignore[attr-defined]
        assert sorted(scores) == sorted(THRESHOLD_GRID)
        best = max(scores.values())
        near = [t for t, f1 in scores.items() if f1 >= best - THRESHOLD_F1_TOLERANCE]
        assert model.thresholds[kind] == min(near)  # type: ignore[attr-defined]


def test_the_shipped_models_thresholds_are_explained_by_its_f1s() -> None:
    meta = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    for kind, threshold in meta["thresholds"].items():
        scores = {float(t): f1 for t, f1 in meta["threshold_f1"][kind].items()}
        best = max(scores.values())
        assert threshold == min(
            t for t, f1 in scores.items() if f1 >= best - THRESHOLD_F1_TOLERANCE
        )


def test_training_needs_two_writers() -> None:
    with pytest.raises(ValueError, match="at least two writers"):
        train([_item(f"{t}.", True, "a") for t in SIGNS])


def test_a_sure_rule_finding_is_kept_where_the_model_found_nothing() -> None:
    text = "Kids in school uniform running for the dealers."
    n = len(text) - 1
    rule = Mention("cce_indicator", 0, n, text[:n], "school uniform", 0.9, "cce-school-uniform")
    weak = Mention("cce_indicator", 0, n, text[:n], "school uniform", 0.6, "clause-cce")
    shipped = load_model()
    # a copy that finds nothing here (the shipped, cached model is left as it is)
    model = dataclasses.replace(shipped, thresholds={k: 1.01 for k in shipped.thresholds})
    view = TextView(text, ((0, n),), (rule,), ())
    assert model.mentions(view) == [rule]
    assert model.mentions(view, keep_rules_from=None) == []
    # a weak rule is not kept; what the model weighed and did not pass is listed below the
    # default confidence, saying how near it came
    weighed = shipped.clauses.probabilities(TextView(text, ((0, n),), (weak,), ()))[0]
    assert weighed["cce_indicator"][0] >= NEAR_MISS_FROM, "premise: the model weighs it"
    [near] = model.mentions(TextView(text, ((0, n),), (weak,), ()))
    assert (near.start, near.end, near.rule) == (0, n, RULE)
    assert near.confidence == NEAR_MISS_CONFIDENCE < DEFAULT_MIN_CONFIDENCE
    assert near.value is not None and near.value.startswith("school uniform; below the model's")
    assert near.value.endswith(" < 1.01")
    assert model.mentions(TextView(text, ((0, n),), (weak,), ()), keep_rules_from=None) == []


def test_extract_uses_the_model_and_can_leave_it_out() -> None:
    text = (
        "My neighbour is a frail old man. Since March young lads from London have been living "
        "in his flat and he is scared to go out. A boy of 14 is dealing from the door at 3am."
    )
    kinds = {(m.type, m.rule) for m in extract(text)}
    assert ("cuckooing_indicator", RULE) in kinds
    assert ("cce_indicator", RULE) in kinds
    assert all(m.rule != RULE for m in extract(text, learned=False))
    # every model mention says why: the rules' signs inside it, or the words it weighed
    for m in extract(text):
        if m.rule == RULE:
            assert m.value and (m.value.startswith("model: '") or "model" not in m.value)


def test_an_altered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "indicators.joblib"
    shutil.copy(MODEL_PATH, copy)
    shutil.copy(MODEL_PATH.with_suffix(".json"), copy.with_suffix(".json"))
    assert load_model(copy).thresholds == load_model().thresholds
    altered = tmp_path / "altered.joblib"
    altered.write_bytes(copy.read_bytes() + b"\0")
    shutil.copy(copy.with_suffix(".json"), altered.with_suffix(".json"))
    with pytest.raises(ModelError, match="SHA-256 differs"):
        load_model(altered)
    other = tmp_path / "other.joblib"
    shutil.copy(copy, other)
    meta = json.loads(copy.with_suffix(".json").read_text())
    other.with_suffix(".json").write_text(json.dumps({**meta, "scikit_learn": "0.1"}))
    with pytest.raises(ModelError, match=r"scikit-learn 0\.1"):
        load_model(other)
    with pytest.raises(ModelError, match="no indicator model"):
        load_model(tmp_path / "missing.joblib")


def test_a_saved_model_loads_back(tmp_path: Path) -> None:
    model = _small_model()
    meta = save_model(model, tmp_path / "m.joblib", texts=16)  # type: ignore[arg-type]
    assert meta["trained_on"] == ["a", "b"] and meta["texts"] == 16
    loaded = load_model(tmp_path / "m.joblib")
    view = text_view("A lad in school uniform is dealing by the station.")
    assert loaded.mentions(view) == model.mentions(view)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Kids in school uniform running for him. A boy of 14 is dealing from the door at 3am.",
        "Old Tom is in a wheelchair and men have moved into his flat; visitors all night.",
        "Nothing to see: the bins were late again.",
    ],
)
def test_the_model_sees_the_phrase_rules_as_clauses_false_gives_them(text: str) -> None:
    # One pass over the text gives the model both readings; they must be the phrase rules'
    # own, as extract(clauses=False) returns them (what the model was trained on).
    alone = [
        (m.type, m.start, m.end, m.value, m.confidence, m.rule)
        for m in extract(text, clauses=False, min_confidence=0)
        if m.type in ("cce_indicator", "cuckooing_indicator")
    ]
    seen = [
        (m.type, m.start, m.end, m.value, m.confidence, m.rule) for m in text_view(text).phrases
    ]
    assert sorted(seen) == sorted(alone)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Mum has NO CONCERNS.", "mum has            ."),
        ("NFA. They are fine.", "   . they         ."),
        ("Report unfounded, not cuckooed", "report          ,             "),
        ("İstanbul, no concerns", "İstanbul,            "),  # one character stays one
    ],
)
def test_the_model_reads_past_words_of_reassurance(text: str, read: str) -> None:
    # whose concern, about whom, the model cannot tell: it must not learn to drop a sign
    # for them (only the conclusions rule lowers a sign for what follows it)
    assert without_reassurance(text) == read
    assert len(without_reassurance(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Found wraps hidden in his boxers when I did the washing. He is only 14.", "only 14"),
        ("he keeps talking about trapping and cunch, hes only 15 and i dont know", "only 15"),
    ],
)
def test_a_model_sign_with_nothing_to_show_is_not_listed(text: str, age: str) -> None:
    # the model read the age's clause as a sign of its own, valued bare "model:" (a new
    # user saw "Aged 14 days" so): an age is a fact (type age), not a sign, and a flag
    # with no word behind it cannot be checked by the person who reads it
    found = extract(text)
    signs = [m for m in found if m.type == "cce_indicator"]
    assert signs and all(age not in m.text for m in signs)
    assert all(str(m.value).strip() != "model:" for m in signs)


@pytest.mark.parametrize(
    "text",
    [
        "Some kids keep going into the flat and coming out with little bags for cars.",
        "Jayden (14) has new trainers and two phones he will not explain.",
        "Men from London have been staying at Doreen's flat for weeks and she looks scared.",
    ],
)
def test_every_model_sign_says_what_it_rests_on(text: str) -> None:
    signs = [m for m in extract(text) if m.type.endswith("_indicator")]
    assert signs
    for sign in signs:
        value = str(sign.value)
        assert value.strip() and value.strip() != "model:"
        if value.startswith("model: "):
            assert value[len("model: ") :].startswith("'")
