"""The example-case format (NAME.cases.toml): reading, defaults, each `expect` key, each message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pointrules.cases import (
    CaseFileError, CaseResult, Coverage, cases_path, check_cases, load_cases, loads_cases, program_path,
    run_case,
)
from pointrules.program.model import Program

GOLD_APP = """
[[case]]
name = "gold app"
tier = "gold"

[[case.event]]
kind = "purchase"
time = 2026-05-01T10:00:00+08:00
amount = "999.99"
category = "electronics"
channel = "app"
expect = { EXPECT }
"""


def run(program: Program, text: str) -> list[CaseResult]:
    cases = loads_cases(text, "t.cases.toml")
    assert check_cases(program, cases, "t.cases.toml") == []
    return [run_case(program, case) for case in cases]


def gold(program: Program, expect: str) -> CaseResult:
    """The worked example (gold, 999.99 yuan of electronics in the app: 2,997 + 5 = 3,002) with an expectation."""
    return run(program, GOLD_APP.replace("EXPECT", expect))[0]


def problems(text: str, program: Program | None = None) -> list[str]:
    try:
        cases = loads_cases(text, "t.cases.toml")
    except CaseFileError as error:
        return error.problems
    assert program is not None, "the text loaded; pass a program to check it against"
    return check_cases(program, cases, "t.cases.toml")


# ---- reading and defaults -------------------------------------------------------------------------
def test_ids_default_to_e1_e2_and_members_to_m1():
    cases = loads_cases("""
[[case]]
name = "two"
[[case.event]]
kind = "signup"
time = 2026-03-02T10:00:00+08:00
[[case.event]]
kind = "signup"
member = "m7"
time = 2026-03-02T11:00:00+08:00
expect = { points = 100 }
""")
    first, second = cases[0].events
    assert (first.data["id"], first.data["member"]) == ("e1", "m1")
    assert (second.data["id"], second.data["member"]) == ("e2", "m7")
    assert first.expect is None  # a given: prior state, not checked
    assert second.expect is not None and second.expect.points == 100


def test_case_member_and_tiers_become_profiles():
    [case] = loads_cases("""
[[case]]
name = "x"
member = "m42"
tier = "gold"
members = { m2 = "silver" }
[[case.event]]
kind = "signup"
time = 2026-03-02T10:00:00+08:00
""")
    assert case.member == "m42" and case.events[0].data["member"] == "m42"
    assert case.members == {"m42": "gold", "m2": "silver"}


def test_money_stays_exact_and_dates_become_wire_text():
    [case] = loads_cases("""
[[case]]
name = "x"
[[case.event]]
kind = "purchase"
time = 2026-05-01T10:00:00+08:00
amount = 250.80
category = "grocery"
channel = "store"
when = 2026-05-01
""")
    data = case.events[0].data
    assert data["amount"] == Decimal("250.80") and str(data["amount"]) == "250.80"  # never a float
    assert data["time"] == "2026-05-01T10:00:00+08:00"
    assert data["when"] == "2026-05-01"


def test_money_as_a_number_earns_like_text(shop):
    text = GOLD_APP.replace('"999.99"', "999.99").replace("EXPECT", "points = 3002")
    assert run(shop, text)[0].passed  # floor(999.99) x 2 x 1.5 = 2,997, + 5 = 3,002


def test_a_string_time_with_offset_is_accepted(shop):
    text = GOLD_APP.replace("2026-05-01T10:00:00+08:00", '"2026-05-01T02:00:00Z"').replace("EXPECT", "points = 3002")
    assert run(shop, text)[0].passed


# ---- each expect key ---------------------------------------------------------------------------------
def test_points_pass_and_fail(shop):
    assert gold(shop, "points = 3002").passed
    result = gold(shop, "points = 3000")
    [failure] = result.failures
    [mismatch] = failure.mismatches
    assert (mismatch.what, mismatch.expected, mismatch.actual) == ("points", "3,000", "3,002")
    assert failure.explanation is not None and failure.explanation.startswith("+3,002 points")


def test_rules_compare_only_the_listed_rules(shop):
    assert gold(shop, "rules = { base = 2997 }").passed  # app_bonus not listed: not compared
    assert gold(shop, "rules = { base = 2997, app_bonus = 5, signup = 0 }").passed  # a rule that did not fire is 0
    [failure] = gold(shop, "rules = { app_bonus = 10 }").failures
    assert [(m.what, m.expected, m.actual) for m in failure.mismatches] == [("rules.app_bonus", "10", "5")]
    [failure] = gold(shop, "rules = { signup = 100 }").failures
    assert failure.mismatches[0].actual == "0 (the rule did not fire)"


def test_expires_as_a_date_is_the_last_valid_day(shop):
    assert gold(shop, "expires = 2027-12-31").passed  # earned in 2026: valid to the end of 2027
    [failure] = gold(shop, "expires = 2028-12-31").failures
    assert failure.mismatches[0].actual == "2027-12-31 (2027-12-31T23:59:59+08:00)"


def test_expires_as_a_datetime_is_the_last_valid_second_any_offset(shop):
    assert gold(shop, "expires = 2027-12-31T23:59:59+08:00").passed
    assert gold(shop, "expires = 2027-12-31T15:59:59Z").passed  # the same instant in UTC
    assert not gold(shop, "expires = 2028-01-01T00:00:00+08:00").passed  # the first instant no longer valid
    assert not gold(shop, 'expires = "never"').passed


def test_expires_never(shop):
    program = _program_with("expire never")
    [result] = run(program, """
