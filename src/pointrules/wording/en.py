"""English phrases: the vocabulary the walk in award.py fills for ``lang="en"``."""

from __future__ import annotations

from .catalogue import AwardPhrases, Vocabulary

AWARD: AwardPhrases = {
    "paragraph": "{head}: {body}. {validity}",
    "head": "+{total} points for {who}{tier}",
    "tier": " ({tier})",
    "nothing_paid": "no rule of the program pays for this event",
    "amount": " (on {amount} {currency})",
    "trimmed": " → {after} ({reason})",
    "reasons": {
        "limit": "{subject} pays at most {limit} {unit} {per}",
        "cap": "cap of {limit} points {per}",
        "budget": "campaign {subject} budget of {limit} points",
    },
    "units": {"points": "points", "times": "times"},
    "periods": {"day": "a day", "week": "a week", "month": "a month", "quarter": "a quarter", "year": "a year",
                "event": "an event", None: "in all"},
    "currencies": {},  # the code itself: CNY, USD
    "validity": "Usable from {usable}{expiry} ({zone}).",
    "valid_until": "; valid until {until}{rolling}",
    "rolling": " (pushed back by later activity)",
    "never_expire": "; never expire",
}

VOCABULARY = Vocabulary(award=AWARD)
