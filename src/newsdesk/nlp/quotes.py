"""Quotes: direct (in marks), indirect (a reported clause), mixed (paraphrase with quoted words).

Steps, per article:

1. Quote marks are paired by :func:`~newsdesk.nlp.marks.find_quote_marks`.
2. Reported speech comes from the parse: a speech verb (:data:`SPEECH_VERBS`) with a clausal
   complement ("X said (that) …", "…, X said.", "X has stated that …"), an infinitive for
   promise-like verbs (:data:`INFINITIVE_CUES`), or "according to X, …". A verb whose own subject
   is a thing ("Putin's comments suggest …") is analysis, not speech, and "Asked whether …" is
   the journalist speaking. A reported clause with words of its own before quoted words makes
   those words *mixed* quotes (the gold convention: the quote is the quoted fragment); one that
   starts with its quote leaves it to step 3.
3. Every other quoted stretch takes the nearest speech verb connected to it (no sentence end
   between them outside quotes; a verb whose complement holds the quote beats a nearer one). It
   is *mixed* when woven into running text (lower case right after a word: "described it as
   “fair …”") or when it is a fragment under :data:`FRAGMENT_WORDS` words framed by a verb like
   "called" (:data:`FRAGMENT_CUES`); fragments with no such verb are scare quotes and dropped.
   A direct quote with no cue takes the speaker of the quote just before, in the same or the
   previous paragraph ("…,” she said, “…”; a quote paragraph after a quote paragraph).
4. Speakers go through :class:`~newsdesk.nlp.speakers.SpeakerResolver` in text order, so pronouns
   see earlier speakers. Sources in "according to" and "as reported by" phrases extend the quote's
   ``attribution`` chain: (speaker, source, …).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Mention, Quote, content_hash
from newsdesk.nlp.entities import word_set
from newsdesk.nlp.marks import CLOSERS, Marked, QuotedSpans, find_quote_marks
from newsdesk.nlp.people import ArticlePeople
from newsdesk.nlp.speakers import Speaker, SpeakerResolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEECH_VERBS = word_set(
    """say tell state stress note warn insist add argue claim remark suggest indicate emphasise
    emphasize underline underscore mention explain announce confirm deny acknowledge admit ask
    question query reply respond answer declare assert maintain reiterate repeat write tweet post
    comment recall predict vow pledge promise urge caution contend concede conclude observe
    allege estimate propose reveal disclose testify complain boast joke quip speculate hint signal
    assure reassure remind threaten inform"""
)  # "report" is left out: "the correspondent reported that" is the outlet's own reporting
#: Verbs that frame a quoted fragment without reporting speech: "called the accord ‘a surrender’",
#: "described the talks as «difficult but honest»".
FRAGMENT_CUES = SPEECH_VERBS | word_set(
    """call describe dismiss label brand dub term hail praise condemn denounce criticise
    criticize"""
)
#: Speech verbs whose report is an infinitive: "has promised to fight ratification".
INFINITIVE_CUES = word_set("promise vow pledge threaten refuse")
#: Quoted stretches shorter than this many words are fragments: scare quotes, or pieces woven into
#: a paraphrase (“very promising”). Quotable sentences are longer.
FRAGMENT_WORDS = 4


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    cue_lemma: str | None = None
    speaker_token: Token | None = None
    anchor: int = 0  # where the speaker is introduced (for pronoun bookkeeping)


def _token_span(tokens: list[Token]) -> tuple[int, int]:
    keep = [t for t in tokens if not t.is_space]
    while keep and (keep[0].is_punct or keep[0].dep_ == "mark" or keep[0].lower_ == "that"):
        keep.pop(0)
    if keep and keep[0].pos_ == "ADP":  # "(said) on Tuesday it was …": the date is the cue's
        date = list(keep[0].subtree)
        if all(t.ent_type_ in {"DATE", "TIME"} for t in date[1:]) and len(date) < len(keep):
            keep = keep[len(date) :]
    while keep and (keep[-1].is_punct and keep[-1].text not in CLOSERS):
        keep.pop()
    if not keep:
        return 0, 0
    return keep[0].idx, keep[-1].idx + len(keep[-1].text)


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) >= 3 and any(t.pos_ in {"VERB", "AUX"} for t in span)


def _sources(doc: Doc, quoted: QuotedSpans) -> dict[int, list[tuple[int, int, str]]]:
    """Clause head index → (start, end, phrase) of "according to X" / "(as) reported by X"."""
    out: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for tok in doc:
        if tok.idx in quoted:
            continue
        obj = None
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        elif tok.lemma_ == "report" and tok.tag_ == "VBN":
            by = next((c for c in tok.children if c.dep_ == "agent"), None)
            obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if obj is not None:
            start, end = _token_span(list(obj.subtree))
            if start < end:
                out[tok.head.i].append((start, end, doc.text[start:end]))
    return out


def _finite(clause: Token) -> bool:
    """A reported clause has a subject or a finite verb, and is not a conditional inversion
    ("should Russia reject …")."""
    first = next(iter(clause.subtree))
    if first.tag_ == "MD" or (first.pos_ == "AUX" and first.i < clause.i):
        second = first.nbor(1) if first.i + 1 < len(first.doc) else None
        if second is not None and second.dep_ in {"nsubj", "nsubjpass"}:
            return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children):
        return True
    tags = {clause.tag_} | {c.tag_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
    return bool(tags & {"VBD", "VBZ", "VBP", "MD"})


def _according(doc: Doc, tok: Token, quoted: QuotedSpans) -> _Candidate | None:
    """ "X happened, according to Y": the clause is what Y said."""
    head = tok.head
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # "… were injured and … destroyed, according to": both conjuncts
    if head.lemma_.lower() in SPEECH_VERBS or head.idx in quoted:
        return None  # the speech verb carries the quote; this is only its source
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if obj is None:
        return None
    own = {t.i for t in tok.subtree}
    skip = set(own)
    for child in head.children:  # "…, as reported by Izvestia"
        if child.lemma_ == "report" and child.tag_ == "VBN":
            skip |= {t.i for t in child.subtree}
    if tok.i > head.i:  # "X happened, according to Y, with …": what comes before
        tokens = [t for t in head.subtree if t.i < tok.i and t.i not in skip]
    else:  # "According to Y, (an aside about Y,) X happened": what comes after
        tokens = [t for t in head.subtree if t.i > max(own) and t.i not in skip]
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            lead = [t for t in tokens if t.i < subject.left_edge.i]
            if lead and lead[-1].text == ",":
                tokens = [t for t in tokens if t.i >= subject.left_edge.i]
    start, end = _token_span(tokens)
    if start < end and _has_verb(doc, start, end):
        return _Candidate(start, end, "indirect", tok, "according to", obj, tok.idx)
    return None


def _bare_cue(tok: Token) -> bool:
    """ "…, she said." / "…, she asked, …": a speech verb with nothing but its subject."""
    return all(
        c.dep_ in {"nsubj", "punct", "advmod", "npadvmod", "prep", "cc"} for c in tok.children
    )


def _paraphrase_before(doc: Doc, tokens: list[Token], quoted: QuotedSpans) -> bool:
    """Whether a clause has words of its own before its quoted part ("the union had “got …”")."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    first_quoted = next((t.idx for t in words if t.idx in quoted), None)
    return first_quoted is not None and any(
        t.idx < first_quoted and t.dep_ != "mark" and t.lower_ != "that" for t in words
    )


