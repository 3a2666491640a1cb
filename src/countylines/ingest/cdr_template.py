"""Carrier call-data templates: a layout described as data, validated strictly.

A template is a YAML file that says how one carrier's (or tool's) call-data
export maps onto the canonical call-event table: the columns, the date/time
format and zone, the spelling of numbers, the event-type codes and which
party is which. ``docs/templates.md`` documents every key; unknown keys are
errors (a misspelt key must never be silently ignored).

Templates are looked up by name in, first to last: ``<workspace>/templates``,
each folder of ``COUNTYLINES_TEMPLATE_PATH``, then the built-in folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

BUILTIN_DIR = Path(__file__).parent / "templates"

Kind = Literal["voice", "sms"]
Direction = Literal["out", "in"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileFormat(_Strict):
    """How the text is written: delimiter, encoding, quote character."""

    delimiter: str = Field(default=",", min_length=1, max_length=1)
    encoding: str = "utf-8"
    quote: str = Field(default='"', min_length=1, max_length=1)


class Columns(_Strict):
    """Header names of the file's columns, per canonical field.

    Orientation is either *caller/called* (``caller`` and ``called``: the
    a-party and b-party of every event) or *subscriber/other* (``other``, plus
    the subscriber from ``subscriber`` or the file name, and a direction).
    """

    start: str | None = None
    start_date: str | None = None
    start_time: str | None = None
    caller: str | None = None
    called: str | None = None
    subscriber: str | None = None
    other: str | None = None
    event_type: str | None = None
    direction: str | None = None
    kind: str | None = None
    duration: str | None = None
    cell_id: str | None = None
    imei: str | None = None
    imsi: str | None = None
    a_cell_id: str | None = None
    a_imei: str | None = None
    b_cell_id: str | None = None
    b_imei: str | None = None

    def named(self) -> dict[str, str]:
        """Canonical field -> header name, for the fields this layout has."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class TimeFormat(_Strict):
    """How start times are written.

    ``format`` is a strftime pattern (DuckDB/Python codes: ``%d/%m/%Y %H:%M:%S``);
    with ``start_date`` + ``start_time`` columns the two are joined by one
    space before parsing. ``timezone`` is an IANA zone (``Europe/London``) for
    local times, or ``UTC``; it is ignored when the pattern has ``%z``.
    ``ambiguous`` says what to do with a local time that occurs twice (the
    hour repeated when clocks go back): take the ``earlier`` or ``later``
    instant (the row is loaded and flagged), or ``reject`` it.
    """

    format: str
    timezone: str = "UTC"
    ambiguous: Literal["earlier", "later", "reject"] = "earlier"
    earliest: str = Field(
        default="1985-01-01",
        description="UK mobile service began on 1 January 1985: earlier dates are clock errors",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name)") from exc
        return value

    @property
    def has_offset(self) -> bool:
        """Whether each time carries its own UTC offset (``%z``)."""
        return "%z" in self.format or "%Z" in self.format


class DurationFormat(_Strict):
    """How durations are written: a number in ``unit``, or ``hh:mm:ss``."""

    format: Literal["number", "hms"] = "number"
    unit: Literal["seconds", "milliseconds", "minutes"] = "seconds"


class NumberFormat(_Strict):
    """How numbers are written: ``phone`` (any spelling, see domain.phone) or
    ``identifier`` (pseudonymous ids kept as written, as in research data).

    ``withheld`` lists this layout's own markers for a withheld or unknown
    number (beyond the usual words, see domain.phone), compared ignoring case.
    """

    format: Literal["phone", "identifier"] = "phone"
    region: str = "GB"
    withheld: list[str] = Field(default_factory=list)


class EventType(_Strict):
    """What one event-type code means."""

    kind: Kind
    direction: Direction | None = None


class SubscriberFromFile(_Strict):
    """Take the subscriber from the file name (per-user export layouts)."""

    file_name: Literal["stem"] = "stem"


