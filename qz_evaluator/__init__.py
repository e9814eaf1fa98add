"""qz-evaluator: scoring, signing and merging for the Quzhou government quality award."""

__version__ = "0.1.0"
