"""Events as they arrive (lines of a stream, JSON-ish dicts) -> typed ``Event``s, or an ``EventError``
naming the event and the field at fault.

Money arrives as a decimal string or a JSON number; parse JSON with ``parse_float=Decimal`` (as
``loads_event`` does) so 250.8 stays exact. Unknown extra fields are ignored. Every limit an event
meets is here (docs/robustness.md, "Limits of an event"): a stream's lines are read in bounded
pieces (``read_lines``), text must be valid Unicode, numbers have at most 18 digits either side of
the point, times have one spelling (``read_time``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, BinaryIO

import attrs

from pointrules.diagnostics import safe
from pointrules.errors import Error
from pointrules.evaluate.calendar import zone
from pointrules.program import model as m

DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The one spelling of an event time: YYYY-MM-DDTHH:MM[:SS[.fraction]] then Z or ±HH:MM (capital T
# and Z, no space, an offset in whole minutes), what JavaScript, Python, Java and Go all write.
_TIME_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})")
# The two commonest spellings, told by the characters at 4, 7, 10 … 22 (one slice instead of the
# pattern, a third of its cost); fromisoformat then checks that every other character is a digit.
_PLAIN_SHAPES = frozenset({"--T::+:", "--T::-:", "--T::Z"})
_NO_OFFSET = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_MONEY_DIGITS = 18  # integer digits; larger amounts are typing mistakes, not purchases
MAX_DECIMALS = 18  # decimals of a number as written: 10^-18 is the smallest that is not 0
MAX_COUNT = 10**18 - 1  # counts beyond any real streak or quantity
MAX_ID_LENGTH = 200  # characters of an event id or a member id: what a ledger keeps as a key
FIRST_YEAR, LAST_YEAR = 1900, 2999  # event times (UTC); expiry and window arithmetic stays in range
MAX_LINE_BYTES = 1_000_000  # an event line, its newline left out; real events are under a few kB
_BOM = "\ufeff"


class _UnreadableNumber(Error, ValueError):
    """A JSON number whose exponent Decimal cannot hold (``1e-9999999999999999999``)."""


def _json_number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:  # Decimal's own error, which the readers of a line do not expect
        raise _UnreadableNumber(text) from None


DECODER = json.JSONDecoder(parse_float=_json_number, parse_constant=Decimal)
_SCAN = DECODER.scan_once  # type: ignore[attr-defined]  # the C scanner DECODER.decode runs after skipping leading whitespace
_JSON_SPACE = " \t\n\r"


def decode(text: str) -> Any:
    """``DECODER.decode(text)``: the same value or the same error, without decode's two Python
    frames and whitespace patterns for the common line (a value from its first character, then
    only JSON whitespace). Anything else goes through ``DECODER.decode``, which words the error."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:  # leading whitespace, or no JSON value at all
        return DECODER.decode(text)
    if end != len(text) and text[end:].strip(_JSON_SPACE):
        return DECODER.decode(text)  # extra data after the value: decode raises its error
    return value


class EventError(Error, ValueError):
    """An event the program refuses: ``event_id`` (None when it has none), the ``field`` at fault
    (``amount``, ``items[2].amount``, ``id`` for a duplicate) and a message."""

    def __init__(self, event_id: str | None, field: str, message: str) -> None:
        self.event_id = event_id
        self.field = field
        # Messages quote what the event holds: made safe to print here, once (diagnostics.safe).
        self.message = safe(message)
        super().__init__(f"event {safe(event_id) if event_id is not None else '?'}: field {field}: {self.message}")


@attrs.frozen(eq=False)
class Event:
    """A valid event: ``time`` as given (aware), ``fields`` typed per the schema (Decimal for money
    and numbers, int for counts, str for text, enumerations and members, date, aware datetime,
    bool for yes/no, lists of such dicts); absent optional fields are missing from ``fields``."""

    id: str
    kind: str
    member: str
    time: dt.datetime
    fields: Mapping[str, Any]


