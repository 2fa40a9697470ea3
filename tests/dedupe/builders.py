"""Articles written for the dedupe tests: a wire story, an unrelated story, a pool of reports."""

from __future__ import annotations

from typing import Any

from newsdesk.model import Article

WIRE = [
    "A fire broke out at a grain warehouse on the eastern docks of Port Emmen late on Tuesday, "
    "sending a column of black smoke over the old town, the regional fire service said.",
    "About sixty firefighters with twelve engines fought the blaze through the night and had it "
    "under control by early Wednesday morning, according to fire service spokeswoman Lena Vos.",
    "Nobody was hurt, but residents of three streets near the docks were told to keep their "
    "windows closed because of the smoke, and two schools stayed shut on Wednesday.",
    "The warehouse, owned by the shipping firm Emmen Cargo, held about four thousand tonnes of "
    "wheat waiting to be loaded onto a freighter bound for the south.",
    '"We do not yet know what started the fire, and we will not guess," Vos told reporters at '
    "the gates of the docks on Wednesday morning.",
    "Police said investigators would examine the site once the building had been declared safe, "
    "which could take several days because part of the roof had collapsed.",
]
OTHER = [
    "Cheering crowds lined the harbour at Lisse on Saturday as the restored sailing ship Albatros "
    "returned home after a three-year refit in a northern shipyard.",
    "The ship, built in 1911, carried timber along the coast for half a century before a local "
    "trust bought it for a symbolic sum and began raising money to save it.",
    '"Every plank tells a story, and now the stories can sail again," said trust chair Ruud Mol, '
    "who has led the campaign since it began in 2009.",
    "The Albatros will take schoolchildren on short voyages during the summer holidays and will "
    "be open to visitors at weekends from next month.",
]


def art(
    text: str | list[str], outlet: str | None, published: str | None = None, **kw: Any
) -> Article:
    body = "\n\n".join(text) if isinstance(text, list) else text
    return Article.create(f"{outlet}-{published}-{len(body)}.txt", body, outlet=outlet,
                          published=published, **kw)  # fmt: skip


POOL = [
    art(WIRE, "A Post", "2025-04-01T08:00"),
    art(WIRE, "A Post", "2025-04-01T09:00", title="again"),
    art([*WIRE[:5], "A closing line that differs from the wire text in B Times."], "B Times",
        "2025-04-01"),
    art(WIRE[1:], "C Daily", None),
    art(OTHER, "A Post", "2025-04-02"),
    art([*OTHER[:3], "The ship will dock at Lisse."], "D Herald", "2025-04-02",
        extra={"credits": ["A Post"]}),
    art(OTHER[1:], "E Echo", "2025-04-03"),
]  # fmt: skip
