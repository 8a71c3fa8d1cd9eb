"""What the SQL stores share (sqlite.py, postgres.py): the reads and the write of a transaction
over the tables of schema.py, and the decoding of rows, which turns data that is not what the
ledger wrote into ``DamagedData``. The SQL is portable: ``?`` parameters (postgres.py turns them
into ``%s``), ``ON CONFLICT … DO UPDATE``, plain types, instants as whole microseconds
(``schema.micro``). Each store adds how it connects, begins and commits, and how it keeps writers
apart.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pointrules.evaluate.view import HistoryEntry, TierRecord
from pointrules.events import profile_problem
from pointrules.ledger.model import (
    MAX_POINTS,
    REASONS,
    DamagedData,
    Entry,
    EventRecord,
    LedgerLot,
    special,
)
from pointrules.ledger.schema import (
    LOT_COLUMNS,
    POSITIONAL,
    event_body,
    event_from_body,
    event_of,
    instant,
    lot_row,
    micro,
)
from pointrules.ledger.store import Batch
from pointrules.program.model import PERIODS, Duration


def _int(v: Any) -> int:
    if type(v) is not int:
        raise TypeError(f"{v!r} is not a whole number")
    return v


def _str(v: Any) -> str:
    if type(v) is not str:
        raise TypeError(f"{v!r} is not text")
    return v


def _opt(parse: Any, v: Any) -> Any:
    return None if v is None else parse(v)


def _lot(row: Sequence[Any]) -> LedgerLot:
    try:
        return LedgerLot(
            id=_str(row[0]), seq=_int(row[1]), member=_str(row[2]), points=_int(row[3]), remaining=_int(row[4]),
            earned_at=instant(row[5]), available_at=instant(row[5] if row[6] is None else row[6]),
            expires_at=_opt(instant, row[7]), event=event_of(_str(row[0]), _opt(_str, row[8])), rule=_str(row[9]), rolling=None if row[10] is None else _rolling(row[10], row[11]),
            lapsed_at=_opt(instant, row[12]),
        )
    except (ValueError, TypeError, OverflowError) as error:
        raise DamagedData(f"lot {str(row[0])[:80]!r} cannot be read ({error})") from None


def _rolling(count: Any, unit: Any) -> Duration:
    if unit not in PERIODS or _int(count) <= 0:
        raise ValueError(f"{count!r} {unit!r} is not a span of time")
    return Duration(count, unit)


def _entry(row: Sequence[Any]) -> Entry:
    try:
        if row[4] not in REASONS:
            raise ValueError(f"{row[4]!r} is not a reason")
        return Entry(seq=_int(row[0]), operation=_str(row[1]), member=_str(row[2]), at=instant(row[3]),
                     reason=row[4], points=_int(row[5]), lot=_opt(_str, row[6]), note=_str(row[7]),
                     operator=_str(row[8]), comment=_str(row[9]), version=_opt(_int, row[10]))
    except (ValueError, TypeError, OverflowError) as error:
        raise DamagedData(f"entry {str(row[0])[:20]!r} cannot be read ({error})") from None


def _decoded(what: str, decode: Any, *values: Any) -> Any:
    """``decode(*values)``, or DamagedData naming ``what``."""
    try:
        return decode(*values)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise DamagedData(f"{what} cannot be read ({error})") from None


def _whole(text: str) -> int:
    value = int(_str(text))
    if not 0 <= value <= MAX_POINTS:
        raise ValueError(f"{value} is out of range")
    return value


def _profile(body: Any) -> Mapping[str, Any]:
    profile = json.loads(_str(body))
    problem = profile_problem(profile)
    if problem is not None:
        raise ValueError(problem)
    return profile


def _history(at: Any, spend: Any, purchases: Any, points: Any, tier_points: Any) -> HistoryEntry:
    return HistoryEntry(instant(at), Decimal(_str(spend)), _int(purchases), _int(points), _int(tier_points))


def _result(fingerprint: Any, body: Any) -> tuple[str, str]:
    """A stored result: its fingerprint (32 bytes, given back as the ledger's hex text) and body, ""
    for an event's (its row holds the event's record: schema.event_body)."""
    if type(fingerprint) is not bytes or len(fingerprint) != 32:
        raise TypeError(f"{fingerprint!r} is not a fingerprint")
    return fingerprint.hex(), "" if _str(body).startswith("[") else body


def _summed(changes: Sequence[tuple[str, str, str, int]]) -> list[tuple[str, str, str, int]]:
    """Counter increments, one per counter (one statement may not update a row twice)."""
    total: dict[tuple[str, str, str], int] = {}
    for member, scope, period, amount in changes:
        total[member, scope, period] = total.get((member, scope, period), 0) + amount
    return [(*key, amount) for key, amount in total.items()]


_SPECIAL = "remaining <> 0 AND (remaining < 0 OR rolling_count IS NOT NULL)"  # a lot not plain (``plain``)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


class SQLTransaction:
    """The reads and the write of one transaction in SQL, over three calls a store's transaction
    provides: ``_row`` (the first row or None), ``_rows`` (every row) and ``_many`` (one statement
    run for each of a list of parameter tuples). The SQL is written with ``?`` parameters.

    The meta values, results, counters and decoded profiles an operation reads are kept for the
    rest of the transaction (every operation reads the sequence number, and an event's result
    twice), and so are what ``prefetch`` read for a batch: members' profiles, last activity, live
    lots and counters of the batch's periods. ``write`` keeps all of it up to date: the store holds the ledger's write lock for the whole transaction, so
    nothing else can change them (for PostgreSQL each read saved is a round trip to the server)."""

    def __init__(self) -> None:
        self._meta: dict[str, str | None] = {}
        self._results: dict[str, tuple[str, str] | None] = {}
        self._profiles: dict[str, str | None] = {}  # member → profile body, for members prefetched
        self._last: dict[str, int | None] = {}  # member → last activity (as written: schema.micro)
        self._lots: dict[str, dict[str, LedgerLot]] = {}  # member → their live lots (and lots written since)
        self._plain: dict[str, bool] = {}  # member → no live lot that rolls or is owed (``plain``)
        self._counters: dict[tuple[str, str, str], int] = {}  # counters read, kept up to date by ``write``
        self._decoded: dict[str, Mapping[str, Any] | None] = {}  # profiles read, decoded
        self._covered: list[tuple[set[str], set[str]]] = []  # (members, periods) whose every counter was read

    def prefetch(self, members: Sequence[str], operations: Sequence[str], periods: Sequence[str] = ()) -> None:
        """Read at once what a batch's operations on these members would read one by one: their
        results, the members' profiles, last activity, live lots and counters of the ``periods``
        (a few queries, 500 keys each). A counter of those members and periods not found is 0."""
        self._counters_of(list(dict.fromkeys(members)), list(dict.fromkeys(periods)))
        operations = [o for o in dict.fromkeys(operations) if o not in self._results]
        members = [m for m in dict.fromkeys(members) if m not in self._lots]
        for chunk in (operations[i:i + 500] for i in range(0, len(operations), 500)):
            self._results.update(dict.fromkeys(chunk))
            for row in self._rows(f"SELECT operation, fingerprint, body FROM results WHERE operation IN ({_marks(chunk)})",
                                  chunk):
                self._results[row[0]] = _decoded("a stored result", _result, *row[1:])
        for chunk in (members[i:i + 500] for i in range(0, len(members), 500)):
            where = f"member IN ({_marks(chunk)})"
            self._profiles.update(dict.fromkeys(chunk))
            self._profiles.update((r[0], r[1]) for r in self._rows(f"SELECT member, body FROM profiles WHERE {where}", chunk))
            self._last.update(dict.fromkeys(chunk))
            self._last.update((r[0], r[1]) for r in self._rows(f"SELECT member, at FROM activity WHERE {where}", chunk))
            special = [r[0] for r in self._rows(f"SELECT DISTINCT member FROM lots WHERE {where} AND {_SPECIAL}", chunk)]
            self._plain.update(dict.fromkeys(chunk, True))
            self._plain.update(dict.fromkeys(special, False))
            if special:  # only their lots are read: a plain member's are never looked at (recording.py)
                self._lots.update((m, {}) for m in special)
                for row in self._rows(f"SELECT {LOT_COLUMNS} FROM lots WHERE member IN ({_marks(special)})"
                                      " AND remaining <> 0 ORDER BY seq", special):
                    lot = _lot(row)
                    self._lots[lot.member][lot.id] = lot

    def _counters_of(self, members: list[str], periods: list[str]) -> None:
        for chunk in (members[i:i + 500] for i in range(0, len(members), 500)):
            for some in (periods[i:i + 500] for i in range(0, len(periods), 500)):
                for row in self._rows(f"SELECT member, scope, period, amount FROM counters WHERE member IN"
                                      f" ({_marks(chunk)}) AND period IN ({_marks(some)})", [*chunk, *some]):
                    key = (row[0], row[1], row[2])
                    if key not in self._counters:
                        self._counters[key] = _decoded("a counter", _int, row[3])
                self._covered.append((set(chunk), set(some)))

    def _row(self, sql: str, args: Sequence[Any]) -> Sequence[Any] | None:
        raise NotImplementedError

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Sequence[Any]]:
        raise NotImplementedError

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _one(self, sql: str, *args: Any) -> Any:
        row = self._row(sql, args)
        return None if row is None else row[0]

    def meta(self, key: str) -> str | None:
        if key not in self._meta:
            self._meta[key] = self._one("SELECT value FROM meta WHERE key = ?", key)
        return self._meta[key]

    def sequence(self) -> int:
        value = self.meta("seq")
        return 1 if value is None else _decoded("the ledger's sequence number", _whole, value)

    def moved(self) -> int:
        value = self.meta("moved")
        if value is None:  # a file from before the total was kept
            return int(self._one("SELECT COALESCE(SUM(ABS(points)), 0) FROM entries") or 0)
        return _decoded("the ledger's points moved", _whole, value)

    def result(self, operation: str) -> tuple[str, str] | None:
        if operation not in self._results:
            row = self._row("SELECT fingerprint, body FROM results WHERE operation = ?", (operation,))
            self._results[operation] = None if row is None else \
                _decoded("a stored result", _result, *row)
        return self._results[operation]

    def _amount(self, what: str, sql: str, *args: Any) -> int:
        value = self._one(sql, *args)
        return 0 if value is None else _decoded(what, _int, value)

    def counter(self, member: str, scope: str, period: str) -> int:
        key = (member, scope, period)
        if key not in self._counters:
            self._counters[key] = 0 if self._read_all(member, period) else self._stored_counter(key)
        return self._counters[key]

    def _read_all(self, member: str, period: str) -> bool:
        """Whether ``prefetch`` read every counter of the member in the period (those absent are 0)."""
        return any(member in members and period in periods for members, periods in self._covered)

    def _stored_counter(self, key: tuple[str, str, str]) -> int:
        return self._amount("a counter", "SELECT amount FROM counters WHERE member = ? AND scope = ? AND period = ?",
                            *key)

    def positional_caps(self) -> list[tuple[str, str, str]]:
        """(member, scope, period) of every counter named by a cap's place (``cap0:day``; schema.py, format 6)."""
        return [(str(r[0]), str(r[1]), str(r[2])) for r in self._rows(
            f"SELECT member, scope, period FROM counters WHERE {POSITIONAL} ORDER BY member, scope, period")]

    def rename_counters(self, renames: Sequence[tuple[str, str, str, str]]) -> None:
        """Give counters their names: (member, scope, period, new scope) each (ledger/caps.py)."""
        self._many("UPDATE counters SET scope = ? WHERE member = ? AND scope = ? AND period = ?",
                   [(new, member, scope, period) for member, scope, period, new in renames])
        self._counters.clear()

    def budget_used(self, campaign: str) -> int:
        return self._amount("a budget", "SELECT used FROM budgets WHERE campaign = ?", campaign)

    def stock_used(self, reward: str) -> int:
        return self._amount("a reward's stock", "SELECT used FROM stock WHERE reward = ?", reward)

    def profile(self, member: str) -> Mapping[str, Any] | None:
        if member not in self._decoded:
            body = self._profiles[member] if member in self._profiles else \
                self._one("SELECT body FROM profiles WHERE member = ?", member)
            self._decoded[member] = None if body is None else _decoded("a member profile", _profile, body)
        return self._decoded[member]

    def tier_record(self, member: str) -> TierRecord | None:
        row = self._row("SELECT tier, since FROM tiers WHERE member = ?", (member,))
        return None if row is None else _decoded("a tier record", lambda t, s: TierRecord(_str(t), instant(s)), *row)

    def history(self, member: str) -> Sequence[HistoryEntry]:
        rows = self._rows("SELECT at, spend, purchases, points, tier_points FROM history WHERE member = ? ORDER BY seq",
                              (member,))
        return tuple(_decoded("a history entry", _history, *r) for r in rows)

    def last_activity(self, member: str) -> dt.datetime | None:
        at = self._last[member] if member in self._last else self._one("SELECT at FROM activity WHERE member = ?", member)
        return None if at is None else _decoded("an activity", instant, at)

    def activity(self, member: str, since: dt.datetime) -> list[dt.datetime]:
        rows = self._rows("SELECT at FROM activities WHERE member = ? AND at > ? ORDER BY at",
                              (member, micro(since)))
        return [_decoded("an activity", instant, r[0]) for r in rows]

    def lots(self, member: str) -> list[LedgerLot]:
        known = self._lots.get(member)
        if known is not None:
            return sorted((lot for lot in known.values() if lot.remaining != 0), key=lambda lot: lot.seq)
        rows = self._rows(f"SELECT {LOT_COLUMNS} FROM lots WHERE member = ? AND remaining <> 0 ORDER BY seq",
                          (member,))
        return [_lot(r) for r in rows]

    def plain(self, member: str) -> bool:
        """No live lot of the member rolls or is owed (batch.py)."""
        if member not in self._plain:
            self._plain[member] = self._row(f"SELECT 1 FROM lots WHERE member = ? AND {_SPECIAL}", (member,)) is None
        return self._plain[member]

    def lot(self, lot_id: str) -> LedgerLot | None:
        row = self._row(f"SELECT {LOT_COLUMNS} FROM lots WHERE id = ?", (lot_id,))
        return None if row is None else _lot(row)

    def due_lots(self, at: dt.datetime) -> list[LedgerLot]:
        rows = self._rows(
            f"SELECT {LOT_COLUMNS} FROM lots WHERE remaining > 0 AND (rolling_count IS NOT NULL"
            " OR (expires_at IS NOT NULL AND expires_at <= ?)) ORDER BY seq", (micro(at),))
        return [_lot(r) for r in rows]

    def event_record(self, event_id: str) -> EventRecord | None:
        body = self._one("SELECT body FROM results WHERE operation = ?", event_id)
        return event_from_body(event_id, body) if isinstance(body, str) and body.startswith("[") else None

    def entries(self, member: str | None = None) -> list[Entry]:
        columns = "seq, operation, member, at, reason, points, lot, note, operator, comment, version"
        if member is None:
            rows = self._rows(f"SELECT {columns} FROM entries ORDER BY seq")
        else:
            rows = self._rows(f"SELECT {columns} FROM entries WHERE member = ? ORDER BY seq", (member,))
        return [_entry(r) for r in rows]

    def all_lots(self) -> list[LedgerLot]:
        return [_lot(r) for r in self._rows(f"SELECT {LOT_COLUMNS} FROM lots ORDER BY seq")]

    def members(self) -> list[str]:
        rows = self._rows("SELECT member FROM lots UNION SELECT member FROM entries")
        return sorted(_decoded("a member id", _str, r[0]) for r in rows)

    def reason_totals(self, member: str | None = None) -> dict[str, int]:
        if member is None:
            rows = self._rows("SELECT reason, CAST(SUM(points) AS BIGINT) FROM entries GROUP BY reason")
        else:
            rows = self._rows("SELECT reason, CAST(SUM(points) AS BIGINT) FROM entries WHERE member = ?"
                              " GROUP BY reason", (member,))
        return {_decoded("an entry's reason", _str, r[0]): _decoded("a sum of points", _int, r[1]) for r in rows}

    def write(self, batch: Batch) -> None:
        self._meta.update([("seq", str(batch.sequence)), *batch.meta])
        self._results.update((operation, (fingerprint, body)) for operation, fingerprint, body in batch.results)
        self._profiles.update(batch.profiles)
        for member, _ in batch.profiles:
            self._decoded.pop(member, None)
        for member, scope, period, amount in batch.counters:
            key = (member, scope, period)
            if key in self._counters:
                self._counters[key] += amount
            elif self._read_all(member, period):
                self._counters[key] = amount
        for member, at in batch.activity:
            last = self._last.get(member, 0)
            if member in self._last and (last is None or micro(at) > last):
                self._last[member] = micro(at)
        for row in batch.lots:
            if row[2] in self._lots:
                self._lots[row[2]][row[0]] = LedgerLot(*row)
            if special(row):
                self._plain[row[2]] = False
        x = self._many
        x("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          [("seq", str(batch.sequence)), *batch.meta])
        records = {record[0]: record for record in batch.events}
        x("INSERT INTO results (operation, fingerprint, body) VALUES (?, ?, ?)",  # an event's: its record
          [(operation, bytes.fromhex(fingerprint), body or event_body(records.pop(operation)))
           for operation, fingerprint, body in batch.results])
        x("INSERT INTO counters (member, scope, period, amount) VALUES (?, ?, ?, ?) ON CONFLICT (member, scope, period)"
          " DO UPDATE SET amount = counters.amount + excluded.amount",
          _summed(batch.counters))
        x("INSERT INTO budgets (campaign, used) VALUES (?, ?) ON CONFLICT (campaign)"
          " DO UPDATE SET used = budgets.used + excluded.used", batch.budgets)
        x("INSERT INTO stock (reward, used) VALUES (?, ?) ON CONFLICT (reward)"
          " DO UPDATE SET used = stock.used + excluded.used", batch.stock)
        x("INSERT INTO history (seq, member, at, spend, purchases, points, tier_points) VALUES (?, ?, ?, ?, ?, ?, ?)",
          [(seq, m, micro(h.time), str(h.spend), h.purchases, h.points, h.tier_points)
           for seq, m, h in batch.history])
        x("INSERT INTO tiers (member, tier, since) VALUES (?, ?, ?) ON CONFLICT (member)"
          " DO UPDATE SET tier = excluded.tier, since = excluded.since",
          [(m, r.tier, micro(r.since)) for m, r in batch.tiers])
        activity = [(m, micro(at)) for m, at in batch.activity]
        latest: dict[str, int] = {}  # each member's once: one statement may not update a row twice
        for who, when in activity:
            latest[who] = max(when, latest.get(who, when))
        x("INSERT INTO activity (member, at) VALUES (?, ?) ON CONFLICT (member) DO UPDATE SET at = excluded.at"
          " WHERE excluded.at > activity.at", list(latest.items()))
        x("INSERT INTO activities (member, at) VALUES (?, ?) ON CONFLICT (member, at) DO NOTHING", activity)
        x(f"INSERT INTO lots ({LOT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          " ON CONFLICT (member, id) DO UPDATE SET remaining = excluded.remaining, lapsed_at = excluded.lapsed_at",
          [lot_row(row) for row in batch.lots])
        x("INSERT INTO entries (seq, operation, member, at, reason, points, lot, note, operator, comment, version)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # rows as Entry's fields, the instant as written
          [(*e[:3], micro(e[3]), *e[4:]) for e in batch.entries])
        x("UPDATE results SET body = ? WHERE operation = ?",  # records changed since (a return's)
          [(event_body(record), record[0]) for record in records.values()])
        x("INSERT INTO profiles (member, body) VALUES (?, ?) ON CONFLICT (member) DO UPDATE SET body = excluded.body",
          batch.profiles)
