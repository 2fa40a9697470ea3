"""Plain-text cleaning: the lines a pasted web page carries besides its story.

Each pattern below names a *kind* of line (ad slot, breadcrumb, teaser, caption credit, share
prompt) and matches the whole line, so prose that merely mentions "advertisement" survives. None
is taken from one particular page. Lines that carry metadata (outlet header, headline, byline,
"Published" line, source credits) are taken out of the body and handed back in
:class:`CleanText` for :mod:`newsdesk.ingest.metadata` to use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.dedupe.derivatives import sign_off

# Ad slots and scroll prompts left where an ad was ("Advertisement · Scroll to continue").
_AD = (
    r"(?:advertisement|advertising|advert|ads?|sponsored(?: content)?|paid (?:content|post)"
    r"|(?:story|article) continues below(?: advertisement)?|scroll to continue(?: with content)?"
    r"|scroll down to continue|continue reading(?: below)?)"
)
AD_LINE = re.compile(rf"^(?:{_AD})(?:\s*[·•|:/\-–—]\s*{_AD})*\W*$", re.I)

# Breadcrumb trails: "Home/", "• Home/", "Home > World > Europe", "News / World / Asia".
BREADCRUMB = re.compile(
    r"^(?:[•·*\-–>»]\s*)?(?:home|homepage|front page|start)\s*(?:[/>»›|]|$)"
    r"|^(?:\w[\w.,'&-]*(?: \w[\w.,'&-]*){0,2}\s*[/>»›]\s*){2,}[\w .,'&’‘-]{0,80}$",
    re.I,
)
# A line that is only a bullet, dash or rule ("-", "•", "***", "---").
BULLET_ONLY = re.compile(r"^[\s\-–—•·*|_=~#>]+$")
BULLET_ITEM = re.compile(r"^[•·*\-–]\s+\S")

# Teasers for other stories: "Read more: …", "See also: …", "Watch: …".
TEASER = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related|recommended|more from|more on"
    r"|must read|watch|listen|trending|most read|editor'?s picks?|top stories|don'?t miss)"
    r"\s*[:|»>–—-]\s*\S.{0,200}$",
    re.I,
)
# Headings of teaser blocks ("Related articles:", "You may also like").
RELATED_HEADING = re.compile(
    r"^(?:related(?: articles?| stories| coverage| content| news| posts| reading| topics| links)?"
    r"|more (?:stories|news|articles|coverage|from \w+(?: \w+)?)|you (?:may|might) (?:also )?like"
    r"|recommended(?: for you| stories| reading| articles)?|most (?:read|popular|viewed|shared)"
    r"|(?:also|further) (?:read|reading)|trending(?: now| stories)?|top stories"
    r"|latest (?:news|stories)"
    r"|more on this (?:story|topic)|read next|what to read next)\s*:?$",
    re.I,
)
# Photo captions identified by their credit: "(AP Photo/Jane Doe)", "(Photo by X/Getty Images)",
# "Photo: Reuters", "Image credit: AFP", "... / Getty Images". The credit marks the whole line.
CAPTION = re.compile(
    r"\((?:[A-Z][\w.&' -]{0,40}\s)?(?:photo|photograph|image|picture|pic|foto|file photo)s?"
    r"\s*(?:/|:|by\b|via\b|credit\b|courtesy\b)[^()]{0,100}\)"
    r"|(?:^|[\s.|])(?:photo|image|picture)s?(?:\s+credit)?\s*:\s*[\w .&/,'-]{2,60}$"
    r"|/\s*(?:getty images|afp|reuters|ap|epa(?:-efe)?|anadolu(?: agency)?|shutterstock|sipa)"
    r"\s*\)?$"
    r"|^(?:credit|caption|file photo)\s*:",
    re.I,
)
# Share, follow, subscribe, sign-in and app prompts; cookie banners; reading-time widgets.
PROMPT = re.compile(
    r"^(?:share(?: this| the)?(?: article| story| page| post)?(?: on \w+| via \w+)?"
    r"|tweet|e-?mail|print|copy(?: the)? link|link copied|copied|save(?: article| story)?|bookmark"
    r"|comments?(?: \(\d+\))?|\d+ comments?|view comments|leave a comment"
    r"|follow(?: us)?(?: on .{1,40})?"
    r"|subscribe\b.{0,120}|sign (?:up|in)\b.{0,120}|log ?in|register|newsletter\b.{0,80}"
    r"|(?:get|download) (?:the|our) .{0,40}app\b.{0,60}|click here\b.{0,120}"
    r"|join (?:our|the) .{0,60}(?:newsletter|channel|community|whatsapp|telegram).{0,40}"
    r"|listen to (?:this|the) (?:article|story).{0,30}|\d+\s*min(?:ute)?s? read|reading time.{0,20}"
    r"|skip to (?:main )?content|we use cookies.{0,200}|accept(?: all)? cookies|loading\W*"
    r"|(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|flipboard|email)"
    r"(?:\s*[|·•,/]\s*(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|email"
    r"|print|copy link))*)\W*$",
    re.I,
)
# Metadata lines: bylines, "Published"/"Updated" lines, source credits.
BYLINE = re.compile(
    r"^[Bb]y\s+(?P<author>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|de|der|von|al|bin)){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)"
    r"(?:\s*(?:[,|·•–—-]|\bfor\b|\bin\b).{0,60})?$"
)
DATELINE = re.compile(
    r"^(?:published|updated|last updated|posted|first published|date)(?: on| at)?\s*:?\s*"
    r"(?P<date>.{4,80})$",
    re.I,
)
# "Original Source: X", "Originally published by X", "This article first appeared on X": the story
# is someone else's. A plain "Source: X" line instead names the outlet the text comes from.
CREDIT = re.compile(
    r"^(?:original(?:ly)?\s+source|originally (?:published|posted|appeared) (?:by|on|at|in)"
    r"|(?:this|the) (?:article|story|report) (?:was )?(?:first |originally )?(?:appeared|published"
    r"|ran) (?:on|in|at|by)|republished (?:from|with permission from)|via)"
    r"\s*:?\s*(?P<who>.{2,80}?)\.?$",
    re.I,
)
SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<who>[^.]{2,60}?)\.?$", re.I)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A line that is only a date, maybe with weekday, time and zone: "Friday 13 June 2025 11:30 BST".
DATE_LINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+\d{{4}}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?$"
    r"|^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$",
    re.I,
)
# "WorldBrief | Friday 13 June 2025", "The Morning Dispatch — International".
MASTHEAD = re.compile(r"^(?P<name>[^|·•–—]{2,40}?)\s*[|·•–—]\s*(?P<rest>[^|·•–—]{2,40})$")
HEAD_LINES = 6  # a masthead line sits among the first lines, above the story
# Wire staff credits: "(Reporting by Jane Doe; Editing by John Roe)".
WIRE_STAFF = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|edited|compiled|research) by\b[^()]*\)?\.?$",
    re.I,
)

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = re.compile(r"[.!?…\"'”’)\]]$")
_HEADER_STOPWORDS = {"the", "of", "and", "&", "a", "an", "de", "la", "le", "al", "el"}


@dataclass
class CleanText:
    """Body paragraphs of a paste and the metadata lines taken out of it."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None  # headline line
    header: str | None = None  # short line above the headline naming the outlet
    author: str | None = None
    dateline: str | None = None  # text of a "Published …" line
    credits: list[str] = field(default_factory=list)  # "Original Source: X" → X
    source: str | None = None  # "Source: X" → X
    removed: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def is_boilerplate(line: str, words: int | None = None) -> bool:
    """Whether one line (stripped) is page furniture rather than story text (``words``: its word
    count, if the caller has it)."""
    if not line:
        return False
    words = len(line.split()) if words is None else words
    if BULLET_ONLY.match(line) or AD_LINE.match(line) or _caption(line):
        return True
    if words <= 30 and (BREADCRUMB.match(line) or TEASER.match(line) or PROMPT.match(line)):
        return True
    return words <= 8 and bool(RELATED_HEADING.match(line))


