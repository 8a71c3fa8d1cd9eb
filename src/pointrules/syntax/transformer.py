"""Parse tree -> syntax tree: one lark Transformer method per grammar rule, each building the node of
``pointrules.syntax`` with its span. The grammar shapes the tree (``_rule``, ``?rule``, ``-> alias``),
so every method here is mechanical; meaning is the checker's job. This module builds the declarations
(the program's header, schemas, tiers, expiry, rules, campaigns, caps, redemption and rewards), on
``expression_transformer.py``'s leaves and conditions."""

from __future__ import annotations

from typing import Any

from lark import v_args

from pointrules import syntax as s
from pointrules.source import Span
from pointrules.syntax.expression_transformer import ExpressionTransformer


def _opt(items: list[Any]) -> tuple[Any, ...]:
    return tuple(i for i in items if i is not None)


@v_args(meta=True)
class TreeToSyntax(ExpressionTransformer):
    """Builds syntax nodes; ``base`` shifts positions when parsing resumed mid-file."""

    def __init__(self, base: int) -> None:
        super().__init__(visit_tokens=True)
        self.base = base
        # lark's v_args wraps a callback anew at every lookup on the instance (one per tree node):
        # look each up once and keep it on the instance, where later lookups find it as it is.
        for name in _CALLBACKS:
            setattr(self, name, getattr(self, name))

    # program
    def start(self, meta: Any, c: list[Any]) -> s.Program:
        return s.Program(declarations=tuple(c), comments=(), span=self._span(meta))

    def program_name(self, meta: Any, c: list[Any]) -> s.ProgramName:
        return s.ProgramName(name=c[0], span=self._span(meta))

    def version(self, meta: Any, c: list[Any]) -> s.Version:
        return s.Version(number=c[0], span=self._span(meta))

    def currency(self, meta: Any, c: list[Any]) -> s.Currency:
        return s.Currency(code=c[0], span=self._span(meta))

    def timezone(self, meta: Any, c: list[Any]) -> s.TimeZone:
        return s.TimeZone(name=c[0], span=self._span(meta))

    def value(self, meta: Any, c: list[Any]) -> s.Value:
        return s.Value(points=c[0], money=c[2], span=self._span(meta))

    def rounding(self, meta: Any, c: list[Any]) -> s.Rounding:
        return s.Rounding(mode=c[0], span=self._span(meta))

    def effective(self, meta: Any, c: list[Any]) -> s.Effective:
        return s.Effective(start=c[0], at=c[1], end=c[2], span=self._span(meta))

    def stacking(self, meta: Any, c: list[Any]) -> s.Stacking:
        return s.Stacking(mode=c[0], span=self._span(meta))

    def points_name(self, meta: Any, c: list[Any]) -> s.PointsName:
        texts = [x for x in c if isinstance(x, s.Text) or x is None]  # `points` itself is a Name
        return s.PointsName(zh=texts[0], en=texts[1], span=self._span(meta))  # type: ignore[arg-type]  # zh is required

    def campaigns_combine(self, meta: Any, c: list[Any]) -> s.CampaignsCombine:
        return s.CampaignsCombine(mode=c[0], span=self._span(meta))

    # schemas
    def event(self, meta: Any, c: list[Any]) -> s.Event:
        return s.Event(name=c[0], label=c[1], fields=c[2] or (), span=self._span(meta))

    def record(self, meta: Any, c: list[Any]) -> s.Record:
        return s.Record(name=c[0], fields=c[1], span=self._span(meta))

    def profile(self, meta: Any, c: list[Any]) -> s.Profile:
        return s.Profile(fields=c[0], span=self._span(meta))

    def fields(self, meta: Any, c: list[Any]) -> tuple[s.Field, ...]:
        return tuple(c)

    def field(self, meta: Any, c: list[Any]) -> s.Field:
        return s.Field(name=c[0], label=c[1], type=c[2], span=self._span(meta))

    def named_type(self, meta: Any, c: list[Any]) -> s.NamedType:
        return s.NamedType(name=c[0], span=self._span(meta))

    def enum_type(self, meta: Any, c: list[Any]) -> s.EnumType:
        return s.EnumType(values=tuple(c), span=self._span(meta))

    def list_type(self, meta: Any, c: list[Any]) -> s.ListType:
        return s.ListType(of=c[0], span=self._span(meta))

    def optional_type(self, meta: Any, c: list[Any]) -> s.OptionalType:
        return s.OptionalType(inner=c[0], span=self._span(meta))

    def points_type(self, meta: Any, c: list[Any]) -> s.PointsType:
        return s.PointsType(maximum=c[0], span=self._span(meta))

    # tiers
    def tiers(self, meta: Any, c: list[Any]) -> s.Tiers:
        items = c[1:]
        return s.Tiers(
            qualification=c[0],
            policies=tuple(i for i in items if isinstance(i, (s.Downgrade, s.KeepTier, s.Assess))),
            tiers=tuple(i for i in items if isinstance(i, s.Tier)),
            span=self._span(meta),
        )

    def qualification(self, meta: Any, c: list[Any]) -> s.Qualification:
        metric = c[1]
        if c[0] is not None:  # `by tier points`: one metric of two words
            metric = s.Name(text=f"tier {metric.text}", span=Span(c[0].start, metric.span.end))
        return s.Qualification(metric=metric, window=c[3], counted=c[2] or (), span=self._span(meta))

    def counted(self, meta: Any, c: list[Any]) -> tuple[s.Counted, ...]:
        return tuple(c)

    def counted_kind(self, meta: Any, c: list[Any]) -> s.Counted:
        return s.Counted(kind=c[0], field=c[1], span=self._span(meta))

    def window_last(self, meta: Any, c: list[Any]) -> s.Window:
        return s.Window(kind="last", count=c[0], unit=c[1], span=self._span(meta))

    def window_this(self, meta: Any, c: list[Any]) -> s.Window:
        return s.Window(kind="this", count=None, unit=c[0], span=self._span(meta))

    def window_lifetime(self, meta: Any, c: list[Any]) -> s.Window:
        return s.Window(kind="lifetime", count=None, unit=None, span=self._span(meta))

    def tier(self, meta: Any, c: list[Any]) -> s.Tier:
        lifetime = tuple(x for x in c[3:] if isinstance(x, s.LifetimeThreshold))
        benefits = tuple(x for x in c[3:] if not isinstance(x, s.LifetimeThreshold))
        return s.Tier(name=c[0], label=c[1], threshold=c[2], benefits=benefits, lifetime=lifetime,
                      span=self._span(meta))

    def lifetime_threshold(self, meta: Any, c: list[Any]) -> s.LifetimeThreshold:
        return s.LifetimeThreshold(threshold=c[0], span=self._span(meta))

    def tier_multiplier(self, meta: Any, c: list[Any]) -> s.TierMultiplier:
        return s.TierMultiplier(factor=c[0], including_bonuses=bool(c[1]), span=self._span(meta))

    def including_bonuses(self, meta: Any, c: list[Any]) -> bool:
        return True

    def perks(self, meta: Any, c: list[Any]) -> s.Perks:
        return s.Perks(perks=tuple(c), span=self._span(meta))

    def downgrade_one_level(self, meta: Any, c: list[Any]) -> s.Downgrade:
        return s.Downgrade(mode="one level", span=self._span(meta))

    def downgrade_to_qualified(self, meta: Any, c: list[Any]) -> s.Downgrade:
        return s.Downgrade(mode="qualified", span=self._span(meta))

    def assess_end(self, meta: Any, c: list[Any]) -> s.Assess:
        return s.Assess(kind="end", period=c[0], span=self._span(meta))

    def assess_anniversary(self, meta: Any, c: list[Any]) -> s.Assess:
        return s.Assess(kind="anniversary", period=None, span=self._span(meta))

    def assess_at_once(self, meta: Any, c: list[Any]) -> s.Assess:
        return s.Assess(kind="once", period=None, span=self._span(meta))

    def keep_tier(self, meta: Any, c: list[Any]) -> s.KeepTier:
        return s.KeepTier(duration=c[0], span=self._span(meta))

    # expiry, pending
    def expire_never(self, meta: Any, c: list[Any]) -> s.ExpireNever:
        return s.ExpireNever(span=self._span(meta))

    def expire_after(self, meta: Any, c: list[Any]) -> s.ExpireAfter:
        return s.ExpireAfter(duration=c[0], span=self._span(meta))

    def expire_inactive(self, meta: Any, c: list[Any]) -> s.ExpireInactive:
        return s.ExpireInactive(duration=c[0], span=self._span(meta))

    def expire_end(self, meta: Any, c: list[Any]) -> s.ExpireEnd:
        return s.ExpireEnd(unit=c[1], next=c[0] is not None, after=c[2], span=self._span(meta))

    def expire_on(self, meta: Any, c: list[Any]) -> s.ExpireOn:
        return s.ExpireOn(days=tuple(c[1:]), nth=2 if c[0] == "second" else 1, span=self._span(meta))

    def pending(self, meta: Any, c: list[Any]) -> s.Pending:
        return s.Pending(duration=c[0], span=self._span(meta))

    # rules
    def rule(self, meta: Any, c: list[Any]) -> s.Rule:
        return s.Rule(name=c[0], label=c[1], event=c[2], condition=c[3], condition_label=c[4],
                      statements=tuple(c[5:]), span=self._span(meta))

    def earn(self, meta: Any, c: list[Any]) -> s.Earn:
        return s.Earn(points=c[0], more=c[1] or (), tier=isinstance(c[2], Span), per=c[3], ladder=c[4], to=c[5],
                      condition=c[6], condition_label=c[7], span=self._span(meta))

    def tier_points(self, meta: Any, c: list[Any]) -> Span:
        return self._span(meta)

    def tier_metric(self, meta: Any, c: list[Any]) -> Span:
        return self._span(meta)

    def earn_given(self, meta: Any, c: list[Any]) -> s.Earn:
        return s.Earn(points=None, given=c[0], per=None, to=c[1], condition=c[2], condition_label=c[3],
                      span=self._span(meta))

    def more_points(self, meta: Any, c: list[Any]) -> tuple[s.Number, ...]:
        return tuple(c)

    def ladder(self, meta: Any, c: list[Any]) -> s.Ladder:
        starts = () if c[1] is None else tuple(c[1:])
        return s.Ladder(value=c[0], starts=starts, span=self._span(meta))

    def per(self, meta: Any, c: list[Any]) -> s.Per:
        return s.Per(block=c[0], currency=c[1], spend=c[2], prorated=c[3] is not None, span=self._span(meta))

    def per_unit(self, meta: Any, c: list[Any]) -> s.Per:
        return s.Per(block=c[0], currency=None, unit=c[1], spend=c[2], prorated=c[3] is not None,
                     span=self._span(meta))

    def spend(self, meta: Any, c: list[Any]) -> s.Spend:
        return s.Spend(field=c[0], attr=c[1], where=c[2], where_label=c[3], span=self._span(meta))

    def beneficiary(self, meta: Any, c: list[Any]) -> s.Name:
        return c[0]

    def multiply(self, meta: Any, c: list[Any]) -> s.Multiply:
        return s.Multiply(factor=c[0], including_bonuses=bool(c[1]), condition=c[2], condition_label=c[3],
                          span=self._span(meta))

    def limit(self, meta: Any, c: list[Any]) -> s.Limit:
        return s.Limit(amount=c[0], period=c[1], span=self._span(meta))

    # campaigns
    def campaign(self, meta: Any, c: list[Any]) -> s.Campaign:
        schedules = tuple(i for i in c[2:] if isinstance(i, (s.DateWindow, s.Weekly, s.Monthly, s.Yearly, s.YearlyRange, s.OnDates)))
        budget = next((i for i in c[2:] if isinstance(i, s.Quantity)), None)
        rules = tuple(i for i in c[2:] if isinstance(i, s.Rule))
        return s.Campaign(name=c[0], label=c[1], schedules=schedules, budget=budget, rules=rules,
                          span=self._span(meta))

    def date_window(self, meta: Any, c: list[Any]) -> s.DateWindow:
        return s.DateWindow(start=c[0], end=c[1], span=self._span(meta))

    def every_weekday(self, meta: Any, c: list[Any]) -> s.Weekly:
        return s.Weekly(days=tuple(c), span=self._span(meta))

    def every_month(self, meta: Any, c: list[Any]) -> s.Monthly:
        return s.Monthly(days=tuple(c), span=self._span(meta))

    def every_year(self, meta: Any, c: list[Any]) -> s.Yearly:
        return s.Yearly(days=tuple(c), span=self._span(meta))

    def every_year_range(self, meta: Any, c: list[Any]) -> s.YearlyRange:
        return s.YearlyRange(start=c[0], end=c[1], span=self._span(meta))

    def on_dates(self, meta: Any, c: list[Any]) -> s.OnDates:
        return s.OnDates(dates=tuple(c), span=self._span(meta))

    def budget(self, meta: Any, c: list[Any]) -> s.Quantity:
        return c[0]

    def cap(self, meta: Any, c: list[Any]) -> s.Cap:
        return s.Cap(amount=c[0], period=c[1], kinds=_opt(c[2:]), span=self._span(meta))

    # redemption and rewards
    def redeem(self, meta: Any, c: list[Any]) -> s.Redeem:
        return s.Redeem(items=tuple(c), span=self._span(meta))

    def redeem_minimum(self, meta: Any, c: list[Any]) -> s.RedeemMinimum:
        return s.RedeemMinimum(amount=c[0], span=self._span(meta))

    def redeem_minimum_order(self, meta: Any, c: list[Any]) -> s.RedeemMinimumOrder:
        return s.RedeemMinimumOrder(amount=c[0], span=self._span(meta))

    def item_spend(self, meta: Any, c: list[Any]) -> s.Spend:
        return s.Spend(field=c[0], attr=c[1], where=c[2], where_label=c[3], span=self._span(meta))

    def redeem_item_share(self, meta: Any, c: list[Any]) -> s.RedeemItemShare:
        return s.RedeemItemShare(share=c[0], spend=c[1], span=self._span(meta))

    def redeem_step(self, meta: Any, c: list[Any]) -> s.RedeemStep:
        return s.RedeemStep(amount=c[0], span=self._span(meta))

    def redeem_share(self, meta: Any, c: list[Any]) -> s.RedeemShare:
        return s.RedeemShare(share=c[0], span=self._span(meta))

    def redeem_limit(self, meta: Any, c: list[Any]) -> s.RedeemLimit:
        return s.RedeemLimit(amount=c[0], period=c[1], span=self._span(meta))

    def reward(self, meta: Any, c: list[Any]) -> s.Reward:
        return s.Reward(name=c[0], label=c[1], cost=c[2], cash=c[3], items=tuple(c[4:]), span=self._span(meta))

    def reward_limit(self, meta: Any, c: list[Any]) -> s.RewardLimit:
        return s.RewardLimit(count=c[0], period=c[1], span=self._span(meta))

    def reward_eligibility(self, meta: Any, c: list[Any]) -> s.RewardEligibility:
        return s.RewardEligibility(condition=c[0], label=c[1], span=self._span(meta))

    def reward_window(self, meta: Any, c: list[Any]) -> s.RewardWindow:
        return s.RewardWindow(start=c[0], end=c[1], span=self._span(meta))

    def reward_stock(self, meta: Any, c: list[Any]) -> s.RewardStock:
        return s.RewardStock(count=c[0], span=self._span(meta))

    def guard(self, meta: Any, c: list[Any]) -> s.Guard:
        return s.Guard(words=tuple(c[:-1]), bound=c[-1], span=self._span(meta))


_CALLBACKS = tuple(dict.fromkeys(name for klass in TreeToSyntax.__mro__ for name, value in vars(klass).items()
                                  if not name.startswith("__") and callable(value) and hasattr(value, "visit_wrapper")))
