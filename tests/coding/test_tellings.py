"""One event per happening per document (coding/tellings.py)."""
from datetime import date

from multipolar.coding.tellings import merge
from multipolar.model import ActorRef, Event


def _ev(event, a, r, span, modality="asserted"):
    return Event(id="x", doc_id="d", event=event, actor=(ActorRef(code=a, text=a),),
                 recipient=(ActorRef(code=r, text=r),), modality=modality, span=span,
                 date=date(2024, 6, 19) if span[0] == 0 else None)


def test_two_tellings_of_a_visit_are_one_event_with_two_sources():
    out = merge([_ev("CONSULT", "RUS", "VNM", (0, 40)), _ev("CONSULT", "RUS", "VNM", (41, 90))])
    assert len(out) == 1 and out[0].sources == ((41, 90),)
    assert out[0].as_record()["sources"] == [[41, 90]]


def test_different_parties_or_a_denial_stay_apart():
    out = merge([_ev("CONSULT", "RUS", "VNM", (0, 40)), _ev("CONSULT", "RUS", "PRK", (41, 90)),
                 _ev("CONSULT", "RUS", "VNM", (91, 120), modality="negated")])
    assert len(out) == 3


def test_an_announced_visit_and_its_arrival_are_one_happening_that_took_place():
    out = merge([_ev("CONSULT", "RUS", "PRK", (0, 40), modality="future"), _ev("CONSULT", "RUS", "PRK", (41, 90)),
                 _ev("CONSULT", "RUS", "PRK", (91, 130), modality="hypothetical")])
    assert len(out) == 1 and out[0].modality == "asserted" and out[0].sources == ((41, 90), (91, 130))


def test_the_store_key_still_tells_an_announcement_from_its_outcome():
    from multipolar.coding.tellings import key
    assert key(_ev("CONSULT", "RUS", "PRK", (0, 40), modality="future")) != key(_ev("CONSULT", "RUS", "PRK", (0, 40)))


def test_a_later_telling_gives_a_missing_date():
    out = merge([_ev("ACCUSE", "USA", "RUS", (5, 40)), _ev("ACCUSE", "USA", "RUS", (0, 4))])
    assert out[0].date == date(2024, 6, 19)
