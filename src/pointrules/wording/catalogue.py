"""The message ids every vocabulary fills (en.py, zh.py), as a .pot file lists them, and how one is filled.

A phrase is a ``str.format`` template; the comment beside each id names its placeholders. A language
that leaves a placeholder out just does not say it (Chinese names a spend field without its attribute).
Values are filled in, never read as templates, so braces in a label stay as written. A ``Plural`` is
(one, other), chosen by the count; a language without plural forms gives the same text twice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

import attrs

Plural = tuple[str, str]


def plural(forms: Plural, count: Decimal | int) -> str:
    """The form of a phrase for a count: one only for exactly 1."""
    return forms[0] if count == 1 else forms[1]


def labelled(key: str, label: str | None, say: ReportPhrases) -> str:
    """A rule, kind or tier id as the reports name it: with its label where it has one, ``gold (金卡)``
    / ``gold（金卡）``; the id alone without one."""
    return say["labelled"].format(key=key, label=label) if label else key


def number(x: Decimal | int) -> str:
    """A number for people: thousands separated, no exponent, no trailing zeros."""
    if isinstance(x, int):
        return f"{x:,}"
    text = f"{x.normalize():,f}" if x == x.to_integral_value() else f"{x.normalize():f}"
    if "." in text:
        whole, frac = text.split(".")
        return f"{int(whole):,}.{frac}"
    return text


class AwardPhrases(TypedDict):
    """An award, one paragraph per beneficiary (award.py)."""

    paragraph: str  # {head} {body} {validity}: validity may be empty, the paragraph is stripped
    head: str  # {total} {who} {tier}
    tier: str  # {tier}: said after the member only, not after a referee
    tier_points: str  # {points}: tier points the beneficiary earned, said after the head
    condition: str  # {condition}: the label of the condition of the earn that paid a line, after its rule's
    nothing_paid: str  # the body when no line pays
    amount: str  # {amount} {currency}: the money a line counted
    per_unit: Plural  # {points} {block} {count} {counted}: the units a line counted; one: per 1 unit
    counted_any: str  # {counted} when what a line counts has no label
    step: str  # {number} {of} {what} {value}: the step of a ladder a line was paid at
    step_value: str  # {what} of a ladder by a value without a label (`by streak + 1`)
    step_spend: str  # {what} of a ladder by the event's amount (`by amount`) when the field has no label
    step_money: str  # {amount} {currency}: the {value} of a ladder by money
    # a ladder over the member's history (``by streak of checkin``) says its value in words:
    # measure ("count", "spend", "first", "streak", "weekly streak") -> {kind} {window}; windows by
    # "this PERIOD", "last" ({days}) or "ever"
    history: dict[str, str]
    history_windows: dict[str, str]
    given: str  # {value}: the points the event carried (`earn beans`); {field} names its field
    outdone: tuple[str, str]  # {outdone} {winner}: another campaign's multiplier gave more (no winner on the line; one)
    separator: str  # between the multipliers of {outdone} or {winner}
    trimmed: str  # {after} {reason}
    reasons: dict[str, str]  # per trim kind (limit, cap, budget): {subject} {limit} {unit} {per}
    units: dict[str, str]  # a limit's unit: points, times
    periods: dict[str | None, str]  # a limit's or cap's period; None: ever
    currencies: dict[str, str]  # a currency's name, where not its code
    validity: str  # {usable} {expiry} {zone}
    valid_until: str  # {until} {rolling}
    rolling: str  # added when later activity pushes the expiry back
    never_expire: str


class TermsPhrases(TypedDict):
    """A program's terms, section by section (terms.py)."""

    title: str  # {program}
    value: str  # {points} {money} {currency}
    profile: str  # {fields}: the profile fields the program reads, by their labels
    profile_unnamed: str  # when none of them has a label
    earning: str  # section headings …
    tiers: str
    campaigns: str
    caps: str
    expiry: str
    redeeming: str
    rewards: str  # … to here
    list_separator: str  # between the items of a list (perks, weekdays, dates)
    colon: str  # before what a heading or a name introduces, inside a sentence
    comma: str  # between the clauses of a sentence (a campaign's schedules, the terms of redeeming)
    semicolon: str  # between the parts of a rule or of a tier
    when: str  # {condition}: a condition worded by wording/conditions.py
    # a condition's words (wording/conditions.py): "and", "or", "not" ({what}); nested groups: "any"
    # ({alternatives}: an `or` inside an `and`, or one with an `and` among its alternatives, whose
    # alternatives are then joined by "or group"), "and then" (before such a group after other parts),
    # "and within" (an `and` inside a group); "unworded", what the
    # terms say of a condition they cannot word and that has no label; "amount", the event's amount;
    # "KIND OP" ({subject} {value} {values} {low} {high}) per kind (number, money, tier, date) and
    # operator (= != < <= > >= in, not in, from), "number OP" when a kind has none of its own;
    # "hours" ({low} {high}), "hours before" ({next}), "hours from" ({low}), "run" ({low} {high}),
    # "day one" / "month one" ({n} {name}), "hour" / "weekday" / "day" / "month" ({values});
    # "never"; the member's history: "history MEASURE" ({kind} {window}), "window ever", "window last"
    # ({days}), "window this" ({period}) or "window this PERIOD"
    conditions: dict[str, str]
    money: str  # {amount} {currency}
    currencies: dict[str, str]  # a currency's name, where not its code
    periods: dict[str, str]  # event, day … year, as said after "per"
    units: dict[str, Plural]  # day … year as a duration's unit
    duration: str  # {count} {unit}
    rule: str  # {name} {event} {condition} {parts}: parts joined by "; "
    earn_points: Plural  # {points}
    earn_tier_points: Plural  # {points}: qualifying points, counted toward the tier only
    earn_spend: str  # {points} {every} {money} {on}
    spend_on: str  # {where}: the part of an order a spend counts (its `where`'s label)
    spend_any: str  # the part counted, when its `where` has no label and cannot be worded
    earn_units: Plural  # {points} {every} {block} {spend}: per unit (one) or per block of units (other)
    units_of: str  # {what}: the count a per-unit earn counts, by its label
    units_any: str  # the count, when it has no label
    earn_ladder: str  # {what} {steps}: the points of a ladder, said where {points} stands
    ladder_any: str  # what a ladder steps by, when it cannot be worded
    ladder_step: str  # {points} {start}: one step, joined by list_separator
    ladder_step_money: str  # {points} {start}: one step of a ladder by money, {start} an amount (money)
    ladder_spend: str  # what a ladder by the event's amount steps by, when the field has no label
    earn_given: str  # {maximum}: the points the event carries, said where {points} stands
    every: str  # prorated: every started block …
    every_full: str  # … or every full one
    earn_to: str  # {to}: a beneficiary other than the member, by its field's label
    earn_to_profile: str  # {to}: the member a profile field names, by its label
    earn_to_other: str  # a beneficiary whose field has no label
    spending_multiplier: str  # {factor} {bonuses}
    bonuses_too: str
    limit_per: str  # {what} {period}
    limit_ever: str  # {what}
    limit_times: Plural  # {count}
    limit_points: str  # {points}
    tier_threshold: str  # {metric} {window}: a tier's parts follow colon, joined by semicolon
    tier_metrics: dict[str, Plural]  # spend, points, purchases: {threshold} {count} {currency}
    tier_windows: dict[str, str]  # last: {duration}; this: {period}; lifetime
    tier_lifetime: str  # {metric}: lifetime status, said after a tier's threshold over its window
    tier_perks: str  # {perks}
    tier_set_by_us: str
    tier_down_one: str
    tier_assessed: str  # {period}: downgrades at the end of each period
    tier_assessed_anniversary: str  # downgrades on the anniversary of reaching the tier
    tier_counted: str  # {kinds}: the events counted toward tiers by spend or purchases
    tier_kept: str  # {duration}
    campaign: str  # {name} {schedule} {budget}
    campaign_budget: str  # {budget}
    window: str  # {start} {end}
    weekdays: str  # {days}
    weekday_names: list[str]  # Monday first
    month_days: str  # {days}
    month_day: str  # {day}
    year_days: str  # {days}
    year_day: str  # {month} {day}
    year_range: str  # {start} {end}: each a year_day
    campaigns_highest: str  # after the campaigns, when two or more multiply
    campaigns_stacking: str
    dates: str  # {dates}
    always: str
    cap: str  # {points} {period} {scope}
    cap_scope: str  # {kinds}
    no_cap: str
    expiry_never: str
    expiry_after: str  # {duration}
    expiry_inactive: str  # {duration}
    expiry_end: str  # {when}
    expiry_on: tuple[str, str]  # {days}: the next of those days after earning; the second
    day_or: str  # between the days of expiry_on
    end_of: dict[tuple[int, str], str]  # (periods after, period): {period}
    end_of_later: str  # {after} {period}: when end_of has no entry
    pending: str  # {duration}
    redeem: str  # {parts}: empty, or colon and the parts joined by comma
    redeem_minimum: str  # {points}
    redeem_minimum_order: str  # {amount} {currency}
    redeem_item_share: str  # {percent} {where}: `20% of items where …`, the items by the where's label
    redeem_none: str  # a program without `redeem`: points pay for no order
    redeem_step: str  # {points}
    redeem_share: str  # {percent}
    redeem_limit: str  # {points} {period}
    reward: str  # {name} {cost} {cash}
    reward_cash: str  # {cash} {currency}
    reward_limit_per: str  # {times} {period}
    reward_limit_ever: str  # {times}
    reward_eligibility: str  # {condition}
    reward_window: str  # {start} {end}
    reward_stock: str  # {stock}


