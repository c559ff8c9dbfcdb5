"""`mlroles search QUERY`: find roles, archetypes, hiring guidance and interview assessments by
any word in their text, best first.

How it matches: the query is split into words, and an entry is found when every word occurs,
case-insensitively, somewhere in its text. Hyphens and underscores count as spaces (`ml_engineer`
finds "ML Engineer"), and a word of one or two letters must occur as a whole word (`tf` does not
find "platform"). A word also finds its other forms: words are compared through the Snowball
English stemmer (snowballstemmer), so `training` finds "Train" and `monitoring` finds "monitor".
The words "machine learning" count as "ml", both ways, as they do in role names. A word that
names a tool also finds the tool's other spellings (`sklearn` finds scikit-learn; see
`tools.py`), and a query that as a whole names a tool (`jupyter notebooks`) is looked for as that
one tool.

How it ranks: each word scores the weight of the best field it occurs in, doubled when it
occurs as a whole word rather than inside a longer one. A query of several words that occurs as
one phrase in a field adds that field's weight once more, and a field that is exactly the query
(a tool, an alias, a title) adds it again. A role's names (id, title, aliases, tools) weigh 10,
its duties (summary, responsibilities, work product) 3, and its background and group 1, so that
one word in a name (10 or 20) always outranks the same word in prose (at most 3 x 2 + 3 = 9).
The other kinds weigh alike: an archetype's id, title and aliases 10, its summary, companies,
pros, cons and design choices 3, the notes on the roles it relies on 1; a piece of guidance's
text 3, its topic and the role or group it is for 1 (its id is not searched: it only repeats
those); an assessment's id and title 10, its summary 3, its role or group 1. Ties go to the
entry with more matching fields, then to the kinds in the order role, archetype, guidance,
assessment, then to catalog order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mlroles.catalog.entries import Archetype, Assessment, Catalog, Guidance, Role, to_data
from mlroles.errors import UsageProblem
from mlroles.queries import tools
from mlroles.queries.outcome import Found

#: The fields searched, of every kind of entry, with their weights.
WEIGHTS: dict[str, int] = {
    "id": 10,
    "title": 10,
    "aliases": 10,
    "tools": 10,
    "summary": 3,
    "responsibilities": 3,
    "work_product": 3,
    "companies": 3,
    "pros": 3,
    "cons": 3,
    "design": 3,
    "text": 3,
    "background": 1,
    "group": 1,
    "role": 1,
    "topic": 1,
    "relies_on": 1,
}
#: How a piece of guidance is named in results, by its topic.
TOPIC_TITLES: dict[str, str] = {
    "talent-gap": "The talent gap",
    "hire-for": "What to hire for",
    "avoid": "What to avoid",
    "find-candidates": "Where to find candidates",
    "practitioners-want": "What practitioners want",
    "interview": "Interviewing",
    "employers-look-for": "What employers look for",
    "get-hired": "Getting hired",
    "stand-out": "Standing out",
}
#: The kinds of entry searched, in the order that breaks a tie between two of them.
KINDS: tuple[str, ...] = ("role", "archetype", "guidance", "assessment")
WHOLE_WORD = 2
PART_OF_WORD = 1
#: A word this short is found only as a whole word.
SHORT = 2

#: A stem this short is not looked for: two letters say too little about a word's form.
SHORTEST_STEM = 3
#: "machine learning" and "ml" find each other, as in role names (`names.canonical`).
MACHINE_LEARNING = ("machine learning", "ml")

Span = tuple[int, int]

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One word of a query: the folded patterns that find it (pattern, whole words only), and
    the stems that find its other forms."""

    text: str
    patterns: tuple[tuple[str, bool], ...]
    stems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FieldMatch:
    """One field (one item of a list field) that a query word occurs in."""

    field: str
    text: str
    #: Where the query's words are in `text`, as sorted, non-overlapping (start, end) pairs.
    spans: tuple[Span, ...]

    def to_data(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text}


@dataclass(frozen=True)
class Hit:
    """One entry a search found (a role, or another kind of entry), its score and where it
    matched (best first)."""

    kind: str
    id: str
    title: str
    score: int
    matches: list[FieldMatch]

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "matches": [match.to_data() for match in self.matches],
        }


@dataclass(frozen=True)
class Entry:
    """One thing of the catalog that a search looks through: its kind, id, title and fields."""

    kind: str
    id: str
    title: str
    fields: list[tuple[str, str]]


@dataclass(frozen=True)
class SearchResult(Found):
    """`mlroles search`: the entries found, best first."""

    query: str
    terms: list[Term]
    hits: list[Hit]

    def found(self) -> bool:
        return bool(self.hits)

    def to_data(self) -> list[dict[str, Any]]:
        return [hit.to_data() for hit in self.hits]

    def empty_message(self) -> str:
        message = f"nothing in the catalog matches {self.query!r}"
        if len(self.terms) > 1:
            message += " (every word must occur in the same entry)"
        return message


