"""Check that HTML renders text as text: no script, handler or javascript: URL of the page's own
making but the app's, whatever the data held."""

from __future__ import annotations

import json
from html.parser import HTMLParser

ALLOWED_SCRIPT_SOURCES = ("/static/app/js/", "/static/vendor/")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag}> has event handler {name}={value!r}")
            if name.lower() in ("href", "src", "action") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag}> has a javascript: URL")
        if tag in ("img", "iframe", "object", "embed", "svg:script", "base"):
            self.problems.append(f"unexpected <{tag}>")
        if tag == "script":
            src = values.get("src") or ""
            if values.get("type") == "application/json":
                self._script = ""
            elif not src.startswith(ALLOWED_SCRIPT_SOURCES):
                self.problems.append(f"<script> not from the app: {values!r}")
            else:
                self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            json.loads(self._script)  # a data block stays valid JSON: nothing escaped out of it
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data
        else:
            self.text.append(data)


def check_inert(html: str) -> str:
    """Raise AssertionError naming every active element that the app did not write;
    return the page's visible text (to check the payload was shown, as text)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert collector.problems == [], collector.problems
    return "".join(collector.text)
