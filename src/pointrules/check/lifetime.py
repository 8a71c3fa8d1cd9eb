"""Lifetime status on tiers (``gold from 60,000 points or 1,000,000 points over lifetime``): one
lifetime threshold per tier (PR301), in the metric's unit like the tier's own threshold, each
higher than the lower tiers' (PR317); none where it cannot matter (PR367: tiers that already count
the whole history, host-given tiers, the lowest tier); none at or below the tier's own threshold
(PR368: the lifetime total is never below the window's, so the window would never decide)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pointrules import syntax as s
from pointrules.check.report import Report, q
from pointrules.messages import t

Amount = Callable[[s.Quantity, s.Tier], "Decimal | None"]


def check_lifetime(r: Report, d: s.Tiers, amount: Amount, own: dict[int, Decimal]) -> None:
    """Every tier's ``or … over lifetime``; ``amount`` checks one threshold for the metric (None:
    reported or unknown); ``own`` holds the valid thresholds of the tiers, by rank."""
    previous: tuple[s.Tier, Decimal] | None = None
    for i, tier in enumerate(d.tiers):
        for extra in tier.lifetime[1:]:
            r.add(extra.span, "PR301", t("tier {tier} has more than one lifetime threshold", tier=q(tier.name.text)),
                  help=t("keep one `or … over lifetime` per tier"),
                  notes=[r.first_at(t("its lifetime threshold"), tier.lifetime[0].span)])
        if not tier.lifetime:
            continue
        first = tier.lifetime[0]
        if _pointless(r, d, tier, first, i):
            continue
        value = amount(first.threshold, tier)
        if value is None:
            continue
        if i in own and value <= own[i]:
            r.add(first.threshold.span, "PR368",
                  t("tier {tier} is reached over the lifetime at {lifetime}, no more than its own threshold {threshold}",
                    tier=q(tier.name.text), lifetime=q(_raw(first.threshold)), threshold=q(_raw(tier.threshold))),
                  help=t("a lifetime threshold is far above the tier's own, like "
                         "`gold from 60,000 points or 1,000,000 points over lifetime`"),
                  notes=[t("the whole history never counts less than the window, so this tier would never lapse "
                           "and its own threshold would never decide")])
        if previous is not None and value <= previous[1]:
            before = previous[0]
            r.add(first.threshold.span, "PR317",
                  t("tier {tier} is reached over the lifetime at {threshold}, not above {before} at {before_threshold}",
                    tier=q(tier.name.text), threshold=q(_raw(first.threshold)), before=q(before.name.text),
                    before_threshold=q(_raw(before.lifetime[0].threshold))),
                  help=t("list the tiers lowest first, each lifetime threshold higher than the one before"),
                  notes=[t("tier {tier} is on line {line}", tier=q(before.name.text), line=r.line(before.span))])
        previous = (tier, value)


def _pointless(r: Report, d: s.Tiers, tier: s.Tier, first: s.LifetimeThreshold, rank: int) -> bool:
    """PR367 (PR316 for host-given tiers) where a lifetime threshold cannot matter."""
    name = q(tier.name.text)
    if d.qualification is None:
        r.add(first.span, "PR316", t("tier {tier} has a threshold but the tiers have no qualification", tier=name),
              help=t("add one, like `tiers by spend over last 12 months {{ … }}`, or remove the threshold"),
              notes=[t("without a qualification the host application assigns tiers and thresholds are ignored")])
    elif d.qualification.window.kind == "lifetime":
        r.add(first.span, "PR367", t("tier {tier} has a lifetime threshold, but the tiers already count over lifetime",
                                     tier=name),
              help=t("remove `or … over lifetime`, or qualify over a window, like "
                     "`tiers by tier points over last 12 months {{ … }}`"))
    elif rank == 0:
        r.add(first.span, "PR367", t("the lowest tier {tier} has a lifetime threshold, but every member has it",
                                     tier=name),
              help=t("remove `or … over lifetime` here and give it to a higher tier"))
    else:
        return False
    return True


def _raw(th: s.Quantity | None) -> str:
    assert th is not None
    return f"{th.amount.raw} {th.unit.text}" if th.unit else th.amount.raw
