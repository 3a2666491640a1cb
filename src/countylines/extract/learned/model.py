"""The indicator model: logistic regressions over clauses, trained on labelled texts.

One logistic regression per indicator kind says how likely each clause is to be (part of) a
labelled sign; a second says whether two neighbouring positive clauses are one phrase.
Clauses at or above the kind's threshold become mentions, joined with their positive
neighbour where the second model says so. Thresholds are chosen on the training texts only,
by leaving out one writer's set at a time (:func:`train`).

Sources: scikit-learn's ``TfidfVectorizer``, ``CountVectorizer`` and ``LogisticRegression``
(liblinear-free lbfgs, ``class_weight="balanced"``); the design (clauses, the merge model,
rule features) and its measurement are in docs/extraction.md ("The indicator model").
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sparse
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from countylines.extract.learned.features import (
    INDICATOR_KINDS,
    ClauseView,
    TextView,
    clause_views,
    pair_tokens,
)
from countylines.extract.lexicon.words import STOPWORDS
from countylines.extract.mention import Mention, MentionType
from countylines.extract.resolve import join_signs
from countylines.extract.scoring import match_spans

THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(16))
"""Thresholds tried for each kind (0.20 to 0.95)."""

THRESHOLD_F1_TOLERANCE = 0.01
"""Of the thresholds whose F1 (each writer left out) is within this of the best, the lowest
is chosen: the signs are of children and of vulnerable adults who may be victims, so between
near-equal F1s the one that misses fewer is taken. Retrained in session 8 on a rule change
that touched no labelled text, the best-F1 choice moved CCE from 0.80 to 0.85 and hid a
plain sign ("Some kids keep going into the flat and coming out with little bags for cars.")
behind an unrelated sentence after it."""

MERGE_THRESHOLD = 0.5
"""Two positive neighbours are one phrase when the merge model says so at least this surely."""

NEAR_MISS_FROM = 0.5
"""A run of clauses this likely, but below its kind's threshold, is still listed (at
:data:`NEAR_MISS_CONFIDENCE`, so only with ``min_confidence=0``), its value saying how near."""

NEAR_MISS_CONFIDENCE = 0.45
"""Below the default 0.5: near misses leave the default output and every count."""

RULE = "learned-clause"
"""The rule id of the model's mentions."""

KEEP_RULES_FROM = 0.75
"""A rule's indicator this sure is kept where the model found nothing of its kind: a phrase
rule that holds on its own ("kids in school uniform running for him", "moved into his flat"
at 0.75) is not lost to a model that learned from a few writers. Leaving one writer out over
all eleven sets (session 5), against the model alone, per phrase P / R and per text P / R:
at 0.7 CCE 0.707 / 0.811, 0.843 / 0.939 and cuckooing 0.770 / 0.806, 0.843 / 0.936; at 0.75
CCE 0.730 / 0.797, 0.870 / 0.921 and cuckooing 0.772 / 0.804, 0.848 / 0.935; the model alone
CCE 0.753 / 0.781, 0.895 / 0.904 and cuckooing 0.804 / 0.792, 0.908 / 0.928. 0.75 keeps the
plain findings two new users had seen dropped (session 4) and raises precision over 0.7."""


@dataclass(frozen=True)
class LabelledText:
    """A text for training: what the model is given, and the labelled signs.

    Attributes:
        view: the text, its clauses and the rules' mentions.
        labels: ``(kind, start, end)`` of each labelled indicator phrase.
        group: the writer's set it comes from (thresholds leave one group out at a time).
    """

    view: TextView
    labels: tuple[tuple[str, int, int], ...]
    group: str


def _clause_labels(item: LabelledText, kind: str) -> list[int]:
    spans = [(s, e) for k, s, e in item.labels if k == kind]
    return [int(any(s < ge and gs < e for gs, ge in spans)) for s, e in item.view.clauses]


