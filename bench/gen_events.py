"""Random, realistic event streams for Shop Rewards (examples/shop.points), deterministic per seed.

The bundled demo files were made with:
    python bench/gen_events.py 200 --seed 32 --members 30 --invalid 0.03 \
        --out examples/shop.events.jsonl --members-out examples/shop.members.jsonl

Streams are built to reach the corners of the program: times written in offsets from -12:00 to
+14:00 and clustered around Shanghai midnight, year ends and the 11-11 / 06-18 double days;
bursts of one member on one day (reviews past the daily limit, big purchases past the cap);
amounts as strings and as JSON numbers with 0-2 decimals; lines out of time order. With
`--invalid RATE` that share of lines is bad in one of the ways the reference refuses (including
duplicate ids, and bad lines that carry the id of a later good event, which must still count).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")
YEARS = (2025, 2026, 2027)
TIERS = (("member", 60), ("silver", 25), ("gold", 10), ("diamond", 5))
KINDS = (("purchase", 45), ("checkin", 25), ("review", 15), ("signup", 8), ("referral", 7))
CATEGORIES = (("grocery", 30), ("electronics", 25), ("beauty", 12), ("apparel", 12), ("home", 10),
              ("books", 6), ("toys", 4), ("", 1))
CHANNELS = (("app", 45), ("web", 30), ("store", 25))
# Minutes east of UTC, from -12:00 to +14:00, with the half and quarter hours of real zones.
OFFSETS = (-720, -600, -570, -480, -300, -240, -210, -180, 0, 0, 60, 120, 180, 210, 270, 330, 345,
           480, 480, 480, 525, 540, 570, 600, 720, 765, 780, 840)

Event = dict[str, str]  # key -> its value already written as JSON text, in line order


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in weighted], [weight for _, weight in weighted])[0]


def _line(event: Event) -> str:
    return "{" + ", ".join(f"{json.dumps(key)}: {value}" for key, value in event.items()) + "}"


def _day(rng: random.Random) -> date:
    """A Shanghai calendar day, often one next to a double day or a year end."""
    year = rng.choice(YEARS)
    roll = rng.random()
    if roll < 0.15:
        return date(year, 11, 11) + timedelta(days=rng.choice((-1, 0, 0, 1)))
    if roll < 0.25:
        return date(year, 6, 18) + timedelta(days=rng.choice((-1, 0, 0, 1)))
    if roll < 0.35:
        return date(year, 12, 31) + timedelta(days=rng.choice((0, 0, 1)))
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _instant(rng: random.Random, day: date) -> datetime:
    """An instant on (or just around) a Shanghai day, often within 90 minutes of a midnight."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZONE)
    roll = rng.random()
    if roll < 0.3:
        minutes = rng.uniform(-90, 90)
    elif roll < 0.45:
        minutes = 24 * 60 + rng.uniform(-90, 90)
    else:
        minutes = rng.uniform(7 * 60, 23.5 * 60)
    return midnight + timedelta(seconds=int(minutes * 60))


def _written(rng: random.Random, instant: datetime) -> str:
    """The instant as ISO 8601 in a random UTC offset (sometimes `Z` for UTC)."""
    offset = rng.choice(OFFSETS)
    text = instant.astimezone(timezone(timedelta(minutes=offset))).isoformat()
    if offset == 0 and rng.random() < 0.5:
        text = text[:-6] + "Z"
    return text


def _amount(rng: random.Random, big: bool) -> str:
    """A purchase amount written with 0-2 decimals, as a JSON string or a JSON number."""
    roll = rng.random()
    if big or roll < 0.05:
        yuan = rng.uniform(1500, 30000)
    elif roll < 0.55:
        yuan = rng.uniform(0.5, 150)
    elif roll < 0.85:
        yuan = rng.uniform(150, 1500)
    else:
        yuan = rng.uniform(1500, 6000)
    cents = 0 if rng.random() < 0.01 else int(yuan * 100)
    if rng.random() < 0.3:
        cents -= cents % 100  # whole yuan are common at the till
    whole, part = divmod(cents, 100)
    if part == 0 and rng.random() < 0.5:
        text = str(whole)
    elif part % 10 == 0 and rng.random() < 0.5:
        text = f"{whole}.{part // 10}"
    else:
        text = f"{whole}.{part:02d}"
    return json.dumps(text) if rng.random() < 0.5 else text