class ReportPhrases(TypedDict):
    """Reports on runs (report/): `simulate`'s summary, `diff`'s text and both HTML pages. A line of
    text is a name, ``colon`` and a figure; an HTML heading is the name with its first letter raised."""

    html_lang: str  # the page's <html lang>: a BCP 47 tag
    colon: str  # between a name and its figure
    money: str  # {amount} {currency}
    currencies: dict[str, str]  # a currency's name, where not its code
    count: Plural  # {count}: a number of points
    points: str  # the points (the program's own name for them replaces the word)
    by: dict[str, str]  # rule, kind, tier, day: the points by that
    columns: dict[str, str]  # rule, kind, tier, member, old, new, change: a table's column heads
    labelled: str  # {key} {label}: a rule, kind or tier with its label (labelled())
    none: str  # an empty list
    read: str  # events read, accepted, rejected: the summary's first lines
    accepted: str
    rejected: str
    beneficiaries: str  # {n}: members who earned points
    skipped: str  # events the ledger already held
    versions: str  # {old} {new} {events}: `diff`'s first line
    change: str  # {what} {old} {new} {change}: one figure of both versions; {change} is empty or delta
    delta: str  # {change}
    delta_money: str  # {change} {value}: the change and what it is worth
    owed: str  # the points still owed at the end (not expired at the last event)
    members: str  # the members, as a heading and a line's name
    gain_lose: str  # {gain} {lose}: how many members' points rise and fall (text)
    gain_lose_page: Plural  # {gain} {lose}: the same as a sentence, by the members who gain
    guards: dict[str, str]  # none, proved, found ({side}): a version's guards
    sides: dict[str, str]  # old, new: a version, as {side}
    run: Plural  # {events} {points} {value} {owed}: one run's lead sentence, by the events
    change_value: str  # {value}: what the change of points is worth
    no_change: str  # no member's points change


@attrs.frozen
class Vocabulary:
    """One language's phrases for everything worded."""

    award: AwardPhrases
    terms: TermsPhrases
    report: ReportPhrases
