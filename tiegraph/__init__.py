"""tiegraph: auditable event, quote and claim data from international-relations articles."""

__version__ = "0.1.0"
