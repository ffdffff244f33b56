"""The claims stage's fast paths compute what the plain versions they replaced computed.

Each test checks a shortcut (token attributes read once, intervals bisected, a nearest cue
found by bisection, a plan remembered) against the straightforward computation on texts
written for the test.
"""

from __future__ import annotations

from storytrace.claims import attribution, quotes
from storytrace.claims.attribution import paragraph_features, token_columns
from storytrace.claims.quotes import find_quote_marks, parse_sentences, reporting_verbs

TEXT = (
    "“We will not stop,” said Maj. Gen. Gary Volesky, who leads the coalition’s ground forces. "
    "He added that “the city will be free” within weeks, according to Reuters.\n\n"
    "Officials said 3,000 fighters remain. The mayor, Ana Ruiz, told reporters: “We are ready.” "
    "“It is hard,” she said, “but we will win.”\n\n"
    "Analysts doubt it. ''Nobody knows,'' one of them wrote, and Ruiz declined to comment."
)


def _docs() -> list[tuple[int, object]]:
    return [(start, doc) for (start, _), doc in sorted(parse_sentences(TEXT).items())]


def test_token_columns_hold_each_tokens_attributes():
    for _, doc in _docs():
        columns = token_columns(doc)
        assert token_columns(doc) is columns  # made once per doc
        assert columns.text == [t.text for t in doc]
        assert columns.lower == [t.lower_ for t in doc]
        assert columns.lemma == [t.lemma_.lower() for t in doc]
        assert columns.pos == [t.pos_ for t in doc]
        assert columns.tag == [t.tag_ for t in doc]
        assert columns.dep == [t.dep_ for t in doc]
        assert columns.head == [t.head.i for t in doc]
        assert columns.ent_type == [t.ent_type_ for t in doc]
        assert columns.idx == [t.idx for t in doc]
        assert columns.is_title == [t.is_title for t in doc]
        assert columns.is_punct == [t.is_punct for t in doc]
        assert columns.is_space == [t.is_space for t in doc]


def test_in_quote_is_the_plain_any_over_marks():
    marks = find_quote_marks(TEXT)
    assert len(marks) >= 5
    docs = _docs()
    paragraph = quotes._Paragraph([s for s, _ in docs], [d for _, d in docs], [])
    expected = [
        [any(m.start - 1 <= start + t.idx < m.end + 1 for m in marks) for t in doc] for start, doc in docs
    ]
    assert quotes._in_quote(paragraph, marks) == expected
    assert any(flag for row in expected for flag in row) and not all(flag for row in expected for flag in row)


def test_quoted_stretches_merge_overlapping_and_touching_marks():
    marks = [quotes.QuoteMark(10, 20, True), quotes.QuoteMark(5, 8, True), quotes.QuoteMark(9, 12, True),
             quotes.QuoteMark(30, 31, True), quotes.QuoteMark(33, 40, True)]
    starts, ends = quotes._quoted_stretches(marks)
    assert list(zip(starts, ends, strict=True)) == [(4, 21), (29, 41)]
    for at in range(0, 45):
        inside = any(m.start - 1 <= at < m.end + 1 for m in marks)
        assert any(s <= at < e for s, e in zip(starts, ends, strict=True)) == inside, at


def test_nearest_cue_feature_takes_the_earlier_cue_on_a_tie():
    docs = [d for _, d in _docs()]
    verbs = reporting_verbs()
    roles = [[""] * len(d) for d in docs]
    flags = [[False] * len(d) for d in docs]
    features = paragraph_features(docs, roles, flags, verbs)
    lexicon = attribution.cue_lexicon()
    rows = iter(features)
    checked = 0
    for doc in docs:
        cues = [t.i for t in doc if attribution._is_cue(t, lexicon, verbs)]
        for token in doc:
            feats = next(rows)
            if not cues:
                assert not any(f.startswith("rel=") for f in feats)
                continue
            nearest = min(cues, key=lambda i, p=token.i: abs(i - p))
            side = "b" if token.i < nearest else "a" if token.i > nearest else "c"
            assert f"rel={side}{min(abs(token.i - nearest), 6)}" in feats
            assert f"rl={side}|{doc[nearest].lemma_.lower()}" in feats
            above = attribution._cue_above(token, lexicon, verbs)
            assert (f"al={above[0]}" in feats) if above else ("a=-" in feats)
            checked += 1
    assert checked > 20


