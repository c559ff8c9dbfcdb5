"""`mlroles search QUERY`: find roles by any word in their text, best first.

How it matches: the query is split into words, and a role is found when every word occurs,
case-insensitively, somewhere in its text. Hyphens and underscores count as spaces (`ml_engineer`
finds "ML Engineer"), and a word of one or two letters must occur as a whole word (`tf` does not
find "platform"). A word that names a tool also finds the tool's other spellings (`sklearn`
finds scikit-learn; see `tools.py`), and a query that as a whole names a tool (`jupyter
notebooks`) is looked for as that one tool.

How it ranks: each word scores the weight of the best field it occurs in, doubled when it
occurs as a whole word rather than inside a longer one. A query of several words that occurs as
one phrase in a field adds that field's weight once more, and a field that is exactly the query
(a tool, an alias, a title) adds it again. Ties go to the role with more matching fields, then to
catalog order. Names (id, title, aliases, tools) weigh 10, duties (summary, responsibilities,
work product) 3, and background and group 1, so that one word in a name (10 or 20) always
outranks the same word in prose (at most 3 x 2 + 3 = 9).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mlroles.catalog.models import Catalog, Role
from mlroles.errors import UsageProblem
from mlroles.queries import tools

#: The fields searched, in the order matches are listed, with their weights.
WEIGHTS: dict[str, int] = {
    "id": 10,
    "title": 10,
    "aliases": 10,
    "tools": 10,
    "summary": 3,
    "responsibilities": 3,
    "work_product": 3,
    "background": 1,
    "group": 1,
}
WHOLE_WORD = 2
PART_OF_WORD = 1
#: A word this short is found only as a whole word.
SHORT = 2

Span = tuple[int, int]


@dataclass(frozen=True)
class Term:
    """One word of a query, and the folded patterns that find it (pattern, whole words only)."""

    text: str
    patterns: tuple[tuple[str, bool], ...]


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
    """One role a search found, its score and where it matched (best first)."""

    role: Role
    score: int
    matches: list[FieldMatch]

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.role.id,
            "title": self.role.title,
            "score": self.score,
            "matches": [match.to_data() for match in self.matches],
        }


@dataclass(frozen=True)
class SearchResult:
    """`mlroles search`: the roles found, best first."""

    query: str
    terms: list[Term]
    hits: list[Hit]

    def to_data(self) -> list[dict[str, Any]]:
        return [hit.to_data() for hit in self.hits]

    def empty_message(self) -> str:
        message = f"no role matches {self.query!r}"
        if len(self.terms) > 1:
            message += " (every word must occur in the role)"
        return message


def search(catalog: Catalog, query: str) -> SearchResult:
    """Every role that all the words of `query` occur in, best first."""
    terms = parse_query(query)
    whole = _term(query)
    ranked: list[tuple[tuple[int, int, int], Hit]] = []
    for index, role in enumerate(catalog.roles):
        hit = _hit(role, terms, whole)
        if hit is not None:
            ranked.append(((-hit.score, -len(hit.matches), index), hit))
    ranked.sort(key=lambda pair: pair[0])
    return SearchResult(" ".join(query.split()), terms, [hit for _, hit in ranked])


def parse_query(query: str) -> list[Term]:
    """The query's words as terms; the whole query as one term when it names a tool."""
    words = [word for word in query.split() if fold(word).strip()]
    if not words:
        raise UsageProblem("search needs a word to look for (like: mlroles search kafka)")
    if len(words) > 1 and tools.spellings(query):
        return [_term(query)]
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(_collapse(fold(word)), word)
    return [_term(word) for word in unique.values()]


def fold(text: str) -> str:
    """Lower case, hyphens, underscores and white space as spaces; as long as `text`, so that a
    position in the folded text is the same position in the original."""
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
    for spelling in tools.spellings(word):
        other = _collapse(fold(spelling))
        if other and all(other != pattern for pattern, _ in patterns):
            patterns.append((other, True))
    return Term(word, tuple(patterns))


def _fields(role: Role) -> Iterator[tuple[str, str]]:
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
    """Where `term` occurs in a folded text, and whether once at least as a whole word."""
    spans: list[Span] = []
    whole_word = False
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


def _hit(role: Role, terms: list[Term], whole: Term) -> Hit | None:
    fields = list(_fields(role))
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
    return Hit(role, score, matches)


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or touching ones merged."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
