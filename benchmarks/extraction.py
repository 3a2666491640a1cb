"""Extraction accuracy on a labelled set of texts, its speed, and its time on hostile input.

The labelled set (``benchmarks/extraction_eval/eval.jsonl``) was written by another engineer
without seeing the extractor: one JSON object a line, ``{"id", "style": "public|intel",
"text", "mentions": [{"type", "start", "end", "text", "value"}]}``; spans are Python string
indices, end exclusive.

Matching rule. Per mention type, a predicted mention and a labelled one *match* when

* their spans overlap (``p.start < g.end and g.start < p.end``), and
* for ``phone``, ``postcode`` and ``vrm`` (the types with an agreed normalised value:
  E.164, ``CO15 1AB``, ``AB12CDE``), their values are equal (a label without a value
  matches on the span alone). Other types are matched on the span alone: their values
  (canonical drug, rule category) were not agreed.

Each mention matches at most one on the other side: candidate pairs are taken greedily, the
largest overlap first (ties: earliest labelled, then earliest predicted). Precision =
matched predictions / predictions; recall = matched labels / labels; F1 their harmonic
mean. Predictions are ``extract(text)`` with its defaults (``min_confidence`` 0.5; the
indicator model, unless ``--rules-only``: it was trained on the labelled sets, so its figures
on them are in-sample, and the benchmark says so). This is
the rule fixed before the set was seen; the figures quoted in docs/extraction.md use it.

Also printed, as the set's README advises (written by its author, read after the first run):
entity types scored on the *exact* span (and value); indicator types scored "by overlap,
counted once" (a prediction is right if it overlaps any label of its type; a label is found
if any prediction overlaps it); and per-text detection of each indicator type (does the text
carry it at all?).

Then: throughput over the set (texts/s, characters/s, after the pipeline is built, whose
build time is printed apart), and the time to extract from hostile megabytes: a mix of
HTML and script, emoji, right-to-left text, SQL, control characters and long runs; and
each adversarial string of the test suite grown to 1 MB (``--all-hostile``).

Usage::

    .venv/bin/python benchmarks/extraction.py [--eval benchmarks/extraction_eval/eval.jsonl]
        [--all-hostile] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from countylines.extract import MENTION_TYPES, Mention, extract
from countylines.extract.scoring import match_spans

HERE = Path(__file__).resolve().parent
VALUED = frozenset({"phone", "postcode", "vrm"})
MEGABYTE = 1_000_000


@dataclass(frozen=True)
class Labelled:
    """One labelled mention."""

    type: str
    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True)
class Item:
    """One labelled text."""

    id: str
    style: str
    text: str
    mentions: list[Labelled]


class EvalFileError(ValueError):
    """A line of the labelled set that does not follow the agreed format."""


def load(path: Path) -> list[Item]:
    """The labelled set; any malformed line stops with its line number and reason."""
    items: list[Item] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                text = raw["text"]
                mentions = []
                for m in raw["mentions"]:
                    if m["type"] not in MENTION_TYPES:
                        raise EvalFileError(f"unknown type {m['type']!r}")
                    if not 0 <= m["start"] < m["end"] <= len(text):
                        raise EvalFileError(f"span {m['start']}-{m['end']} outside the text")
                    mentions.append(
                        Labelled(m["type"], m["start"], m["end"], m.get("text", ""), m.get("value"))
                    )
                items.append(Item(str(raw["id"]), str(raw.get("style", "")), text, mentions))
            except (json.JSONDecodeError, KeyError, TypeError, EvalFileError) as exc:
                raise EvalFileError(f"{path}, line {number}: {exc}") from exc
    return items


def match(predicted: list[Mention], labelled: list[Labelled]) -> list[tuple[int, int]]:
    """Matched (predicted index, labelled index) pairs under the module's rule
    (:func:`countylines.extract.scoring.match_spans`: same type, and same value for the
    valued types)."""

    def may_match(p: Mention, g: Labelled) -> bool:
        same_value = g.type not in VALUED or g.value is None or p.value == g.value
        return p.type == g.type and same_value

    return match_spans(predicted, labelled, may_match)


def _prf(tp: int, predicted: int, labelled: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / labelled if labelled else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _overlaps(a: Mention | Labelled, b: Mention | Labelled) -> bool:
    return a.type == b.type and a.start < b.end and b.start < a.end


def advised(items: list[Item], predictions: list[list[Mention]]) -> None:
    """The set README's scoring: exact spans for entities, overlap for indicators."""
    print("\nas the set's README advises:")
    print(f"{'type':22}{'P':>7}{'R':>7}{'F1':>7}   rule")
    labelled = {g.type for item in items for g in item.mentions}
    for kind in (k for k in MENTION_TYPES if k in labelled):
        tp_p = tp_g = n_p = n_g = 0
        indicator = kind in ("cce_indicator", "cuckooing_indicator")
        for item, predicted in zip(items, predictions, strict=True):
            mine = [m for m in predicted if m.type == kind]
            gold = [g for g in item.mentions if g.type == kind]
            n_p, n_g = n_p + len(mine), n_g + len(gold)
            if indicator:
                tp_p += sum(any(_overlaps(m, g) for g in gold) for m in mine)
                tp_g += sum(any(_overlaps(m, g) for m in mine) for g in gold)
            else:
                exact = {(g.start, g.end, g.value if kind in VALUED else None) for g in gold}
                hits = sum(
                    (m.start, m.end, m.value if kind in VALUED else None) in exact for m in mine
                )
                tp_p, tp_g = tp_p + hits, tp_g + hits
        p = tp_p / n_p if n_p else 1.0
        r = tp_g / n_g if n_g else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rule = "overlap, counted once" if indicator else "exact span and value"
        print(f"{kind:22}{p:>7.3f}{r:>7.3f}{f:>7.3f}   {rule}")
    for kind in ("cce_indicator", "cuckooing_indicator"):
        says = [any(g.type == kind for g in item.mentions) for item in items]
        finds = [any(m.type == kind for m in predicted) for predicted in predictions]
        tp = sum(a and b for a, b in zip(says, finds, strict=True))
        p = tp / sum(finds) if sum(finds) else 1.0
        r = tp / sum(says) if sum(says) else 1.0
        print(f"  texts carrying {kind}: {sum(says)}; flagged {sum(finds)}; P {p:.3f} R {r:.3f}")


