"""A program that names its points (`points are called "京豆" / "beans"`): explanations, terms, the
simulate summary and the ledger's reports say the name; rows and the language keep `points`."""

from __future__ import annotations

import json

import pointrules
from pointrules.ledger import Ledger
from pointrules.ledger.sqlite import SQLiteStore
from pointrules.stream.simulate import simulate
from pointrules.wording.terms import terms

from evaluate_helpers import HEADER, BothEvaluators

BEANS = pointrules.loads(HEADER + '''
points are called "京豆" / "beans"
event purchase { amount: money }
rule buy "购物返豆" on purchase {
  earn 1 point per 10 CNY of amount
  limit 50 points per day
}
''')
ORDER = {"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "amount": "15"}


def test_explanations_say_the_name_in_each_language() -> None:
    award = BothEvaluators(BEANS).award(dict(ORDER))
    # floor(15 / 10) = 1 bean
    assert award.explain("en").startswith("+1 beans for m1 (member): 购物返豆 1 = 1 (on 15 CNY).")
    assert award.explain("zh").startswith("+1 京豆（m1，member）：购物返豆 1 = 1（消费 15 元）。")


def test_terms_say_the_name_and_the_english_singular_drops_its_s() -> None:
    en = terms(BEANS, "en")
    assert "How you earn beans:" in en and "1 bean for every full 10 CNY spent" in en
    assert "At most 50 beans per day." in en and "Beans never expire." in en
    zh = terms(BEANS, "zh")
    assert "京豆获取：" in zh and "每天最多 50 京豆。" in zh and "京豆永久有效。" in zh
    assert "积分" not in zh and " points" not in en


def test_one_name_serves_both_languages() -> None:
    stars = pointrules.loads(HEADER + 'points are called "stars"\nevent visit\nrule v on visit { earn 2 points }')
    assert "How you earn stars:" in terms(stars, "en") and "stars获取：" in terms(stars, "zh")


def test_rows_keep_points_and_the_summary_says_the_name(tmp_path) -> None:
    rows = []
    summary = simulate(BEANS, [json.dumps(ORDER)], on_row=rows.append)
    assert rows[0]["points"] == 1
    assert summary.render(name="beans").splitlines()[3:5] == ["beans: 1", "beans by rule:"]
    ledger = Ledger(BEANS, SQLiteStore(str(tmp_path / "b.db")))
    ledger.close()
    reopened = Ledger(None, SQLiteStore(str(tmp_path / "b.db")))  # as `pointrules ledger` opens it
    assert reopened.points_name == "beans"
    reopened.close()


def test_braces_in_a_name_are_neither_placeholders_nor_escapes() -> None:
    odd = pointrules.loads(HEADER + 'points are called "{x}"\nevent visit\nrule v on visit { earn 2 points }')
    assert "How you earn ｛x｝:" in terms(odd, "en")