class LongLine(str):
    """Stands in for a line of a stream longer than ``MAX_LINE_BYTES`` (``read_lines``): its text
    is not JSON, so every reader of a stream hands it to ``loads_event``, which refuses it by its
    length. The line itself was never held in memory."""

    length: int


def read_lines(file: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | LongLine]:
    """The lines of a binary stream, each read in pieces of at most ``limit`` + 1 bytes: a longer
    line is skipped without keeping it and comes out as a ``LongLine``. A byte-order mark at the
    very start of the stream (UTF-8 with BOM, as some Windows tools save) is dropped."""
    readline = file.readline
    first = True
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if first:
            first = False
            if line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = readline(65536)
            if not line:
                break
            length += len(line)
        long = LongLine(f"(a line of {length:,} bytes, not read)")
        long.length = length - 1 if line.endswith(b"\n") else length
        yield long


def loads_event(program: m.Program, text: str) -> Event:
    """An event from one JSON text (money kept exact), or EventError."""
    if isinstance(text, LongLine):
        raise EventError(None, "-", f"this line has {text.length:,} bytes, more than the {MAX_LINE_BYTES:,} an "
                                    "event line may have; it was skipped unread")
    try:
        data = decode(text)
    except json.JSONDecodeError as error:
        if text.lstrip(" \t\r\n").startswith(_BOM):
            raise EventError(None, "-", "the line starts with a byte-order mark (U+FEFF); one is dropped only at "
                                        "the very start of a file") from None
        raise EventError(None, "-", f"not valid JSON ({error.msg} at column {error.colno})") from None
    except _UnreadableNumber:
        raise EventError(None, "-", "not valid JSON (a number's exponent is out of range)") from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise EventError(None, "-", "not valid JSON (a number is too long)") from None
    except RecursionError:
        raise EventError(None, "-", "not valid JSON (nested too deeply)") from None
    return parse_event(program, data)


def parse_event(program: m.Program, data: Any) -> Event:
    """A typed Event from a JSON-ish dict, checked against the program's schema, or EventError."""
    if not isinstance(data, Mapping):
        raise EventError(None, "-", "an event must be a JSON object")
    raw_id = data.get("id")
    event_id = raw_id if isinstance(raw_id, str) and raw_id else None
    if event_id is None:
        raise EventError(None, "id", "`id` must be non-empty text")
    if not valid_text(event_id):
        raise EventError(None, "id", _not_unicode(event_id))
    if len(event_id) > MAX_ID_LENGTH:
        raise EventError(None, "id", too_long(event_id))
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in program.events:
        known = ", ".join(sorted(program.events))
        shown = f"`{kind}`" if isinstance(kind, str) else "missing" if kind is None else "not text"
        raise EventError(event_id, "kind", f"unknown event kind {shown}; expected one of {known}")
    member = data.get("member")
    if not isinstance(member, str) or not member:
        raise EventError(event_id, "member", "`member` must be non-empty text")
    if not valid_text(member):
        raise EventError(event_id, "member", _not_unicode(member))
    if len(member) > MAX_ID_LENGTH:
        raise EventError(event_id, "member", too_long(member))
    time = _time(event_id, "time", data.get("time"), present="time" in data)
    try:
        time.astimezone(zone(program.timezone))
    except OverflowError:
        raise EventError(event_id, "time", "is out of range") from None
    schema = program.events[kind]
    fields = _fields(program, event_id, schema, data, "")
    return Event(id=event_id, kind=kind, member=member, time=time, fields=fields)


