"""reader: a terminal reader for news articles and reports."""

__version__ = "0.1.0"
