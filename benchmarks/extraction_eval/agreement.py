"""Agreement between the set's annotator and a second one on the indicator phrases.

A second annotator labelled the CCE and cuckooing indicator phrases of the 275 texts
independently (given only the texts, the two label rules of README.md and shared/DOMAIN.md;
never the first annotator's labels), in ``second_annotator.jsonl``: one line a text,
``{"id", "labels": [{"type", "text", "occurrence"}]}`` (``occurrence``: which occurrence of
``text`` in the text, 1 = first).

The agreement is scored exactly as the extractor is (``benchmarks/extraction.py``): taking
the first annotator as the answer and the second as a prediction - precision, recall and F1
on phrases matched one to one by overlap, then by overlap counted once, then per text (does
the text carry the indicator at all?). F1 is symmetric: it does not matter who is "right".
It is the ceiling to read the extractor's figures against: two careful people, one guideline.

Later second annotators (session 8) labelled two more writers' sets the same way, given
only the texts (ids and words, never the labels), the same two label rules and the
"Ambiguous cases" section: ``seventeenth/second_annotator.jsonl`` and
``eighteenth/second_annotator.jsonl``.

Usage::

    .venv/bin/python benchmarks/extraction_eval/agreement.py                    # the first set
    .venv/bin/python benchmarks/extraction_eval/agreement.py --set seventeenth  # another set
    .venv/bin/python benchmarks/extraction_eval/agreement.py --set eighteenth --second FILE
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from countylines.extract import Mention  # noqa: E402
from extraction import Labelled, _overlaps, load, match  # noqa: E402

KINDS = ("cce_indicator", "cuckooing_indicator")


class AgreementFileError(ValueError):
    """A label of the second annotator's file that cannot be placed in its text."""


def second_labels(path: Path, texts: dict[str, str]) -> dict[str, list[Mention]]:
    """The second annotator's labels as mentions with character spans.

    Raises:
        AgreementFileError: an unknown id, or a label text that does not occur often enough,
            named with the file's line number.
    """
    found: dict[str, list[Mention]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        text = texts.get(raw["id"])
        if text is None:
            raise AgreementFileError(f"{path}, line {number}: unknown id {raw['id']!r}")
        mentions = []
        for label in raw["labels"]:
            start = -1
            for _ in range(int(label.get("occurrence", 1))):
                start = text.find(label["text"], start + 1)
                if start < 0:
                    raise AgreementFileError(
                        f"{path}, line {number}: {label['text']!r} not found often enough"
                    )
            end = start + len(label["text"])
            mentions.append(Mention(label["type"], start, end, label["text"], None, 1.0, "second"))
        found[raw["id"]] = mentions
    return found


def main() -> int:
    """Print the agreement table; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="first", help="a set folder's name, or 'first'")
    parser.add_argument("--second", type=Path, help="default: the set's second_annotator.jsonl")
    args = parser.parse_args()
    folder = HERE if args.set == "first" else HERE / args.set
    items = load(folder / "eval.jsonl")
    second_path = args.second or folder / "second_annotator.jsonl"
    second = second_labels(second_path, {i.id: i.text for i in items})
    missing = sorted({i.id for i in items} - set(second))
    if missing:  # an unlabelled text would count as "no sign" and flatter or punish unseen
        raise AgreementFileError(f"{second_path}: no line for {len(missing)} ids: {missing[:5]}")
    print(f"{len(items)} texts; first annotator = answer, second = prediction\n")
    print(
        f"{'type':22}{'first':>7}{'second':>8}   1-1 P/R/F1          overlap P/R     per text P/R"
    )
    for kind in KINDS:
        n_first = n_second = tp = over_p = over_g = 0
        says = finds = both = 0
        for item in items:
            gold: list[Labelled] = [g for g in item.mentions if g.type == kind]
            other = [m for m in second.get(item.id, []) if m.type == kind]
            n_first, n_second = n_first + len(gold), n_second + len(other)
            tp += len(match(other, gold))
            over_p += sum(any(_overlaps(m, g) for g in gold) for m in other)
            over_g += sum(any(_overlaps(m, g) for m in other) for g in gold)
            says, finds = says + bool(gold), finds + bool(other)
            both += bool(gold) and bool(other)
        p, r = (tp / n_second if n_second else 1.0), (tp / n_first if n_first else 1.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{kind:22}{n_first:>7}{n_second:>8}   {p:.3f} {r:.3f} {f1:.3f}"
            f"     {over_p / n_second:.3f} {over_g / n_first:.3f}"
            f"     {both / finds:.3f} {both / says:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