def _fields(program: m.Program, event_id: str, schema: m.Schema, data: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, ftype in schema.fields.items():
        path = prefix + name
        if name not in data or data[name] is None:
            if ftype.optional:
                continue
            raise EventError(event_id, path, f"`{name}` is missing")
        out[name] = typed_value(program, event_id, path, ftype, data[name])
    return out


def typed_value(program: m.Program, event_id: str, path: str, ftype: m.FieldType, v: Any) -> Any:
    kind = ftype.kind
    if kind == "money":
        return _money(event_id, path, v, program.minor_unit)
    if kind == "number":
        return _number(event_id, path, v)
    if kind == "count":
        if type(v) is not int or v < 0:
            raise EventError(event_id, path, "must be a whole number of 0 or more")
        if v > MAX_COUNT:
            raise EventError(event_id, path, f"is too large (at most {MAX_COUNT:,})")
        return v
    if kind == "points":
        return _points(event_id, path, v, ftype.maximum or 0)
    if kind in ("text", "member"):
        if not isinstance(v, str) or (kind == "member" and not v):
            raise EventError(event_id, path, "must be non-empty text (a member id)" if kind == "member" else "must be text")
        if not valid_text(v):
            raise EventError(event_id, path, _not_unicode(v))
        if kind == "member" and len(v) > MAX_ID_LENGTH:
            raise EventError(event_id, path, too_long(v))
        return v
    if kind == "enum":
        if not isinstance(v, str) or v not in ftype.values:
            options = ", ".join(f"`{x}`" for x in ftype.values)
            raise EventError(event_id, path, f"must be one of {options}")
        return v
    if kind == "yesno":
        if type(v) is not bool:
            raise EventError(event_id, path, "must be true or false")
        return v
    if kind == "date":
        if not isinstance(v, str) or not DATE_TEXT.fullmatch(v):
            raise EventError(event_id, path, "must be a date like \"2026-11-11\"")
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise EventError(event_id, path, f"`{v}` is not a calendar date") from None
    if kind == "time":
        return _time(event_id, path, v, present=True)
    if kind == "list":
        if not isinstance(v, list):
            raise EventError(event_id, path, "must be a list")
        record = program.records.get(ftype.record) if ftype.record else None
        items: list[Any] = []
        for i, item in enumerate(v):
            where = f"{path}[{i}]"
            if record is None:
                if not isinstance(item, str):
                    raise EventError(event_id, where, "must be text")
                if not valid_text(item):
                    raise EventError(event_id, where, _not_unicode(item))
                items.append(item)
            else:
                if not isinstance(item, Mapping):
                    raise EventError(event_id, where, f"must be an object (a `{record.name}`)")
                items.append(_fields(program, event_id, record, item, where + "."))
        return tuple(items)
    raise EventError(event_id, path, f"has a type this evaluator does not know (`{kind}`)")


def _points(event_id: str, path: str, v: Any, most: int) -> int:
    """``points up to N``: a whole number of points from 0 to N, what the event may pay and never more."""
    if type(v) is not int or v < 0:
        raise EventError(event_id, path, f"must be a whole number of points from 0 to {most:,}")
    if v > most:
        raise EventError(event_id, path, f"is {v:,} points, more than the {most:,} this field may carry")
    return v


def _decimal(event_id: str, path: str, v: Any) -> Decimal:
    if isinstance(v, bool):
        raise EventError(event_id, path, "must be a number, not true or false")
    if isinstance(v, int):
        v = Decimal(v)
    elif isinstance(v, float):  # a caller that parsed JSON with floats: keep the shortest exact text
        v = Decimal(repr(v))
    elif isinstance(v, str):
        if not DECIMAL_TEXT.fullmatch(v):
            raise EventError(event_id, path, f"`{v}` is not a decimal number like \"250.80\"")
        v = Decimal(v)
    if not isinstance(v, Decimal):
        raise EventError(event_id, path, "must be a number or a decimal text like \"250.80\"")
    if not v.is_finite():
        raise EventError(event_id, path, "must be a finite number")
    if v.adjusted() >= MAX_MONEY_DIGITS:
        raise EventError(event_id, path, f"is too large (at most {MAX_MONEY_DIGITS} digits before the point)")
    return v


def _money(event_id: str, path: str, v: Any, minor_unit: int) -> Decimal:
    amount = _decimal(event_id, path, v)
    if amount < 0:
        raise EventError(event_id, path, "money must not be negative")
    if amount.is_signed():  # "-0", "-0.00", -0.0: a sign on an amount is a refund sent as a purchase
        raise EventError(event_id, path, f"money must not have a minus sign (`{amount}`)")
    exponent = amount.as_tuple().exponent
    # Counted as written: "1.500" has three decimals although it equals 1.5.
    if isinstance(exponent, int) and -exponent > minor_unit:
        unit = "no decimals" if minor_unit == 0 else f"at most {minor_unit} decimals"
        raise EventError(event_id, path, f"money has {-exponent} decimals; this currency has {unit}")
    return amount


def _number(event_id: str, path: str, v: Any) -> Decimal:
    number = _decimal(event_id, path, v)
    exponent = number.as_tuple().exponent
    # Counted as written, like money: 1e-999999999 would make 1 / weight too large to compute.
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise EventError(event_id, path, f"has {-exponent:,} decimals; a number has at most {MAX_DECIMALS}")
    return number


def read_time(v: Any) -> dt.datetime | None:
    """The instant an event time spells, to the whole second (a fraction is dropped), or None when
    ``v`` is not text of the form YYYY-MM-DDTHH:MM[:SS[.fraction]] then Z or ±HH:MM, or names no
    such date, time or offset. The years are not checked here."""
    if v.__class__ is not str:
        return None
    n = len(v)
    if not ((n == 25 or n == 20) and v[4:23:3] in _PLAIN_SHAPES):  # …T10:00:00+08:00, …T02:00:00Z
        spelt = _TIME_TEXT.fullmatch(v)
        if spelt is None:
            return None
        if spelt.start(1) >= 0:  # the fraction, dropped before reading
            v = v[:spelt.start(1)] + v[spelt.end(1):]
    try:
        return dt.datetime.fromisoformat(v)
    except ValueError:  # 2026-02-30, 24:00, +24:00, or not digits where the shape wants them
        return None


def _time(event_id: str, path: str, v: Any, *, present: bool) -> dt.datetime:
    if not present or v is None:
        raise EventError(event_id, path, f"`{path}` is missing")
    if not isinstance(v, str):
        raise EventError(event_id, path, "must be a time like \"2026-11-11T10:03:00+08:00\"")
    instant = read_time(v)
    if instant is None:
        if _NO_OFFSET.fullmatch(v):
            raise EventError(event_id, path, f"`{v}` has no UTC offset; add one, e.g. +08:00")
        raise EventError(event_id, path, f"`{v}` is not a time like 2026-11-11T10:03:00+08:00 "
                                         "(YYYY-MM-DDTHH:MM[:SS[.fraction]], then Z or ±HH:MM)")
    try:
        utc = instant.astimezone(dt.UTC)
    except OverflowError:
        utc = None
    if utc is None or not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise EventError(event_id, path, f"`{v}` is out of range (years {FIRST_YEAR} to {LAST_YEAR})")
    return instant


def valid_text(text: str) -> bool:
    """Whether ``text`` is valid Unicode: no lone surrogate (JSON's ``"\\ud800"`` makes one), which
    no UTF-8 file, database or terminal can hold."""
    return text.isascii() or _SURROGATE.search(text) is None


def too_long(text: str) -> str:
    """Why an id is refused: more than ``MAX_ID_LENGTH`` characters."""
    return f"is {len(text):,} characters long; an id has at most {MAX_ID_LENGTH}"


def _not_unicode(text: str) -> str:
    return f"`{text}` is not valid Unicode text (it holds a lone surrogate, half of a UTF-16 pair)"


def profile_problem(profile: Any) -> str | None:
    """Why a member profile (``{"tier": "gold"}``) cannot be used, or None: it must be an object
    (a mapping) whose texts, keys included, are valid Unicode; its ``tier``, when given, is text."""
    if not isinstance(profile, Mapping):
        return f"a member profile must be an object like {{\"tier\": \"gold\"}}, not {type(profile).__name__}"
    tier = profile.get("tier")
    if tier is not None and not isinstance(tier, str):
        return "`tier` must be the text name of a tier"
    stack: list[Any] = [profile]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if not valid_text(value):
                return _not_unicode(value)
        elif isinstance(value, Mapping):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return None