def _fields(rng: random.Random, kind: str, n_members: int, big: bool) -> Event:
    if kind == "purchase":
        return {"amount": _amount(rng, big), "category": json.dumps(_pick(rng, CATEGORIES)),
                "channel": json.dumps(_pick(rng, CHANNELS))}
    if kind == "checkin":
        streak = 7 * rng.randint(1, 8) if rng.random() < 0.2 else rng.randint(0, 60)
        return {"streak": str(streak)}
    if kind == "review":
        return {"product": json.dumps("" if rng.random() < 0.01 else f"p{rng.randint(1, 300)}")}
    if kind == "referral":
        referee = f"m{rng.randint(1, n_members)}" if rng.random() < 0.3 else f"n{rng.randint(1, 10**6)}"
        return {"referee": json.dumps(referee)}
    return {}


def _extras(rng: random.Random) -> Event:
    """Fields the program does not know, which it must ignore."""
    return rng.choice(({"store": json.dumps(f"s{rng.randint(1, 40)}")}, {"note": "null"},
                       {"coupon": '{"code": "DOUBLE11", "value": 9.99}'}, {"tags": '["vip", 1]'}))


def _bad(rng: random.Random, event: Event, earlier_ids: list[str], later_id: str | None) -> str:
    """`event` made invalid in one of the ways the reference refuses."""
    bad = dict(event)
    if later_id is not None and rng.random() < 0.5:
        bad["id"] = json.dumps(later_id)  # refused lines claim no id: the later event still counts
    kind = json.loads(bad["kind"])
    roll = rng.randrange(12)
    if roll == 0:
        return rng.choice(('{"id": "e0", "kind": "signup"', "not json", "[1, 2, 3]", '"purchase"', "42",
                           "null", "{'id': 'e1'}"))
    if roll == 1:
        return _broken(rng, bad, "id", ('""', "17", "null"))
    if roll == 2:
        return _broken(rng, bad, "member", ('""', "42", '["m1"]'))
    if roll == 3:
        return _broken(rng, bad, "kind", ('""', '"refund"', '"Purchase"', "3"))
    if roll == 4:
        return _broken(rng, bad, "time", ('"yesterday"', '"2026-11-11T10:03:00"', '"2026-11-11"',
                                          "1762826580", '"2026-02-30T10:00:00+08:00"',
                                          '"2026-11-11T25:00:00+08:00"'))
    if roll == 5 and earlier_ids:
        bad["id"] = json.dumps(rng.choice(earlier_ids))
        return _line(bad)
    if kind == "purchase":
        if roll < 9:
            return _broken(rng, bad, "amount", ("true", "false", '"-5.00"', "-12.5", '"NaN"', "NaN",
                                                "Infinity", '"Infinity"', '"1.234"', "19.999", '"abc"',
                                                '""', "null", '{"value": 5}'))
        if roll < 11:
            return _broken(rng, bad, "category", ("5", "null", '["electronics"]'))
        return _broken(rng, bad, "channel", ('"phone"', '"APP"', "null", "1"))
    if kind == "referral":
        return _broken(rng, bad, "referee", ('""', "7", "null"))
    if kind == "checkin":
        return _broken(rng, bad, "streak", ("-1", '"7"', "true", "7.5", "null"))
    if kind == "review":
        return _broken(rng, bad, "product", ("12", "null"))
    return _broken(rng, bad, "time", ('"2026-06-18 10:00"', '"soon"'))  # signup: nothing else to break


