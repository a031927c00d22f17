"""Headlines in Title Case ("Israel Kills Two Militants During Massive Gaza Raid") fool the small tagger: every
capitalised word looks like a name. Before parsing, such a sentence is put in sentence case: capitalised words
that are not names the roster knows become lower case. The length never changes, so spans stay valid."""
from __future__ import annotations

import re

from multipolar.coding import words

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MIN_WORDS = 3
MINOR = words.of("headline_minor")   # the words a Title Case headline leaves in lower case


def is_title_case(text: str) -> bool:
    """Every word but the minor ones is capitalised ("Kerry Challenges Bush Record on Issues"); one lower-case
    word of substance ("... Lula met Argentine President Milei") makes it an ordinary sentence."""
    substantive = [w for w in _WORD.findall(text) if w.lower() not in MINOR]
    return len(substantive) >= MIN_WORDS and all(w[0].isupper() for w in substantive)


def sentence_case(text: str, is_name) -> str:
    """Lower-case the capitalised words of a Title Case sentence, except the first word, acronyms and the words
    `is_name` keeps (names of states, places, leaders, organisations)."""
    if not is_title_case(text):
        return text
    out = list(text)
    matches = list(_WORD.finditer(text))
    for k, m in enumerate(matches):
        w = m.group()
        if k == 0 or not w[0].isupper() or w.isupper() or is_name(matches, k):
            continue
        out[m.start()] = w[0].lower()
    return "".join(out)


def name_test(grams: frozenset[str], lookup_place):
    """A predicate over the words of a sentence: is word k part of a roster phrase of up to four words (lower
    case, as `grams` holds them) or a place the gazetteer knows?"""
    def is_name(matches, k: int) -> bool:
        words = [m.group().lower().removesuffix("'s").removesuffix("\u2019s") for m in matches]
        for n in (1, 2, 3, 4, 5, 6):
            for i in range(max(0, k - n + 1), k + 1):
                if i + n <= len(words) and " ".join(words[i:i + n]) in grams:
                    return True
        return lookup_place(matches[k].group()) is not None
    return is_name
