"""The language an article is written in, so that English-only stages know what they may read.

Quotes, numbers and names are read with English models and rules (spaCy's ``en_core_web_sm``, English
reporting verbs and number words): on a French or Arabic article they find nothing useful and
invent entities ("Syrie" as a person). :func:`detect_language` tells such an article apart, with
py3langid (BSD-3-Clause; its naive Bayes model over byte n-grams ships inside the package, 97
languages, nothing is downloaded), after a quick test that settles most English texts without it. It
answers only when it is sure: a text of at least
:data:`MIN_LETTERS` letters whose most likely language has a normalised probability of at least
:data:`MIN_PROBABILITY`; otherwise ``None`` (undetermined), which every stage treats as English —
a short English text is never dropped for looking foreign.

On the shared halves (2,199 PolNeAR and METER texts, the 600-article pipeline pile, the FakeNewsCorpus
sample) every text is English, and none is answered with another language.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["ENGLISH", "MIN_LETTERS", "MIN_PROBABILITY", "UNDETERMINED", "detect_language", "is_english"]

ENGLISH = "en"
UNDETERMINED = "und"
"""ISO 639-2's code for a language not determined (the dossier summary counts such articles under it)."""
MIN_LETTERS = 100
"""Letters a text needs before its language is named (a headline or a caption is too little)."""
MIN_PROBABILITY = 0.9
"""Normalised probability the most likely language needs to be named."""
_SAMPLE_CHARS = 4000
"""How much of the text is read: a page's first paragraphs tell its language."""
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: English function words: a text where they are a fifth of the words, "the" among them, is English
#: without asking the model (1,970 of 2,205 texts of the shared halves; loading the model takes ~0.5 s).
_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "that", "is", "was", "for", "with", "said", "it", "he", "she", "they", "this",
    "from", "have", "has", "by", "are", "were", "be", "which", "would", "not", "his", "her", "their", "will",
    "been", "but", "who", "we", "you", "an", "at", "or", "as", "on", "in",
})  # fmt: skip
_ENGLISH_SHARE, _THE_SHARE = 0.2, 0.02
_WORD = re.compile(r"[^\W\d_]+")


def _plainly_english(sample: str) -> bool:
    words = [word.lower() for word in _WORD.findall(sample)]
    if not words:
        return False
    common = sum(word in _ENGLISH_WORDS for word in words)
    the = sum(word == "the" for word in words)
    return common >= _ENGLISH_SHARE * len(words) and the >= _THE_SHARE * len(words)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or ``None`` when unsure (see the module)."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return ENGLISH
    language, probability = _identifier().classify(sample)
    return str(language) if float(probability) >= MIN_PROBABILITY else None


def is_english(language: str | None) -> bool:
    """Whether the English-only stages read an article of this language (``None``, undetermined: yes)."""
    return language is None or language == ENGLISH
