"""Small text helpers shared by the alignment modules: tokens, stems, folding of spelling variants.

Everything here is deliberately crude and dependency-free: the alignment works on a few hundred
sentences per story, and what matters is that two outlets' *spellings* of one thing compare equal
("cease-fire" = "ceasefire", "U.S." = "US", "Aleksandr" = "Alexander", "2,000" = "2000") so that none
of them is ever reported as a disagreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "stated",
        "according",
        "mr",
        "mrs",
        "ms",
        "s",
        "t",
        "would",
        "also",
        "however",
        "meanwhile",
    ]
)

#: Words that flip a statement's polarity; a quote variant with one and another without differs
#: in meaning, not just wording.
NEGATIONS = frozenset(
    {"not", "no", "never", "neither", "nor", "without", "cannot", "won't", "don't"}
)

# Transliteration and spelling pairs folded before comparison: (pattern, replacement) on
# lower-cased ASCII text. Kept short on purpose - each rule must be safe for every word.
_FOLD_RULES = (
    (re.compile(r"ks"), "x"),
    (re.compile(r"iy\b"), "y"),
    (re.compile(r"yy\b"), "y"),
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters: Zelenskyy / Zelensky, Kyyiv
)


def ascii_fold(text: str) -> str:
    """Lower-cased text with accents stripped and curly quotes straightened."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower()


def words(text: str) -> list[str]:
    """Word tokens, lower-cased, hyphens and dots inside words removed ("cease-fire" → "ceasefire",
    "U.S." → "us")."""
    text = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", text)  # U.S. -> US., U.K. -> UK.
    text = re.sub(r"\b([A-Za-z]{1,2})\.(?=\s|$|,)", r"\1", text)
    return [
        w.replace("-", "").replace("'", "").replace("’", "") for w in WORD.findall(ascii_fold(text))
    ]


def stem(word: str) -> str:
    """A very small suffix stripper (enough to match "proposals"/"proposal", "agreed"/"agrees")."""
    for suffix, keep in (("ies", 3), ("ing", 4), ("ed", 4), ("es", 4), ("s", 3), ("ly", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (stopwords and one-letter tokens removed)."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


def fold_name(name: str) -> str:
    """A spelling- and transliteration-insensitive key for a name, word by word: "Aleksandr" and
    "Alexander" → "alexandr", "Yuriy"/"Yuri" → "yur", "Zelenskyy"/"Zelensky" → "zelensky". Renamings
    (Kiev / Kyiv) are not spellings: the entity alias table handles those."""
    out = []
    for word in words(name):
        for pattern, replacement in _FOLD_RULES:
            word = pattern.sub(replacement, word)
        word = re.sub(r"e(?=r$)", "", word)  # Alexander / Aleksandr
        word = re.sub(r"(?<=\w)[iy]+$", "", word) if len(word) > 3 else word  # Yuri / Yuriy
        out.append(word)
    return " ".join(out)


def dice(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Overlap coefficient: shared / size of the smaller set."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


_BOILERPLATE = re.compile(
    r"^(advertisement|related( articles)?|read more|scroll to continue|original source|sign up|"
    r"subscribe|share this|follow us|click here|photo|image|video|watch)\b",
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    """Navigation, promos and other page furniture that is never a reported detail."""
    stripped = text.strip().lstrip("•-–—*· ").strip()
    if len(words(stripped)) < 4:
        return True
    if _BOILERPLATE.match(stripped):
        return True
    # Photo captions credit an agency in parentheses: "(Photo: Jane Roe/Meridian Press)".
    return bool(re.search(r"\((?:AP|AFP|Reuters|Getty)[^)]*(?:Photo|Images)[^)]*\)", stripped))
