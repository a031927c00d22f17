"""coding/mentions.py: roster phrases found in a sentence."""
from parsing import parse, token


def codes(mentions):
    return sorted({r.code for r in mentions.all()})


def test_countries_capitals_and_leaders():
    _, m = parse("Putin met Xi Jinping in Beijing as Washington watched.")
    assert codes(m) == ["CHN", "RUS", "USA"]


def test_affiliation_is_not_an_actor():
    _, m = parse("Pro-Iranian militias attacked the base.")
    assert "IRN" not in codes(m)


def test_case_sensitive_forms_need_a_capital():
    _, m = parse("Tell us what happened in Chad.")
    assert codes(m) == ["TCD"]


def test_actors_of_follows_coordination():
    sent, m = parse("France and Germany signed the treaty.")
    assert sorted(r.code for r in m.actors_of(token(sent, "france"))) == ["DEU", "FRA"]


def test_pronoun_like():
    sent, m = parse("They said the two leaders met.")
    assert m.is_pronoun_like(token(sent, "they"))
    assert not m


def test_a_borrowed_place_names_its_state_but_not_a_person():
    _, m = parse("Police in Lagos arrested two suspects.")
    assert codes(m) == ["NGA"]
    _, m = parse("Rep. Alexandria Ocasio-Cortez criticised the bill.")
    assert "EGY" not in codes(m)


def test_a_party_the_parser_hung_below_the_other_is_still_a_party():
    # the parser makes "leader ... and counterpart" a compound modifier of "Putin"
    sent, m = parse("North Korean leader Kim Jong Un and Russian counterpart Vladimir Putin met at a space center.")
    assert sorted(r.code for r in m.actors_of(token(sent, "putin"))) == ["PRK", "RUS"]


def test_a_compound_without_coordination_adds_no_party():
    sent, m = parse("Russian President Vladimir Putin met the delegation.")
    assert [r.code for r in m.actors_of(token(sent, "putin"))] == ["RUS"]
