"""The speaker rules' shortcuts (rev-h20) give what the plain code they replaced gave.

Each shortcut is checked against the straightforward computation: the people register's derived
fields, the doc text kept in ``user_data``, the early exits. The end-to-end test runs
:func:`extract_quotes` twice on the same texts — with the shortcuts, and with every one of them
replaced by its plain version (every token of a doc visited, every check made) — and wants the same
quotes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storytrace.claims import quotes
from storytrace.claims.attribution import token_columns
from storytrace.claims.quotes import extract_quotes, parse_sentences

TEXT = (
    "WASHINGTON — Sen. Elizabeth Warren said on Monday that the bill “will not pass,” and she told Reuters "
    "the vote was close. Warren, a Democrat, added that she would keep trying.\n\n"
    "Donald Trump and Donald Trump Jr. spoke at the rally. Trump said “we will win,” according to CNN. "
    "“It is a disgrace,” he said in an interview with Fox News.\n\n"
    "Dr. Thomas Hofeller drew the maps; his daughter Stephanie Hofeller found the files. Dr. Hofeller said, "
    "when they asked him, he did not recall it. The 83-year-old began to cry. The company said in a "
    "statement that it would appeal, and the lawyers told the judge they disagree.\n\n"
    "A woman in Dallas filed a lawsuit against the singer, and she claimed he lied. Another network staffer "
    "was more blunt. “Nobody believed it,” she sighed. For many economists, the plan is risky. They say "
    "the court should act. It said the ruling stands.\n\n"
    "This Is How The Senate Voted On Tuesday Night\n\n"
    "“We are not going anywhere,” the spokeswoman said. Spotify is backtracking, it said in a blog post.\n\n"
    "Great news for the workers! pic.twitter.com/abc123 — Jane Doe (@janedoe) May 31, 2018\n\n"
    "As for Kavanaugh, he also dissented. Ms. Okafor, the minister, said she was “deeply troubled.”"
)


def _texts() -> list[str]:
    examples = sorted((Path(__file__).parent.parent / "examples" / "mosul-2016").glob("*.txt"))
    return [TEXT] + [path.read_text(encoding="utf-8") for path in examples[:4]]


def _plain_title_case_line(sentence: str) -> bool:
    words = [w for w in quotes._HEADLINE_WORD.findall(sentence) if w.lower() not in quotes._SMALL_WORDS]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def test_people_register_fields_are_the_plain_functions():
    for name in ["Donald Trump", "Donald Trump Jr.", "Antonio Sabato Jr.", "Trump", "", " ", "A B C iii",
                 "Mary-Kate O’Neil", "J. R. R. Tolkien", "Smith,", "Jones Sr., "]:
        person = quotes._Person(name, 0, 1)
        assert person.words == len(name.split())
        assert person.surname == quotes._surname(name)
        assert person == quotes._Person(name, 0, 1)  # (the derived fields take no part in comparing)


def test_doc_text_is_the_docs_text():
    for doc in parse_sentences(TEXT).values():
        assert quotes._doc_text(doc) == doc.text
    doc = next(iter(parse_sentences("He said “yes.”").values()))
    doc.user_data.pop(quotes._TEXT_KEY, None)
    assert quotes._doc_text(doc) == doc.text  # (made when parse_sentences left none)


def test_title_case_line_is_the_plain_one():
    for sentence in ["This Is How The Senate Voted On Tuesday Night", "Trump Vetoes Defense-Spending Bill, Calls It",
                     "The Senate voted on Tuesday", "A Of The", "Big Red Dog Runs", "Big Red Dog", "", "'90s Kids Are Back Now",
                     *[text for text in _texts() for text in text.split("\n")]]:
        assert quotes._title_case_line(sentence) == _plain_title_case_line(sentence), sentence


def test_tweet_signatures_are_every_match():
    for text in [TEXT, "no signature — Jane Doe (janedoe) May 31, 2018", *_texts()]:
        assert [m.span() for m in quotes._tweet_signatures(text)] == [
            m.span() for m in quotes._TWEET_SIGNATURE.finditer(text)]
    assert quotes._tweet_signatures(TEXT)


def test_org_names_follow_the_orgs():
    speakers = quotes._Speakers()
    assert speakers.org_names() == frozenset()
    speakers.orgs.extend([("Spotify", 3), ("NATO", 9)])
    assert speakers.org_names() == {"Spotify", "NATO"}
    speakers.orgs.extend([("Spotify", 40), ("Reuters", 50)])
    assert speakers.org_names() == {"Spotify", "NATO", "Reuters"}


def test_channel_prepositions_never_hide_a_channel(monkeypatch: pytest.MonkeyPatch):
    docs = [doc for text in _texts() for doc in parse_sentences(text).values()]
    fast = [(quotes._channel(t, doc), quotes._according_channel(t, doc)) for doc in docs for t in doc]
    assert any(channel for pair in fast for channel in pair)
    monkeypatch.setattr(quotes, "_channel_preposition", lambda cue, lemma: True)
    monkeypatch.setattr(quotes, "_has_word", lambda doc, word: True)
    plain = [(quotes._channel(t, doc), quotes._according_channel(t, doc)) for doc in docs for t in doc]
    assert fast == plain


def test_column_filters_skip_only_tokens_the_rules_skip():
    for doc in (doc for text in _texts() for doc in parse_sentences(text).values()):
        columns = token_columns(doc)
        assert [t.i for t in quotes._tokens_where(doc, columns.dep, {"nsubj"})] == [t.i for t in doc if t.dep_ == "nsubj"]
        assert [t.i for t in quotes._tokens_where(doc, columns.lower, {"he"}, first=True)] == [
            t.i for t in doc if t.lower_ == "he" or t.i == 0]


def _quotes_of(texts: list[str]) -> list[str]:
    return [repr(extract_quotes(text, parsed=parse_sentences(text))) for text in texts]


def test_extract_quotes_with_and_without_the_shortcuts(monkeypatch: pytest.MonkeyPatch):
    texts = _texts()
    fast = _quotes_of(texts)
    assert "Elizabeth Warren" in fast[0] and "Jane Doe" in fast[0]
    monkeypatch.setattr(quotes, "_tokens_at", lambda doc, indices: iter(doc))
    monkeypatch.setattr(quotes, "_tokens_where", lambda doc, column, values, first=False: iter(doc))
    monkeypatch.setattr(quotes, "_channel_preposition", lambda cue, lemma: True)
    monkeypatch.setattr(quotes, "_has_word", lambda doc, word: True)
    monkeypatch.setattr(quotes, "_doc_text", lambda doc: doc.text)
    monkeypatch.setattr(quotes, "_tweet_signatures", lambda text: list(quotes._TWEET_SIGNATURE.finditer(text)))
    monkeypatch.setattr(quotes, "_title_case_line", _plain_title_case_line)
    monkeypatch.setattr(quotes, "_printed_in", lambda name, quoted, memo: re.search(
        rf"\b{re.escape(name)}\b", quoted) is not None)
    monkeypatch.setattr(quotes._Speakers, "_compatible_memo", lambda self, name, gender, memo: self.compatible(name, gender))
    monkeypatch.setattr(quotes._Speakers, "org_names", lambda self: frozenset(name for name, _ in self.orgs))
    assert _quotes_of(texts) == fast


MARKS_TEXT = (
    "She said \"it's done\" and 'that's it,' he added. ''So,'' she said. «Oui» „Ja” rock 'n' roll in the '90s, "
    "\"tradition”. “It's a long road,” the artists' ability, nothin' to say.\n\n'We don't aim to play judge,' "
    "the company said.\n'And more' x\"y \"z"
)


def _plain_next_opening(text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        char = text[index]
        if char in "“«„":
            return index
        if char == '"' and (index == start or not text[index - 1].isalnum()):
            return index
    return None


def _plain_single_candidates(text: str, start: int, end: int) -> tuple[list[int], list[tuple[int, bool]]]:
    elided = {i for m in quotes._ELISION.finditer(text, start, end) for i in range(m.start(), m.end()) if text[i] in "'‘’"}
    openings: list[int] = []
    closings: list[tuple[int, bool]] = []
    for index in range(start, end):
        char = text[index]
        if char not in "'‘’" or index in elided:
            continue
        before = text[index - 1] if index > start else "\n"
        after = text[index + 1] if index + 1 < end else "\n"
        if char in quotes._SINGLE_OPENERS and before in quotes._BEFORE_OPENING and not after.isspace() \
                and after not in "'‘’\"”":
            openings.append(index)
        elif char in quotes._SINGLE_CLOSERS and not before.isspace() and after in quotes._AFTER_CLOSING:
            closings.append((index, not before.isalnum() or after not in quotes._SPACES))
    return openings, closings


def test_mark_scans_are_the_plain_character_loops():
    for text in [MARKS_TEXT, *_texts()]:
        for start in range(0, len(text), 7):
            for end in (start, min(start + 1, len(text)), min(start + 40, len(text)), len(text)):
                assert quotes._next_opening(text, start, end) == _plain_next_opening(text, start, end)
                assert quotes._single_candidates(text, start, end) == _plain_single_candidates(text, start, end)


def test_worth_parsing_is_the_plain_one(monkeypatch: pytest.MonkeyPatch):
    verbs = quotes.reporting_verbs()
    sentences = [MARKS_TEXT, "No marks here at all.", "A «guillemet»", "An ” alone", *_texts()]
    fast = [quotes._worth_parsing(s, verbs) for s in sentences]
    monkeypatch.setattr(quotes, "_DOUBLE_MARK", re.compile(r"(?!)"))  # (no shortcut: the plain test below decides)
    assert fast == [any(m in s for m in "“”\"«»") or quotes._worth_parsing(s, verbs) for s in sentences]
    assert any(fast) and not all(fast)
