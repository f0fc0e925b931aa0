"""The language an imported article is written in, proposed in its draft (`language:`), by Lingua
(lingua-language-detector: statistical models of 75 languages, Kazakh among them, offline).

Read from the article's headline and body as the draft has them: a page's menus, share prompts and
other boilerplate, often in English around a Russian or Kazakh article, are gone by then. A text too
short to tell, or that the models cannot tell apart, gives no language: the draft then says so rather
than guessing.
"""

from __future__ import annotations

import functools

MIN_LETTERS = 40  # fewer letters than a sentence: no language is proposed
MIN_CONFIDENCE = 0.5  # the detector's share for the language it names, of all languages
SAMPLE = (
    20_000  # characters read: pages of text tell a language; more costs time and tells nothing new
)


@functools.cache
def _detector():
    # loaded on first use (a batch of imports builds it once); low-accuracy mode reads trigrams only,
    # which tells languages apart as well on an article's length of text, faster and in less memory
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The text's language as an ISO 639-1 code (en, ru, kk …), or None when it cannot be told."""
    text = text[:SAMPLE]
    if sum(character.isalpha() for character in text) < MIN_LETTERS:
        return None
    confidences = _detector().compute_language_confidence_values(text)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return confidences[0].language.iso_code_639_1.name.lower()
