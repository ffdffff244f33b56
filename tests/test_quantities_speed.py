"""The quantity rules' windowed regex scans give exactly the plain ``finditer`` matches."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from storytrace.claims import quantities

ROOT = Path(__file__).resolve().parents[1]

TRICKY = [
    "US $5.3 billion, HK$ 12m, S $7, $US40, Rs. 300 crore, A$1.5bn, NZD 9,000 and £3.50 — PS4 sales.",
    "2 x 10^12345 atoms; 1,234567 and 12,345,678.90; .5 percent, 0.25, 3×10^-7 m, 5 x10 ^3.",
    "In 1990s, the 3D 5G phones cost €1,000,000; ¥ 20k, ₹500, CHF 12 mln, 7bn, 8 BN, 2trn.",
    "٣ and ３ are digits too: US$٣, $３.５ million.",
    "",
    "no digits here at all",
    "123",
    "$$$ 1 $ 2 US$ US $ 3",
]


def _plain(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in quantities._ATOM_RE.finditer(text)]


def _windowed(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in quantities._atom_matches(text)]


def test_atom_matches_equal_finditer_on_tricky_and_example_texts():
    texts = TRICKY + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*/*.txt"))]
    for text in texts:
        assert _windowed(text) == _plain(text), text[:80]


def test_atom_matches_equal_finditer_on_random_texts():
    pieces = ["1", "23", "456", ",", ".", " ", "  ", "\n", "$", "US", "HK", "S", "A", "Rs.", "£", "€", "¥", "PS",
              "Y=", "x", "×", "10", "^", "-", "−", "bn", "m", "k", "M", "B", "million", "hundred", "a", "٣", "３"]
    rng = random.Random(21)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert _windowed(text) == _plain(text), repr(text)


WORDY = [
    "Two hundred and twenty-one people, a half-dozen cars, an half dozen, half a million, a  hundred, ahundred.",
    "Several thousand troops, a few dozen, a\tfew hundred; dozens of millions, tens of thousands, TENS.",
    "Two-thirds of voters, a quarter of a million, one in five, 3 out of 10, nine-in-ten, half of them, "
    "the second half of the game, three quarters, seven eighths of an inch, 12 in every 100.",
    "Eightwo, someone, often, ninety-nine, NINETEEN, FoUr HuNdReD, fourteen-thousand, eleven.",
    "Kelvin: \u212aelvin, ſix hundred, İstanbul one, dotless ı, tWo thirds.",
    "A Half Million, AN HALF-dozen, half  an  hundred, an half- hundred",
]


def _plain_of(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _fast_of(scan: Callable[[str], Iterator[re.Match[str]]], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in scan(text)]


_WORD_SCANS = [
    (quantities._WORDS_RE, quantities._word_matches),
    (quantities._VAGUE_RE, quantities._vague_matches),
    (quantities._FRACTION_RE, quantities._fraction_matches),
]


def test_word_pattern_scans_equal_finditer_on_tricky_and_example_texts():
    texts = WORDY + TRICKY + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*/*.txt"))]
    for text in texts:
        for pattern, scan in _WORD_SCANS:
            assert _fast_of(scan, text) == _plain_of(pattern, text), (pattern.pattern[:40], text[:80])


def test_word_pattern_scans_equal_finditer_on_random_texts():
    pieces = ["a", "an", "A", "half", "Half", " ", "  ", "\n", "-", "few", "several", "dozen", "dozens", "tens",
              "one", "two", "Two", "three", "seven", "nine", "ten", "twenty", "hundred", "Hundred", "thousands",
              "million", "and", "of", "in", "out", "every", "third", "thirds", "quarter", "quarters", "fifth",
              "eighths", "3", "10", "100", "x", "some", ",", ".", "\u212a", "ſ", "ı", "İ", "ö", "é"]
    rng = random.Random(2121)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        for pattern, scan in _WORD_SCANS:
            assert _fast_of(scan, text) == _plain_of(pattern, text), (pattern.pattern[:40], repr(text))


def test_the_characters_that_fold_to_ascii_letters_are_all_listed():
    """Every character besides ASCII letters that a case-insensitive pattern matches to an ASCII letter
    makes the word scans fall back to a full scan: the list must be whole."""
    folding = {chr(code) for code in range(128, sys.maxunicode + 1) if re.fullmatch("(?i)[a-z]", chr(code))}
    assert folding == set(quantities._FOLDS_TO_ASCII)
    # and the article's characters and white space fold to nothing else
    assert not any(re.fullmatch("(?i)[anhlf]", chr(code)) for code in range(128, sys.maxunicode + 1)
                   if chr(code) not in folding)