def evaluate(items: list[Item], show_errors: int, learned: bool = True) -> dict[str, Any]:
    """Per-type and per-style counts; prints the table."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in MENTION_TYPES}
    styles: dict[str, Counter[str]] = {}
    errors: dict[str, list[str]] = {t: [] for t in MENTION_TYPES}
    labelled = {g.type for item in items for g in item.mentions}
    started = time.perf_counter()
    predictions = [extract(item.text, learned=learned) for item in items]
    elapsed = time.perf_counter() - started
    for item, predicted in zip(items, predictions, strict=True):
        matched = match(predicted, item.mentions)
        hit_p = {i for i, _ in matched}
        hit_g = {j for _, j in matched}
        style = styles.setdefault(item.style or "-", Counter())
        for i, mention in enumerate(predicted):
            counts[mention.type]["predicted"] += 1
            if mention.type not in labelled:  # not scored: the set does not label the type
                continue
            style["predicted"] += 1
            if i in hit_p:
                counts[mention.type]["tp"] += 1
                style["tp"] += 1
            else:
                errors[mention.type].append(
                    f"FP {item.id}: {mention.text!r} ({mention.value}, {mention.rule})"
                )
        for j, g in enumerate(item.mentions):
            counts[g.type]["labelled"] += 1
            style["labelled"] += 1
            if j not in hit_g:
                errors[g.type].append(f"FN {item.id}: {item.text[g.start : g.end]!r} ({g.value})")
    print(f"{'type':22}{'labelled':>9}{'predicted':>10}{'matched':>8}{'P':>7}{'R':>7}{'F1':>7}")
    total: Counter[str] = Counter()
    result: dict[str, Any] = {"types": {}, "styles": {}}
    for kind in MENTION_TYPES:
        c = counts[kind]
        if not c["labelled"]:  # e.g. age, vulnerability: facts this set does not label
            print(f"{kind:22}{'-':>9}{c['predicted']:>10}   not labelled in this set")
            continue
        total.update(c)
        p, r, f = _prf(c["tp"], c["predicted"], c["labelled"])
        result["types"][kind] = {"precision": p, "recall": r, "f1": f, **c}
        print(
            f"{kind:22}{c['labelled']:>9}{c['predicted']:>10}{c['tp']:>8}"
            f"{p:>7.3f}{r:>7.3f}{f:>7.3f}"
        )
    p, r, f = _prf(total["tp"], total["predicted"], total["labelled"])
    print(
        f"{'all (micro)':22}{total['labelled']:>9}{total['predicted']:>10}{total['tp']:>8}"
        f"{p:>7.3f}{r:>7.3f}{f:>7.3f}"
    )
    for name, c in sorted(styles.items()):
        p, r, f = _prf(c["tp"], c["predicted"], c["labelled"])
        result["styles"][name] = {"precision": p, "recall": r, "f1": f}
        print(f"  style {name:14}{c['labelled']:>9}{c['predicted']:>10}{c['tp']:>8}"
              f"{p:>7.3f}{r:>7.3f}{f:>7.3f}")  # fmt: skip
    characters = sum(len(item.text) for item in items)
    print(
        f"\nthroughput: {len(items)} texts, {characters:,} characters in {elapsed:.2f} s: "
        f"{len(items) / elapsed:.1f} texts/s, {characters / elapsed:,.0f} characters/s"
    )
    advised(items, predictions)
    if show_errors:
        for kind in MENTION_TYPES:
            for line in errors[kind][:show_errors]:
                print(f"  {kind}: {line}")
    return result


def hostile_texts(everything: bool) -> dict[str, str]:
    """1 MB texts built to be hard: the mixed one always, each adversarial one if asked."""
    piece = (
        "<div onclick=\"x()\">Jordan aka 'Tiny' sells white from 14 Pier Avenue</div> "
        "😀 مرحبا بالعالم ring 07700 900123; ' OR 1=1; -- \u202eevil\u202c \x1b[31m "
        "<script>document.write('CO15 1AB')</script>" + "(" * 200 + "\n"
    )
    texts = {"mixed (HTML, script, emoji, RTL, SQL, controls)": piece}
    if everything:
        texts |= {
            "digits": "0",
            "spaced digits": "0 7 ",
            "brackets": "(",
            "quotes": "'A ",
            "one word": "a",
            "emoji": "😀",
            "aka aka": "aka ",
            "registration-like": "AB12 CDE ",
            "indicator-dense": "kids kids kids running ",
            "clause-dense (a sign every clause)": "he has two phones, ",
            "clause-dense (child and home)": "son is 14, lads moved in, ",
            "spelt digits": "oh seven ",
            "right-to-left": "مرحبا بالعالم ",
            # thousands of towns, placed by a list or a heading: once quadratic (session 6)
            "a list of towns": "Colchester and Preston, ",
            "one long heading of towns": "stop, Preston, ",
            # a report's conclusion in every sentence, and one after every sign (session 6)
            "conclusions": "No concerns. ",
            "a sign, then its conclusion": "Some kids keep going into the flat with bags. "
            "No concerns. ",
            "form fields": "Health:\nNo concerns.\n",
            "a nickname given and repeated": "aka Tank. Tank. ",
            # a breaker's (session 7): once quadratic, every "(0)" skipped to the run's end
            "bracketed zeros": "(0) ",
            "nested brackets and digits": "(1 (2 (3 ",
            "zeros and spaces": "0 ",
        }
    return {name: (seed * (MEGABYTE // len(seed) + 1))[:MEGABYTE] for name, seed in texts.items()}


def _model_sets() -> list[str]:
    """The labelled sets the shipped indicator model was trained on (its metadata)."""
    from countylines.extract.learned import METADATA_PATH

    return list(json.loads(METADATA_PATH.read_text(encoding="utf-8"))["trained_on"])


def main() -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=HERE / "extraction_eval" / "eval.jsonl")
    parser.add_argument("--all-hostile", action="store_true", help="time every hostile MB")
    parser.add_argument("--errors", type=int, default=0, help="show N misses per type")
    parser.add_argument(
        "--rules-only", action="store_true", help="indicators from the rules, not the model"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    extract("warm up: build the pipeline")
    print(f"pipeline built in {time.perf_counter() - started:.2f} s\n")

    if args.eval.exists():
        items = load(args.eval)
        print(f"labelled set: {args.eval} ({len(items)} texts)\n")
        trained_on = _model_sets()
        name = "first" if args.eval.parent.name == "extraction_eval" else args.eval.parent.name
        if not args.rules_only and name in trained_on:
            print(
                f"NOTE: the indicator model was trained on this set ({name}): its indicator "
                "figures here are in-sample. For honest ones: --rules-only, or "
                "extraction_eval/train_model.py --leave-one-out.\n"
            )
        evaluate(items, args.errors, learned=not args.rules_only)
    else:
        print(f"no labelled set at {args.eval}: accuracy not measured", file=sys.stderr)

    print("\nhostile input (1,000,000 characters each):")
    for label, text in hostile_texts(args.all_hostile).items():
        started = time.perf_counter()
        found = extract(text, learned=not args.rules_only)
        elapsed = time.perf_counter() - started
        print(f"  {label:48} {elapsed:6.2f} s  {len(found):>7} mentions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
