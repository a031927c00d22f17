"""coding/roles.py: actor and recipient from the parse."""
from parsing import parse, token

from multipolar.coding import lexicon, roles


def _roles(text, lemma):
    sent, mentions = parse(text)
    verb = token(sent, lemma)
    trig = lexicon.load().candidates(verb.lemma_.lower())[0]
    return roles.roles(verb, trig, mentions)


def codes(refs):
    return sorted(r.code for r in refs)


def test_subject_and_object():
    r = _roles("Russia attacked Ukraine on Monday.", "attack")
    assert codes(r.actor) == ["RUS"] and codes(r.recipient) == ["UKR"]


def test_passive_agent_is_actor():
    r = _roles("Kyiv was attacked by Russian drones overnight.", "attack")
    assert codes(r.actor) == ["RUS"] and codes(r.recipient) == ["UKR"]


def test_coordinated_subjects_act_together():
    r = _roles("The United States and Britain imposed new sanctions on Iran.", "impose")
    assert codes(r.actor) == ["GBR", "USA"] and codes(r.recipient) == ["IRN"]


def test_subject_of_finds_the_subject_token():
    sent, _ = parse("China condemned Japan.")
    subj, _ = roles.subject_of(token(sent, "condemn"))
    assert subj.text == "China"


def test_fallback_recipient_in_the_clause():
    sent, mentions = parse("Turkey refused to join the Western sanctions against Russia.")
    found = roles.fallback_recipient(token(sent, "refuse"), mentions, {"TUR"}, set())
    assert codes(found) == ["RUS"]


def test_the_of_phrase_of_an_attack_noun_is_its_target():
    sent, mentions = parse("The shelling of Ukrainian towns angered Kyiv.")
    r = roles.noun_roles(token(sent, "shelling"), mentions, "ASSAULT")
    assert codes(r.actor) == [] and codes(r.recipient) == ["UKR"]


def test_an_owner_still_acts_beside_the_target():
    sent, mentions = parse("Israel's blockade of Gaza entered its second year.")
    r = roles.noun_roles(token(sent, "blockade"), mentions, "SANCTION")
    assert codes(r.actor) == ["ISR"]


def test_the_of_phrase_of_a_visit_is_its_doer():
    sent, mentions = parse("The visit of the Chinese premier lasted three days.")
    r = roles.noun_roles(token(sent, "visit"), mentions, "CONSULT")
    assert codes(r.actor) == ["CHN"]


def test_a_gerund_of_time_takes_the_subject_of_the_clause_it_dates():
    sent, _ = parse("Putin arrived in Hanoi a day after signing a treaty with North Korea.")
    subject, passive = roles.subject_of(token(sent, "sign"))
    assert subject.text == "Putin" and not passive


def test_the_speaker_of_a_report_is_the_source_not_a_party():
    sent, _ = parse("Azerbaijan lifted its blockade of the Lachin corridor, Armenia said.")
    lifted, armenia, azerbaijan = token(sent, "lift"), token(sent, "armenia"), token(sent, "azerbaijan")
    assert roles.claim_source(armenia, lifted)
    assert not roles.claim_source(azerbaijan, lifted)


def test_a_condemnation_aims_at_the_doer_of_the_act_not_its_victim():
    r = _roles("Germany condemned Russia's attack on Ukraine.", "condemn")
    assert codes(r.actor) == ["DEU"] and codes(r.recipient) == ["RUS"]
    r = _roles("China condemned the sanctions on Iran.", "condemn")       # no doer named: the target stays
    assert codes(r.recipient) == ["IRN"]