def search(catalog: Catalog, query: str, kinds: Sequence[str] = ()) -> SearchResult:
    """Every entry (of `kinds`, default all) that all the words of `query` occur in, best first."""
    terms = parse_query(query)
    wanted = parse_kinds(kinds)
    whole = _term(query)
    ranked: list[tuple[tuple[int, int, int, int], Hit]] = []
    for index, entry in enumerate(entries(catalog, wanted)):
        hit = _hit(entry, terms, whole)
        if hit is not None:
            order = KINDS.index(entry.kind)
            ranked.append(((-hit.score, -len(hit.matches), order, index), hit))
    ranked.sort(key=lambda pair: pair[0])
    return SearchResult(" ".join(query.split()), terms, [hit for _, hit in ranked])


def parse_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds asked for (any case; a plural is the kind), every kind when none is."""
    wanted: dict[str, None] = {}
    for kind in kinds:
        name = kind.strip().lower()
        name = {"guidances": "guidance"}.get(name, name.removesuffix("s") if name else name)
        if name not in KINDS:
            raise UsageProblem(f"--kind: unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
        wanted[name] = None
    return tuple(wanted) or KINDS


def parse_query(query: str) -> list[Term]:
    """The query's words as terms; the whole query as one term when it names a tool."""
    words = [word for word in query.split() if fold(word).strip()]
    if not words:
        raise UsageProblem("search needs a word to look for (like: mlroles search kafka)")
    if len(words) > 1 and tools.spellings(query):
        return [_term(query)]
    unique: dict[str, str] = {}
    for word in _join_machine_learning(words):
        unique.setdefault(_collapse(fold(word)), word)
    return [_term(word) for word in unique.values()]


def _join_machine_learning(words: list[str]) -> list[str]:
    """The words with "machine" followed by "learning" as one word (`machine learning`)."""
    joined: list[str] = []
    for word in words:
        if joined and _collapse(fold(f"{joined[-1]} {word}")) == MACHINE_LEARNING[0]:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


#: ASCII's white space, hyphen and underscore, each to a space (`str.isspace` in ASCII).
_ASCII_SPACES = str.maketrans(
    dict.fromkeys([*"-_", *(chr(c) for c in range(128) if chr(c).isspace())], " ")
)


def fold(text: str) -> str:
    """Lower case, hyphens, underscores and white space as spaces; as long as `text`, so that a
    position in the folded text is the same position in the original."""
    if text.isascii():  # most text: lower() keeps every position, translate() does the rest
        return text.lower().translate(_ASCII_SPACES)
    out = []
    for char in text:
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        out.append(" " if lower in "-_" or lower.isspace() else lower)
    return "".join(out)


def _collapse(folded: str) -> str:
    return " ".join(folded.split())


