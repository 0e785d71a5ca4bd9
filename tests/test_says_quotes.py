"""Direct quotes are read from their quotation marks, across sentences and paragraphs."""

from polemos.nlp.quotes import find_quotes


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_quote_offsets_point_at_the_words_inside_the_marks():
    text = "\u201cWe will not retreat,\u201d the commander said."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "We will not retreat"
    assert text[quote.opened] == "\u201c" and text[quote.closed] == "\u201d"


def test_straight_quotes_are_read_like_curly_ones():
    assert texts('The mayor called the report "a fabrication" on Friday.') == ["a fabrication"]


def test_a_partial_quote_inside_a_sentence_is_a_quote():
    text = "The ministry said its forces hit \u201cmilitary targets\u201d and \u201cnothing else.\u201d"
    assert texts(text) == ["military targets", "nothing else."]


def test_an_open_quote_goes_on_in_a_paragraph_that_opens_with_a_quote_mark():
    text = "\u201cThe roads are closed. Nobody can leave.\n\u201cWe are waiting for the convoy,\u201d she said.\n"
    (quote,) = find_quotes(text)
    assert quote.paragraphs == 2
    assert text[quote.start : quote.end].startswith("The roads are closed")
    assert text[quote.start : quote.end].endswith("waiting for the convoy")


def test_an_open_quote_ends_with_its_paragraph_when_the_next_one_does_not_continue_it():
    text = "He said: \u201cThe talks are over.\nThe delegation left on Monday."
    assert texts(text) == ["The talks are over."]


def test_single_quotes_inside_double_quotes_stay_nested():
    text = "\u201cThey told us \u2018leave now\u2019 and then the shelling began,\u201d a resident said."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end].endswith("the shelling began")
    assert [text[s:e] for s, e in quote.nested] == ["leave now"]


def test_british_single_quotes_are_quotes_and_apostrophes_are_not_closing_marks():
    text = "The governor\u2019s aide said \u2018the army\u2019s convoy was hit\u2019 near the bridge."
    assert texts(text) == ["the army\u2019s convoy was hit"]