[[case]]
name = "x"
[[case.event]]
kind = "signup"
time = 2026-03-02T10:00:00+08:00
expect = { points = 100, expires = "never" }
""")
    assert result.passed


def test_available_as_datetime_or_date(shop):
    assert gold(shop, "available = 2026-05-01T10:00:00+08:00").passed  # no pending: usable at once
    assert gold(shop, "available = 2026-05-01").passed
    [failure] = gold(shop, "available = 2026-05-02").failures
    assert failure.mismatches[0].what == "available"


def test_to_compares_other_beneficiaries(shop):
    text = """
[[case]]
name = "referral"
[[case.event]]
kind = "referral"
time = 2026-04-01T12:00:00+08:00
referee = "m2"
expect = { points = 100, to = { m2 = TO } }
"""
    assert run(shop, text.replace("TO", "0"))[0].passed  # shop pays the referring member only
    [failure] = run(shop, text.replace("TO", "100"))[0].failures
    assert [(m.what, m.expected, m.actual) for m in failure.mismatches] == [("to.m2", "100", "0")]


def _rejecting(expect: str, amount: str = '"1.001"') -> str:
    return f"""
[[case]]
name = "bad"
[[case.event]]
kind = "purchase"
time = 2026-03-02T10:00:00+08:00
amount = {amount}
category = "grocery"
channel = "store"
expect = {{ {expect} }}
"""


def test_rejected_names_the_field(shop):
    assert run(shop, _rejecting('rejected = "amount"'))[0].passed
    [failure] = run(shop, _rejecting('rejected = "channel"'))[0].failures
    assert failure.mismatches[0].expected == "rejected for field `channel`"
    assert failure.mismatches[0].actual.startswith("rejected: field `amount`: money has 3 decimals")


def test_rejected_but_accepted_fails(shop):
    [failure] = run(shop, _rejecting('rejected = "amount"', amount='"10.00"'))[0].failures
    assert failure.mismatches[0].actual == "accepted with 10 points"


def test_an_event_expected_to_earn_but_refused_fails(shop):
    [failure] = run(shop, _rejecting("points = 1"))[0].failures
    assert failure.mismatches[0].what == "event" and failure.explanation is None


def test_a_refused_given_fails_the_case(shop):
    text = _rejecting("points = 0").replace("expect = { points = 0 }\n", "")
    [failure] = run(shop, text)[0].failures
    assert failure.mismatches[0].what == "given event"


def test_events_share_one_state_per_case(shop):
    reviews = "".join(f"""
