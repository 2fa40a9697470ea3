from newsdesk.ingest import finalise
from newsdesk.model import Article


def test_a_credit_to_an_original_outside_the_collection_is_marked():
    body = (
        "Harbour pilots returned to work on Friday after a two-day stoppage at the port.\n\n"
        "The pilots' association said the agreement restored the safety margins it had asked for."
    )
    rewrite = Article.create(
        "rewrite.txt", body, outlet="Digest Weekly", extra={"credits": ["example-news.org"]}
    )
    own = Article.create("own.txt", body + "\n\nMore soon.", outlet="example-news.org")
    (marked,) = finalise([rewrite])
    assert marked.derivative_of is None
    assert "credits example-news.org" in marked.derivative_reason
    assert "not in this collection" in marked.derivative_reason
    (unmarked,) = finalise([own.__class__.create("x.txt", body, outlet="Plain Post")])
    assert unmarked.derivative_reason is None
