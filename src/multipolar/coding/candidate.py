"""One candidate event on its way through the coder's stages, and the registry of the rules that shape it.

In the manner of spaCy's pipeline components: a stage is a named, ordered list of rules; a rule is a small
function of the candidate that changes it and returns True when it fired (it shaped the event), or sets
`dropped` to say the candidate is no event. The names of the rules that fired travel with the event
(`features`: `rule:<name>`), and FIRED counts them per process, so an evaluation can list rules that never fired.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from multipolar.coding.context import Context
from multipolar.coding.lexicon import Trigger
from multipolar.coding.mentions import Mentions
from multipolar.coding.roles import Roles
from multipolar.model import ActorRef, Article, Location

# detect -> (senses, roles, classify, modality, compose, recipients, places, dates) -> select
STAGES = ("senses", "roles", "classify", "modality", "compose", "recipients", "places", "dates")
RULES: dict[str, list[Callable[["Candidate"], bool | None]]] = {s: [] for s in STAGES}
FIRED: Counter[str] = Counter()


@dataclass
class Candidate:
    """A trigger and what the stages have found about it so far."""

    verb: Token
    trig: Trigger
    sent: Span
    mentions: Mentions
    art: Article
    ctx: Context
    locale: str | None
    offset: int
    coder: Any                                   # the Coder: roster, lexicon, the detector's role model
    r: Roles | None = None                       # actor, recipient, subject, actor_tokens
    parse_actor: frozenset[str] = frozenset()    # the codes of the actor the parse named, before any rule
    event: str = ""
    mode: str | None = None
    context: tuple[str, ...] = ()
    mod: str = "asserted"                        # modality
    explicit: bool = False                       # the parse named the actor
    reporter: Token | None = None                # the reporting verb above the trigger ("X said ...")
    claim_source: list[ActorRef] = field(default_factory=list)
    armed_local: bool = False                    # unnamed armed men, coded to the place they struck
    observers: bool = False                      # observers or peacekeepers leaving
    foretold: bool = False                       # someone else's forecast of the actor's act
    syntactic_recipient: bool = False
    loc: Location | None = None
    date: Any = None
    precision: str = ""
    fired: list[str] = field(default_factory=list)
    dropped: bool = False

    @property
    def actor_codes(self) -> set[str]:
        return {a.code for a in self.r.actor}

    def retype(self, event: str, mode: str | None, context: tuple[str, ...] | None = None) -> bool:
        self.event, self.mode = event, mode
        if context is not None:
            self.context = context
        return True

    def drop(self) -> bool:
        self.dropped = True
        return True


def rule(stage: str):
    """Register a rule at the end of `stage`."""
    def add(fn):
        RULES[stage].append(fn)
        return fn
    return add


def run(c: Candidate) -> bool:
    """Every stage's rules in order; False when a rule dropped the candidate."""
    for stage in STAGES:
        for fn in RULES[stage]:
            if fn(c):
                c.fired.append(fn.__name__)
                FIRED[fn.__name__] += 1
            if c.dropped:
                return False
    return True


def rule_names() -> list[str]:
    return [fn.__name__ for stage in STAGES for fn in RULES[stage]]


def never_fired() -> list[str]:
    """Rules that shaped or dropped no candidate in this process (steps that only compute are left out)."""
    return [n for n in rule_names() if not FIRED[n] and not n.startswith("step_")]
