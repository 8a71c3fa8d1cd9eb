"""The header pass: program name, currency, time zone, value of points, effective dates, and the
declarations a program may give only once. Also checks that every written date exists."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache, lru_cache

import attrs

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.report import Report, q
from pointrules.check.scope import currency_of
from pointrules.diagnostics import Diagnostic
from pointrules.messages import Text, t
from pointrules.source import Source, Span

# Declarations a program gives at most once, by the word that names them in messages.
_ONCE: dict[type, str] = {
    s.ProgramName: "program", s.Version: "version", s.Currency: "currency", s.TimeZone: "timezone",
    s.Value: "value", s.Rounding: "rounding", s.Effective: "effective", s.Stacking: "multipliers stack by",
    s.CampaignsCombine: "campaigns combine by", s.PointsName: "points are called",
    s.Tiers: "tiers", s.Redeem: "redeem", s.Pending: "pending", s.ExpireNever: "expire",
    s.ExpireAfter: "expire", s.ExpireInactive: "expire", s.ExpireEnd: "expire", s.ExpireOn: "expire",
}

# Everyday names of currencies, which are not their ISO 4217 codes.
_CURRENCY_NAMES = {"RMB": "CNY", "YUAN": "CNY", "YEN": "JPY", "EURO": "EUR", "DOLLAR": "USD", "NTD": "TWD",
                   "WON": "KRW", "POUND": "GBP", "BAHT": "THB", "RUPEE": "INR", "RINGGIT": "MYR"}
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
_ZONE_HINTS = {"beijing": "Asia/Shanghai", "china": "Asia/Shanghai", "prc": "Asia/Shanghai",
               "hongkong": "Asia/Hong_Kong", "gmt": "UTC", "z": "UTC"}


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """IANA zone names; ``localtime`` (whatever this machine uses) and ``Factory`` are not zones."""
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory", "posixrules"})


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    return {z.rsplit("/", 1)[-1].lower(): z for z in sorted(time_zones()) if "/" in z}


def zone_hint(r: Report, name: str) -> Text | None:
    """A zone the writer probably meant: same name in other case, a city, or a close spelling."""
    key = name.strip().lower().replace(" ", "_")
    best = _ZONE_HINTS.get(key.replace("_", "")) or _cities().get(key) or r.close(name, time_zones())
    return t("did you mean {name}?", name=q(best)) if best else None


def check_header(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Header items present, valid and given once."""
    r = Report(source, currency_of(tree))
    first: dict[str, s.Declaration] = {}
    for d in tree.declarations:
        word = _ONCE.get(type(d))
        if word is None:
            continue
        if word in first:
            r.add(r.keyword(d.span), "PR301", t("{what} is given more than once", what=q(word)),
                  help=t("keep one and remove the others"), notes=[r.first_at(q(word), first[word].span)])
        else:
            first[word] = d
    _required(r, first)
    for d in tree.declarations:
        if isinstance(d, s.Currency):
            _currency(r, d)
        elif isinstance(d, s.TimeZone):
            _timezone(r, d)
        elif isinstance(d, s.Value):
            v.count(r, d.points, t("the points of a value"))
            v.money(r, d.money, t("the money of a value"), f"value 100 points = 1 {r.currency or 'CNY'}")
        elif isinstance(d, s.Version):
            v.count(r, d.number, t("a version"))
        elif isinstance(d, s.PointsName):
            for name in (d.zh, d.en):
                if name is not None and not name.value.strip():
                    r.add(name.span, "PR342", t("the points' name is empty"),
                          help=t('name them as members see them: `points are called "京豆" / "beans"`, '
                                 "or leave the line out to call them points"))
        elif isinstance(d, s.Effective):
            v.window(r, d.start, d.end, t("the effective period"))
            if d.at is not None and (d.at.hour > 23 or d.at.minute > 59):
                r.add(d.at.span, "PR305", t("{time} is not a time of day", time=q(d.at.raw)),
                      help=t("write the hour from 0 to 23 and the minutes from 00 to 59, like `10:00`"))
        elif isinstance(d, s.Pending):
            v.duration(r, d.duration, t("a pending period"), "pending 7 days")
        elif isinstance(d, s.EXPIRIES):
            v.expiry(r, d)
    return r.diagnostics


def _required(r: Report, given: dict[str, s.Declaration]) -> None:
    at = Span(0, 0)
    if "program" not in given:
        r.add(at, "PR302", t("this program has no name"), help=t('start the file with `program "Shop Rewards"`'))
    if "currency" not in given:
        r.add(at, "PR302", t("this program has no currency"), help=t("add `currency CNY` after the program's name"))
    if "timezone" not in given:
        r.add(at, "PR302", t("this program has no time zone"),
              help=t('add `timezone "Asia/Shanghai"`: days and months are counted in it'))


def _currency(r: Report, d: s.Currency) -> None:
    code = d.code.text
    if code in MINOR_UNITS:
        return
    hint = r.did_you_mean(code, MINOR_UNITS) if code.upper() != code or len(code) == 3 else None
    if code.upper() in _CURRENCY_NAMES:
        hint = t("the ISO 4217 code is {code}", code=q(_CURRENCY_NAMES[code.upper()]))
    elif code.upper() in MINOR_UNITS:
        hint = t("currency codes are upper case: {code}", code=q(code.upper()))
    r.add(d.code.span, "PR303", t("unknown currency {code}", code=q(code)),
          help=hint or t("use an ISO 4217 code such as `CNY`, `USD` or `EUR`"))


def _timezone(r: Report, d: s.TimeZone) -> None:
    name = d.name.value
    # Only a membership test in a fixed list: a name never reaches the file system.
    if _ZONE_NAME.fullmatch(name) and name in time_zones():
        return
    r.add(d.name.span, "PR304", t("unknown time zone {zone}", zone=q(name)),
          help=zone_hint(r, name) or t('use an IANA time zone name such as "Asia/Shanghai"'))


# ---- every date ----------------------------------------------------------------------------
@cache
def _node_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name != "span")


def check_dates(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Every date and day of the year written anywhere exists (PR305)."""
    r = Report(source)
    stack: list[object] = list(tree.declarations)
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(node)
        elif isinstance(node, s.DateLit):
            if v.real_date(node) is None:
                r.add(node.span, "PR305", t("{date} is not a date", date=q(node.raw)),
                      help=v.date_problem(node.year, node.month, node.day))
        elif isinstance(node, s.MonthDay):
            if not v.month_day_ok(node):
                r.add(node.span, "PR305", t("{date} is not a day of the year", date=q(node.raw)),
                      help=v.date_problem(None, node.month, node.day))
        elif attrs.has(type(node)) and not isinstance(node, (s.Name, s.Text, s.Number)):
            stack.extend(getattr(node, f) for f in _node_fields(type(node)))  # type: ignore[arg-type]  # a class is hashable
    r.diagnostics.sort(key=lambda d: (d.line, d.column))
    return r.diagnostics
