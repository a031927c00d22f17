"""coding/clauses.py: what a clause says about its event."""
from parsing import parse, token

from multipolar.coding import clauses
from multipolar.model import ActorRef


def test_historical_background_clause():
    sent, _ = parse("Belarus freed prisoners years after Russia invaded Ukraine.")
    assert clauses.historical(token(sent, "invade"))
    sent, _ = parse("Belarus freed prisoners hours after Kellogg met Lukashenko.")
    assert not clauses.historical(token(sent, "meet"))


def test_test_fire_and_rule_out():
    sent, _ = parse("North Korea test-fired a missile.")
    assert clauses.test_fire(token(sent, "fire"))
    sent, _ = parse("Trump did not rule out force.")
    assert clauses.rules_out(token(sent, "rule"))


def test_local_people_and_armed_locals():
    sent, _ = parse("Thousands of protesters rallied in Tbilisi.")
    assert clauses.local_people(token(sent, "thousand"))
    sent, _ = parse("Rebels attacked a convoy in northern Mali.")
    assert clauses.armed_locals(token(sent, "rebel"))


def test_domestic_target():
    sent, _ = parse("The government banned opposition candidates.")
    assert clauses.has_domestic_target(token(sent, "ban"))
    sent, _ = parse("France banned Russian imports.")
    assert not clauses.has_domestic_target(token(sent, "ban"))


def test_conditional_and_governmental():
    sent, _ = parse("Russia could cut gas supplies if Chisinau refuses to pay.")
    assert clauses.conditional(token(sent, "cut"), ("if", "unless"))
    assert not clauses.conditional(token(sent, "cut"), ("unless",))
    gov = ActorRef(code="RUS", text="Russia", name="Russia", sector="GOV", kind="state")
    firm = ActorRef(code="RUS", text="Gazprom", name="Gazprom", sector="BUS", kind="state")
    assert clauses.governmental([gov]) and not clauses.governmental([firm])


def test_sports_fixture_is_no_event():
    sent, _ = parse("Brazil will face Argentina in the World Cup qualifier on Tuesday.")
    assert clauses.sports(sent)


def test_word_lists_come_from_the_data_file():
    assert "must" in clauses.OBLIGATION and "PROTEST" in clauses.DOMESTIC and "protester" in clauses.PEOPLE


def test_forces_moved_by_an_agentless_passive():
    from multipolar.actors import Roster
    roster = Roster.load()
    sent, _ = parse("Chinese troops were deployed to the border.")
    assert clauses.forces_moved(token(sent, "deploy"), roster).lemma_ == "troop"
    sent, _ = parse("Chinese troops were deployed by Beijing to the border.")
    assert clauses.forces_moved(token(sent, "deploy"), roster) is None        # the agent is named
    sent, _ = parse("Three Chinese diplomats were expelled.")
    assert clauses.forces_moved(token(sent, "expel"), roster) is None         # diplomats are no force