def _pair_label(item: LabelledText, i: int, kind: str) -> int:
    spans = [(s, e) for k, s, e in item.labels if k == kind]
    (s0, e0), (s1, e1) = item.view.clauses[i - 1], item.view.clauses[i]
    first = {j for j, (s, e) in enumerate(spans) if s0 < e and s < e0}
    second = {j for j, (s, e) in enumerate(spans) if s1 < e and s < e1}
    return int(bool(first & second))


def _fit(model: LogisticRegression, matrix: Any, targets: Sequence[int]) -> Any:
    """``model`` fit on the targets, or a constant where they hold one class only."""
    if len(set(targets)) < 2:
        return DummyClassifier(strategy="prior").fit(matrix, targets)
    return model.fit(matrix, targets)


def _positive(model: Any, matrix: Any) -> np.ndarray:
    """Each row's probability of the positive class (a constant's is 0 or 1)."""
    probabilities = model.predict_proba(matrix)
    if probabilities.shape[1] == 1:
        return np.full(probabilities.shape[0], float(model.classes_[0] == 1))
    return np.asarray(probabilities[:, 1])


@dataclass
class ClauseModel:
    """The clause and merge regressions with their vectorisers (fit by :meth:`fit`)."""

    regularisation: float = 4.0
    words: TfidfVectorizer = field(init=False)
    chars: TfidfVectorizer = field(init=False)
    around: TfidfVectorizer = field(init=False)
    tokens: CountVectorizer = field(init=False)
    pairs: CountVectorizer = field(init=False)
    clause_models: dict[str, Any] = field(init=False)  # LogisticRegression, or a constant
    merge_model: Any = field(init=False)

    def _matrix(self, views: Sequence[ClauseView], fit: bool = False) -> sparse.csr_matrix:
        words = [v.words for v in views]
        around = [v.around for v in views]
        tokens = [v.tokens for v in views]
        numbers = sparse.csr_matrix(np.array([v.numbers for v in views], dtype=float))
        if fit:
            self.words = TfidfVectorizer(
                ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|£"
            )
            self.chars = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(3, 5),
                min_df=3,
                sublinear_tf=True,
                max_features=60000,
            )
            self.around = TfidfVectorizer(min_df=2, sublinear_tf=True)
            self.tokens = CountVectorizer(
                token_pattern=r"\S+", binary=True, lowercase=False, min_df=2
            )
            parts = [
                self.words.fit_transform(words),
                self.chars.fit_transform(words),
                self.around.fit_transform(around) * 0.5,
                self.tokens.fit_transform(tokens),
            ]
        else:
            parts = [
                self.words.transform(words),
                self.chars.transform(words),
                self.around.transform(around) * 0.5,
                self.tokens.transform(tokens),
            ]
        return sparse.hstack([*parts, numbers]).tocsr()

    def fit(self, items: Sequence[LabelledText]) -> ClauseModel:
        """Fit both models on ``items``; returns self.

        Raises:
            ValueError: when the items hold no clause, or no positive clause of a kind.
        """
        views: list[ClauseView] = []
        targets: dict[str, list[int]] = {kind: [] for kind in INDICATOR_KINDS}
        pair_texts: list[str] = []
        pair_targets: list[int] = []
        for item in items:
            views += clause_views(item.view)
            for kind in INDICATOR_KINDS:
                labels = _clause_labels(item, kind)
                targets[kind] += labels
                for i in range(1, len(labels)):
                    if labels[i] and labels[i - 1]:
                        pair_texts.append(pair_tokens(item.view, i, kind))
                        pair_targets.append(_pair_label(item, i, kind))
        if not views:
            raise ValueError("no clause to learn from")
        matrix = self._matrix(views, fit=True)
        self.clause_models = {
            kind: _fit(
                LogisticRegression(C=self.regularisation, max_iter=2000, class_weight="balanced"),
                matrix,
                targets[kind],
            )
            for kind in INDICATOR_KINDS
        }
        self.pairs = CountVectorizer(token_pattern=r"\S+", binary=True, lowercase=False)
        if not pair_texts:  # no two neighbouring signs in the training texts
            pair_texts, pair_targets = ["GAP_NONE"], [0]
        self.merge_model = _fit(
            LogisticRegression(C=1.0, max_iter=2000),
            self.pairs.fit_transform(pair_texts),
            pair_targets,
        )
        return self

    def probabilities(
        self, view: TextView
    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], sparse.csr_matrix]:
        """Per kind, each clause's probability and each clause's probability of joining the
        one before it (0 for the first); and the clauses' feature matrix (for explaining)."""
        views = clause_views(view)
        n = len(views)
        if not n:
            empty: dict[str, np.ndarray] = {kind: np.zeros(0) for kind in INDICATOR_KINDS}
            return empty, dict(empty), sparse.csr_matrix((0, 0))
        matrix = self._matrix(views)
        clause: dict[str, np.ndarray] = {
            k: _positive(self.clause_models[k], matrix) for k in INDICATOR_KINDS
        }
        joins: dict[str, np.ndarray] = {}
        for kind in INDICATOR_KINDS:
            pairs = [pair_tokens(view, i, kind) for i in range(1, n)]
            joined = (
                _positive(self.merge_model, self.pairs.transform(pairs)) if pairs else np.zeros(0)
            )
            joins[kind] = np.concatenate([[0.0], joined])
        return clause, joins, matrix

    @cached_property
    def _word_names(self) -> np.ndarray:
        """The word n-gram of each column (built once: it costs 9 ms, per mention otherwise)."""
        return np.asarray(self.words.get_feature_names_out())

    def telling_words(
        self, matrix: sparse.csr_matrix, row: int, kind: str, n: int = 3
    ) -> list[str]:
        """The clause's word n-grams that pushed it most towards ``kind``, leaving out those
        made only of short or function words and numbers (for the reader)."""
        width = len(self.words.vocabulary_)
        if not hasattr(self.clause_models[kind], "coef_"):
            return []  # a constant: trained on one class only
        coefficients = self.clause_models[kind].coef_[0][:width]
        values = matrix[row, :width].toarray()[0]
        pushes = values * coefficients
        names = self._word_names
        telling: list[str] = []
        for i in np.argsort(-pushes):
            if pushes[i] <= 0 or len(telling) == n:
                break
            words = str(names[i]).split()
            # "a", "to", "13": true weights, but they tell a reader nothing
            if any(w.isalpha() and len(w) > 2 and w not in STOPWORDS for w in words):
                telling.append(str(names[i]))
        return telling


