"""Who is speaking: from a cue verb's subject to a person (or body) the article names.

:meth:`SpeakerResolver.subject` finds the speaker token of a speech verb (its own subject, one the
parse missed, or the subject of the clause it hangs off), and :meth:`SpeakerResolver.resolve` turns
it into a speaker, in this order:

1. a named subject (the mention under the token: "Okafor", "The Herald’s Jane Roe");
2. a description ("the Russian president", "the union") resolved to a person or body of the
   article; "a spokesman for the port authority" speaks for the authority;
3. a pronoun: "he"/"she" → the most recent person of a compatible gender who was a clause subject
   or a speaker, failing that the most recently mentioned one; "it"/"they" → the most recent body
   (ORG/GPE/NORP) in subject position; "who" → the noun its relative clause hangs on;
4. any other noun phrase as written ("Analysts", "Senior Kremlin officials").

Speakers of earlier quotes are fed back with :meth:`SpeakerResolver.note`, so "he said" after a
quote of Putin's stays with Putin even if Lukashenko was named in between as an object.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Mention, Span
from newsdesk.nlp.entities import word_set
from newsdesk.nlp.marks import QuotedSpans
from newsdesk.nlp.people import ArticlePeople

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Arcs to follow up from a verb without a subject to the clause that has one.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "parataxis", "ccomp", "acomp"})
_SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who", "it"})
#: Subject nouns that make a "speech" verb analysis rather than speech ("Putin's comments
#: suggest …", "His insistence indicates …"): things, not people, bodies or sources.
INANIMATE_NOUNS = word_set(
    """comment remark insistence decision move proposal deal agreement plan ball fact figure
    number step action development situation response reaction approach attitude tone language
    word sign evidence analysis result outcome data trend event talk meeting visit call offer
    demand threat warning stance position idea notion question issue problem concern"""
)
_SPOKESPEOPLE = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "source", "representative"}
)
#: How far back (in characters) a pronoun may look for its person: a few paragraphs of news.
PRONOUN_WINDOW = 1500
_MALE = frozenset({"he", "him", "his"})
_FEMALE = frozenset({"she", "her", "hers"})
_PLURAL = frozenset({"they", "them", "it"})
_BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name within the article, where it is named, which person."""

    name: str
    span: Span | None
    person: int | None = None  # index into ArticlePeople.people
    label: str = "PERSON"


@dataclass(frozen=True)
class _Event:
    pos: int
    speaker: Speaker
    strong: bool  # a clause subject or a quote's speaker (not just any mention)