def _term(word: str) -> Term:
    own = _collapse(fold(word))
    patterns = [(own, len(own) <= SHORT)]
    others = [_collapse(fold(spelling)) for spelling in tools.spellings(word)]
    if own in MACHINE_LEARNING:
        others += MACHINE_LEARNING
    for other in others:
        if other and all(other != pattern for pattern, _ in patterns):
            patterns.append((other, True))
    stems = {stem(pattern) for pattern, _ in patterns if " " not in pattern}
    return Term(word, tuple(patterns), frozenset(s for s in stems if len(s) >= SHORTEST_STEM))


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The Snowball English stem of one folded word: `training` -> `train`.

    Stems are kept for the process: a catalog repeats its words, and the stemmer (pure Python)
    costs tens of microseconds a word.
    """
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _stemmer().stemWord(word)
    return found


_STEMMER: list[Any] = []


def _stemmer() -> Any:
    if not _STEMMER:
        import snowballstemmer  # type: ignore[import-untyped]  # no type hints shipped

        _STEMMER.append(snowballstemmer.stemmer("english"))
    return _STEMMER[0]


def entries(catalog: Catalog, kinds: Sequence[str] = KINDS) -> Iterator[Entry]:
    """Everything a search looks through (of `kinds`), kind by kind, in catalog order."""
    if "role" in kinds:
        for role in catalog.roles:
            yield Entry("role", role.id, role.title, list(_role_fields(role)))
    if "archetype" in kinds:
        for archetype in catalog.archetypes:
            fields = list(_archetype_fields(archetype))
            yield Entry("archetype", archetype.id, archetype.title, fields)
    if "guidance" in kinds:
        for item in catalog.guidance:
            yield Entry("guidance", item.id, guidance_title(item), list(_guidance_fields(item)))
    if "assessment" in kinds:
        for test in catalog.assessments:
            yield Entry("assessment", test.id, test.title, list(_assessment_fields(test)))


def guidance_title(item: Guidance) -> str:
    """`What to hire for (ml-engineer)`, `Standing out (2022, step 1)`: a name for a result."""
    title = TOPIC_TITLES.get(item.topic, item.topic)
    about = [item.role or "" if item.scope == "role" else item.group or ""]
    if item.scope == "all":
        about = []
    if item.year is not None:
        about.append(str(item.year))
    if item.rank is not None:
        about.append(f"step {item.rank}")
    return f"{title} ({', '.join(about)})" if about else title


def _archetype_fields(archetype: Archetype) -> Iterator[tuple[str, str]]:
    yield "id", archetype.id
    yield "title", archetype.title
    for alias in archetype.aliases:
        yield "aliases", alias
    yield "summary", archetype.summary
    for name in ("companies", "pros", "cons"):
        for text in getattr(archetype, name):
            yield name, text
    if archetype.design is not None:
        for text in to_data(archetype.design).values():
            yield "design", text
    for reliance in archetype.relies_on:
        yield "relies_on", f"{reliance.role}: {reliance.note}"


def _guidance_fields(item: Guidance) -> Iterator[tuple[str, str]]:
    yield "text", item.text
    yield "topic", item.topic
    if item.role:
        yield "role", item.role
    if item.group:
        yield "group", item.group


def _assessment_fields(test: Assessment) -> Iterator[tuple[str, str]]:
    yield "id", test.id
    yield "title", test.title
    yield "summary", test.summary
    if test.role:
        yield "role", test.role
    if test.group:
        yield "group", test.group


def _role_fields(role: Role) -> Iterator[tuple[str, str]]:
    yield "id", role.id
    yield "title", role.title
    for alias in role.aliases:
        yield "aliases", alias
    for tool in role.tools:
        yield "tools", tool
    yield "summary", role.summary
    for duty in role.responsibilities:
        yield "responsibilities", duty
    for product in role.work_product:
        yield "work_product", product
    yield "background", role.background
    yield "group", role.group


def find(term: Term, folded: str) -> tuple[list[Span], bool]:
    """Where `term` occurs in a folded text, and whether once at least as a whole word.

    A word of the text whose stem is one of the term's is found whole (`Trains` for `training`).
    A stem is its word's beginning, but for its last letter at most (`studi` for "study"), so
    only the words that begin with those letters are stemmed: most fields cost one substring
    test. (The few words that Snowball stems irregularly, such as "skies", are found only as
    they are written.)
    """
    spans: list[Span] = []
    whole_word = False
    for wanted in term.stems:
        prefix = wanted[: max(SHORTEST_STEM, len(wanted) - 1)]
        start = folded.find(prefix)
        while start != -1:
            if start == 0 or not folded[start - 1].isalnum():
                word = _WORD.match(folded, start)
                if word is not None and stem(word.group()) in term.stems:
                    spans.append(word.span())
                    whole_word = True
            start = folded.find(prefix, start + 1)
    for pattern, whole_only in term.patterns:
        start = folded.find(pattern)
        while start != -1:
            end = start + len(pattern)
            whole = (start == 0 or not folded[start - 1].isalnum()) and (
                end == len(folded) or not folded[end].isalnum()
            )
            if whole or not whole_only:
                spans.append((start, end))
                whole_word = whole_word or whole
            start = folded.find(pattern, start + 1)
    return spans, whole_word


def _hit(entry: Entry, terms: list[Term], whole: Term) -> Hit | None:
    fields = entry.fields
    folded = [fold(text) for _, text in fields]
    spans: dict[int, list[Span]] = {}
    points: dict[int, int] = {}
    score = 0
    for term in terms:
        best = 0
        for index, (field, _) in enumerate(fields):
            found, whole_word = find(term, folded[index])
            if not found:
                continue
            gained = WEIGHTS[field] * (WHOLE_WORD if whole_word else PART_OF_WORD)
            best = max(best, gained)
            spans.setdefault(index, []).extend(found)
            points[index] = max(points.get(index, 0), gained)
        if not best:
            return None
        score += best
    collapsed = [_collapse(text) for text in folded]
    phrase = whole.patterns[0][0]
    if len(terms) > 1:
        score += max(
            (WEIGHTS[fields[i][0]] for i, text in enumerate(collapsed) if phrase in text),
            default=0,
        )
    exact = {pattern for pattern, _ in whole.patterns}
    score += max(
        (WEIGHTS[fields[i][0]] for i, text in enumerate(collapsed) if text in exact), default=0
    )
    order = sorted(points, key=lambda index: (-points[index], index))
    matches = [FieldMatch(fields[i][0], fields[i][1], merge_spans(spans[i])) for i in order]
    return Hit(entry.kind, entry.id, entry.title, score, matches)


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or touching ones merged."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
