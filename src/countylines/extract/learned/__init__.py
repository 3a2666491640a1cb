"""The indicator model: CCE and cuckooing signs read clause by clause by a model trained on
the project's labelled texts (``benchmarks/extraction_eval``), on top of the rules.

The rules (phrase rules and the clause reader) find the signs they know; the model, given
each clause's words and what the rules found in and around it, decides which clauses are
signs and where one phrase ends. It was measured on a writer it had never seen before being
adopted (docs/extraction.md, "The indicator model"); ``extract(..., learned=False)`` gives
the rules alone.

The model ships with the package (``indicators.joblib``) beside ``indicators.json``, which
records its SHA-256, the sets it was trained on, its thresholds and the scikit-learn
version. :func:`load_model` refuses a file whose digest differs. Retrain with
``benchmarks/extraction_eval/train_model.py``; a force that labels its own reports can
train one and point ``COUNTYLINES_INDICATOR_MODEL`` at it (with its ``.json`` beside it).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from countylines.extract.learned.features import INDICATOR_KINDS, TextView
from countylines.extract.learned.model import (
    KEEP_RULES_FROM,
    RULE,
    IndicatorModel,
    LabelledText,
    train,
)

HERE = Path(__file__).resolve().parent
MODEL_PATH = HERE / "indicators.joblib"
METADATA_PATH = HERE / "indicators.json"

__all__ = [
    "INDICATOR_KINDS",
    "KEEP_RULES_FROM",
    "RULE",
    "IndicatorModel",
    "LabelledText",
    "ModelError",
    "TextView",
    "load_model",
    "save_model",
    "train",
]


class ModelError(RuntimeError):
    """The shipped model is missing, altered, or made by another scikit-learn."""


def save_model(model: IndicatorModel, path: Path = MODEL_PATH, **facts: Any) -> dict[str, Any]:
    """Write ``model`` and its metadata (``path`` with ``.json``); returns the metadata."""
    import joblib
    import sklearn

    joblib.dump(model, path, compress=3)
    metadata = {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "trained_on": list(model.trained_on),
        "thresholds": model.thresholds,
        # each kind's F1 at each threshold tried, each writer left out: why these thresholds
        "threshold_f1": {
            k: {str(t): f for t, f in v.items()} for k, v in model.threshold_f1.items()
        },
        "scikit_learn": sklearn.__version__,
        **facts,
    }
    path.with_suffix(".json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return metadata


def load_model(path: Path | None = None) -> IndicatorModel:
    """The model at ``path`` (default: ``$COUNTYLINES_INDICATOR_MODEL``, else the shipped
    one), checked against the SHA-256 in its ``.json``; each file is loaded once.

    Raises:
        ModelError: no model, a digest that differs (the file was altered: a joblib file
            is a pickle and must never be loaded unchecked), or another scikit-learn version.
    """
    chosen = path or Path(os.environ.get("COUNTYLINES_INDICATOR_MODEL") or MODEL_PATH)
    return _load(chosen.resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> IndicatorModel:
    import joblib
    import sklearn

    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise ModelError(f"no indicator model at {path}: retrain it (docs/extraction.md)")
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != metadata.get("sha256"):
        raise ModelError(f"{path} is not the model its metadata describes (SHA-256 differs)")
    if metadata.get("scikit_learn") != sklearn.__version__:
        raise ModelError(
            f"{path} was made with scikit-learn {metadata.get('scikit_learn')}, "
            f"not {sklearn.__version__}: retrain it"
        )
    model = joblib.load(path)
    if not isinstance(model, IndicatorModel):
        raise ModelError(f"{path} does not hold an indicator model")
    return model