def _woven(text: str, mark: Marked) -> bool:
    """A quotation woven into running text ("described it as “fair to …”"): it starts in lower
    case right after a word, not after a colon, comma or the start of a sentence."""
    before = text[: mark.open].rstrip()
    first = text[mark.start : mark.start + 1]
    return bool(before) and before[-1].isalnum() and first.islower()


def _reported(doc: Doc, quoted: QuotedSpans, resolver: SpeakerResolver) -> list[_Candidate]:
    """Reported clauses of speech verbs and "according to" sentences."""
    out: list[_Candidate] = []
    for tok in doc:
        if tok.idx in quoted:
            continue
        if tok.lower_ == "according" and tok.dep_ == "prep":
            found = _according(doc, tok, quoted)
            if found is not None:
                out.append(found)
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in SPEECH_VERBS:
            continue
        if tok.tag_ == "VBN" and not any(
            c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in tok.children
        ):
            continue  # "Asked whether …, she said": the speaker was asked, she did not ask
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        infinitive = False
        if clause is None and lemma in INFINITIVE_CUES:
            clause = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            infinitive = clause is not None
        tokens: list[Token]
        if clause is not None:
            tokens = list(clause.subtree)
        elif (
            tok.dep_ in {"parataxis", "ccomp"}
            and tok.head.i < tok.i
            and tok.head.pos_ in {"VERB", "AUX"}
            and _bare_cue(tok)
        ):
            own = {t.i for t in tok.subtree}  # "Moscow wants …, she said." parsed the other way
            tokens = [t for t in tok.head.subtree if t.i not in own and t.i < tok.i]
            clause = tok.head
        else:
            continue
        if clause.idx in quoted and not _paraphrase_before(doc, tokens, quoted):
            continue  # the complement is a direct quote; step 3 gives it this cue
        if not infinitive and not _finite(clause):
            continue  # "maintaining control … to become part of NATO": not a report
        subject = resolver.subject(tok)
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and not c.is_punct]
        if subjects and subject is None:
            continue  # "Putin's comments suggest …": analysis, not speech
        start, end = _token_span(tokens)
        if start < end and (infinitive or _has_verb(doc, start, end)):
            out.append(_Candidate(start, end, "indirect", tok, lemma, None, tok.idx))
    return out


