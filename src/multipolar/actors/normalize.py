"""The one normal form under which roster phrases are compared.

"U.S." == "US" == "us", "Côte d'Ivoire" == "cote d'ivoire", "Russia's" == "Russia",
"the Kremlin" == "Kremlin", "Kim Jong-un" == "Kim Jong Un".
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014]")
_DROPPED = re.compile(r"[.,]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")


def fold(text: str) -> str:
    """Strip diacritics and unify apostrophes, dashes, periods and spacing; keep case."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES)
    text = _DASHES.sub(" ", text)
    text = _DROPPED.sub("", text)
    return _SPACES.sub(" ", text).strip()


def strip_possessive(text: str) -> str:
    """'Russia's' -> 'Russia', 'Philippines'' -> 'Philippines'."""
    return _POSSESSIVE.sub("", text)


def key(text: str) -> str:
    """The lookup key of a phrase: folded, lowercased, possessive and a leading 'the' removed."""
    k = strip_possessive(fold(text).casefold())
    if k.startswith("the "):
        k = k[4:]
    return k


def cased_key(text: str) -> str:
    """Like key() but keeping case: used to check that a case-sensitive form kept its casing."""
    k = strip_possessive(fold(text))
    if k[:4].lower() == "the ":
        k = k[4:]
    return k
