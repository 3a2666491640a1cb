"""countylines: intelligence, targeting and safeguarding for county-lines investigations.

Data flows one way: sources -> ingest -> workspace -> analysis -> products / web.
See docs/architecture.md.
"""

__version__ = "0.1.0"
