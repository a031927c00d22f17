"""Parse one sentence with the real pipeline, for the unit tests of the coding modules."""
from datetime import date

from multipolar.coding.mentions import Mentions
from multipolar.nlp import pipeline

D = date(2024, 6, 20)


def parse(text: str):
    """(sentence span, mentions) of `text`."""
    doc = pipeline()(text)
    return doc[:], Mentions(doc[:], D, text)


def token(sent, lemma: str):
    return next(t for t in sent if t.lemma_.lower() == lemma or t.lower_ == lemma)
