"""The syntax stage: program text -> lark parse tree -> syntax tree, with syntax errors in the
language's words.

The tree's node classes are one family, defined by what they are in ``expressions`` (leaves and
conditions), ``rules`` (a rule and its statements) and ``declarations`` (everything else, and
``Program``), and gathered here so that every stage reads them as one namespace (``s.Rule``,
``s.Binary``) without knowing which file defines each. The modules that build the tree from text:
``grammar`` (the lark grammar), ``scan`` and ``limits`` (the limits of a program file), ``parser``
(the parse with recovery), ``transformer`` (parse tree -> syntax tree) and ``errors`` (lark's errors
-> syntax diagnostics).
"""

from pointrules.syntax.expressions import (
    Between, Binary, DateLit, Expr, History, In, MonthDay, Name, Negate, Not, Number, NumberLit, Quantity,
    Ref, Text, conjuncts,
)
from pointrules.syntax.rules import (
    EXPIRIES, Earn, ExpireAfter, ExpireEnd, ExpireInactive, ExpireNever, ExpireOn, Expiry, Ladder, Limit, Multiply, Pending, Per,
    Rule, Spend, Statement,
)
from pointrules.syntax.declarations import (
    Assess, Campaign, CampaignsCombine, Cap, Comment, Counted, Currency, DateWindow, Declaration,
    Downgrade, Effective, EnumType, Event, Field, Guard, KeepTier, ListType, Monthly, NamedType, OnDates,
    OptionalType, Perks, PointsName, PointsType, Profile, Program, ProgramName, Qualification, Record,
    Redeem, RedeemItem, RedeemItemShare, RedeemLimit, RedeemMinimum, RedeemMinimumOrder, RedeemShare,
    RedeemStep, Reward, RewardEligibility, RewardItem, RewardLimit, RewardStock, RewardWindow, Rounding,
    Schedule, Stacking, Tier, TierMultiplier, Tiers, TimeZone, TypeExpr, Value, Version, Weekly, Window,
    Yearly, YearlyRange,
)

__all__ = [
    "conjuncts",
    "Assess", "Between", "Binary", "Campaign", "CampaignsCombine", "Cap", "Comment", "Counted",
    "Currency", "DateLit", "DateWindow", "Declaration", "Downgrade", "Earn", "Effective", "EnumType",
    "Event", "ExpireAfter", "ExpireEnd", "ExpireInactive", "ExpireNever", "ExpireOn", "EXPIRIES",
    "Expiry", "Expr", "Field", "Guard", "History", "In", "KeepTier", "Ladder", "Limit", "ListType",
    "MonthDay", "Monthly", "Multiply", "Name", "NamedType", "Negate", "Not", "Number", "NumberLit",
    "OnDates", "OptionalType", "Pending", "Per", "Perks", "PointsName", "PointsType", "Profile",
    "Program", "ProgramName", "Qualification", "Quantity", "Record", "Redeem", "RedeemItem",
    "RedeemItemShare", "RedeemLimit", "RedeemMinimum", "RedeemMinimumOrder",
    "RedeemShare", "RedeemStep", "Ref", "Reward", "RewardEligibility", "RewardItem", "RewardLimit",
    "RewardStock", "RewardWindow", "Rounding", "Rule", "Schedule", "Spend", "Stacking", "Statement",
    "Text", "Tier", "TierMultiplier", "Tiers", "TimeZone", "TypeExpr", "Value", "Version", "Weekly",
    "Window", "Yearly", "YearlyRange",
]
