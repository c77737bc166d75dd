"""The closed vocabularies of the event file and the plan.

Plain `Literal`s with no pydantic behind them, so the command line can offer
them as choices without paying for the models at start-up.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["mixer", "trade-show", "conference", "meetup", "happy-hour", "other"]
Goal = Literal["business", "personal", "learning"]
NewTo = Literal["sales", "networking", "industry"]
Style = Literal["networker", "socializer", "supporter", "reluctant"]
Priority = Literal["high", "medium", "low"]

RuleKind = Literal["pro", "con", "tip"]
Verdict = Literal["go-alone", "go-together", "go-together-split-up"]
Recommendation = Literal["bring", "leave"]
Phase = Literal["before", "during", "after"]

PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low")
PHASES: tuple[Phase, ...] = ("before", "during", "after")
