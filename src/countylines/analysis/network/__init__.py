"""Network analysis of criminal networks: import, measures, key players, disruption.

Modules: :mod:`.graphs` (reading published networks), :mod:`.measures`
(per-node and per-graph measures), :mod:`.keyplayers` (Borgatti's KPP-1),
:mod:`.disruption` (targeting and recovery simulations), :mod:`.store`
(networks kept in the workspace). All graph algorithms are igraph's.
"""