class CdrTemplate(_Strict):
    """One carrier layout. See ``docs/templates.md`` for a worked example."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    description: str
    file: FileFormat = FileFormat()
    columns: Columns
    subscriber_from: SubscriberFromFile | None = None
    time: TimeFormat
    duration: DurationFormat = DurationFormat()
    numbers: NumberFormat = NumberFormat()
    event_types: dict[str, EventType | Literal["skip"]] = Field(default_factory=dict)
    directions: dict[str, Direction] = Field(default_factory=dict)
    kinds: dict[str, Kind | Literal["skip"]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _coherent(self) -> CdrTemplate:
        c = self.columns
        if not (c.start or (c.start_date and c.start_time)):
            raise ValueError("columns: give `start`, or both `start_date` and `start_time`")
        caller_called = c.caller is not None or c.called is not None
        subscriber_other = c.other is not None
        if caller_called == subscriber_other:
            raise ValueError(
                "columns: give either `caller` and `called`, or `other` (with `subscriber` "
                "or `subscriber_from`), not both or neither"
            )
        if caller_called and not (c.caller and c.called):
            raise ValueError("columns: `caller` and `called` go together")
        if subscriber_other:
            if (c.subscriber is None) == (self.subscriber_from is None):
                raise ValueError("give exactly one of `columns.subscriber` and `subscriber_from`")
            if not self.has_direction:
                raise ValueError(
                    "a subscriber/other layout needs a direction: `columns.direction` "
                    "or `event_types` codes with a direction"
                )
        if not (c.event_type or c.kind):
            raise ValueError("columns: give `event_type` or `kind` (voice or sms)")
        if c.event_type and not self.event_types:
            raise ValueError("`columns.event_type` needs an `event_types` table of codes")
        if c.kind and not self.kinds:
            raise ValueError("`columns.kind` needs a `kinds` table of codes")
        if c.direction and not self.directions:
            raise ValueError("`columns.direction` needs a `directions` table of codes")
        if (c.cell_id or c.imei or c.imsi) and (c.a_cell_id or c.a_imei or c.b_cell_id or c.b_imei):
            raise ValueError("use either target-side `cell_id`/`imei` or `a_*`/`b_*` columns")
        return self

    @field_validator("event_types", "directions", "kinds")
    @classmethod
    def _codes_distinct_ignoring_case(cls, value: dict[str, object]) -> dict[str, object]:
        seen: dict[str, str] = {}
        for code in value:
            key = code.strip().upper()
            if key in seen:
                raise ValueError(
                    f"codes {seen[key]!r} and {code!r} are the same once case and spaces are "
                    "ignored (codes are matched that way)"
                )
            seen[key] = code
        return value

    @property
    def has_direction(self) -> bool:
        """Whether each row's direction can be told."""
        coded = any(isinstance(v, EventType) and v.direction for v in self.event_types.values())
        return self.columns.direction is not None or coded

    @property
    def subscriber_other(self) -> bool:
        """True for subscriber/other layouts, False for caller/called."""
        return self.columns.other is not None


class TemplateError(Exception):
    """A template is missing or invalid; the message names the file and the key."""


def template_dirs(workspace_templates: Path | None, extra_path: str = "") -> list[Path]:
    """Template folders in lookup order (first match wins)."""
    dirs: list[Path] = []
    if workspace_templates is not None:
        dirs.append(workspace_templates)
    dirs.extend(Path(p) for p in extra_path.split(":") if p)
    dirs.append(BUILTIN_DIR)
    return dirs


def load_template_file(path: Path) -> CdrTemplate:
    """Parse and validate one template file.

    Raises:
        TemplateError: naming the file, and the key and reason for each problem.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path}: cannot be read as YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: a template is a YAML mapping of keys")
    try:
        template = CdrTemplate.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise TemplateError(f"{path}: invalid template: {problems}") from exc
    if template.name != path.stem:
        raise TemplateError(f"{path}: `name: {template.name}` must match the file name")
    return template


def available_templates(dirs: list[Path]) -> dict[str, Path]:
    """Template name -> file, earlier folders shadowing later ones."""
    found: dict[str, Path] = {}
    for folder in reversed(dirs):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


def find_template(name: str, dirs: list[Path]) -> CdrTemplate:
    """Load the template called ``name``.

    Raises:
        TemplateError: if there is none by that name (listing those there are),
            or it is invalid.
    """
    found = available_templates(dirs)
    if name not in found:
        raise TemplateError(
            f"no template called {name!r}; available: {', '.join(found) or 'none'} "
            "(see `countylines templates list`)"
        )
    return load_template_file(found[name])
