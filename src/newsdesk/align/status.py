"""Status discrepancies: an event one report says is planned and another says took place.

An event is a stem from a short whitelist (sign, vote/ballot, meet/meeting, visit, talks, hold,
debate, hearing, trial, launch, announce): "will end a strike" / "ended" or "will return" /
"returned" are ordinary news progress, not a disagreement about whether something happened.
Planned: "scheduled/due/set/expected to (be) <verb>", "will <verb>", "<noun> scheduled/planned/set
for". Done: a past form of the verb not after "to/be" ("signed", "voted"), or "<noun> held / took
place". A report that says both is taken as done (the later news). The two sides must come from
weakly aligned sentences (``STATUS_SIM``) of different independent reports.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

import numpy as np

from newsdesk.align.claims import short, value
from newsdesk.align.text import stem
from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Discrepancy

#: Status needs only weak alignment: the shared event stem is the strong evidence.
STATUS_SIM = 0.3

_PLANNED = re.compile(
    r"\b(?:scheduled|slated|set|expected|due|planned|planning|poised)\s+to\s+(?:be\s+)?(\w+)"
    r"|\bwill\s+(?:formally\s+|now\s+|also\s+)?(\w+)"
    r"|\b(\w+)\s+(?:scheduled|planned|set)\s+for\b",
    re.IGNORECASE,
)

_DONE_NOUN = re.compile(r"\b(\w+)\s+(?:was\s+|were\s+)?(?:held|took place|happened)\b", re.I)
#: Events that are scheduled and then happen (or not), as stems, with their nouns mapped to them.
#: A whitelist: "will end a strike" vs "ended" or "will return" vs "returned" are ordinary news
#: progress, not a disagreement about whether something took place.

EVENTS = {
    "sign": "sign",
    "signing": "sign",
    "vote": "vote",
    "ballot": "vote",
    "meet": "meet",
    "meeting": "meet",
    "visit": "visit",
    "talk": "talk",
    "summit": "summit",
    "hold": "hold",
    "debate": "debate",
    "referendum": "vote",
    "election": "vote",
    "hearing": "hear",
    "hear": "hear",
    "trial": "trial",
    "ceremony": "sign",
    "launch": "launch",
    "announce": "announce",
    "announcement": "announce",
}

_PAST = {
    "sign": ("signed",),
    "vote": ("voted",),
    "meet": ("met",),
    "visit": ("visited",),
    "talk": ("talked",),
    "hold": ("held",),
    "debate": ("debated",),
    "hear": ("heard",),
    "launch": ("launched",),
    "announce": ("announced",),
    "summit": (),
    "trial": (),
}


@functools.lru_cache(maxsize=8192)
def planned(text: str) -> frozenset[str]:
    """Events ``text`` reports as planned (memoised: the date checks ask for every pair)."""
    out = set()
    for m in _PLANNED.finditer(text):
        word = next(g for g in m.groups() if g).lower()
        event = EVENTS.get(word) or EVENTS.get(stem(word))
        if event:
            out.add(event)
    return frozenset(out)


def _done(text: str, event: str) -> bool:
    """Whether ``text`` reports ``event`` as done: "signed", "voted", "a ballot held"."""
    lowered = text.lower()
    for form in _PAST.get(event, ()):
        for m in re.finditer(rf"\b{form}\b", lowered):
            before = lowered[max(0, m.start() - 12) : m.start()]
            if not re.search(r"\b(?:be|been|being|to)\s+$", before):
                return True
    return any(EVENTS.get(m.group(1).lower()) == event for m in _DONE_NOUN.finditer(text))


def status_discrepancies(ctx: StoryContext, score: np.ndarray) -> list[Discrepancy]:
    plans: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    planned_in = {u.row: planned(u.text) for u in ctx.units}
    for u in ctx.units:
        for event in planned_in[u.row]:
            plans[event][u.article_id].append(u)
    out = []
    for event, by_article in plans.items():
        done: dict[str, list[Unit]] = defaultdict(list)
        for u in ctx.units:
            if event not in planned_in[u.row] and _done(u.text, event):
                done[u.article_id].append(u)
        plan_only = {a: us for a, us in by_article.items() if a not in done}
        if not plan_only or not done:
            continue
        pairs = [
            (p, d)
            for ps in plan_only.values()
            for p in ps
            for ds in done.values()
            for d in ds
            if p.root != d.root and score[p.row, d.row] >= STATUS_SIM
        ]
        if not pairs:
            continue
        sides = {
            "scheduled": sorted({p.row: p for p, _ in pairs}.values(), key=lambda u: u.row),
            "took place": sorted({d.row: d for _, d in pairs}.values(), key=lambda u: u.row),
        }
        values = tuple(value(k, ((u.article_id, u.span) for u in us)) for k, us in sides.items())
        out.append(Discrepancy("status", short(sides["scheduled"][0].text), values))
    return out
