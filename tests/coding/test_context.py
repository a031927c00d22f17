"""coding/context.py: coreference across an article's sentences."""
from parsing import parse, token

from multipolar.coding.context import Context
from multipolar.model import ActorRef

PUTIN = ActorRef(code="RUS", text="Putin", name="Vladimir Putin", sector="GOV", kind="leader")
XI = ActorRef(code="CHN", text="Xi", name="Xi Jinping", sector="GOV", kind="leader")
FRANCE = ActorRef(code="FRA", text="France", name="France", kind="state")


def test_he_is_the_last_leader_nearby():
    ctx = Context()
    ctx.remember([PUTIN, XI], 0)
    assert ctx.resolve("he", None, 100) == [XI]
    assert ctx.resolve("he", None, 100 + Context.NEAR) == []


def test_the_two_leaders_are_the_last_two_named():
    ctx = Context()
    ctx.remember([PUTIN, XI], 0)
    sent, _ = parse("The two leaders signed a pact.")
    assert {r.code for r in ctx.resolve("leaders", token(sent, "leader"), 200)} == {"RUS", "CHN"}


def test_it_is_the_last_sentence_subject_state():
    ctx = Context(subject=(0, [FRANCE]))
    assert ctx.resolve("it", None, 50) == [FRANCE]
    assert ctx.resolve("it", None, 50 + Context.NEAR) == []


def test_the_last_two_sentences_that_named_anyone_are_kept_for_the_earlier_actor():
    ctx = Context()
    assert ctx.previous is None
    ctx.remember_sentence("doc one", [(0, 1, PUTIN)])
    ctx.remember_sentence("doc two", [])               # named nobody: the sentences before stay
    assert ctx.previous == ("doc one", [(0, 1, PUTIN)])
    ctx.remember_sentence("doc three", [(2, 3, FRANCE)])
    ctx.remember_sentence("doc four", [(0, 1, XI)])
    assert ctx.named == [("doc three", [(2, 3, FRANCE)]), ("doc four", [(0, 1, XI)])]   # the last two, oldest first
    assert ctx.previous == ("doc four", [(0, 1, XI)])
