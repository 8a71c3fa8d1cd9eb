"""The fused fast path of a stream: one event of a simple kind evaluated, applied to the
MemoryState, added to the summary and written as its row by one function, with no Outcome, Line,
Award or StateChange objects in between.

Theory of operation. Most event kinds are simple in a precise sense (``simple`` below): every line
pays the event's member, no rule of the kind belongs to a campaign with a budget, every rule of the
kind shares one validity (pending time and expiry), a rule with a limit has no multipliers of its
own, and the program's rule names are unique. For such a kind, ``Core.run`` followed by ``Stream.accept`` reduces to a
short sequence that needs no per-line objects: each line is a rule and its points, trims cut
points from the last line backwards, and the row is one piece of text. ``kernel`` builds that
sequence as a closure per kind, every table it reads bound at build time.

A kernel answers False, before it has changed anything, whenever the event leaves the simple case
at run time (an id already processed, a tier the host gave that is not a declared tier's name, a
day on which the program is not in effect, no line): the stream then runs the general path,
which refuses or evaluates the event as always. The arithmetic is the general path's own
(``spend_base``, ``Core.factor_set``, ``round_ratio``, the compiled conditions), and the trims and
counters follow ``Core._rule_limits``, ``_caps``, ``_count_limits`` and ``_count_caps`` step for
step; ``tests/compile`` runs random programs and streams through both paths and through the
interpreter and compares rows, summaries and states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from ..runtime import add_duration, period_end
from ..state import HistoryEntry, Lot
from .arith import round_ratio
from .core import Core, spend_base
from .plan import CKind, Plan

if TYPE_CHECKING:
    from .stream import Stream

Kernel = Callable[[str, str, dt.datetime, Any], bool]


def simple(plan: Plan, ck: CKind) -> bool:
    """Whether every event of the kind can take the fused path (see the module's docstring)."""
    names = [rule.name for rule in plan.program.rules]
    if len(set(names)) != len(names):
        return False
    if not ck.rules or ck.budgeted or len({cr.validity for cr in ck.rules}) != 1:
        return False
    for cr in ck.rules:
        if cr.limits and cr.mults:
            return False
        for ce in cr.earns:
            if ce.to is not None:
                return False
    return True


def kernels(stream: Stream) -> dict[str, Kernel]:
    """A kernel per simple event kind of the stream's program."""
    plan = stream.core.plan
    return {kind: kernel(stream, ck) for kind, ck in plan.kinds.items() if simple(plan, ck)}


def kernel(stream: Stream, ck: CKind) -> Kernel:  # noqa: C901 - one straight sequence, kept in one place
    """The fused evaluate-apply-write function of one simple kind."""
    core: Core = stream.core
    plan = core.plan
    state = stream.state
    summary = stream.summary
    write = stream.write
    processed, profiles, counters = state.processed, state.profiles, state.counters
    lots = state.lots if stream.keep_lots else None
    rolling_members = state.rolling_members
    by_rule, by_kind, by_member = summary.by_rule, summary.by_kind, summary.by_member
    zone, zone_name = core.zone, core.zone_name
    days, day_of = core.days, core.day
    tiers, lowest, tier_mults = plan.tiers, core.lowest, plan.tier_mults
    factor_sets, factor_set, combine = core.factor_sets, core.factor_set, core.combiner.combine
    rounding = core.rounding
    down = rounding == "down"
    amount_of = Core._amount
    candidates = Core._candidates
    kind = ck.name
    rules, indexed, caps, uses_builtins, has_limits = ck.rules, ck.index is not None, ck.caps, ck.uses_builtins, ck.has_limits
    validity = ck.rules[0].validity
    pending, expiry = plan.validities[validity]
    expiry_kind, duration = ("at" if expiry.kind in ("after", "inactive") else expiry.kind), expiry.duration
    rolling = plan.rolling
    qualifying = stream.qualifying
    tier_of = core.tier
    histories, tier_records = state.histories, state.tiers
    spend_field = ck.spend_field
    head = stream._kind_head(kind)
    rule_keys = {cr.name: stream._rule_key(cr.name) for cr in rules}
    last_second, shown_of, encode = stream.last_second, stream._shown, stream._encode

    def step(event_id: str, member: str, time: dt.datetime, fields: Any) -> bool:
        if event_id in processed:
            return False
        local = time.astimezone(zone)
        date = local.date()
        day = days.get(date) or day_of(date)
        if not day.effective:
            return False
        tier_record = None
        if qualifying:  # earned tiers: Core.tier raises the reference's EventError for a bad one
            tier, tier_record = tier_of(member, time, state, None, event_id)
        else:
            given = profiles.get(member)
            name = given.get("tier") if given else None
            tier = lowest if name is None else tiers.get(name) if name.__class__ is str else None
            if tier is None:
                return False
        b = None
        if uses_builtins:
            b = {"id": event_id, "member": member, "time": time, "date": date, "weekday": local.weekday(),
                 "day": local.day, "month": local.month, "year": local.year, "hour": local.hour, "tier": tier.rank}
        campaigns = day.campaigns
        active = []
        chosen = []
        for cr in candidates(ck, fields) if indexed else rules:
            if cr.campaign is not None and not campaigns[cr.campaign]:
                continue
            if cr.cond is None or cr.cond(fields, b, None):
                active.append(cr)
        if not active:
            return False
        # the lines: Core._lines, keeping each line's rule and points only
        for cr in active:
            for cm in cr.mults:
                if cm.cond is None or cm.cond(fields, b, None):
                    chosen.append(cm.fid)
        if tier.multiplier != 1:
            tier_mult = tier_mults.get(tier.name)
            if tier_mult is not None:
                chosen.append(tier_mult.fid)
        ids = tuple(chosen)
        fs = factor_sets.get(ids) or factor_set(ids)
        owners = []  # the rule of each line
        points = []  # the points of each line
        for cr in active:
            for ce in cr.earns:
                if ce.cond is not None and not ce.cond(fields, b, None):
                    continue
                spend = ce.spend
                if spend is None:
                    bn, bd = ce.pn, ce.pd
                    fids, combo, values = fs.flat_ids, fs.flat_combo, fs.flat_values
                else:
                    amount = amount_of(spend, fields, b)
                    if amount is None:
                        continue
                    bn, bd = spend_base(ce, amount)
                    fids, combo, values = fs.ids, fs.combo, fs.values
                if fids:
                    _, fn, fd = combo or combine(fids, values)
                    bn, bd = bn * fn, bd * fd
                owners.append(cr)
                points.append((bn // bd if bn > 0 else 0) if down else round_ratio(bn, bd, rounding))
        if not owners:
            return False  # no line: the row takes the program's validity; the general path writes it
        changes = []  # (scope, period key, amount) of the member's counters
        if has_limits:  # Core._rule_limits: every line pays the member, a limited rule has no multipliers
            for cr in active:
                for cl in cr.limits:
                    key = day.keys.get(cl.period) or day.key(cl.period)
                    used = counters.get((member, cl.scope, key), 0)
                    if cl.kind == "times":
                        changes.append((cl.scope, key, 1))  # a firing counts even when trimmed
                        if used + 1 <= cl.amount:
                            continue
                        allowance = 0
                    else:
                        allowance = cl.amount - used
                    _trim(owners, points, cr, allowance)
        capped = []  # (counter, its value) of each cap per period: this event's points are added to it
        for cc in caps:  # Core._caps, one beneficiary
            if cc.per_event:
                used = 0
            else:
                counter = (member, cc.scope, day.keys.get(cc.period) or day.key(cc.period))
                used = counters.get(counter, 0)
                capped.append((counter, used))
            allowance = cc.points - used
            total = sum(points)
            if total > allowance and total > 0:
                _trim(owners, points, None, allowance)
        total = sum(points)
        if has_limits:  # Core._count_limits
            for cr in active:
                for cl in cr.limits:
                    if cl.kind == "points":
                        caused = 0
                        for owner, p in zip(owners, points):
                            if owner is cr:
                                caused += p
                        if caused:
                            changes.append((cl.scope, day.keys.get(cl.period) or day.key(cl.period), caused))
        # Stream.accept: the state, the summary and the row
        # results.validity of the kind's one validity class
        available = add_duration(time, pending, zone_name) if pending else local
        if expiry_kind == "never":
            expires = None
        elif expiry_kind == "at":
            expires = add_duration(time, duration, zone_name)
        else:
            ends = day.ends
            expires = ends.get(validity)
            if expires is None:
                expires = ends[validity] = period_end(date, expiry.period, expiry.periods_after, zone_name)
        for cr, p in zip(owners, points):
            name = cr.name
            by_rule[name] = by_rule.get(name, 0) + p
        processed.add(event_id)
        state.zone = zone_name
        for scope, key, amount in changes:
            counter = (member, scope, key)
            counters[counter] = counters.get(counter, 0) + amount
        if total:  # Core._count_caps: each cap's scope is its own, read above
            for counter, used in capped:
                counters[counter] = used + total
        if qualifying:  # results.history for the one beneficiary
            spend = None
            if spend_field is not None:
                value = fields.get(spend_field)
                spend = value if isinstance(value, Decimal) else _ZERO
            entry = HistoryEntry(time, spend or _ZERO, 1 if spend is not None else 0, total)
            kept = histories.get(member)
            if kept is None:
                histories[member] = [entry]
            else:
                kept.append(entry)
            if tier_record is not None:
                tier_records[member] = tier_record
        state.touch(member, time)
        if lots is not None:  # MemoryState.apply: the lots, after the activity
            mine = None
            for cr, p in zip(owners, points):
                if p > 0:
                    if mine is None:
                        mine = lots.get(member)
                        if mine is None:
                            mine = lots[member] = []
                    name = cr.name
                    mine.append(Lot(member, p, time, available, expires, event_id, name, rolling[name]))
                    if rolling[name] is not None:
                        rolling_members.add(member)
        summary.accepted += 1
        by_kind[kind] = by_kind.get(kind, 0) + total
        if total:
            by_member[member] = by_member.get(member, 0) + total
        if write is None:
            return True
        shown = last_second.get(expires)
        if shown is None:
            shown_of(expires)
            shown = last_second[expires]
        if len(owners) == 1:
            text = rule_keys[owners[0].name] + str(points[0])
        else:
            sums: dict[str, int] = {}
            for cr, p in zip(owners, points):
                sums[cr.name] = sums.get(cr.name, 0) + p
            text = ", ".join([rule_keys[name] + str(p) for name, p in sums.items()])
        # ISO times hold only digits and -:+T. so their JSON text is the text in quotes.
        shown_available = (local if available is local else available.astimezone(zone)).isoformat()
        write(f'{{"event": {encode_basestring(event_id)}{head}{encode(member)}, "points": {total}, '
              f'"available": "{shown_available}", "expires": {shown}, "rules": {{{text}}}}}\n')
        return True

    return step


def _trim(owners: list[Any], points: list[int], rule: Any, allowance: int) -> None:
    """``Core._trim`` for the lines of a rule without multipliers, or (``rule`` None, a cap) for
    every line: the points they count above the allowance go, later lines first."""
    excess = -max(0, allowance)
    for owner, p in zip(owners, points):
        if rule is None or owner is rule:
            excess += p
    i = len(points)
    while excess > 0 and i > 0:
        i -= 1
        if rule is None or owners[i] is rule:
            cut = points[i] if points[i] < excess else excess
            if cut > 0:
                points[i] -= cut
                excess -= cut


_ZERO = Decimal(0)
