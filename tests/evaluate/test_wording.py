"""The vocabularies of wording/: every language gives every phrase of the catalogue, for the same
values of the program (periods, units, trim kinds …), so one walk can word an award or a program's
terms in any of them. What the phrases say is proved by the golden files and test_explain.py."""

from __future__ import annotations

import string
from decimal import Decimal
from typing import Any

import attrs
import pytest

from pointrules.program import model as m
from pointrules.wording import LANGS, vocabulary
from pointrules.wording.catalogue import AwardPhrases, TermsPhrases, number
from pointrules.wording.terms import terms

# tables keyed by what the program or the award holds: no language may leave a key out
AWARD_TABLES = ("reasons", "units", "periods")
TERMS_TABLES = ("periods", "units", "tier_metrics", "tier_windows")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_gives_every_phrase(lang: str) -> None:
    said = vocabulary(lang)
    assert set(said.award) == AwardPhrases.__required_keys__
    assert set(said.terms) == TermsPhrases.__required_keys__


@pytest.mark.parametrize("lang", LANGS)
def test_tables_cover_the_same_values_in_every_language(lang: str) -> None:
    award: Any = vocabulary(lang).award
    said: Any = vocabulary(lang).terms
    english = vocabulary("en")
    for table in AWARD_TABLES:
        assert set(award[table]) == set(english.award[table]), table  # type: ignore[literal-required]
    for table in TERMS_TABLES:
        assert set(said[table]) == set(english.terms[table]), table  # type: ignore[literal-required]
    assert set(said["units"]) == set(m.PERIODS)
    assert len(said["weekday_names"]) == 7


@pytest.mark.parametrize("lang", LANGS)
def test_both_forms_of_a_plural_fill_the_same_placeholders(lang: str) -> None:
    said = vocabulary(lang).terms
    for one, other in [said["earn_points"], said["limit_times"], *said["tier_metrics"].values()]:
        assert placeholders(one) == placeholders(other), (one, other)


def test_braces_in_a_label_are_shown_as_written(shop: m.Program) -> None:
    odd = attrs.evolve(shop.rules[0], label="{name} {0}")  # filled into the rule's phrase, never read as one
    program = attrs.evolve(shop, rules=(odd, *shop.rules[1:]))
    for lang, colon in [("en", ": "), ("zh", "：")]:
        assert f"- {{name}} {{0}}{colon}" in terms(program, lang)


def test_an_unknown_language_is_refused_naming_the_known_ones(shop: m.Program) -> None:
    with pytest.raises(ValueError, match="unknown language `fr`; expected one of en, zh"):
        terms(shop, "fr")


def test_numbers_have_thousands_separators_and_no_trailing_zeros() -> None:
    assert number(1234567) == "1,234,567"
    assert number(Decimal("1500.00")) == "1,500"
    assert number(Decimal("1234.50")) == "1,234.5"
    assert number(Decimal("1E+3")) == "1,000"  # no exponent
