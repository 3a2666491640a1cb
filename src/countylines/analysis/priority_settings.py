"""Priority (threat / harm / risk) settings: ``countylines/config/priority.yaml``.

A workspace may carry its own ``priority.yaml`` holding only the keys it
changes; unknown keys are errors naming the nearest known key (the same
rules as detection settings, :mod:`countylines.analysis.settings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from countylines.analysis.settings import SettingsError, _merged

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "config" / "priority.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HarmSettings(_Strict):
    """Harm points per factor (before multipliers) and the two multipliers."""

    class_a_supply: float = Field(ge=0)
    per_customer: float = Field(ge=0)
    max_customers: float = Field(ge=0)
    per_runner: float = Field(ge=0)
    max_runners: float = Field(ge=0)
    per_cuckooed_address: float = Field(ge=0)
    max_cuckooed: float = Field(ge=0)
    weapon_report: float = Field(ge=0)
    max_weapons: float = Field(ge=0)
    violence_report: float = Field(ge=0)
    max_violence: float = Field(ge=0)
    community_drug_crime: float = Field(ge=0)
    scope_cross_border: float = Field(ge=1)
    child_victim: float = Field(ge=1)
    vulnerable_adult: float = Field(ge=1)


class LikelihoodSettings(_Strict):
    """Likelihood points: by line status, activity trend and detection strength."""

    status: dict[str, float]
    trend_points: float = Field(ge=0)
    trend_window_days: int = Field(ge=1)
    detection_points: float = Field(ge=0)

    @model_validator(mode="after")
    def _every_status(self) -> LikelihoodSettings:
        missing = {"active", "dormant", "closed"} - set(self.status)
        if missing:
            raise ValueError(f"likelihood.status needs {', '.join(sorted(missing))}")
        return self


class ConfidenceSettings(_Strict):
    """Confidence: call-data base and per-report weights by grading and age."""

    call_data_base: float = Field(ge=0, le=100)
    per_report_points: float = Field(ge=0)
    half_life_days: float = Field(gt=0)
    source_3x5x2: dict[str, float]
    intelligence_3x5x2: dict[str, float]
    source_5x5x5: dict[str, float]
    intelligence_5x5x5: dict[str, float]

    @model_validator(mode="after")
    def _every_code(self) -> ConfidenceSettings:
        need = {
            "source_3x5x2": {"1", "2", "3"},
            "intelligence_3x5x2": set("ABCDE"),
            "source_5x5x5": set("ABCDE"),
            "intelligence_5x5x5": set("12345"),
        }
        for name, codes in need.items():
            missing = codes - set(getattr(self, name))
            if missing:
                raise ValueError(f"confidence.{name} needs codes {', '.join(sorted(missing))}")
        return self


class PositionSettings(_Strict):
    """Organisational position points (capacity and capability to act)."""

    holder_identified: float = Field(ge=0)
    numbers_active: float = Field(ge=0)
    market_in_area: float = Field(ge=0)
    usable_intelligence: float = Field(ge=0)


class Bands(_Strict):
    """Lower bounds of the high and medium priority bands."""

    high: float
    medium: float

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.medium > self.high:
            raise ValueError("priority.bands.medium must not exceed priority.bands.high")
        return self


class CombineSettings(_Strict):
    """How harm, likelihood, confidence and position combine into one score."""

    confidence_floor: float = Field(ge=0, le=1)
    position_floor: float = Field(ge=0, le=1)
    bands: Bands


class VulnerabilitySettings(_Strict):
    """Safeguarding priority points for possible victims."""

    exploited_runner: float = Field(ge=0)
    child: float = Field(ge=0)
    moved_from_home: float = Field(ge=0)
    weapons_around: float = Field(ge=0)
    cuckooed_home: float = Field(ge=0)
    per_night: float = Field(ge=0)
    max_nights: float = Field(ge=0)


class PrioritySettings(_Strict):
    """The whole priority matrix (see ``config/priority.yaml`` for every reason)."""

    harm: HarmSettings
    likelihood: LikelihoodSettings
    confidence: ConfidenceSettings
    position: PositionSettings
    priority: CombineSettings
    vulnerability: VulnerabilitySettings


def load_priority_settings(path: Path | None = None) -> PrioritySettings:
    """The shipped priority matrix, with ``path``'s keys (if given) over it.

    Raises:
        SettingsError: naming the file and each invalid or unknown key.
    """
    try:
        data: dict[str, Any] = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
        if path is not None:
            override = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(override, dict):
                raise SettingsError(f"{path}: a settings file is a YAML mapping of keys")
            data = _merged(data, override, path)
        return PrioritySettings.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path or DEFAULT_FILE}: cannot be read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise SettingsError(f"{path or DEFAULT_FILE}: {problems}") from exc
