"""Three hand-written reports of one fictional event, for paste-to-analyse tests."""

from __future__ import annotations

FERRY = [
    """Ferry runs aground on Lake Orvin, all 212 passengers rescued

The Orvin Ferry Company's vessel Marisol ran aground near Tessel Point on Saturday evening, and all
212 passengers were brought ashore by lifeboats before midnight, the regional coastguard said.

Coastguard commander Elena Varga said the ferry struck a sandbank in thick fog shortly after 7 pm.
"Every passenger is safe and accounted for," Varga told reporters in Tessel.

Four people were treated in hospital for minor injuries. The company said the Marisol would be
towed to the Orvin shipyard for inspection on Monday.
""",
    """All passengers safe after Lake Orvin ferry grounding

All 212 people on board the ferry Marisol were rescued after it ran aground near Tessel Point on
Saturday, the coastguard said.

The vessel hit a sandbank in heavy fog shortly after 7 pm. Commander Elena Varga of the regional
coastguard said every passenger was safe and accounted for.

Six people were taken to hospital with minor injuries, local officials said. The Orvin Ferry
Company said it would cooperate fully with the investigation and that the ship would be towed to
the Orvin shipyard on Monday.
""",
    """Fog blamed as Marisol ferry grounds off Tessel Point

The Orvin Ferry Company ferry Marisol grounded on a sandbank off Tessel Point in dense fog on
Saturday evening. Lifeboats brought all 212 passengers ashore before midnight.

"Every passenger is safe and accounted for," said Elena Varga, the coastguard commander in charge
of the rescue.

Four passengers were treated in hospital. The transport ministry has opened an inquiry into the
grounding, the second on the lake in three years.
""",
]


def pasted(articles: list[str]) -> str:
    """The articles as one paste, separated by ``---`` lines."""
    return "\n---\n".join(articles)