def _caption(line: str) -> bool:
    # Every branch of CAPTION needs a "(", ":" or "/": checking for them first spares most prose
    # lines the case-insensitive scan (the costliest pattern here, run on every line of every page).
    return ("(" in line or ":" in line or "/" in line) and bool(CAPTION.search(line))


def strip_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_HEADING.sub("", line)
    line = re.sub(r"^>\s?", "", line)
    return _MD_EMPHASIS.sub(r"\2", line).strip()


def headline_like(line: str, max_words: int = 25) -> bool:
    """A line that reads as a headline: short, and not a sentence ending in a full stop."""
    words = line.split()
    return 0 < len(words) <= max_words and not line.rstrip().endswith((".", ":", ";", ","))


def header_like(line: str) -> bool:
    """A short title-cased name with no digits or sentence punctuation ("The Daily Guardian")."""
    words = line.split()
    if not 1 <= len(words) <= 5 or len(line) > 40 or re.search(r"[\d.!?:;,\"“”]", line):
        return False
    return all(w[0].isupper() or w.lower() in _HEADER_STOPWORDS for w in words)


def _content_words(line: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", line.lower()) if w not in _HEADER_STOPWORDS}


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """Text wrapped at a fixed width (e-mail, terminals): most lines of multi-line blocks stop
    mid-sentence at a similar length. Such lines are joined back into paragraphs."""
    inner = [ln for b in blocks if len(b) > 1 for ln in b[:-1]]
    if len(inner) < 3:
        return False
    open_ended = sum(1 for ln in inner if not _SENTENCE_END.search(ln) and 40 <= len(ln) <= 100)
    return open_ended >= 0.7 * len(inner)


def filter_lines(lines: list[str], out: CleanText) -> list[str]:
    """``lines`` without furniture and metadata lines (recorded in ``out``); blank lines stay, as
    paragraph separators. Shared by pastes and by trafilatura's output for HTML pages."""
    kept: list[str] = []
    in_trail = False
    for index, line in enumerate(lines):
        if not line:
            in_trail = False
            kept.append("")
            continue
        words = len(line.split())  # counted once: each pattern below applies up to a length
        if words <= 30 and BREADCRUMB.match(line):
            in_trail = True
            out.removed.append(line)
            continue
        if in_trail and BULLET_ITEM.match(line):
            out.removed.append(line)  # the trail's last item is usually the headline itself
            continue
        in_trail = False
        if words <= 8 and RELATED_HEADING.match(line):
            tail = [ln for ln in lines[index + 1 :] if ln]
            # Under a "Related" heading come teaser headlines; a real paragraph ends the block.
            if all(len(ln.split()) <= 20 for ln in tail):
                out.removed.extend([line, *tail])
                for rest in tail:  # a credit line may still follow the teasers
                    _take_metadata(rest, out)
                break
            out.removed.append(line)
            continue
        if _take_metadata(line, out, words) or is_boilerplate(line, words):
            out.removed.append(line)
            continue
        kept.append(line)
    return kept


def finish(paragraphs: list[str], out: CleanText) -> list[str]:
    """Take closing credit paragraphs ("— Meridian Press", "(Reuters)") off the end of the body."""
    while paragraphs and (name := sign_off(paragraphs[-1])):
        out.credits.append(name)
        out.removed.append(paragraphs.pop())
    return paragraphs


def clean_text(text: str, markdown: bool = False) -> CleanText:
    """Split a paste into body paragraphs and metadata lines (see the module docstring)."""
    out = CleanText()
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if markdown:
        lines = [strip_markdown(ln) for ln in lines]
    lines = [" ".join(ln.split()) for ln in lines]
    content = [i for i, ln in enumerate(lines) if ln]
    if not content:
        return out

    # An outlet header: a short name-like first line above a breadcrumb trail or a headline. A
    # short *headline* above a subheading is told apart by its words: it shares them with the
    # subheading, and most of them recur in the story, while an outlet's name rarely does.
    first = lines[content[0]]
    if len(content) > 2 and header_like(first):
        nxt = lines[content[1]]
        words = _content_words(first)
        in_story = words & _content_words(" ".join(lines[i] for i in content[2:]))
        trail = BREADCRUMB.match(nxt) or BULLET_ITEM.match(nxt)
        if trail or (
            headline_like(nxt)
            and not words & _content_words(nxt)
            and 2 * len(in_story) <= len(words)
        ):
            out.header = first
            lines[content[0]] = ""
    # A masthead line among the first lines: "WorldBrief | Friday 13 June 2025",
    # "The Morning Dispatch — International": a name, a separator, then a date or a section.
    for i in content[:HEAD_LINES]:
        if out.header is None and (match := MASTHEAD.match(lines[i])):
            name, rest = match.group("name"), match.group("rest")
            section = header_like(rest) and len(rest.split()) <= 3
            if header_like(name) and (section or DATE_LINE.match(rest)):
                out.header = name
                if DATE_LINE.match(rest):
                    out.dateline = out.dateline or rest
                lines[i] = ""

    blocks = _blocks(filter_lines(lines, out))
    if not blocks:
        return out
    if _hard_wrapped(blocks):
        paragraphs = [" ".join(b) for b in blocks]
    else:
        paragraphs = [ln for b in blocks for ln in b]

    kept_title = 0  # paragraphs from the start that stay in the body even if equal to the title
    if headline_like(paragraphs[0]) and len(paragraphs) > 1:
        out.title = paragraphs[0]
        paragraphs = paragraphs[1:]
    elif len(paragraphs[0].split()) <= 30 and len(paragraphs) > 1:
        out.title = paragraphs[0]  # a one-sentence standfirst doubles as headline; kept in the body
        kept_title = 1
    # Pages repeat their headline (trail, header, body); a repeat is not story text.
    title_key = out.title.casefold() if out.title else None
    deduped: list[str] = []
    for index, para in enumerate(paragraphs):
        repeat = index >= kept_title and title_key is not None and para.casefold() == title_key
        if repeat or (deduped and para == deduped[-1]):
            out.removed.append(para)
            continue
        deduped.append(para)
    out.paragraphs = finish(deduped, out)
    return out


def clean_paragraphs(text: str) -> CleanText:
    """Furniture and metadata lines out of already-extracted body text (one paragraph a line)."""
    out = CleanText()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out.paragraphs = finish([ln for ln in filter_lines(lines, out) if ln], out)
    return out


def _take_metadata(line: str, out: CleanText, words: int | None = None) -> bool:
    """Record a metadata line in ``out``; ``True`` if ``line`` was one."""
    words = len(line.split()) if words is None else words
    if words > 20:
        return False  # every metadata line below is shorter
    if words <= 12 and (m := BYLINE.match(line)) and out.author is None:
        out.author = m.group("author").strip()
        return True
    if words <= 14 and (m := DATELINE.match(line)) and re.search(r"\d", line):
        out.dateline = out.dateline or m.group("date")
        return True
    if words <= 10 and DATE_LINE.match(line):
        out.dateline = out.dateline or line
        return True
    if words <= 14 and (m := CREDIT.match(line)):
        out.credits.append(m.group("who").strip())
        return True
    if words <= 10 and (m := SOURCE_LINE.match(line)):
        out.source = out.source or m.group("who").strip()
        return True
    return words <= 20 and bool(WIRE_STAFF.match(line))
