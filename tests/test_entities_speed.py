"""The entity resolution's remembered string functions give what they compute."""

from __future__ import annotations

from storytrace.claims import entities

NAMES = ["The Associated Press", "POLITICO", "Zelenskyy", "Bashar al-Assad", "Maj. Gen. Gary Volesky",
         "Ülkü Çelik", "the New York Times", "  U.N.  ", "Deir ez-Zor", "", "’s", "Sheikh"]


def test_remembered_functions_answer_as_computed_each_time():
    for function in (entities._fold, entities._lookup, entities._compact):
        plain = function.__wrapped__  # type: ignore[attr-defined]
        for name in NAMES * 2:  # the second time from memory
            assert function(name) == plain(name)