def test_plan_is_remembered_for_the_same_text_only():
    first = quotes._plan(TEXT)
    assert quotes._plan(TEXT) is first
    assert first == quotes._make_plan(TEXT)
    other = TEXT.replace("Analysts doubt it.", "Analysts said they doubt it.")
    assert quotes._plan(other) == quotes._make_plan(other) != first


def test_doc_cache_hands_back_a_doc_made_before_but_never_one_doc_twice_in_an_answer():
    from storytrace.claims.doccache import DocCache
    from storytrace.claims.nlp import load_nlp

    nlp = load_nlp(disable=("lemmatizer", "ner"))
    cache = DocCache(20)
    calls: list[list[str]] = []

    def parse(texts: list[str]) -> list[object]:
        calls.append(list(texts))
        return list(nlp.pipe(texts))

    first = cache.parse(["One two three.", "Four five."], parse)
    again = cache.parse(["Four five.", "Four five.", "Six."], parse)
    assert again[0] is first[1] and again[1] is not first[1] and again[1].text == "Four five."
    assert calls == [["One two three.", "Four five."], ["Four five.", "Six."]]
    assert (cache.hits, cache.misses) == (1, 4)
    cache.parse(["A longer sentence pushes the oldest docs out of the cache now."], parse)
    assert "One two three." not in cache.docs and "Six." in cache.docs and cache.tokens <= 20
    assert DocCache(0).parse(["Seven."], parse)[0].text == "Seven."


def test_a_pile_article_read_twice_gives_the_same_claims_from_remembered_docs():
    from pathlib import Path

    from storytrace.claims import entities, quantities
    from storytrace.compare.dossier import article_claims

    text = sorted((Path(__file__).parents[1] / "examples" / "mosul-2016").glob("*.txt"))[0].read_text(encoding="utf-8")
    for cache in (quotes.PARSED, quantities.PARSED, entities.TAGGED):
        cache.clear()
    fresh = article_claims(text)
    hits = quotes.PARSED.hits
    remembered = article_claims(text)
    assert quotes.PARSED.hits > hits  # the second reading took the docs of the first
    assert remembered == fresh
    assert fresh.quotes and fresh.quantities and fresh.mentions


def test_space_tags_do_what_the_attribute_ruler_does_to_tags_and_labels():
    from storytrace.claims.nlp import load_nlp
    from storytrace.claims.quantities import _PARSE_DISABLED, _space_tags

    texts = ["About 3,000  people fled,\n\n  officials said. ", "\tTwo  soldiers\nand 40 civilians died.\n",
             "Prices rose 5 %  in May .\n\n\n"]
    with_ruler = load_nlp(disable=("lemmatizer", "ner"))
    without = load_nlp(disable=_PARSE_DISABLED)
    assert "attribute_ruler" in without.disabled
    for a, b in zip(with_ruler.pipe(texts), map(_space_tags, without.pipe(texts)), strict=True):
        assert any(t.is_space for t in a)
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]


