"""Score a detection against a simulated scenario's ground truth (pure).

Inputs are the truth JSON (docs/simulate.md) and the lines JSON
(docs/lines.md, ``countylines lines --json``). Measures:

* **deal numbers**: precision and recall of the numbers put in any line,
  against every deal-line number active in the data;
* **chaining**: the share of true deal numbers (active in the data) that
  were found *and* placed in the detected line that holds most of their
  true line's numbers, alone with no other line's numbers winning it;
* **holders**: the share of true lines whose best-matching detected line
  names a true holder number first; and precision of all holder numbers;
* **runners**, **cuckooed addresses**: precision and recall over lines
  (runner numbers; cuckooed cell ids), each counted against the true line
  their detected line matches;
* **naive baseline**: rank numbers by distinct counterparties, take as many
  as there are true deal numbers (what an analyst without the tool does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PrecisionRecall:
    """Counts behind a precision and a recall."""

    found: int
    correct: int
    expected: int

    @property
    def precision(self) -> float:
        """Correct / found (1.0 when nothing was found and nothing expected)."""
        return self.correct / self.found if self.found else float(self.expected == 0)

    @property
    def recall(self) -> float:
        """Correct / expected (1.0 when nothing was expected)."""
        return self.correct / self.expected if self.expected else 1.0

    def __add__(self, other: PrecisionRecall) -> PrecisionRecall:
        return PrecisionRecall(
            self.found + other.found, self.correct + other.correct, self.expected + other.expected
        )


@dataclass(frozen=True)
class Evaluation:
    """All measures for one scenario."""

    deal_numbers: PrecisionRecall
    chained: PrecisionRecall  # found = true deal numbers, correct = rightly chained
    holders: PrecisionRecall  # per line: found = lines with a holder named, correct = right
    runners: PrecisionRecall
    cuckooed: PrecisionRecall
    baseline: PrecisionRecall
    lines_expected: int
    lines_found: int

    @property
    def chaining_accuracy(self) -> float:
        """Share of true deal numbers put in the right chain."""
        return self.chained.correct / self.chained.expected if self.chained.expected else 1.0

    @property
    def holder_accuracy(self) -> float:
        """Share of true lines whose holder was named correctly."""
        return self.holders.correct / self.holders.expected if self.holders.expected else 1.0


def _true_numbers(line: Mapping[str, Any]) -> list[str]:
    return [n["number"] for n in line["numbers"] if n.get("first_active_utc")]


def evaluate(
    truth: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    counterparties: Mapping[str, int],
) -> Evaluation:
    """Compare detected ``lines`` with ``truth``.

    Args:
        truth: the scenario's truth JSON.
        lines: the ``lines`` list of the lines JSON.
        counterparties: distinct counterparties per number (for the baseline).
    """
    true_lines = [line for line in truth["lines"] if _true_numbers(line)]
    owner = {n: line["line_id"] for line in true_lines for n in _true_numbers(line)}
    found = {n["number"] for line in lines for n in line["numbers"]}
    deal = PrecisionRecall(len(found), len(found & owner.keys()), len(owner))

    # each true line's main detected line: the one holding most of its numbers
    main: dict[str, int] = {}
    for true_line in true_lines:
        numbers = set(_true_numbers(true_line))
        overlaps = [
            (len(numbers & {n["number"] for n in d["numbers"]}), -i) for i, d in enumerate(lines)
        ]
        best = max(overlaps, default=(0, 0))
        if best[0]:
            main[true_line["line_id"]] = -best[1]
    chained = 0
    for i, found_line in enumerate(lines):
        for n in found_line["numbers"]:
            number = n["number"]
            if number in owner and main.get(owner[number]) == i:
                chained += 1
    chain = PrecisionRecall(len(owner), chained, len(owner))

    holders = runners = cuckooed = PrecisionRecall(0, 0, 0)
    for true_line in true_lines:
        index = main.get(true_line["line_id"])
        detected: Mapping[str, Any] | None = lines[index] if index is not None else None
        true_holders = set(true_line.get("holder_numbers", []))
        true_runners = {
            n for r in true_line.get("runners", []) for n in r.get("numbers", [r["number"]])
        }
        true_cells = {c["cell_id"] for c in true_line.get("cuckooed_addresses", [])}
        got_holders = [h["number"] for h in detected["holders"]] if detected else []
        got_runners = {r["number"] for r in detected["runners"]} if detected else set()
        got_cells = {c["cell_id"] for c in detected["cuckooed"]} if detected else set()
        holders += PrecisionRecall(
            int(bool(got_holders)),
            int(bool(got_holders) and got_holders[0] in true_holders),
            int(bool(true_holders)),
        )
        runners += PrecisionRecall(
            len(got_runners), len(got_runners & true_runners), len(true_runners)
        )
        cuckooed += PrecisionRecall(len(got_cells), len(got_cells & true_cells), len(true_cells))

    baseline = naive_baseline(counterparties, owner.keys())
    return Evaluation(
        deal, chain, holders, runners, cuckooed, baseline, len(true_lines), len(lines)
    )


def naive_baseline(counterparties: Mapping[str, int], truth: Iterable[str]) -> PrecisionRecall:
    """The analyst's shortcut: the numbers with most distinct counterparties, as many as
    there are true deal numbers."""
    expected = set(truth)
    ranked = sorted(counterparties.items(), key=lambda kv: (-kv[1], kv[0]))[: len(expected)]
    picked = {n for n, _ in ranked}
    return PrecisionRecall(len(picked), len(picked & expected), len(expected))


def error_kinds(truth: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> Counter[str]:
    """What the wrongly reported numbers really were (decoy kinds), for diagnosis."""
    deal = {n for line in truth["lines"] for n in _true_numbers(line)}
    kinds = {d["number"]: d["kind"] for d in truth.get("decoys", [])}
    wrong = [n["number"] for line in lines for n in line["numbers"] if n["number"] not in deal]
    return Counter(kinds.get(n, "background") for n in wrong)
