"""The fixes `pointrules lint --fix` applies: exactly the replacement a diagnostic's help names."""

import pointrules
from pointrules.check.fixes import apply, edit_of

HEADER = 'program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\n'


def fixed(text: str) -> tuple[str, int]:
    source = pointrules.Source(text, "demo.points")
    return apply(source, pointrules.check(text, "demo.points"))


def test_did_you_mean_replaces_the_misspelt_word() -> None:
    text = HEADER + "event purchase { amount: mony }\n"
    assert fixed(text) == (HEADER + "event purchase { amount: money }\n", 1)


def test_a_time_zone_keeps_its_quotes() -> None:
    text = 'program "Demo"\ncurrency CNY\ntimezone "Beijing"\nexpire never\nevent signup\n'
    assert fixed(text)[0] == 'program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\nevent signup\n'


def test_a_date_part_replaces_only_the_part() -> None:
    text = (HEADER + "event purchase { amount: money }\nprofile {\n  birthday: date\n}\n"
            "rule b \"生日\" on purchase when month = birthday.months { earn 1 point }\n")
    # help: did you mean `birthday.month`? at `months`: only `months` is replaced
    assert fixed(text) == (text.replace("birthday.months", "birthday.month"), 1)


def test_full_width_punctuation_becomes_plain() -> None:
    text = HEADER + "event purchase { amount: money }\nrule r \"返\" on purchase when （amount > 10 CNY） { earn 1 point }\n"
    out, count = fixed(text)
    # round one fixes the first `（` (the parser stops there); the CLI runs rounds until nothing is left
    assert count == 1 and "when (amount" in out


def test_advice_that_needs_judgement_is_not_applied() -> None:
    text = HEADER + "event purchase { amount: money }\nrule r \"返\" on purchase { multiply 50 }\n"
    source = pointrules.Source(text, "demo.points")
    from pointrules.check.lints import lint_source

    found = lint_source(source)
    assert any(d.code == "PR504" for d in found)  # "did you mean a smaller factor, like 1.5?"
    assert apply(source, found) == (text, 0)
