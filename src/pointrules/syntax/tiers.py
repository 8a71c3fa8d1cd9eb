"""The tiers declaration of a program (``tiers by spend over last 12 months { … }``): how members
qualify, the policies of downgrade, keep and assessment, and each tier with its benefits."""

from __future__ import annotations

import attrs

from pointrules.source import Span
from pointrules.syntax.expressions import Name, Number, Quantity, Text


@attrs.frozen(kw_only=True)
class Window:
    """``last 12 months`` (kind ``last``, with count), ``this year`` (kind ``this``) or ``lifetime``
    (kind ``lifetime``: neither count nor unit)."""

    kind: str
    count: Number | None
    unit: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class Counted:
    """An event kind counted toward tiers by spend or purchases, with its money field when written:
    ``purchase`` or ``purchase.amount`` in ``tiers by spend of purchase.amount over …``."""

    kind: Name
    field: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class Qualification:
    """``by spend of purchase over last 12 months``; metric is ``spend``, ``points`` or
    ``purchases``; ``counted`` the kinds after ``of`` (empty: the program's default, docs/semantics.md)."""

    metric: Name
    window: Window
    span: Span
    counted: tuple[Counted, ...] = ()


@attrs.frozen(kw_only=True)
class TierMultiplier:
    factor: Number
    including_bonuses: bool
    span: Span


@attrs.frozen(kw_only=True)
class Perks:
    perks: tuple[Text, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Tier:
    name: Name
    label: Text | None
    threshold: Quantity | None
    benefits: tuple[TierMultiplier | Perks, ...]
    span: Span
    # ``or 1,000,000 points over lifetime``: lifetime status beside the window's threshold (at most one)
    lifetime: tuple[LifetimeThreshold, ...] = ()


@attrs.frozen(kw_only=True)
class LifetimeThreshold:
    """``or Q over lifetime`` after a tier's threshold: the tier also qualifies on the member's
    whole history reaching Q."""

    threshold: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class Downgrade:
    """``downgrade one level`` (mode ``one level``) or ``downgrade to qualified tier``."""

    mode: str
    span: Span


@attrs.frozen(kw_only=True)
class KeepTier:
    """``keep tier for 12 months``."""

    duration: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class Assess:
    """``assess at end of year`` (kind ``end``, with the period), ``assess on anniversary`` or
    ``assess at once`` (the default)."""

    kind: str
    period: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class Tiers:
    qualification: Qualification | None
    policies: tuple[Downgrade | KeepTier | Assess, ...]
    tiers: tuple[Tier, ...]
    span: Span