@dataclass
class IndicatorModel:
    """A fitted :class:`ClauseModel` with a threshold per kind, what it was trained on, and
    the F1 of each threshold tried (per kind, each writer left out: the evidence for the
    choice)."""

    clauses: ClauseModel
    thresholds: dict[str, float]
    trained_on: tuple[str, ...] = ()
    threshold_f1: dict[str, dict[float, float]] = field(default_factory=dict)

    def mentions(
        self, view: TextView, keep_rules_from: float | None = KEEP_RULES_FROM
    ) -> list[Mention]:
        """The indicator mentions in ``view.text``: the model's, and the rules' surest.

        Each of the model's is a run of positive clauses joined by the merge model; its
        confidence is the highest clause probability in it; its value names the rules' signs
        inside it, or else the words that made the model read it as a sign (``model:
        'running for'``); a run with neither is dropped (nothing a reader could check). A
        rule's indicator at ``keep_rules_from`` or surer that no model mention of its kind
        overlaps is kept as the rule gave it (None: the model's alone).
        With the rules kept, the model's near misses are listed too, below the default
        confidence (:meth:`_near_misses`).
        """
        clause, joins, matrix = self.clauses.probabilities(view)
        found: list[Mention] = []
        signs = _SignIndex(view.mentions)
        for kind in INDICATOR_KINDS:
            runs = _runs(clause[kind], joins[kind], self.thresholds[kind])
            for run in runs:
                start, end = view.clauses[run[0]][0], view.clauses[run[-1]][1]
                confidence = float(max(clause[kind][i] for i in run))
                value = signs.values_inside(kind, start, end)
                if value is None:
                    telling = self.clauses.telling_words(
                        matrix, max(run, key=lambda i: clause[kind][i]), kind
                    )
                    if not telling:
                        # no rule's sign and no word to show: a flag a reader cannot check
                        # ("He's 14", "£900", "Aged 14 days"; every such one on the two
                        # newest writers' sets was wrong) is not a sign
                        continue
                    value = "model: " + ", ".join(f"'{w}'" for w in telling)
                found.append(
                    Mention(
                        kind,
                        start,
                        end,
                        view.text[start:end],
                        value,
                        round(confidence, 3),
                        RULE,
                    )
                )
        if keep_rules_from is not None:
            # the model's runs of one kind never overlap: a search finds the one that might
            taken = {
                k: sorted((f.start, f.end) for f in found if f.type == k) for k in INDICATOR_KINDS
            }
            found += [
                m
                for m in view.mentions
                if m.type in INDICATOR_KINDS
                and m.confidence >= keep_rules_from
                and not _overlaps(taken[m.type], m.start, m.end)
            ]
            found += self._near_misses(view, clause, joins, found, signs)
        return found

    def _near_misses(
        self,
        view: TextView,
        clause: Mapping[str, np.ndarray],
        joins: Mapping[str, np.ndarray],
        found: Sequence[Mention],
        signs: _SignIndex,
    ) -> list[Mention]:
        """Runs of clauses from :data:`NEAR_MISS_FROM` up to the kind's threshold that touch
        nothing in ``found``: shown with ``min_confidence=0``, capped at
        :data:`NEAR_MISS_CONFIDENCE`, their value saying how near (a sign the model weighed
        and did not pass is evidence a reader may want, not one to drop unseen)."""
        near: list[Mention] = []
        for kind in INDICATOR_KINDS:
            threshold = self.thresholds[kind]
            taken = sorted((f.start, f.end) for f in found if f.type == kind)
            for run in _runs(clause[kind], joins[kind], min(NEAR_MISS_FROM, threshold)):
                best = max(run, key=lambda i: clause[kind][i])
                start, end = view.clauses[run[0]][0], view.clauses[run[-1]][1]
                if clause[kind][best] >= threshold or _overlaps(taken, start, end):
                    continue
                # no telling words: a megabyte of near misses must not weigh each one
                value = signs.values_inside(kind, start, end) or "model"
                said = f"below the model's threshold: {clause[kind][best]:.2f} < {threshold:.2f}"
                near.append(
                    Mention(
                        kind,
                        start,
                        end,
                        view.text[start:end],
                        f"{value}; {said}",
                        NEAR_MISS_CONFIDENCE,
                        RULE,
                    )
                )
        return near


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of ``spans`` (sorted, not overlapping one another) overlaps
    ``[start, end)``."""
    i = bisect.bisect_left(spans, (end, -1)) - 1  # the last span starting before ``end``
    return i >= 0 and spans[i][1] > start


class _SignIndex:
    """The rules' indicator mentions by kind, sorted by start, to find those inside a span
    with a search (a text of a megabyte has tens of thousands of each)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.by_kind: dict[str, list[Mention]] = {
            kind: sorted((m for m in mentions if m.type == kind), key=lambda m: m.start)
            for kind in INDICATOR_KINDS
        }
        self.starts = {kind: [m.start for m in ms] for kind, ms in self.by_kind.items()}
        self.longest = {
            kind: max((m.end - m.start for m in ms), default=0) for kind, ms in self.by_kind.items()
        }

    def values_inside(self, kind: str, start: int, end: int) -> str | None:
        """The values of the rules' mentions of ``kind`` that overlap the span, surest
        first, or None."""
        starts, mentions = self.starts[kind], self.by_kind[kind]
        first = bisect.bisect_left(starts, start - self.longest[kind])
        last = bisect.bisect_left(starts, end)
        inside = sorted(
            (m for m in mentions[first:last] if start < m.end),
            key=lambda m: -m.confidence,
        )
        return join_signs(str(m.value) for m in inside if m.value) or None


