"""The second annotators' files: every label placed in its text, every text answered.

``benchmarks/extraction_eval/agreement.py`` scores a second person's indicator labels
against a set's own; a label it cannot place, or a text it has no line for, would skew the
agreement figures quoted in docs/extraction.md, so each file is checked whole here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction_eval"
sys.path.insert(0, str(EVAL.parent))
sys.path.insert(0, str(EVAL))

from agreement import KINDS, AgreementFileError, second_labels  # noqa: E402

from extraction import load  # noqa: E402

FILES = sorted(EVAL.glob("**/second_annotator.jsonl"))


def test_three_sets_have_a_second_annotator() -> None:
    assert {f.parent.name for f in FILES} == {"extraction_eval", "seventeenth", "eighteenth"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.parent.name)
def test_every_label_is_placed_and_every_text_answered(path: Path) -> None:
    texts = {item.id: item.text for item in load(path.parent / "eval.jsonl")}
    labels = second_labels(path, texts)
    assert set(labels) == set(texts)
    for item_id, mentions in labels.items():
        for m in mentions:
            assert m.type in KINDS
            assert texts[item_id][m.start : m.end] == m.text


def test_a_label_not_in_its_text_is_named_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "second.jsonl"
    bad.write_text(
        '{"id": "a", "labels": []}\n'
        '{"id": "b", "labels": [{"type": "cce_indicator", "text": "kids", "occurrence": 2}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(AgreementFileError, match=r"second\.jsonl, line 2: 'kids' not found"):
        second_labels(bad, {"a": "nothing here", "b": "kids selling crack"})
