"""Shop Rewards written by hand in plain Python: the oracle and the speed baseline.

An independent implementation of /work/shared/design/SHOP-REFERENCE.md that knows nothing of
pointrules (it must never import it): the differential tests compare `pointrules simulate` on
examples/shop.points with this file, and the benchmarks time both on the same streams.

Theory of operation: one pass over the lines in stream order. Each line is validated, its local
date in Asia/Shanghai found, its points computed from the rules, then clipped by the member's
daily cap. The only state is three dicts: points earned per (member, local day), reviews counted
per (member, local day) and the ids accepted so far.

    python bench/shop_baseline.py EVENTS.jsonl [--members M.jsonl] [--awards OUT.jsonl]

Rejected lines are reported on stderr as `line N: reason`; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")
DAILY_CAP = 5000
TIER_MULTIPLIERS = {
    "member": Decimal(1),
    "silver": Decimal("1.2"),
    "gold": Decimal("1.5"),
    "diamond": Decimal(2),
}
# Per tier, the factor of spend-based points indexed by the number of ×2 multipliers that apply
# (electronics, double day): the product is applied once, then rounded down.
_FACTORS = {tier: (m, m * 2, m * 4) for tier, m in TIER_MULTIPLIERS.items()}
_DEFAULT_FACTORS = _FACTORS["member"]
_DOUBLE_DAYS = frozenset({(11, 11), (6, 18)})
_KINDS = frozenset({"purchase", "signup", "referral", "checkin", "review"})
_CHANNELS = frozenset({"app", "web", "store"})
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# Money and counts arrive as JSON numbers: decode fractions as Decimal so no float touches money;
# NaN and Infinity become Decimal too, so they are refused as amounts like any other non-finite.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=Decimal)


class Rejected(ValueError):
    """An input line the program refuses: no award row, reported with its line number."""


def _text(event: dict[str, Any], key: str) -> str:
    value = event.get(key)
    if type(value) is not str or not value:
        raise Rejected(f"`{key}` must be a non-empty string")
    return value


def _amount(value: Any) -> Decimal | int:
    """A purchase amount: a JSON number or decimal string, finite, >= 0, at most 2 decimals."""
    if type(value) is int:
        if value < 0:
            raise Rejected("`amount` must not be negative")
        if value >= 10**18:  # pointrules' documented magnitude limit (docs/semantics.md)
            raise Rejected("`amount` is too large")
        return value
    if type(value) is str:
        if not _DECIMAL_TEXT.fullmatch(value):
            raise Rejected(f"`amount` {value!r} is not a decimal number")
        value = Decimal(value)
    elif type(value) is not Decimal:
        raise Rejected("`amount` must be a number or a decimal string")
    if not value.is_finite():
        raise Rejected("`amount` must be finite")
    if value < 0:
        raise Rejected("`amount` must not be negative")
    # Counted as written: "1.500" has three decimals even though it equals 1.5.
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise Rejected("`amount` has more than 2 decimals")
    if value.adjusted() >= 18:  # pointrules' documented magnitude limit (docs/semantics.md)
        raise Rejected("`amount` is too large")
    return value


def _local_time(value: Any) -> datetime:
    """The event's instant in the program zone; times without a UTC offset are refused."""
    if type(value) is not str:
        raise Rejected("`time` must be an ISO 8601 string")
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise Rejected(f"`time` {value!r} is not an ISO 8601 date and time") from None
    if instant.tzinfo is None:
        raise Rejected(f"`time` {value!r} has no UTC offset")
    try:
        utc = instant.astimezone(timezone.utc)
    except OverflowError:
        raise Rejected(f"`time` {value!r} is out of range") from None
    if not 1900 <= utc.year <= 2999:  # pointrules' documented range of event times (docs/semantics.md)
        raise Rejected(f"`time` {value!r} is out of range")
    return instant.astimezone(ZONE)


def read_members(lines: Iterable[str]) -> dict[str, str]:
    """Member id -> tier from JSON Lines `{"id": ..., "tier": ...}`; raises ValueError on a bad line."""
    tiers: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise ValueError(f"members line {number}: not JSON") from None
        if type(record) is not dict or type(record.get("id")) is not str or not record["id"]:
            raise ValueError(f"members line {number}: expected an object with a non-empty string `id`")
        if record.get("tier") not in TIER_MULTIPLIERS:
            raise ValueError(f"members line {number}: unknown tier {record.get('tier')!r}")
        tiers[record["id"]] = record["tier"]
    return tiers


