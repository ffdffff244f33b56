"""Embedded tweets: the signature after a tweet ("— Daniel Strauss (@DanielStrauss4) May 31, 2018")
gives the tweet's text to the account's owner, by name; a quotation inside the tweet is someone else's."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes

GOVERNOR = "Missouri Gov. Eric Greitens said on Tuesday that he would not resign.\n\n"


def _by_text(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {q.text: (q.speaker, q.channel) for q in extract_quotes(text)}


def test_the_tweet_text_is_the_signing_account_owners_and_not_the_quotation_in_it():
    text = GOVERNOR + (
        "New email to supporters from the governor. He's signaling that he has no plans to resign: \"We will "
        "continue to work for the people of Missouri.\" pic.twitter.com/Bu3Cw62Ey9— Daniel Strauss (@DanielStrauss4) "
        "January 16, 2018 Greitens told donors during a call that he intended to stay.")
    quotes = extract_quotes(text)
    tweet = next(q for q in quotes if q.speaker == "Daniel Strauss")
    assert tweet.text == ("New email to supporters from the governor. He's signaling that he has no plans to resign: "
                          "\"We will continue to work for the people of Missouri.\"")
    assert tweet.direct and tweet.channel == "tweet"
    assert text[slice(*tweet.speaker_span)] == "Daniel Strauss"
    # no other quote is his, and no speaker is printed with the handle
    assert [q.text for q in quotes if q.speaker == "Daniel Strauss"] == [tweet.text]
    assert not [q for q in quotes if q.speaker and "@" in q.speaker]


def test_a_quotation_in_a_tweet_is_not_credited_to_the_tweets_author_nor_to_a_speaker_after_it():
    text = ("The president weighed in on Thursday morning.\n\n"
            ".@foxandfriends \"Russia sent millions to Clinton Foundation\"— Donald J. Trump (@realDonaldTrump) "
            "October 19, 2017 He is not wrong, and the Newsweek article acknowledges as much.")
    found = _by_text(text)
    assert found[".@foxandfriends \"Russia sent millions to Clinton Foundation\""] == ("Donald J. Trump", "tweet")
    assert found.get("Russia sent millions to Clinton Foundation", (None, None)) == (None, None)


def test_a_tweet_of_its_own_paragraph_and_the_article_after_its_signature():
    text = ("Trump weighed in on Wednesday.\n\n"
            "I will be meeting with the NRA, who has endorsed me, about the watch list. — Donald J. Trump "
            "(@realDonaldTrump) June 15, 2016 The NRA said it would be happy to meet.")
    found = _by_text(text)
    assert found["I will be meeting with the NRA, who has endorsed me, about the watch list."] == (
        "Donald J. Trump", "tweet")
    assert found["it would be happy to meet"][0] == "NRA"


def test_the_signer_of_a_tweet_is_no_antecedent_of_a_later_he():
    text = GOVERNOR + (
        "New email to supporters from the governor: \"We will continue to work for the people of Missouri.\" "
        "pic.twitter.com/Bu3Cw62Ey9— Daniel Strauss (@DanielStrauss4) January 16, 2018\n\n"
        "\"I will not step down,\" he said later at a news conference.")
    assert _by_text(text)["I will not step down"][0] == "Eric Greitens"
