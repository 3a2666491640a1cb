"""Train the indicator model on the labelled sets, or measure it writer by writer.

Each set folder was written by one writer who never saw the extractor; a set is a *group*:
thresholds are chosen by leaving one writer out at a time, and ``--leave-one-out`` measures
the whole method the same way (train on the other sets, score the one left out, for each), so
every figure it prints is on a writer the model had not seen. Scores use the benchmark's rule
(``benchmarks/extraction.py``: one-to-one overlap, largest first).

Usage::

    .venv/bin/python benchmarks/extraction_eval/train_model.py        # all sets: the shipped model
    .venv/bin/python benchmarks/extraction_eval/train_model.py --sets first,second --out m.joblib
    .venv/bin/python benchmarks/extraction_eval/train_model.py --leave-one-out  # per writer

Writes ``src/countylines/extract/learned/indicators.joblib`` and ``indicators.json`` by default.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from countylines.extract import extract  # noqa: E402
from countylines.extract.api import text_view  # noqa: E402
from countylines.extract.learned import (  # noqa: E402
    INDICATOR_KINDS,
    KEEP_RULES_FROM,
    MODEL_PATH,
    IndicatorModel,
    LabelledText,
    save_model,
    train,
)
from extraction import load, match  # noqa: E402  (the benchmark's own reading and scoring)

SETS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
)
"""Set names, in the order written; ``first`` is the folder's own eval.jsonl."""


def set_path(name: str) -> Path:
    """The eval.jsonl of a set name."""
    return HERE / "eval.jsonl" if name == "first" else HERE / name / "eval.jsonl"


def labelled(name: str) -> list[LabelledText]:
    """The set's texts as training items (the rules run on each: a few seconds a set)."""
    return [
        LabelledText(
            text_view(item.text),
            tuple((m.type, m.start, m.end) for m in item.mentions if m.type in INDICATOR_KINDS),
            name,
        )
        for item in load(set_path(name))
    ]


def score(
    model: IndicatorModel | None, name: str, keep_rules_from: float | None = KEEP_RULES_FROM
) -> dict[str, tuple[int, int, int]]:
    """(matched, predicted, labelled) per kind on a set: the model's (with the rules' surest
    unless ``keep_rules_from`` is None), or the rules' alone (``model`` None)."""
    counts = {kind: [0, 0, 0] for kind in INDICATOR_KINDS}
    for item in load(set_path(name)):
        if model is None:
            found = [m for m in extract(item.text, learned=False)]
        else:
            found = model.mentions(text_view(item.text), keep_rules_from)
        for kind in INDICATOR_KINDS:
            predicted = [m for m in found if m.type == kind]
            gold = [m for m in item.mentions if m.type == kind]
            c = counts[kind]
            c[0] += len(match(predicted, gold))  # type: ignore[arg-type]
            c[1] += len(predicted)
            c[2] += len(gold)
    return {k: (c[0], c[1], c[2]) for k, c in counts.items()}


def _prf(c: tuple[int, int, int]) -> str:
    p = c[0] / c[1] if c[1] else 1.0
    r = c[0] / c[2] if c[2] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f}/{r:.3f}/{f:.3f}"


def main() -> int:
    """Train (default) or measure leaving one writer out (``--leave-one-out``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(s for s in SETS if set_path(s).is_file()))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    names = [n for n in args.sets.split(",") if n]
    started = time.time()
    items = {name: labelled(name) for name in names}
    print(f"read {sum(map(len, items.values()))} texts of {len(names)} sets in "
          f"{time.time() - started:.0f} s", flush=True)  # fmt: skip
    if not args.leave_one_out:
        started = time.time()
        model = train([i for n in names for i in items[n]])
        meta = save_model(model, args.out, texts=sum(map(len, items.values())))
        print(f"trained in {time.time() - started:.0f} s: {args.out} {meta}")
        return 0
    variants = ("rules", "model alone", "model + sure rules")
    totals = {v: {k: [0, 0, 0] for k in INDICATOR_KINDS} for v in variants}
    print(f"{'left out':10} {'kind':20}" + "".join(f"{v + ' P/R/F1':>26}" for v in variants))
    for name in names:
        model = train([i for n in names if n != name for i in items[n]])
        by = {
            "rules": score(None, name),
            "model alone": score(model, name, None),
            "model + sure rules": score(model, name),
        }
        for kind in INDICATOR_KINDS:
            for v in variants:
                totals[v][kind] = [a + b for a, b in zip(totals[v][kind], by[v][kind], strict=True)]
            row = "".join(f"{_prf(by[v][kind]):>26}" for v in variants)
            print(f"{name:10} {kind:20}{row}   threshold {model.thresholds[kind]}", flush=True)
    for kind in INDICATOR_KINDS:
        row = "".join(f"{_prf(tuple(totals[v][kind])):>26}" for v in variants)  # type: ignore[arg-type]
        print(f"{'pooled':10} {kind:20}{row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