def _broken(rng: random.Random, event: Event, key: str, values: tuple[str, ...]) -> str:
    if rng.random() < 0.25:
        event.pop(key, None)
    else:
        event[key] = rng.choice(values)
    return _line(event)


def generate(
    n: int, seed: int = 0, members: int | None = None, invalid_rate: float = 0.0
) -> tuple[list[str], list[str]]:
    """`n` event lines (a share `invalid_rate` of them bad) and the member lines, deterministic per seed."""
    rng = random.Random(seed)
    n_members = members if members is not None else min(2000, max(20, n // 10))
    tiers = {f"m{i}": _pick(rng, TIERS) for i in range(1, n_members + 1)}
    # Some ordinary members are missing from the file: the host says nothing about them.
    member_lines = [json.dumps({"id": m, "tier": t}) for m, t in tiers.items()
                    if t != "member" or rng.random() < 0.7]
    n_bad = sum(rng.random() < invalid_rate for _ in range(n))
    timed: list[tuple[datetime, Event]] = []
    while len(timed) < n - n_bad:
        member = f"m{rng.randint(1, n_members)}" if rng.random() < 0.97 else f"guest{rng.randint(1, 50)}"
        day = _day(rng)
        roll = rng.random()
        if roll < 0.1:
            burst = ["review"] * rng.randint(3, 6)  # a busy reviewer passes the limit of 3 a day
        elif roll < 0.2:
            burst = ["purchase"] * rng.randint(2, 4)  # a big spender meets the daily cap
        else:
            burst = [_pick(rng, KINDS) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        for kind in burst:
            instant = _instant(rng, day)
            event = {"id": "", "kind": json.dumps(kind), "member": json.dumps(member),
                     "time": json.dumps(_written(rng, instant)),
                     **_fields(rng, kind, n_members, big=0.1 <= roll < 0.2)}
            if rng.random() < 0.05:
                event.update(_extras(rng))
            # Mostly in time order, with local disorder and a few events far from their place.
            late = timedelta(days=rng.uniform(-30, 30)) if rng.random() < 0.05 else \
                timedelta(hours=rng.uniform(-6, 6))
            timed.append((instant + late, event))
    timed = timed[: n - n_bad]
    timed.sort(key=lambda pair: pair[0])
    for number, (_, event) in enumerate(timed, 1):
        event["id"] = json.dumps(f"e{number}")
    bad_at = set(rng.sample(range(n), n_bad))
    lines: list[str] = []
    earlier_ids: list[str] = []
    good = iter(timed)
    for position in range(n):
        if position in bad_at:
            template = rng.choice(timed)[1] if timed else {"id": '"x"', "kind": '"signup"',
                                                           "member": '"m1"', "time": '"2026-01-01T00:00Z"'}
            later = f"e{len(earlier_ids) + 1}" if len(earlier_ids) < len(timed) else None
            lines.append(_bad(rng, {**template, "id": json.dumps(f"x{position}")}, earlier_ids, later))
        else:
            event = next(good)[1]
            lines.append(_line(event))
            earlier_ids.append(json.loads(event["id"]))
    return lines, member_lines


def main(argv: list[str] | None = None) -> int:
    """Command line: write a stream and its members file."""
    parser = argparse.ArgumentParser(description="Generate Shop Rewards event streams (JSON Lines).")
    parser.add_argument("n", type=int, help="number of event lines")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--members", type=int, help="number of members (default: n/10, 20 to 2,000)")
    parser.add_argument("--out", help="events file (default: stdout)")
    parser.add_argument("--members-out", help="members file (not written unless given)")
    parser.add_argument("--invalid", type=float, default=0.0, help="share of bad lines, e.g. 0.01")
    args = parser.parse_args(argv)
    lines, member_lines = generate(args.n, args.seed, args.members, args.invalid)
    text = "".join(line + "\n" for line in lines)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    if args.members_out:
        with open(args.members_out, "w", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in member_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