class SpeakerResolver:
    """Speaker resolution for one parsed article (see the module docstring)."""

    def __init__(
        self,
        doc: Doc,
        article_id: str,
        mentions: list[Mention],
        people: ArticlePeople,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        # someone named inside a quotation is not who the narrative is about, for pronoun purposes
        self._quoted_at = QuotedSpans(quoted)
        self.text = doc.text
        self.article_id = article_id
        self.people = people
        self._mention_of_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self._mention_of_token[tok.i] = m
        self._descriptions = [(d.start, d.end, idx) for d, idx in people.descriptions]
        self._bodies = [(d.start, d.end, m) for d, m in people.bodies if m is not None]
        self._unnamed = [(d.start, d.end) for d, m in people.bodies if m is None]
        self._events: list[_Event] = []
        for m in mentions:
            strong = self._is_subject(m)
            if m.label == "PERSON" and m.start in people.of_mention:
                idx = people.of_mention[m.start]
                self._events.append(_Event(m.start, self._person(idx, self._span(m)), strong))
            elif m.label in _BODY_LABELS and strong:
                sp = Speaker(m.text, self._span(m), None, m.label)
                self._events.append(_Event(m.start, sp, strong))
        for d, held_by in people.descriptions:
            if held_by is not None:
                where = Span(article_id, d.start, d.end, d.text)
                strong = self._is_subject_chars(d.start, d.end)
                self._events.append(_Event(d.start, self._person(held_by, where), strong))
        for start, end, body in self._bodies:
            if self._is_subject_chars(start, end):
                sp = Speaker(
                    body.text, Span(article_id, start, end, doc.text[start:end]), None, "ORG"
                )
                self._events.append(_Event(start, sp, True))
        self._events.sort(key=lambda e: e.pos)
        self._positions = [e.pos for e in self._events]

    # --- helpers ---

    def _span(self, m: Mention) -> Span:
        return Span(self.article_id, m.start, m.end, m.text)

    def _person(self, idx: int, span: Span | None) -> Speaker:
        return Speaker(self.people.people[idx].name, span, idx)

    def _is_subject_chars(self, start: int, end: int) -> bool:
        if start in self._quoted_at:
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in SUBJECT_DEPS:
            return True
        # "The Herald’s Jane Roe, reporting…, said": conj/appos of a subject count too
        return root.dep_ in {"appos", "conj"} and root.head.dep_ in SUBJECT_DEPS

    def _is_subject(self, m: Mention) -> bool:
        return self._is_subject_chars(m.start, m.end)

    def note(self, pos: int, speaker: Speaker) -> None:
        """Record that ``speaker`` was quoted at ``pos`` (a strong antecedent for pronouns)."""
        i = bisect_right(self._positions, pos)
        self._events.insert(i, _Event(pos, speaker, True))
        self._positions.insert(i, pos)

    # --- resolution ---

    def animate(self, tok: Token) -> bool:
        """Whether ``tok`` can be a speaker: not punctuation, not a thing ("comments"), not an
        "it" with no body to stand for."""
        if tok.is_punct or tok.is_space:
            return False
        if tok.lower_ == "it":
            return self.resolve_pronoun("it", tok.idx) is not None
        if tok.pos_ == "PRON":
            return tok.lower_ in _SPEAKING_PRONOUNS
        if tok.i in self._mention_of_token:
            return True
        return tok.lemma_.lower() not in INANIMATE_NOUNS

    def subject(self, verb: Token) -> Token | None:
        """The speaker token of a speech verb, or None.

        Its own subject if it has one (None if that subject cannot speak: "Putin's comments
        suggest …" is analysis, not speech); else a subject right before it that the parse missed
        ("the Kremlin on Thursday said"); else the subject of the verb it hangs off ("…, adding
        that", "… and said he was willing"), never that of a reported clause or a quotation; else
        the nearest such subject earlier in the sentence.
        """
        own = [
            c
            for c in verb.children
            if c.dep_ in SUBJECT_DEPS and not c.is_punct and c.idx not in self._quoted_at
        ]
        if own:
            return own[0] if self.animate(own[0]) else None
        adjacent = self._adjacent_subject(verb)
        if adjacent is not None:
            return adjacent
        after = verb.nbor(1) if verb.i + 1 < len(self.doc) else None
        if after is not None and after.i in self._mention_of_token and verb.lemma_ == "say":
            return after  # "…,» said Henrik Vastrand"
        tok = verb
        for _ in range(6):
            if tok.dep_ not in _CLIMB or tok.head is tok:
                break
            tok = tok.head
            if tok.dep_ == "ccomp" or tok.idx in self._quoted_at:
                continue  # a reported clause's subject is what was said about, not who spoke
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if subjects and self.animate(subjects[0]) and subjects[0].idx not in self._quoted_at:
                return subjects[0]
        return self._preceding_subject(verb)

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """The noun right before a finite verb the parse left without a subject, looking past
        dates, adverbs and one aside between dashes or commas ("Okafor — no relation — said")."""
        if verb.tag_ not in {"VBD", "VBZ", "VBP"} and verb.dep_ != "acl":
            return None
        i = verb.i - 1
        sent_start = verb.sent.start
        asides = 1
        while i >= sent_start:
            t = self.doc[i]
            if t.text in {"—", "–", ","} and asides:
                opening = next(
                    (k for k in range(i - 1, sent_start - 1, -1) if self.doc[k].text == t.text),
                    None,
                )
                if opening is None:
                    return None
                i, asides = opening - 1, asides - 1
                continue
            if t.ent_type_ in {"DATE", "TIME"} or t.pos_ in {"ADP", "ADV", "AUX", "PART"}:
                i -= 1
                continue
            if t.pos_ in {"PROPN", "NOUN"} and self.animate(t) and t.idx not in self._quoted_at:
                return t
            return None
        return None

    def _preceding_subject(self, verb: Token) -> Token | None:
        for t in reversed(self.doc[verb.sent.start : verb.i]):
            if t.dep_ not in SUBJECT_DEPS or t.idx in self._quoted_at or not self.animate(t):
                continue
            if any(a.dep_ == "ccomp" for a in [t.head, *t.head.ancestors]):
                continue
            return t
        return None

    def resolve(self, tok: Token) -> Speaker | None:
        """The speaker a subject (or "according to" object) token stands for."""
        if tok.lower_ in {"who", "which", "that"} and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head)  # "Vastrand, …, who described the talks as"
        if tok.pos_ == "PRON" or tok.tag_ in {"PRP", "PRP$"}:
            return self.resolve_pronoun(tok.lower_, tok.idx)
        if tok.lemma_.lower() in _SPOKESPEOPLE:  # "a spokesman for the port authority"
            for prep in tok.children:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if prep.lower_ in {"for", "of", "at"} and obj is not None:
                    spoken_for = self.resolve(obj)
                    if spoken_for is not None and spoken_for.label != "NOUN":
                        return spoken_for
        mention = self._mention_of_token.get(tok.i)
        if mention is None:  # "correspondent Dorsa Jabbari", "the envoy, Steve Witkoff": a name
            for child in tok.children:
                candidate = self._mention_of_token.get(child.i)
                if (
                    child.dep_ in {"compound", "appos"}
                    and candidate
                    and candidate.label == "PERSON"
                ):
                    mention = candidate
                    break
        if mention is not None:
            if mention.label == "PERSON" and mention.start in self.people.of_mention:
                return self._person(self.people.of_mention[mention.start], self._span(mention))
            return Speaker(mention.text, self._span(mention), None, mention.label)
        for start, end, idx in self._descriptions:
            if start <= tok.idx < end and idx is not None:
                return self._person(idx, Span(self.article_id, start, end, self.text[start:end]))
        for start, end, body in self._bodies:
            if start <= tok.idx < end:
                span = Span(self.article_id, start, end, self.text[start:end])
                return Speaker(body.text, span, None, "ORG")
        for start, end in self._unnamed:  # "the government said": a body nobody named
            if start <= tok.idx < end:
                text = self.text[start:end]
                name = "the " + text.split(" ", 1)[1] if text.lower().startswith("the ") else text
                return Speaker(name, Span(self.article_id, start, end, text), None, "ORG")
        return self._phrase(tok)

    def _phrase(self, tok: Token) -> Speaker | None:
        """An unresolved noun phrase as written ("Analysts"), without determiners or clauses."""
        keep = [
            t
            for t in tok.subtree
            if t.i <= tok.i or (t.dep_ in {"compound", "amod"} and t.head.i == tok.i)
        ]
        while keep and (keep[0].tag_ in {"DT", "PDT"} or keep[0].is_punct):
            keep.pop(0)
        if not keep or tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        start, end = keep[0].idx, keep[-1].idx + len(keep[-1].text)
        if "\n" in self.text[start:end]:
            return None
        text = self.text[start:end]
        return Speaker(text, Span(self.article_id, start, end, text), None, "NOUN")

    def resolve_pronoun(self, pronoun: str, pos: int) -> Speaker | None:
        """The antecedent of a speaking pronoun at ``pos`` (see the module docstring)."""
        lo = bisect_right(self._positions, pos)
        events = [e for e in self._events[:lo] if pos - e.pos <= PRONOUN_WINDOW]
        if pronoun in _PLURAL:
            bodies = [e for e in events if e.speaker.label in _BODY_LABELS and e.strong]
            return bodies[-1].speaker if bodies else None
        if pronoun not in _MALE | _FEMALE:
            return None
        unwanted = "f" if pronoun in _MALE else "m"

        def fits(e: _Event) -> bool:
            if e.speaker.person is None:
                return False
            return self.people.people[e.speaker.person].gender != unwanted

        people = [e for e in events if fits(e)]
        strong = [e for e in people if e.strong]
        if strong:
            return strong[-1].speaker
        return people[-1].speaker if people else None
