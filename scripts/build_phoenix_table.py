"""Derive actors/data/phoenix_actors.tsv from the Phoenix country and armed-group actor dictionaries (MIT,
../shared/reference/petrarch2).

The dictionary lists, per state, other names of it (regions, provinces, cities, rivers: "Chechnya", "Lagos",
"Madhya Pradesh"), its institutions ("State Duma" -> RUS LEG) and some 18,000 officeholders with dated codes
("[DZAGOVAGR 030101-080630]": Algeria, government, from 2003-01-01 to 2008-06-30); the armed-group dictionary
names groups of one state ("Kongra-Gel" -> TUR REB; groups coded only as transnational are left out). Each form
becomes one row per dated code. Kept: forms naming one state only, of at least two words for people, of four
letters or more, made of letters, spaces, hyphens, periods and apostrophes, and not a common noun phrase that any
state could own: a form of at most two words each of which corpus/ or the AG News pool writes in lower case
somewhere ("Senate", "Youth", "Defense Department", "Central Command") is left out. The roster loads the table
last: a form the hand-written tables already resolve (exactly or composed: "Russian President Vladimir Putin")
is left out here, so rebuild the table when they change.

    .venv/bin/python scripts/build_phoenix_table.py ../shared/reference/petrarch2/Phoenix.Countries.actors.txt \\
        ../shared/reference/petrarch2/Phoenix.MilNonState.actors.txt
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from multipolar import corpus
from multipolar.actors import Roster
from multipolar.actors.normalize import key

OUT = Path(__file__).resolve().parents[1] / "src/multipolar/actors/data/phoenix_actors.tsv"
CODE = re.compile(r"\[([A-Z]{3,12})(?:\s+([<>]?(?:\d{8}|\d{6}))(?:-(\d{8}|\d{6}))?)?\s*\]")
FORM_OK = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")
LINKS = frozenset({"of", "the", "and", "for", "to", "de", "in"})
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AG_POOL = Path(__file__).resolve().parents[2] / "shared/corpora/agnews_world_pool.jsonl"
ALSO_COMMON = ("tigers", "mavericks", "falcon", "yahweh", "senate")
MIN_LOWER_USES = 2          # lower-case uses that make a word common English
MIN_LOWER_SHARE = 0.02      # ... and their share of its uses inside a sentence: "bush" (2 of 285) stays a name,
                            # "congress" (5 of 168) and "senate" (9 of 66) are common words
GIVEN_USES, GIVEN_SHARE = 100, 0.95   # a word this often before another capitalised one is a given name
# territories Phoenix gives to one state that the UN General Assembly does not (coding/data/regions.tsv's rule):
# Western Sahara is a non-self-governing territory, not Morocco
NO_STATE = frozenset({"western sahara"})
SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "REB", "SPY", "BUS", "MED", "CVL"})
HEADER_LINES = (
    "# phoenix_actors.tsv: other names of states (regions, cities, rivers), state institutions, armed groups and",
    "#   officeholders that the hand-written tables lack. Derived, do not edit: rebuild with",
    "#   scripts/build_phoenix_table.py.",
    "# source: Phoenix.Countries.actors.txt and Phoenix.MilNonState.actors.txt of PETRARCH2's dictionaries (Open Event",
    "#   Data Alliance, 2014), MIT licence: PETRARCH2_LICENSE.txt beside this file.",
    "# columns: code (ISO3 state), sector, kind (place, body or person), form, start, end (ISO dates, empty = open).",
)


def _date(raw: str) -> str:
    """'040701' -> '2004-07-01' (two-digit years before 30 are 20xx: the dictionary dates from 2014)."""
    raw = raw.lstrip("<>")
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 30 else 1900 + yy}{raw[2:]}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def _form(raw: str) -> str | None:
    text = raw.strip().strip("_").replace("_", " ").strip()
    if not FORM_OK.match(text) or len(text.replace(" ", "")) < 4:
        return None
    return " ".join(w.capitalize() if w.isupper() else w for w in text.split(" ") if w)


def _span(start: str | None, end: str | None) -> tuple[str, str]:
    if start is None:
        return "", ""
    if start.startswith("<"):
        return "", _date(start)
    if start.startswith(">") or end is None:
        return _date(start), ""
    return _date(start), _date(end)


def entries(path: Path):
    """(forms, kind, [(code, start, end)]) per dictionary entry."""
    forms: list[str] = []
    codes: list[tuple[str, str, str]] = []
    kind = "body"
    block: tuple[str, list] | None = None      # the state whose block of other names is open
    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":                     # a dated code of the entry
            m = CODE.search(body)
            if m:
                codes.append((m.group(1), *_span(m.group(2), m.group(3))))
            continue
        if raw[0] == "+":
            if not codes and block is not None and not forms:
                block[1].append(body[1:])       # another name of the state
            else:
                forms.append(body[1:].split("[")[0])
            continue
        if forms and codes:
            yield forms, kind, codes
        forms, codes = [], []
        m = CODE.search(body)
        if m and m.group(2) is None:            # "RUSSIAN_FEDERATION_  [RUS]": a block of names, "HAMAS [PSEREB]"
            if block is not None:
                yield block[1], block[2], [(block[0], "", "")]
            block = (m.group(1), [body.split("[")[0]], "place" if len(m.group(1)) == 3 else "body")
            continue
        forms = [body.split("[")[0]]
        kind = "person" if "CountryInfo" in comment else "body"
    if forms and codes:
        yield forms, kind, codes
    if block is not None:
        yield block[1], block[2], [(block[0], "", "")]


def word_uses() -> tuple[set[str], set[str]]:
    """From the annotated corpus's text (not its codes) and the AG News pool: the common words and the given names.

    Common: written in lower case at least `MIN_LOWER_USES` times and in `MIN_LOWER_SHARE` of the word's uses after a
    sentence's first word; plus a few team and group names these sources happen to write only capitalised. A few
    lower-case uses are not enough: "bush fires" and "back to the bush" would drop "Bush Administration" with every
    other form made of the word, whose capitalised uses outnumber them a hundred to one.
    Given names: one capitalised word that at least `GIVEN_SHARE` of `GIVEN_USES` or more uses put before another
    capitalised word ("Vladimir Putin"); Phoenix also has them as places (the city of Vladimir), which would give
    every Vladimir the roster lacks to Russia."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    before_name: Counter[str] = Counter()
    texts = [s["text"] for p in corpus.read_passages(CORPUS) for s in p["sentences"]]
    if AG_POOL.exists():
        texts += [json.loads(line).get("text", "") for line in AG_POOL.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    for text in texts:
        words = re.findall(r"[A-Za-z][A-Za-z']*", text)
        lower.update(w for w in words if w.islower())
        for w, nxt in zip(words[1:], words[2:] + [""]):        # a sentence's first word is capitalised anyway
            if w[0].isupper() and w[1:].islower():
                capitalised[w.lower()] += 1
                before_name[w.lower()] += nxt[:1].isupper()
    common = set(ALSO_COMMON) | {w for w, n in lower.items()
                                 if n >= MIN_LOWER_USES and n >= MIN_LOWER_SHARE * (n + capitalised[w])}
    given = {w for w, n in capitalised.items() if n >= GIVEN_USES and before_name[w] >= GIVEN_SHARE * n}
    return common, given


def generic(form: str, common: set[str]) -> bool:
    """A phrase of at most two common words ("Senate", "Central Command"): a name any state's body could bear."""
    words = [w.lower() for w in re.split(r"[ \-]", form) if w and w.lower() not in LINKS]
    return len(words) <= 2 and all(w in common for w in words)


def build(paths: list[Path]) -> list[tuple[str, ...]]:
    common, given = word_uses()
    roster = Roster.load(borrowed=False)
    states = set(roster.countries()) | set(roster.former_states())
    rows: list[tuple[str, ...]] = []
    owners: dict[str, set[str]] = defaultdict(set)
    for forms, kind, codes in (e for path in paths for e in entries(path)):
        dated = [(c[:3], c[3:6] if c[3:6] in SECTORS else "", s, e) for c, s, e in codes if c[:3] in states]
        if not dated:
            continue
        for raw in forms:
            form = _form(raw)
            if form is None or (kind == "person" and " " not in form) or generic(form, common) \
                    or form.lower() in given \
                    or form.lower() in NO_STATE or roster.lookup(form) is not None:
                continue
            for code, sector, start, end in dated:
                rows.append((code, sector, kind, form, start, end))
                owners[key(form)].add(code)
    return sorted({r for r in rows if len(owners[key(r[3])]) == 1}, key=lambda r: (r[0], r[3], r[4:], r[1:3]))


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    rows = build([Path(a) for a in argv])
    with OUT.open("w", encoding="utf-8") as f:
        f.write("\n".join(HEADER_LINES) + "\ncode\tsector\tkind\tform\tstart\tend\n")
        f.writelines("\t".join(r) + "\n" for r in rows)
    print(f"{len(rows)} rows -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
