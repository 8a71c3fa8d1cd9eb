"""The message ids every vocabulary fills (en.py, zh.py), as a .pot file lists them, and how one is filled.

A phrase is a ``str.format`` template; the comment beside each id names its placeholders. A language
that leaves a placeholder out just does not say it. Values are filled in, never read as templates, so
braces in a label stay as written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

import attrs


def number(x: Decimal | int) -> str:
    """A number for people: thousands separated, no exponent, no trailing zeros."""
    if isinstance(x, int):
        return f"{x:,}"
    text = f"{x.normalize():,f}" if x == x.to_integral_value() else f"{x.normalize():f}"
    if "." in text:
        whole, frac = text.split(".")
        return f"{int(whole):,}.{frac}"
    return text


class AwardPhrases(TypedDict):
    """An award, one paragraph per beneficiary (award.py)."""

    paragraph: str  # {head} {body} {validity}: validity may be empty, the paragraph is stripped
    head: str  # {total} {who} {tier}
    tier: str  # {tier}: said after the member only, not after a referee
    nothing_paid: str  # the body when no line pays
    amount: str  # {amount} {currency}: the money a line counted
    trimmed: str  # {after} {reason}
    reasons: dict[str, str]  # per trim kind (limit, cap, budget): {subject} {limit} {unit} {per}
    units: dict[str, str]  # a limit's unit: points, times
    periods: dict[str | None, str]  # a limit's or cap's period; None: ever
    currencies: dict[str, str]  # a currency's name, where not its code
    validity: str  # {usable} {expiry} {zone}
    valid_until: str  # {until} {rolling}
    rolling: str  # added when later activity pushes the expiry back
    never_expire: str


@attrs.frozen
class Vocabulary:
    """One language's phrases for everything worded."""

    award: AwardPhrases
