"""Hostile input at the ledger (issue 16): refused as EventError or ValueError with nothing written,
and a stream's own duplicate rejected as ``simulate`` rejects it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from pointrules.events import EventError
from pointrules.ledger import Ledger
from pointrules.ledger.stream import record_stream
from pointrules.stream.simulate import Rejection, simulate

from ledger_helpers import PROGRAM

CHECKIN = {"id": "c1", "kind": "checkin", "member": "m1", "time": "2026-03-02T10:00:00+08:00"}
LATER = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("change, field", [({"member": "\ud800"}, "member"), ({"id": "c\udc001"}, "id"),
                                           ({"time": "2026-03-02T10:00:00+08:00:30"}, "time")])
def test_a_hostile_event_is_an_event_error_and_writes_nothing(make_ledger: Callable[..., Ledger], change, field) -> None:
    ledger = make_ledger()
    for event in ({**CHECKIN, **change}, json.dumps({**CHECKIN, **change})):
        with pytest.raises(EventError) as info:
            ledger.process_event(event)
        assert info.value.field == field
    assert ledger.balances(LATER) == []


def test_a_profile_that_is_not_an_object_is_refused(make_ledger: Callable[..., Ledger]) -> None:
    ledger = make_ledger()
    with pytest.raises(EventError) as info:
        ledger.process_event(CHECKIN, profile="gold")  # type: ignore[arg-type]
    assert info.value.field == "member"
    with pytest.raises(ValueError, match="a member profile must be an object"):
        ledger.set_profile("m1", "gold")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not valid Unicode"):
        ledger.set_profile("m1", {"tier": "gold", "name": "\ud800"})
    with pytest.raises(ValueError, match="a member id must be valid Unicode text"):
        ledger.set_profile("\ud800", {})
    assert ledger.process_event(CHECKIN).totals == (("m1", 10),)  # nothing was kept of the refusals


def test_a_duplicate_within_a_stream_is_rejected_and_a_rerun_is_skipped(make_ledger: Callable[..., Ledger]) -> None:
    lines = [json.dumps(CHECKIN), json.dumps({**CHECKIN, "id": "c2", "member": "m2"}), json.dumps(CHECKIN)]
    plain: list[Rejection] = []
    simulate(PROGRAM, lines, on_reject=plain.append)
    ledger = make_ledger()
    first: list[Rejection] = []
    recorded = record_stream(ledger, lines, on_reject=first.append)
    assert first == plain == [Rejection(3, "c1", "id", "event `c1` was already processed; it is never paid twice")]
    assert (recorded.summary.accepted, recorded.skipped) == (2, 0)
    again: list[Rejection] = []
    rerun = record_stream(ledger, lines, on_reject=again.append)
    assert again == plain and (rerun.summary.accepted, rerun.skipped) == (0, 2)


REFERRAL = {"id": "r1", "kind": "referral", "member": "m1", "referee": "m2", "time": "2026-03-02T10:00:00+08:00"}


@pytest.mark.parametrize("change, field", [({"id": "r\x001"}, "id"), ({"member": "m\x001"}, "member"),
                                           ({"referee": "m\x002"}, "referee")])
def test_a_nul_in_an_id_is_refused_alike_on_every_store(make_ledger: Callable[..., Ledger], change, field) -> None:
    """PostgreSQL text cannot hold U+0000: every store refuses it, naming the field, before writing."""
    ledger = make_ledger()
    with pytest.raises(EventError, match=r"U\+0000") as info:
        ledger.process_event({**REFERRAL, **change})
    assert info.value.field == field
    lines = [json.dumps({**REFERRAL, **change}), json.dumps(REFERRAL)]
    rejected: list[Rejection] = []
    recorded = record_stream(ledger, lines, on_reject=rejected.append)  # the batch goes on after the bad line
    assert [(r.line, r.field) for r in rejected] == [(1, field)]
    assert recorded.summary.accepted == 1
    # only r1 (as given in REFERRAL) was kept: 50 points to m1 and 50 to m2
    assert [(b.member, b.available + b.pending) for b in ledger.balances(LATER.replace(year=2026, month=3, day=3))] \
        == [("m1", 50), ("m2", 50)]


def test_a_nul_in_an_operation_member_operator_or_reason_is_a_value_error(make_ledger: Callable[..., Ledger]) -> None:
    ledger = make_ledger()
    when = dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match=r"an operation id holds the character U\+0000"):
        ledger.adjust("a\x001", "m1", 10, "goodwill", when)
    with pytest.raises(ValueError, match=r"a member id holds the character U\+0000"):
        ledger.adjust("a1", "m\x001", 10, "goodwill", when)
    with pytest.raises(ValueError, match=r"an operator holds the character U\+0000"):
        ledger.adjust("a1", "m1", 10, "goodwill", when, operator="ops\x00")
    with pytest.raises(ValueError, match=r"a reason holds the character U\+0000"):
        ledger.adjust("a1", "m1", 10, "good\x00will", when)
    with pytest.raises(ValueError, match=r"a member id holds the character U\+0000"):
        ledger.set_profile("m\x001", {"tier": "gold"})
    assert ledger.balances(LATER) == [] and not ledger.known("m1")  # nothing was written
