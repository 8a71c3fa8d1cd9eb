"""中文 phrases: the vocabulary the walk in award.py fills for ``lang="zh"``.

Chinese puts most qualifiers before what they qualify (每日最多): the templates carry that order, the
walk stays the same.
"""

from __future__ import annotations

from .catalogue import AwardPhrases, Vocabulary

AWARD: AwardPhrases = {
    "paragraph": "{head}：{body}。{validity}",
    "head": "+{total} 积分（{who}{tier}）",
    "tier": "，{tier}",
    "nothing_paid": "本次活动没有适用的积分规则",
    "amount": "（消费 {amount} {currency}）",
    "trimmed": " → {after}（{reason}）",
    "reasons": {
        "limit": "「{subject}」{per}最多 {limit} {unit}",
        "cap": "{per}积分上限 {limit}",
        "budget": "活动「{subject}」预算 {limit} 积分",
    },
    "units": {"points": "积分", "times": "次"},
    "periods": {"day": "每日", "week": "每周", "month": "每月", "quarter": "每季度", "year": "每年",
                "event": "每笔", None: "累计"},
    "currencies": {"CNY": "元", "RMB": "元", "HKD": "港元", "USD": "美元", "JPY": "日元", "EUR": "欧元"},
    "validity": "{usable} 起可用{expiry}。",
    "valid_until": "，{until} 到期{rolling}",
    "rolling": "（此后有新活动则顺延）",
    "never_expire": "，永久有效",
}

VOCABULARY = Vocabulary(award=AWARD)
