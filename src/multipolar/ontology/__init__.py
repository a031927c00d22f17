"""PLOVER ontology: event types, modes, contexts, scores and the CAMEO crosswalk, kept as data files.

    from multipolar.ontology import Ontology, cameo_to_plover, plover_to_cameo, score, goldstein
    ont = Ontology.load()                  # cached; validates data/*.tsv (DataFileError names file, line, key)
    ont.modes("CONSULT")                   # ('visit', 'third-party', 'multilateral', 'phone')
    ont.quad("ASSAULT")                    # 'material conflict'
    score("AID")                           # 7.4
    cameo_to_plover("0421")                # ('CONSULT', 'visit', ('diplomatic',)) via parent 042
    plover_to_cameo("CONSULT", "visit", host=True)   # '043'
    goldstein("163")                       # -8.0

Data (src/multipolar/ontology/data/, TAB-separated, '#' comments, '-' = empty):
  types.tsv         the 16 types: quad class, PLOVER score, aliases (DEMAND -> REQUEST), description
  modes.tsv         modes per type (draft 0.8 mode tables); optional per-mode score (the manual gives none)
  contexts.tsv      general contexts, special contexts, multipolar extensions (territory), aliases (energy)
  cameo_plover.tsv  CAMEO code -> type, mode, contexts (codes fall back to their parent)
  plover_cameo.tsv  (type, mode, context, variant) -> the CAMEO code multipolar emits
  goldstein.tsv     Goldstein scores per CAMEO code, for comparison with GDELT/ICEWS

Sources: PLOVER manual draft 0.8 (Open Event Data Alliance, CC BY-SA 4.0; github.com/openeventdata/PLOVER,
PLOVER_MANUAL.tex) and its CAMEO2PLOVER-2021 table; Goldstein (1992) weights as published with CAMEO.

Coding conventions (from the manual; coders must follow them):
  * Visits: the visitor is the actor and the host the recipient (CONSULT, mode visit). CAMEO splits this
    into 042 (visitor's side) and 043 (host's side); PLOVER keeps one event. Ask for 043 with host=True.
  * Reciprocal events ("X and Y met", "X and Y agreed", two-sided fighting): all parties go in `actor`,
    with no recipient. One-sided violence: perpetrator is the actor, victims the recipient.
  * Future cooperation ("will sign", "promised to", "offered") is AGREE - not SUPPORT plus a future
    context. Promises to sign or ratify are AGREE.
  * Signing or ratifying an agreement, praise, endorsement and diplomatic recognition are SUPPORT
    (verbal cooperation); emit CAMEO 057 for signing with variant="sign".
  * International sanctions, embargoes and cutting aid are SANCTION, mode discontinue (CAMEO 163; the
    CAMEO2PLOVER-2021 table's COERCE for 163 contradicts the manual's text). Court verdicts are
    SANCTION/convict (CAMEO 116).
  * Sending troops, weapons or money to an ally is AID (context military -> CAMEO 072, economic -> 071,
    humanitarian -> 073). Mutual exchange (joint exercises, trade deals carried out) is COOPERATE.
  * Refusing or rejecting anything - a demand, talks, a plan; a veto - is REJECT. Cancelling talks is
    REJECT; withdrawing from an existing arrangement is SANCTION.
  * Verbal concessions (announced ceasefires, pardons, apologies for harm) are CONCEDE; concessions
    carried out (release, withdrawal, ceasefire in effect, resignation) are RETREAT.
  * Demands are REQUEST (the manual's DEMAND); appeals and plain statements (CAMEO 01, 02) are not coded.
  * Scores: PLOVER scores are per type (manual table "PLOVER conflict--cooperation scores"); score(type, mode)
    uses a mode's own score only where the data gives one. Quad classes follow each type's section (SANCTION
    is material conflict, although the manual's summary quad table lists it as verbal conflict).
  * Contexts: multipolar adds `territory` (the manual folds it into `resource`); `energy` is an alias for
    economic + resource. The special contexts future/hypothetical/negation/historical are carried in
    Event.modality rather than in `context`.
"""
from __future__ import annotations

from multipolar.ontology._load import EVENT_TYPES, QUADS, CameoEntry
from multipolar.ontology.ontology import Ontology, normalise_cameo


def score(event: str, mode: str | None = None) -> float:
    """PLOVER conflict-cooperation score (-10..+10) of an event type (and mode); QueryError if unknown."""
    return Ontology.load().score(event, mode)


def cameo_to_plover(code: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """CAMEO code -> (type, mode, contexts); (None, None, ()) for unknown, empty or dropped codes."""
    return Ontology.load().cameo_to_plover(code)


def plover_to_cameo(event: str | None, mode: str | None = None, context=(), host: bool = False,
                    variant: str | None = None) -> str | None:
    """The CAMEO code to emit for a PLOVER (type, mode, contexts); None for an unknown type."""
    return Ontology.load().plover_to_cameo(event, mode, context, host=host, variant=variant)


def goldstein(cameo_code: str) -> float | None:
    """Goldstein score of a CAMEO code (falls back to the parent code); None if unknown or empty."""
    return Ontology.load().goldstein(cameo_code)


__all__ = ["EVENT_TYPES", "QUADS", "CameoEntry", "Ontology", "cameo_to_plover", "goldstein",
           "normalise_cameo", "plover_to_cameo", "score"]