[[case.event]]
kind = "review"
time = 2026-03-02T1{i}:00:00+08:00
product = "p{i}"
expect = {{ points = {20 if i < 3 else 0} }}
""" for i in range(4))
    results = run(shop, '[[case]]\nname = "a"\n' + reviews + '[[case]]\nname = "b"\n' + reviews)
    assert all(r.passed for r in results)  # 20, 20, 20, then 0 (limit 3 a day), again in a fresh case


# ---- messages --------------------------------------------------------------------------------------
def test_unknown_keys_name_the_case_and_key():
    found = problems("""
[[case]]
name = "gold app"
teir = "gold"
[[case.event]]
kind = "signup"
time = 2026-03-02T10:00:00+08:00
expect = { point = 100 }
""")
    assert found == [
        "t.cases.toml: case `gold app`: unknown key `teir`; did you mean `tier`?",
        "t.cases.toml: case `gold app`: event 1: expect: unknown key `point`; did you mean `points`?",
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("", "t.cases.toml: no cases; write each one under a [[case]] header (or a [[scenario]])"),
    ('title = "x"\n[[case]]\nname = "a"\n[[case.event]]\nkind = "signup"',
     "t.cases.toml: unknown key `title` at the top; every case starts with [[case]]"
     " and every scenario with [[scenario]]"),
    ('[[case]]\n[[case.event]]\nkind = "signup"', "t.cases.toml: case 1: `name` must be a non-empty text"),
    ('[[case]]\nname = "a"', "t.cases.toml: case `a`: no events; add at least one under [[case.event]]"),
    ('[[case]]\nname = "a"\nmember = 3\n[[case.event]]\nkind = "signup"', "t.cases.toml: case `a`: `member` must be a non-empty text"),
    ('[[case]]\nname = "a"\nmembers = { m2 = 1 }\n[[case.event]]\nkind = "signup"',
     't.cases.toml: case `a`: `members` must map member ids to tier names, like { m2 = "silver" }'),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = 5', "t.cases.toml: case `a`: event 1: expect must be a table, like { points = 250 }"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = {}',
     "t.cases.toml: case `a`: event 1: expect is empty; say what the event must give, e.g. { points = 0 }"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { points = "250" }',
     "t.cases.toml: case `a`: event 1: expect: `points` must be a whole number, like 250"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { tier_points = 1.5 }',
     "t.cases.toml: case `a`: event 1: expect: `tier_points` must be a whole number, like 1,000"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { rules = { base = 2.5 } }',
     "t.cases.toml: case `a`: event 1: expect: `rules` must map names to whole points, like { base = 250 }"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { expires = "soon" }',
     ('t.cases.toml: case `a`: event 1: expect: `expires` must be a date (2027-12-31) or a date-time with offset '
     '(2027-12-31T23:59:59+08:00) or "never"')),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { available = 2027-12-31T10:00:00 }',
     "t.cases.toml: case `a`: event 1: expect: `available` `2027-12-31T10:00:00` has no UTC offset; add one, e.g. +08:00"),
    ('[[case]]\nname = "a"\n[[case.event]]\nexpect = { rejected = "amount", points = 0 }',
     "t.cases.toml: case `a`: event 1: expect: a rejected event earns nothing; drop `points`"),
])
def test_each_format_problem_has_its_message(text, message):
    assert problems(text) == [message]


def test_duplicate_case_names():
    text = '[[case]]\nname = "a"\n[[case.event]]\nkind = "signup"\n' * 2
    assert problems(text) == ["t.cases.toml: case `a`: another case has the same name; give each case its own"]


def test_invalid_toml_says_where():
    [message] = problems('[[case]]\nname = "a\n')
    assert message.startswith("t.cases.toml: not valid TOML: ") and "line 2" in message


def test_every_problem_of_a_file_is_reported_at_once():
    assert len(problems('[[case]]\nname = "a"\nx = 1\n[[case]]\nname = "b"\ny = 2\n')) == 4


@pytest.mark.parametrize(("event", "message"), [
    ('kind = "purchse"', "case `a`: event 1: unknown event kind `purchse`; did you mean `purchase`?"),
    ('kind = "signup"\namout = 5', ("case `a`: event 1: unknown field `amout` (not a field of `signup` events); "
                                    "expected one of id, kind, member, time")),
    ('kind = "signup"\nexpect = { rules = { sigup = 100 } }',
     "case `a`: event 1: expect: rules: unknown rule `sigup`; did you mean `signup`?"),
    ('kind = "purchase"\nexpect = { rules = { electronics = 0 } }',
     ("case `a`: event 1: expect: rules: rule `electronics` only multiplies and earns no points of its own; "
     "list the rules whose points it multiplies")),
])
def test_checks_against_the_program(shop, event, message):
    text = f'[[case]]\nname = "a"\n[[case.event]]\n{event}\n'
    assert problems(text, shop) == [f"t.cases.toml: {message}"]


def test_unknown_tier_with_a_hint(shop):
    text = '[[case]]\nname = "a"\ntier = "glod"\n[[case.event]]\nkind = "signup"\n'
    assert problems(text, shop) == ["t.cases.toml: case `a`: member `m1`: unknown tier `glod`; did you mean `gold`?"]


def test_a_rejected_event_may_be_malformed_on_purpose(shop):
    text = '[[case]]\nname = "a"\n[[case.event]]\nkind = "lottery"\nexpect = { rejected = "kind" }\n'
    assert problems(text, shop) == []
    assert run(shop, text)[0].passed


def test_load_cases_reads_files(tmp_path):
    path = tmp_path / "x.cases.toml"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(CaseFileError) as error:
        load_cases(path)
    assert error.value.problems[0].endswith("x.cases.toml: this file is not UTF-8 text")


def test_cases_sit_beside_their_program():
    assert cases_path("rules/shop.points").as_posix() == "rules/shop.cases.toml"
    assert program_path("rules/shop.cases.toml").as_posix() == "rules/shop.points"


# ---- coverage ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_coverage_sees_rules_fired_and_both_outcomes(shop, evaluator):
    coverage = Coverage(shop)
    # 8 rules (base, electronics, app_bonus, signup, referral, checkin, review, double_day) + 3 conditions
    # (electronics when, app_bonus when, checkin's second earn when) x 2 outcomes = 14
    assert coverage.total == 8 + 2 * 3
    for case in loads_cases(GOLD_APP.replace("EXPECT", "points = 3002")):
        run_case(shop, case, coverage, evaluator)
    # fired: base, electronics (its multiplier), app_bonus; seen: electronics true, app_bonus true
    assert coverage.covered == 3 + 2
    missing = coverage.missing()
    assert any(m.startswith("rule `signup` (line ") and m.endswith(") never fired") for m in missing)
    assert any(m.startswith('rule `electronics` when `category = "electronics"`') and m.endswith("never false")
               for m in missing)
    assert any(m.startswith("rule `checkin` earn 2 when `streak % 7 = 0`") and m.endswith("never decided")
               for m in missing)


def test_a_rule_whose_items_all_fail_where_has_not_fired():
    program = _program_with("", extra="""
record item { category: text, amount: money }
event order { items: list of item }
rule digital on order { earn 1 point per 1 CNY of items where category = "phones" }
""")
    coverage = Coverage(program)
    [case] = loads_cases("""
[[case]]
name = "books"
[[case.event]]
kind = "order"
time = 2026-03-02T10:00:00+08:00
items = [{ category = "books", amount = "10.00" }]
expect = { points = 0 }
""")
    assert run_case(program, case, coverage).passed
    assert "digital" not in coverage.fired
    assert coverage.seen[id(coverage.conditions[0].expr)] == {False}


def _program_with(expiry: str, extra: str = "") -> Program:
    import pointrules

    text = f"""program "t"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
event signup
{expiry}
rule signup on signup {{
  earn 100 points
}}
{extra}"""
    return pointrules.loads(text)


def test_datetime_values_keep_their_offset():
    [case] = loads_cases('[[case]]\nname = "a"\n[[case.event]]\nkind = "signup"\ntime = 2026-03-02T10:00:00-05:00\n')
    assert dt.datetime.fromisoformat(case.events[0].data["time"]).utcoffset() == dt.timedelta(hours=-5)