def _span_f1(
    items: Sequence[LabelledText], found: Sequence[Sequence[Mention]], kind: MentionType
) -> float:
    """One-to-one overlap F1 of ``kind``, as benchmarks/extraction.py scores it."""
    tp = predicted = labelled = 0
    for item, mentions in zip(items, found, strict=True):
        p = [m for m in mentions if m.type == kind]
        g = [Mention(kind, s, e, "", None, 1.0, "label") for k, s, e in item.labels if k == kind]
        predicted += len(p)
        labelled += len(g)
        tp += len(match_spans(p, g))
    return 2 * tp / (predicted + labelled) if tp else 0.0


def train(items: Sequence[LabelledText], regularisation: float = 4.0) -> IndicatorModel:
    """Fit the model on every item; each kind's threshold is the lowest whose F1 is within
    :data:`THRESHOLD_F1_TOLERANCE` of the best, when each writer's set is predicted by a
    model fit on the others (nothing tuned on a text the model then reads).

    Raises:
        ValueError: with fewer than two groups (thresholds need one left out).
    """
    groups = sorted({item.group for item in items})
    if len(groups) < 2:
        raise ValueError("training needs texts from at least two writers (groups)")
    held: list[LabelledText] = []
    probabilities: list[tuple[dict[str, np.ndarray], dict[str, np.ndarray]]] = []
    for group in groups:
        model = ClauseModel(regularisation).fit([i for i in items if i.group != group])
        for item in (i for i in items if i.group == group):
            clause, joins, _matrix = model.probabilities(item.view)
            held.append(item)
            probabilities.append((clause, joins))
    thresholds: dict[str, float] = {}
    threshold_f1: dict[str, dict[float, float]] = {}
    for kind in INDICATOR_KINDS:

        def f1_at(threshold: float, kind: MentionType = kind) -> float:
            found = [
                _decode(item.view, clause, joins, kind, threshold)
                for item, (clause, joins) in zip(held, probabilities, strict=True)
            ]
            return _span_f1(held, found, kind)

        scores = {threshold: round(f1_at(threshold), 4) for threshold in THRESHOLD_GRID}
        best = max(scores.values())
        thresholds[kind] = min(t for t, f1 in scores.items() if f1 >= best - THRESHOLD_F1_TOLERANCE)
        threshold_f1[kind] = scores
    return IndicatorModel(
        ClauseModel(regularisation).fit(items), thresholds, tuple(groups), threshold_f1
    )


def _runs(clause: np.ndarray, joins: np.ndarray, threshold: float) -> list[list[int]]:
    """Indices of the clauses at or above ``threshold``, in runs the merge model joins."""
    runs: list[list[int]] = []
    for i, p in enumerate(clause):
        if p < threshold:
            continue
        if runs and runs[-1][-1] == i - 1 and joins[i] >= MERGE_THRESHOLD:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _decode(
    view: TextView,
    clause: Mapping[str, np.ndarray],
    joins: Mapping[str, np.ndarray],
    kind: MentionType,
    threshold: float,
) -> list[Mention]:
    """Spans of ``kind`` at ``threshold`` (no values: for choosing thresholds)."""
    return [
        Mention(kind, view.clauses[run[0]][0], view.clauses[run[-1]][1], "", None, 1.0, RULE)
        for run in _runs(clause[kind], joins[kind], threshold)
    ]
