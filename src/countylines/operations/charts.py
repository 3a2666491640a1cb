"""The case funnel as a chart: arrested -> charged -> convicted -> immediate custody.

Drawn with matplotlib (Agg) as SVG; the same funnel gives the same bytes
(no date in the metadata, a fixed hash salt for element ids, text kept as
text so it stays searchable and sharp).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from countylines.operations.cases import Funnel

COLOURS = ("#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6")


def funnel_svg(funnel: Funnel, title: str = "Case funnel") -> str:
    """The funnel as SVG text: one bar per stage, with its count and share of arrests."""
    stages = funnel.stages()
    with matplotlib.rc_context(
        {"svg.hashsalt": "countylines-funnel", "svg.fonttype": "none", "font.size": 12}
    ):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        labels = [label for label, _ in stages]
        counts = [count for _, count in stages]
        top = max(counts) if counts and max(counts) > 0 else 1
        y = list(range(len(stages)))[::-1]
        ax.barh(y, counts, color=COLOURS, height=0.62)
        for yy, count in zip(y, counts, strict=True):
            share = f" ({count / funnel.arrested:.0%} of arrests)" if funnel.arrested else ""
            ax.text(count + top * 0.01, yy, f"{count}{share}", va="center", fontsize=12)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, top * 1.45)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("people")
        months = (
            f"; {funnel.custodial_months} months of immediate custody in all"
            if funnel.custodial
            else ""
        )
        ax.set_title(f"{title}{months}", loc="left", fontsize=13)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue()
