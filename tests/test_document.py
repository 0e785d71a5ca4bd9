"""Turning raw input into clean text, or into a Rejection that says why not."""

from __future__ import annotations

from datetime import date

from polemos.document import build_document, detect_language
from polemos.records import Article, Document, Rejection
from polemos.sources import article_from_bytes

BODY = (
    "Troops and rebel fighters exchanged fire for several hours on Monday near the northern town, "
    "a local administrator said, adding that the army had sent reinforcements to the area."
)


def document(raw: str, **kw) -> Document | Rejection:
    return build_document(article_from_bytes(raw.encode("utf-8"), **kw))


def test_dateline_is_kept_out_of_the_first_sentence():
    result = document("NEW DELHI: " + BODY)
    assert isinstance(result, Document)
    assert result.dateline == "NEW DELHI"
    assert result.text.startswith("Troops and rebel")


def test_agency_dateline_with_dash():
    result = document("KABUL (Reuters) - " + BODY)
    assert isinstance(result, Document)
    assert result.dateline == "KABUL"
    assert result.text.startswith("Troops")


def test_a_joint_dateline_of_two_cities_is_taken_off_and_names_the_first():
    result = document("ADDIS ABABA/NAIROBI, Jan 6 (Wire) - " + BODY)
    assert isinstance(result, Document)
    assert result.dateline == "ADDIS ABABA"
    assert result.text.startswith("Troops")


def test_ordinary_first_sentence_is_not_a_dateline():
    result = document("UN officials: " + BODY)
    assert isinstance(result, Document)
    assert result.dateline is None


def test_byline_is_removed_and_kept():
    result = document("By Amina Yusuf\nBAMAKO: " + BODY)
    assert isinstance(result, Document)
    assert result.byline == "By Amina Yusuf"
    assert result.dateline == "BAMAKO"
    assert "Amina" not in result.text


def test_photo_caption_lines_are_dropped():
    result = document("Photo: smoke rises over the town\n" + BODY)
    assert isinstance(result, Document)
    assert "smoke rises" not in result.text


def test_whitespace_is_normalised_but_paragraphs_stay():
    result = document("First   paragraph " + BODY + "\n\n\nSecond\tparagraph " + BODY)
    assert isinstance(result, Document)
    assert "   " not in result.text and "\t" not in result.text
    assert result.text.count("\n") == 1


def test_empty_input_is_rejected():
    result = document("   \n ")
    assert isinstance(result, Rejection) and result.reason == "empty"


def test_too_short_input_is_rejected_as_empty():
    result = document("Breaking news.")
    assert isinstance(result, Rejection) and result.reason == "empty"


def test_oversized_input_is_rejected_with_the_limit_in_the_message():
    result = build_document(article_from_bytes(b"word " * 500_000), max_bytes=1_000_000)
    assert isinstance(result, Rejection) and result.reason == "too_large"
    assert "1,000,000" in result.message


def test_binary_input_is_rejected():
    result = build_document(article_from_bytes(bytes(range(256)) * 50))
    assert isinstance(result, Rejection) and result.reason == "binary"


def test_french_article_is_rejected_as_not_english():
    french = (
        "Les forces armées ont lancé une opération contre les groupes armés dans le nord du pays, "
        "a déclaré le ministre de la Défense, qui a précisé que les combats se poursuivaient."
    )
    result = document(french)
    assert isinstance(result, Rejection) and result.reason == "not_english"
    assert "fr" in result.message


def test_language_guess_for_english():
    assert detect_language(BODY)[0] == "en"


def test_html_body_title_and_date_are_extracted():
    html = (
        "<html><head><title>Fighting near the town</title>"
        '<meta property="article:published_time" content="2026-02-03T10:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>Fighting near the town</h1><p>{BODY}</p><p>{BODY}</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    result = build_document(article_from_bytes(html.encode(), kind="html"))
    assert isinstance(result, Document)
    assert "Troops and rebel fighters" in result.text
    assert "Copyright" not in result.text
    assert result.title == "Fighting near the town"
    assert result.published == date(2026, 2, 3)


def test_html_without_a_body_is_rejected():
    html = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    result = build_document(article_from_bytes(html.encode(), kind="html"))
    assert isinstance(result, Rejection) and result.reason == "no_body"


def test_dated_agency_dateline_under_a_headline():
    result = document("Rebels seize border town after heavy fighting\n\nGOMA, Feb 3 (Wire) - " + BODY)
    assert isinstance(result, Document)
    assert result.dateline == "GOMA"
    assert "GOMA" not in result.text and "Feb 3" not in result.text
    assert result.text.startswith("Rebels seize border town")


def test_the_datelines_date_is_kept_as_the_reports_not_the_bodys():
    result = document("KHARTOUM, Jan. 6, 2026 (Wire) - " + BODY)
    assert isinstance(result, Document)
    assert result.dateline_date == "Jan. 6, 2026"
    assert result.to_dict()["dateline_date"] == "Jan. 6, 2026"
    assert "Jan. 6" not in result.text


def test_a_dateline_without_a_date_has_none():
    result = document("KABUL (Reuters) - " + BODY)
    assert isinstance(result, Document) and result.dateline_date is None


def test_a_first_sentence_is_not_a_headline_above_a_dateline():
    result = document(BODY + "\nKABUL (Reuters) - " + BODY)
    assert isinstance(result, Document)
    assert result.dateline is None


def test_a_dateline_with_its_year_dates_an_undated_report():
    result = document("GOMA, Feb. 3, 2026 (Wire) - " + BODY)
    assert isinstance(result, Document) and result.published == date(2026, 2, 3)


def test_a_given_publication_date_outranks_the_datelines():
    result = document("GOMA, Feb. 3, 2026 (Wire) - " + BODY, published=date(2026, 2, 4))
    assert isinstance(result, Document) and result.published == date(2026, 2, 4)


def test_a_short_english_headline_is_coded_not_rejected():
    for headline in ("Gunmen kill five villagers in central Mali raid", "Pakistan, Afghanistan agree ceasefire",
                     "Israeli strike kills 5"):
        result = build_document(Article(id="h", raw=headline.encode(), kind="text"))
        assert not isinstance(result, Rejection), (headline, result)


def test_a_short_french_or_cyrillic_snippet_is_still_rejected():
    for text in ("Les manifestants sont dans la rue pour la paix", "Российские войска обстреляли город ночью"):
        result = build_document(Article(id="s", raw=text.encode(), kind="text"))
        assert isinstance(result, Rejection) and result.reason == "not_english", text
