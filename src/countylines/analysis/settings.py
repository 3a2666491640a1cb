"""Detection settings: the documented YAML in ``countylines/config/detection.yaml``.

A workspace may carry its own ``detection.yaml`` (same keys); unknown keys
are errors. Loaded settings are plain frozen models, recorded with results.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from countylines.analysis.contacts import ContactParams

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "config" / "detection.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Strict):
    """The figures between which an indicator's strength rises from 0 to 1."""

    low: float
    high: float

    def strength(self, value: float) -> float:
        """Strength in [0, 1]: linear from ``low`` to ``high`` (either may be the larger)."""
        if self.low == self.high:
            return 1.0 if value >= self.high else 0.0
        share = (value - self.low) / (self.high - self.low)
        return min(1.0, max(0.0, share))


class ContactSettings(_Strict):
    """See :class:`countylines.analysis.contacts.ContactParams`."""

    burst_gap_s: int = Field(gt=0)
    bulk_min_recipients: int = Field(gt=1)
    repeat_days: int = Field(ge=1)
    zone: str
    dispatch_window_s: int = Field(gt=0)


class Pattern(_Strict):
    """A way a deal line shows itself: a required indicator and weighted indicators."""

    label: str
    requires: list[str]
    weights: dict[str, float]


class ScoreSettings(_Strict):
    """Deal-line score: threshold, minimum customer base, indicators, patterns."""

    threshold: float = Field(ge=0, le=100)
    min_counterparties_in: int = Field(ge=1)
    min_numbers_for_typical: int = Field(ge=1)
    indicators: dict[str, Indicator]
    patterns: dict[str, Pattern]

    @model_validator(mode="after")
    def _patterns_use_known_indicators(self) -> ScoreSettings:
        for name, pattern in self.patterns.items():
            unknown = (set(pattern.requires) | set(pattern.weights)) - set(self.indicators)
            if unknown:
                raise ValueError(f"pattern {name!r} uses unknown indicators {sorted(unknown)}")
            if any(w < 0 for w in pattern.weights.values()):
                raise ValueError(f"pattern {name!r} has a negative weight")
        return self


class ChainSettings(_Strict):
    """When a later number continues an earlier one."""

    min_customer_overlap: float = Field(gt=0, le=1)
    max_handover_days: float = Field(ge=0)
    shared_imei_links: bool


class StatusSettings(_Strict):
    """Active / dormant / closed, by days since last use."""

    active_within_days: float = Field(ge=0)
    dormant_within_days: float = Field(ge=0)

    @model_validator(mode="after")
    def _in_order(self) -> StatusSettings:
        if self.dormant_within_days < self.active_within_days:
            raise ValueError("dormant_within_days must be at least active_within_days")
        return self


class RoleSettings(_Strict):
    """Market area, runners, holder, cuckooed addresses."""

    market_cell_share: float = Field(gt=0, le=1)
    runner_min_dispatches: int = Field(ge=1)
    runner_dispatch_share: float = Field(ge=0, le=1)
    runner_min_contact_days: int = Field(ge=1)
    runner_market_share: float = Field(ge=0, le=1)
    holder_runner_share_of_days: float = Field(gt=0, le=1)
    runner_home_market_share: float = Field(ge=0, le=1)
    holder_max_market_share: float = Field(ge=0, le=1)
    cuckoo_min_nights: int = Field(ge=1)
    night_start_hour: int = Field(ge=0, le=23)
    night_end_hour: int = Field(ge=0, le=23)


class DetectionSettings(_Strict):
    """Everything line detection reads from configuration."""

    contacts: ContactSettings
    score: ScoreSettings
    chains: ChainSettings
    status: StatusSettings
    roles: RoleSettings

    def contact_params(self) -> ContactParams:
        """The parameters of the contact SQL."""
        return ContactParams(
            **self.contacts.model_dump(),
            min_counterparties_in=self.score.min_counterparties_in,
        )


class SettingsError(Exception):
    """A detection settings file is unreadable or invalid (names file and key)."""


def _merged(
    base: dict[str, Any], override: dict[str, Any], file: Path, prefix: str = ""
) -> dict[str, Any]:
    """``base`` with ``override``'s keys replaced, mapping by mapping.

    Raises:
        SettingsError: for a key the defaults do not have (with the nearest one).
    """
    out = dict(base)
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if key not in base:
            near = difflib.get_close_matches(str(key), [str(k) for k in base], n=1)
            hint = f" (did you mean {prefix}{near[0]}?)" if near else ""
            raise SettingsError(f"{file}: unknown key {dotted}{hint}")
        if isinstance(base[key], dict) and isinstance(value, dict) and key not in _WHOLE:
            out[key] = _merged(base[key], value, file, f"{dotted}.")
        else:
            out[key] = value
    return out


# Mappings a file replaces whole rather than key by key (their keys are names, not settings).
_WHOLE = frozenset({"weights", "requires"})


def load_detection_settings(path: Path | None = None) -> DetectionSettings:
    """Load the shipped settings, with ``path``'s keys (if given) over them.

    A file need hold only what it changes; every key is validated and an
    unknown key is an error naming the nearest known one.

    Raises:
        SettingsError: naming the file and each invalid or unknown key.
    """
    try:
        data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
        if path is not None:
            override = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(override, dict):
                raise SettingsError(f"{path}: a settings file is a YAML mapping of keys")
            data = _merged(data, override, path)
        return DetectionSettings.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path or DEFAULT_FILE}: cannot be read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise SettingsError(f"{path or DEFAULT_FILE}: {problems}") from exc
