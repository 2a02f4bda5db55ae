"""Vietnamese text: normalisation and sorting.

Names are stored in Unicode NFC. Sorting follows Vietnamese dictionary order, the same
as the browser's ``Intl.Collator('vi', {numeric: true})``: letters first (a ă â b c d đ
e ê ... with Đ after D), then tones (none, huyền, hỏi, ngã, sắc, nặng), numbers by value
(Thôn 2 before Thôn 10), case last.
"""
from __future__ import annotations

import re
import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a different letter (a -> ă, â; o -> ô, ơ; u -> ư; e -> ê).
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_MODIFIED = {
    ("a", "breve"): "ă", ("a", "circumflex"): "â", ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô", ("o", "horn"): "ơ", ("u", "horn"): "ư",
}
# Tone marks, in dictionary order after "no tone" (0).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TOKEN = re.compile(r"\d+|\D")


def nfc(value: str | None) -> str | None:
    """Unicode NFC with surrounding white space removed and inner runs collapsed."""
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _letters(text: str):
    """(letter, tone, is_upper) for each letter of ``text`` (decomposed)."""
    decomposed = unicodedata.normalize("NFD", text)
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        i += 1
        modifier, tone = None, 0
        while i < len(decomposed) and unicodedata.combining(decomposed[i]):
            mark = decomposed[i]
            if mark in _LETTER_MARKS:
                modifier = _LETTER_MARKS[mark]
            elif mark in _TONES:
                tone = _TONES[mark]
            i += 1
        lower = base.lower()
        if lower == "đ":
            letter = "đ"
        else:
            letter = _MODIFIED.get((lower, modifier), lower)
        yield letter, tone, base != lower


def vi_sort_key(value) -> tuple:
    """A key that sorts strings in Vietnamese order (see the module docstring)."""
    text = "" if value is None else str(value)
    primary, secondary, tertiary = [], [], []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        if token.isdigit():
            primary.append((1, int(token), ""))
            continue
        for letter, tone, upper in _letters(token):
            rank = _LETTER_RANK.get(letter)
            if rank is None:
                # spaces and punctuation sort before letters, anything else after them
                primary.append((0, 0, letter) if not letter.isalnum() else (3, 0, letter))
            else:
                primary.append((2, rank, ""))
            secondary.append(tone)
            tertiary.append(1 if upper else 0)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def vi_sorted(values, key=None):
    """``values`` sorted in Vietnamese order (optionally by ``key(value)``)."""
    if key is None:
        return sorted(values, key=vi_sort_key)
    return sorted(values, key=lambda v: vi_sort_key(key(v)))
