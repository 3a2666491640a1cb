"""Simulated county-lines scenarios with a documented ground truth (``countylines simulate``).

Real carrier data of drug lines is never public, so line detection is
measured on simulated scenarios: a background population calling and
texting, deal lines with their holders, runners, customers and cuckooed
addresses, and decoys that fool naive rankings; and the graded intelligence
reports and reports from the public that such a case would gather. See
docs/simulate.md.

Modules, one job each: :mod:`config` (drawn parameters), :mod:`geography`
(cells), :mod:`population` (people, ties, ordinary calling), :mod:`location`
(where phones are), :mod:`deal_lines`, :mod:`decoys`, :mod:`writer` (CSV
layouts), :mod:`truth` (truth.json), :mod:`generator` (the day loop);
helpers :mod:`clock`, :mod:`ids`, :mod:`directory`, :mod:`timeline`,
:mod:`events`, :mod:`randomness`. Reports: :mod:`intel` (intel.csv and its
truth), :mod:`intel_world` (the facts behind them), :mod:`intel_topics` and
:mod:`intel_noise` (what they say), :mod:`intel_draft` (mentions),
:mod:`intel_style` (how authors write), :mod:`intel_grading` (gradings and
accuracy), :mod:`public_reports`, :mod:`addresses`, :mod:`names`.
"""

from countylines.simulate.config import ScenarioConfig, draw_config
from countylines.simulate.generator import Summary, run

__all__ = ["ScenarioConfig", "Summary", "draw_config", "run"]
