"""The word lists of the coding rules (coding/data/words.tsv: columns `set`, `word`), read and checked once.

A rule asks for its list by name: `words.of("report_verbs")`. Every set is declared in SETS below; the loader
fails at load time, naming file and line, on an undeclared set, an empty or duplicate word, a row of the wrong
width, or an event-type set holding something that is not a PLOVER event type.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from multipolar import tsv
from multipolar.errors import DataFileError

DATA = Path(__file__).parent / "data" / "words.tsv"

# the declared sets (each one's meaning is the comment above its rows in words.tsv)
SETS = tuple("""
    cooperative_material obligation domestic reciprocal meetings verbal_conflict violent material_conflict
    close_in_time place_targeted government_sectors private_sectors cooperation_words threat_words means
    partner_nouns setting_preps projectiles needs_recipient sports armed forecasters force_sectors visitors
    helping observers left_behind attack_nouns conflict hostile_verbs people domestic_targets pronoun_words
    of_patient time_preps
    governing complement_deps own_clause_deps mdy_locales date_deps relative_time np_deps np_preps quantities
    pronouns group_nouns relation_nouns relation_modifiers done_by not_actor_prefix arabic_articles titles
    not_actor_suffix common_names hypothetical_aux future_aux hypothetical_verbs future_verbs weighing hedges
    probably conditional_marks neg_words report_phrases according_not_a_source place_preps place_labels
    place_nouns report_verbs object_control complaint_preps recipient_preps agent_nouns statement_nouns
    gathering_nouns stative_passive skip_deps circumstance_preps venue_preps help_nouns borders region_nouns
    noun_like_adjectives noun_deps containers not_object_preps light_verbs again_stems aspect_verbs phone_words
    vow_verbs pair_nouns people_of_origin topic_untargeted topic_home_acts headline_minor auxiliary_verbs
    convening_verbs vague_place_words
""".split())
# sets of PLOVER event types
TYPE_SETS = tuple("""
    cooperative_material domestic reciprocal meetings verbal_conflict violent material_conflict place_targeted
    needs_recipient conflict governing topic_untargeted topic_home_acts of_patient
""".split())


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, frozenset[str]]:
    from multipolar.ontology import EVENT_TYPES
    path = Path(path) if path else DATA
    out: dict[str, dict[str, None]] = {}
    for n, row in tsv.table(path, ("set", "word")):
        name, word = row["set"], row["word"]
        where = f"{path.name} line {n}"
        if name not in SETS:
            raise DataFileError(f"{where}: unknown word set {name!r}. Declare it in coding/words.py (SETS) "
                                f"or fix the name.")
        if not word:
            raise DataFileError(f"{where}: empty word in set {name!r}. Write a word or delete the row.")
        if word in out.get(name, {}):
            raise DataFileError(f"{where}: duplicate word {word!r} in set {name!r}. Delete the row.")
        if name in TYPE_SETS and word not in EVENT_TYPES:
            raise DataFileError(f"{where}: {word!r} in set {name!r} is not a PLOVER event type.")
        out.setdefault(name, {})[word] = None
    missing = [s for s in SETS if s not in out]
    if missing:
        raise DataFileError(f"{path.name}: no words for the declared set(s) {', '.join(missing)}.")
    return {name: frozenset(ws) for name, ws in out.items()}


def of(name: str) -> frozenset[str]:
    """The words of one declared set."""
    if name not in SETS:
        raise KeyError(f"unknown word set {name!r}; declared sets: {', '.join(SETS)}")
    return load()[name]
