"""Documentation that tests keep honest: every setting, template key and template documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from countylines.ingest.cdr_template import BUILTIN_DIR, CdrTemplate
from countylines.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text()
CONFIGURATION = (REPO / "docs" / "configuration.md").read_text()
TEMPLATES = (REPO / "docs" / "templates.md").read_text()


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    env = f"COUNTYLINES_{name.upper()}"
    assert env in CONFIGURATION, f"{env} missing from docs/configuration.md"
    assert env in README, f"{env} missing from the README's configuration table"


def _template_keys(model: type[BaseModel]) -> set[str]:
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(name)
        for arg in (info.annotation, *getattr(info.annotation, "__args__", ())):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                keys |= _template_keys(arg)
    return keys


@pytest.mark.parametrize("key", sorted(_template_keys(CdrTemplate)))
def test_every_template_key_is_documented(key: str) -> None:
    assert f"`{key}`" in TEMPLATES, f"template key {key!r} missing from docs/templates.md"


@pytest.mark.parametrize("path", sorted(BUILTIN_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_builtin_template_is_in_the_readme(path: Path) -> None:
    assert f"`{path.stem}`" in README


def test_readme_test_command_is_what_ci_runs() -> None:
    assert "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text()