def _connected(doc: Doc, a: int, b: int, quoted: QuotedSpans) -> bool:
    """No sentence end or line break outside quotes between characters ``a`` and ``b``."""
    if a > b:
        a, b = b, a
    if "\n" in doc.text[a:b]:
        return False
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return True
    return not any(t.tag_ == "." and t.idx not in quoted for t in span)


def _cue_for(
    doc: Doc, mark: Marked, quoted: QuotedSpans, verbs: frozenset[str] = SPEECH_VERBS
) -> tuple[Token | None, int]:
    """The speech verb (or "according") nearest the quote and connected to it, and its gap."""
    o_start, o_end = mark.outer
    first = doc.char_span(o_start, o_start + 1, alignment_mode="expand")
    last = doc.char_span(o_end - 1, o_end, alignment_mode="expand")
    if first is None or last is None:
        return None, 0
    lo, hi = first[0].sent.start, last[-1].sent.end
    if hi < len(doc) and "\n" not in doc.text[o_end : doc[hi].idx]:
        hi = doc[hi].sent.end  # "…?’ he asked." is often a sentence of its own
    root = doc.char_span(mark.start, mark.end, alignment_mode="expand")
    inner = {t.i for t in root} if root is not None else set()
    best: tuple[int, int, Token] | None = None
    for tok in doc[lo:hi]:
        if tok.idx in quoted:
            continue
        is_cue = (
            tok.pos_ == "VERB"
            and tok.lemma_.lower() in verbs
            and tok.dep_ not in {"compound", "amod"}  # "US-Proposed Ceasefire"
        )
        if not is_cue and tok.lower_ != "according":
            continue
        if tok.idx >= o_end:
            gap, a, b = tok.idx - o_end, o_end, tok.idx
        elif tok.idx + len(tok.text) <= o_start:
            gap, a, b = o_start - tok.idx - len(tok.text), tok.idx + len(tok.text), o_start
        else:
            continue
        if not _connected(doc, a, b, quoted):
            continue
        # a verb whose complement is the quote beats one that merely sits closer
        governs = 0 if any(t.i in inner for t in tok.subtree) else 1
        if best is None or (governs, gap) < best[:2]:
            best = (governs, gap, tok)
    return (best[2], best[1]) if best else (None, 0)