def _plain_features(sentences, rule_roles, in_quote, verbs):
    """paragraph_features as it was before the fast paths, token by token."""
    lexicon = attribution.cue_lexicon()
    base: list[list[str]] = []
    for sentence, roles, quoted in zip(sentences, rule_roles, in_quote, strict=True):
        tokens = list(sentence)
        lower = [t.lower_ for t in tokens]
        lemma = [t.lemma_.lower() for t in tokens]
        dep = [t.dep_ for t in tokens]
        pos = [t.pos_ for t in tokens]
        head = [t.head.i for t in tokens]
        cue = [lower[i] in lexicon or lemma[i] in lexicon or lower[i] in verbs for i in range(len(tokens))]
        cue_positions = [i for i, flag in enumerate(cue) if flag]
        for position, token in enumerate(tokens):
            up = head[position]
            feats = [
                "w=" + lower[position], "l=" + lemma[position], "p=" + pos[position], "t=" + token.tag_,
                "d=" + dep[position], "dh=" + dep[position] + "|" + pos[up], "hl=" + lemma[up],
                "ent=" + (token.ent_type_ or "-"), "r=" + (roles[position] or "-"),
                "q=" + ("1" if quoted[position] else "0"),
                "sc=" + ("1" if any(cue) else "0") + ("1" if any(quoted) else "0"),
            ]
            if token.is_title:
                feats.append("title")
            if token.text in set("“”\"«»„") or token.text in {"''", "``", "'"}:
                feats.append("qmark")
            if cue[position]:
                feats.extend(["cuelex", "cuelex|" + pos[position] + "|" + dep[position]])
            if position == 0:
                feats.append("BOS")
            if position == len(tokens) - 1:
                feats.append("EOS")
            if up != position and cue[up]:
                feats.append("hc=" + dep[position])
            above = attribution._cue_above(token, lexicon, verbs)
            if above is not None:
                feats.extend([f"a={above[1]}", f"al={above[0]}", f"ad={min(above[2], 4)}",
                              f"a|d={above[1]}|{dep[position]}", f"a2={above[3]}", f"al|a={above[0]}|{above[1]}"])
            else:
                feats.append("a=-")
            if cue_positions:
                nearest = min(cue_positions, key=lambda i, p=position: abs(i - p))
                side = "b" if position < nearest else "a" if position > nearest else "c"
                feats.append(f"rel={side}{min(abs(position - nearest), 6)}")
                feats.append(f"rl={side}|{lemma[nearest]}")
            base.append(feats)
    features = []
    for index, feats in enumerate(base):
        out = list(feats)
        if index > 0:
            out.append(f"bi={base[index - 1][0]}|{feats[0]}")
        for shift in (-2, -1, 1, 2):
            other = index + shift
            if 0 <= other < len(base):
                out.extend(f"{shift}:{item}" for item in [*base[other][:4], base[other][8], base[other][9]])
            else:
                out.append(f"{shift}:pad")
        features.append(out)
    return features


def test_paragraph_features_are_those_of_the_token_by_token_version():
    docs = [d for _, d in _docs()]
    verbs = reporting_verbs()
    roles = [[("src", "cue", "con-d", "")[(i + n) % 4] for i in range(len(d))] for n, d in enumerate(docs)]
    flags = [[(i + n) % 3 == 0 for i in range(len(d))] for n, d in enumerate(docs)]
    assert paragraph_features(docs, roles, flags, verbs) == _plain_features(docs, roles, flags, verbs)
    for size in (1, 2, 3):  # paragraphs shorter than the neighbour window
        assert paragraph_features(docs[:size], roles[:size], flags[:size], verbs) == \
            _plain_features(docs[:size], roles[:size], flags[:size], verbs)


def test_quantities_reuse_the_quote_stage_s_parses_with_the_same_result(monkeypatch) -> None:
    from pathlib import Path

    from storytrace.claims import quantities

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "examples" / "mosul-2016").glob("*.txt"))]
    own: list[str] = []
    real = quantities.PARSED.parse

    def counting(items, parse):  # type: ignore[no-untyped-def]
        own.extend(items)
        return real(items, parse)

    monkeypatch.setattr(quantities.PARSED, "parse", counting)
    for text in texts:
        alone = quantities.extract_quantities(text)
        parsed_alone = len(own)
        docs = parse_sentences(text)
        shared = quantities.extract_quantities(text, parsed={text[a:b]: doc for (a, b), doc in docs.items()})
        assert shared == alone
        assert len(own) - parsed_alone < parsed_alone or parsed_alone == 0
        own.clear()
    assert any(quantities.extract_quantities(t) for t in texts)
