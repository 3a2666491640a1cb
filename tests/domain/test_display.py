"""Text safe to show: direction overrides and terminal escapes written as escapes."""

from __future__ import annotations

from countylines.domain.display import printable
from countylines.web.templating import _env as templates


def test_overrides_and_escapes_are_shown_not_obeyed() -> None:
    assert printable("from the \u202eshop\u202c") == "from the \\u202eshop\\u202c"
    assert printable("a\x1b[31mred") == "a\\x1b[31mred"
    assert printable("line one\nline two") == "line one\\nline two"
    assert printable("line one\nline two", keep_layout=True) == "line one\nline two"


def test_the_web_filter_escapes_html_and_shows_overrides() -> None:
    html = templates.from_string("{{ v | printable }}").render(v="<b>flat</b> \u202epohs")
    assert html == "&lt;b&gt;flat&lt;/b&gt; \\u202epohs"
