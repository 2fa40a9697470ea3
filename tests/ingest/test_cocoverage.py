from newsdesk.ingest.cocoverage import infer_story_dates
from newsdesk.model import Article, Story


def art(text: str, published: str | None = None) -> Article:
    return Article.create(f"{text}.txt", text, published=published, title=text)


def test_undated_report_takes_the_earliest_date_of_a_tight_story():
    dated = art("a", "2025-03-13T10:00:00")
    later = art("b", "2025-03-14")
    undated = art("c")
    story = Story("s-1", "t", (dated.id, later.id, undated.id))
    (changed,) = infer_story_dates([story], [dated, later, undated])
    assert changed.id == undated.id
    assert changed.published == "2025-03-13"
    assert changed.field_sources["published"] == "inferred"
    assert "2 dated reports" in changed.extra["published_evidence"]


def test_wide_or_undated_stories_date_nothing():
    spread = [art("a", "2025-03-01"), art("b", "2025-03-20"), art("c")]
    undated = [art("d"), art("e")]
    stories = [
        Story("s-1", "t", tuple(a.id for a in spread)),
        Story("s-2", "t", tuple(a.id for a in undated)),
    ]
    assert infer_story_dates(stories, spread + undated) == []
