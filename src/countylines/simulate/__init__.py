"""Simulated county-lines scenarios with a documented ground truth (``countylines simulate``).

Real carrier data of drug lines is never public, so line detection is
measured on simulated scenarios: a background population calling and
texting, deal lines with their holders, runners, customers and cuckooed
addresses, and decoys that fool naive rankings. See docs/simulate.md.

Modules, one job each: :mod:`config` (drawn parameters), :mod:`geography`
(cells), :mod:`population` (people, ties, ordinary calling), :mod:`location`
(where phones are), :mod:`deal_lines`, :mod:`decoys`, :mod:`writer` (CSV
layouts), :mod:`truth` (truth.json), :mod:`generator` (the day loop);
helpers :mod:`clock`, :mod:`ids`, :mod:`directory`, :mod:`timeline`,
:mod:`events`, :mod:`randomness`.
"""

from countylines.simulate.config import ScenarioConfig, draw_config
from countylines.simulate.generator import Summary, run

__all__ = ["ScenarioConfig", "Summary", "draw_config", "run"]
