"""The errors pointrules raises, under one base: ``except pointrules.Error`` catches every one.

Each also derives from what it derived from before there was a base (``EventError`` and
``ArgumentError`` from ``ValueError``, ``NotImplementedByEvaluator`` from ``NotImplementedError``),
so a host's existing ``except ValueError`` keeps working. docs/embedding.md lists them.
"""

from __future__ import annotations


class Error(Exception):
    """The base of every error pointrules raises."""


class ArgumentError(Error, ValueError):
    """A value given to the API that it cannot take: an unknown reward or evaluator, a naive
    time, a transfer to oneself, points that are not a whole number above 0…; the message says
    which and why. Nothing was changed."""