def _count_words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def extract_quotes(
    doc: Doc, article_id: str, mentions: list[Mention], people: ArticlePeople
) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes of one parsed article, with resolved speakers."""
    text = doc.text
    marks = find_quote_marks(text)
    quoted = QuotedSpans([m.outer for m in marks])
    resolver = SpeakerResolver(doc, article_id, mentions, people, quoted.spans)
    sources = _sources(doc, quoted)
    candidates: list[_Candidate] = []
    absorbed: set[int] = set()
    for cand in _reported(doc, quoted, resolver):
        inside = [
            i for i, m in enumerate(marks) if m.outer[0] < cand.end and cand.start < m.outer[1]
        ]
        if not inside:
            candidates.append(cand)
            continue
        if marks[inside[0]].outer[0] <= cand.start:
            continue  # 'said that "…"': a direct quote, which takes this cue below
        for i in inside:  # a paraphrase with quoted words: the words are the (mixed) quote
            mark = marks[i]
            candidates.append(
                _Candidate(
                    mark.start, mark.end, "mixed", cand.cue, cand.cue_lemma, cand.speaker_token,
                    cand.anchor,
                )
            )  # fmt: skip
            absorbed.add(i)
    for i, mark in enumerate(marks):
        if i in absorbed:
            continue
        fragment = _count_words(text[mark.start : mark.end]) < FRAGMENT_WORDS
        woven = _woven(text, mark)
        cue, gap = _cue_for(doc, mark, quoted, FRAGMENT_CUES if fragment or woven else SPEECH_VERBS)
        if fragment and cue is None:
            continue  # a scare quote
        if woven or (fragment and cue is not None and (gap > 3 or cue.lemma_ not in SPEECH_VERBS)):
            kind = "mixed"
        else:
            kind = "direct"
        cand = _Candidate(mark.start, mark.end, kind, cue, None, None, mark.outer[0])
        if cue is not None:
            cand.anchor = cue.idx
            if cue.lower_ == "according":
                cand.cue_lemma = "according to"
                to = next((c for c in cue.children if c.lower_ == "to"), None)
                cand.speaker_token = (
                    next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                )
            else:
                cand.cue_lemma = cue.lemma_.lower()
        candidates.append(cand)
    candidates.sort(key=lambda c: (c.start, c.end))
    return tuple(_resolve(doc, article_id, candidates, resolver, sources))


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _resolve(
    doc: Doc,
    article_id: str,
    candidates: list[_Candidate],
    resolver: SpeakerResolver,
    sources: dict[int, list[tuple[int, int, str]]],
) -> list[Quote]:
    text = doc.text
    paragraphs = _paragraph_starts(text)

    def paragraph(pos: int) -> int:
        return bisect_right(paragraphs, pos)

    out: list[Quote] = []
    previous: tuple[Speaker, int] | None = None  # last speaker and the paragraph it spoke in
    for cand in candidates:
        speaker: Speaker | None = None
        if cand.speaker_token is not None:
            speaker = resolver.resolve(cand.speaker_token)
        elif cand.cue is not None:
            subject = resolver.subject(cand.cue)
            speaker = resolver.resolve(subject) if subject is not None else None
        elif previous is not None and paragraph(cand.start) - previous[1] <= 1:
            speaker = previous[0]  # a quote without a cue goes on with the last speaker
        chain: list[str] = [speaker.name] if speaker else []
        if cand.cue is not None:
            for head in sorted({cand.cue.i, cand.cue.head.i}):
                for start, end, phrase in sources.get(head, []):
                    named_here = (
                        speaker is not None
                        and speaker.span is not None
                        and (start <= speaker.span.start < end)
                    )
                    if phrase not in chain and not named_here:
                        chain.append(phrase)
        if speaker is not None:
            resolver.note(cand.anchor, speaker)
            previous = (speaker, paragraph(cand.end))
        out.append(
            Quote(
                id=content_hash(article_id, str(cand.start), str(cand.end), cand.kind),
                article_id=article_id,
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                kind=cand.kind,  # type: ignore[arg-type]
                cue=cand.cue_lemma,
                speaker=speaker.name if speaker else None,
                speaker_span=speaker.span if speaker else None,
                attribution=tuple(chain),
            )
        )
    return out
