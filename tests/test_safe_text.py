"""The one safe-text function on the way out, and the formats that escape in their own syntax:
random text through them never yields a character a terminal would act on."""

from __future__ import annotations

import io
import json
import unicodedata

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mlroles.render.env import Environment
from mlroles.render.text import UNSAFE, safe, to_json, to_yaml


def acted_on(char: str) -> bool:
    """What a terminal or a page would act on rather than show (decided apart from UNSAFE)."""
    return (
        unicodedata.category(char) == "Cc"
        or char in "\u2028\u2029"
        or "\u202a" <= char <= "\u202e"
        or "\u2066" <= char <= "\u2069"
    )


#: Mostly the characters that matter: controls, escapes, bidi, and ordinary text between them.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x1b\x07\x08\r\n\t\x7f\x9b\x9d\u202e\u2066\u2028[]/\\"),
    )
)


@given(TEXT)
def test_safe_text_never_holds_a_control_character(text: str) -> None:
    assert not any(acted_on(char) for char in safe(text))


@given(TEXT)
def test_safe_text_keeps_only_what_it_is_told_to_keep(text: str) -> None:
    shown = safe(text, keep="\n\t")
    assert [c for c in shown if acted_on(c)] == [c for c in text if c in "\n\t"]


@given(TEXT)
def test_safe_text_leaves_safe_text_alone_and_hides_nothing(text: str) -> None:
    shown = safe(text)
    if not any(acted_on(char) for char in text):
        assert shown is text
    # Every character acted on is shown as its code, so nothing is lost from sight.
    for char in {c for c in text if acted_on(c)}:
        code = ord(char)
        assert (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") in shown


@given(TEXT)
def test_the_unsafe_pattern_is_what_a_terminal_acts_on(text: str) -> None:
    assert all(bool(UNSAFE.match(c)) is acted_on(c) for c in text)


@given(st.dictionaries(TEXT, st.lists(TEXT, max_size=3), max_size=4))
def test_json_and_yaml_are_exact_and_safe(data: dict[str, list[str]]) -> None:
    for unicode in (True, False):
        written = to_json(data, unicode=unicode)
        assert not any(acted_on(char) for char in written.replace("\n", ""))
        assert json.loads(written) == data
    written = to_yaml(data)
    assert not any(acted_on(char) for char in written.replace("\n", ""))
    assert yaml.safe_load(written) == (data or {})


@given(TEXT)
def test_stderr_lines_are_safe_too(text: str) -> None:
    err = io.StringIO()
    Environment(stdout=io.StringIO(), stderr=err).note(text)
    assert not any(acted_on(char) for char in err.getvalue()[:-1] if char != "\t")
    assert err.getvalue().count("\n") == 1