def run(
    event_lines: Iterable[str],
    members: Mapping[str, str] | None = None,
    rejections: list[tuple[int, str]] | None = None,
) -> list[dict[str, Any]]:
    """Award rows, one per accepted event in stream order; refused lines go to `rejections`."""
    factors_of = {member: _FACTORS[tier] for member, tier in (members or {}).items()}
    earned: dict[tuple[str, int], int] = {}  # (member, local day ordinal) -> points so far
    reviews: dict[tuple[str, int], int] = {}  # (member, local day ordinal) -> review events so far
    seen: set[str] = set()
    expiry_of_year: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    decode = _DECODER.decode
    for number, line in enumerate(event_lines, 1):
        if not line.strip():
            continue  # a blank line (e.g. a trailing one) is no event
        try:
            try:
                event = decode(line)
            except ValueError:
                raise Rejected("not valid JSON") from None
            if type(event) is not dict:
                raise Rejected("not a JSON object")
            event_id = _text(event, "id")
            member = _text(event, "member")
            kind = _text(event, "kind")
            if kind not in _KINDS:
                raise Rejected(f"unknown kind `{kind}`")
            local = _local_time(event.get("time"))
            if kind == "purchase":
                amount = _amount(event.get("amount"))
                category = event.get("category")
                if type(category) is not str:
                    raise Rejected("`category` must be a string")
                channel = event.get("channel")
                if type(channel) is not str or channel not in _CHANNELS:
                    raise Rejected("`channel` must be one of app, web, store")
                doubles = (category == "electronics") + ((local.month, local.day) in _DOUBLE_DAYS)
                factor = factors_of.get(member, _DEFAULT_FACTORS)[doubles]
                # int() truncates, which is floor for these non-negative values.
                points = int(int(amount) * factor) + (5 if channel == "app" else 0)
            elif kind == "checkin":
                streak = event.get("streak")
                if type(streak) is not int or streak < 0 or streak >= 10**18:
                    raise Rejected("`streak` must be a non-negative integer")
                points = 55 if streak % 7 == 0 else 5
            elif kind == "review":
                if type(event.get("product")) is not str:
                    raise Rejected("`product` must be a string")
                points = 20  # the daily limit is applied below, once the event is accepted
            elif kind == "referral":
                _text(event, "referee")
                points = 100
            else:  # signup
                points = 100
            if event_id in seen:
                raise Rejected(f"duplicate event id `{event_id}`")
        except Rejected as refusal:
            if rejections is not None:
                rejections.append((number, str(refusal)))
            continue
        seen.add(event_id)
        day = (member, local.toordinal())
        if kind == "review":
            count = reviews.get(day, 0) + 1
            reviews[day] = count
            if count > 3:
                points = 0
        if points:
            so_far = earned.get(day, 0)
            points = min(points, DAILY_CAP - so_far)
            earned[day] = so_far + points
        year = local.year
        expires = expiry_of_year.get(year)
        if expires is None:
            # Shanghai has been UTC+08:00 on every 31 December of the years we can meet.
            expires = expiry_of_year[year] = f"{year + 1:04d}-12-31T23:59:59+08:00"
        rows.append({
            "event": event_id,
            "kind": kind,
            "member": member,
            "points": points,
            "available": local.isoformat(),
            "expires": expires,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line: award rows as JSON Lines, rejected lines on stderr, exit 1 if any."""
    parser = argparse.ArgumentParser(description="Shop Rewards by hand (the pointrules baseline).")
    parser.add_argument("events", help="events, JSON Lines")
    parser.add_argument("--members", help="member tiers, JSON Lines {\"id\": ..., \"tier\": ...}")
    parser.add_argument("--awards", help="write award rows here (default: stdout)")
    args = parser.parse_args(argv)
    members: dict[str, str] = {}
    if args.members:
        with open(args.members, encoding="utf-8") as file:
            try:
                members = read_members(file)
            except ValueError as error:
                print(error, file=sys.stderr)
                return 2
    rejections: list[tuple[int, str]] = []
    with open(args.events, encoding="utf-8") as file:
        rows = run(file, members, rejections)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.awards:
        with open(args.awards, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    for number, reason in rejections:
        print(f"line {number}: {reason}", file=sys.stderr)
    print(f"{len(rows)} events awarded, {len(rejections)} lines rejected", file=sys.stderr)
    return 1 if rejections else 0


if __name__ == "__main__":
    sys.exit(main())
