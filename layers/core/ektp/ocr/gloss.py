"""English glosses out of bilingual documents, before any parser reads the lines.

The Kutipan akta printed 2008-2016 (and many registers since) give each Indonesian phrase its English
gloss: in prose under the phrase ("bahwa di" / "that in", "telah lahir" / "was born"), in tables inline or
stacked ("Nama / Name", "Tempat Lahir / Place of birth"). A parser that reads the words after an anchor or a
label would take the gloss for part of the value ("ARIF SAPUTRA WAS BORN") or for the value itself ("NAME").

A word is a gloss word when it is English of these forms' closed vocabulary AND not printed in capitals:
values are printed in capitals (and a name such as "WILLIAM" or "ANDI" is not in the vocabulary anyway), so
neither case nor vocabulary alone decides. Only a line that is English through and through, heading glosses
such as "EXTRACT OF BIRTH CERTIFICATE", is dropped in capitals. Italics cannot be seen in OCR text.

On a page with no English this is a no-op: no word is in the vocabulary, so no line changes.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from ektp.domain.written_dates import is_number_or_month_word
from ektp.ocr.engine import OcrWord
from ektp.ocr.text import Line


def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The English the bilingual certificates and registers print (birth, marriage, death, divorce, family
# registers; the office and its officers), lower case, letters only ("father's" is "fathers"). Not `a` or
# `an`: a dotted line is misread as such letters.
ENGLISH = _vocabulary(
    """
    and at by for from in is of on or that the this to under upon was were which who with
    based virtue accordance pursuant article law regulation decree act acts
    republic civil registry registrar registration registered records population office service department
    agency head regent official officer minister ministry home affairs signed signature seal stamp
    extract excerpt copy true original certificate certificates deed issued issue
    birth born date place time day month year years hour age old name names surname given full
    nationality citizenship citizen foreigner foreign personal identity number family card
    child children son daughter father fathers mother mothers parents husband husbands wife wifes
    male female sex gender order first second third fourth fifth sixth seventh eighth ninth tenth
    one two three four five six seven eight nine ten twins twin
    marriage married single divorce divorced widow widower widowed death died deceased
    religion occupation job address province regency city district village postal code blood type
    valid until lifetime relationship education members member head witness witnesses weight length
    hospital
    """
)
# Words both languages print, or Indonesian abbreviations an English gloss carries ("Certificate No."): part
# of a gloss when they stand in one, never evidence of one.
NEUTRAL = frozenset(("no", "nr", "status", "indonesia", "register", "nik"))
# Indonesian words one letter from an English one ("Republik", "Nasional"): never read as the English.
INDONESIAN = _vocabulary(
    """
    republik nasional registrasi elektronik dokumen distrik sertifikat provinsi informasi administrasi
    kota data nama tanggal status sipil
    """
)
_FUZZY_SCORE = 80.0  # one misread letter in a word of five or more ("Chiid", "Personat", "Yationality")
# In capitals a name may sit one letter from an English word (`FATHUR`, `ORDEN`): only long words are
# forgiven a misread letter there ("NATIOMALITY"), at a stricter score.
_CAPS_FUZZY_LENGTH, _CAPS_FUZZY_SCORE = 8, 85.0
_LONG_ENGLISH = tuple(sorted(w for w in ENGLISH if len(w) >= 4))
_SLASHES = frozenset(("/", "|", "\\"))


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@cache
def _english_key(key: str) -> bool:
    """An English word of the vocabulary, a misreading of one by a letter, or two glued (`ofBirth`)."""
    if key in ENGLISH:
        return True
    if len(key) < 5 or key in INDONESIAN or key in NEUTRAL:
        return False
    if process.extractOne(key, _LONG_ENGLISH, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE) is not None:
        return True
    return any(key[:i] in ENGLISH and key[i:] in ENGLISH for i in range(2, len(key) - 1))


@cache
def _english_caps(key: str) -> bool:
    """An English word printed in capitals: exact, or a long word misread by a letter."""
    if key in ENGLISH:
        return True
    if len(key) < _CAPS_FUZZY_LENGTH or key in INDONESIAN or key in NEUTRAL:
        return False
    return (
        process.extractOne(key, _LONG_ENGLISH, scorer=fuzz.ratio, score_cutoff=_CAPS_FUZZY_SCORE) is not None
    )


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _english(word: OcrWord) -> bool:
    """A gloss word: English of the forms, not in capitals (a value is printed in capitals)."""
    parts = [_key(p) for p in re.split(r"[/|\\]", word.text) if _key(p)]
    return bool(parts) and not _capitals(word.text) and all(_english_key(p) for p in parts)


def _neutral(word: OcrWord) -> bool:
    return _key(word.text) in NEUTRAL and not _capitals(word.text)


def _mark(word: OcrWord) -> bool:
    """Punctuation only, or a slash: goes with the gloss it stands in; not a colon, which ends a label."""
    return not any(c.isalnum() or c == ":" for c in word.text)


def _value(word: OcrWord) -> bool:
    """A word a gloss line may carry as a value: capitals (not one letter repeated, as a dotted line is
    misread: `AA`), a digit, or a word of a date in words (`Tujuh Agustus Seribu ...`, printed in title case)."""
    text = word.text
    if any(c.isdigit() for c in text):
        return True
    letters = _key(text)
    if _capitals(text) and len(set(letters)) > 1:
        return True
    return is_number_or_month_word(text)


def _english_line(words: list[OcrWord]) -> bool:
    """A heading gloss in capitals ("EXTRACT OF BIRTH CERTIFICATE", "NATIONALITY"): every word English or
    shared, no digits, at least one English word that is not also Indonesian."""
    lettered = [w for w in words if _key(w.text)]
    if not lettered or any(c.isdigit() for w in words for c in w.text):
        return False
    keys = [(_key(w.text), _capitals(w.text)) for w in lettered]
    english = [k in NEUTRAL or (_english_caps(k) if caps else _english_key(k)) for k, caps in keys]
    return all(english) and any(k not in NEUTRAL for k, _ in keys)


def _tail(words: list[OcrWord], start: int, known: bool = False) -> int:
    """End (exclusive) of the English gloss that starts at `start`, after a slash ("Nama / Name BUDI"): up to
    a colon, a bracket or a value; an English word may be in capitals here ("NAMA / NAME"), since the slash
    says a gloss follows. `start` when no English word is there (`known`: English was glued to the slash)."""
    end, english = start, known
    while end < len(words):
        word = words[end]
        if word.text.startswith((":", "(")):
            break
        if _capitals(word.text) and _english_caps(_key(word.text)):
            english = True
        elif _value(word):
            break
        else:
            english = english or _english(word)
        end += 1
    return end if english else start


def _glued_slash(word: OcrWord) -> tuple[OcrWord, bool]:
    """`Lahir/Place` read as one word: the Indonesian before the slash, and whether English followed it."""
    head, sep, tail = word.text.partition("/")
    if not sep or not head or not tail or _english(word):
        return word, False
    tail_key = _key(tail)
    if not tail_key or _capitals(tail) or not _english_key(tail_key):
        return word, False
    width = max(1, round(word.width * len(head) / len(word.text)))
    return word.model_copy(update={"text": head, "width": width}), True


def _runs(words: list[OcrWord], gloss: list[bool]) -> None:
    """Mark runs of English words (with the shared words, marks and one short stray reading inside them):
    a run of two English words or more, or one that opens the line (the gloss printed under a phrase)."""
    i = 0
    while i < len(words):
        if not _english(words[i]):
            i += 1
            continue
        end, english = i, 0
        while end < len(words):
            word = words[end]
            if _english(word):
                english += 1
            elif not (_neutral(word) or _mark(word) or _stray(words, end)):
                break
            end += 1
        opens = _opens_line(words, i)
        if english >= 2 or opens:
            for j in range(0 if opens else i, end):
                gloss[j] = True
        i = max(end, i + 1)


def _opens_line(words: list[OcrWord], at: int) -> bool:
    """Nothing but marks before `at`, or one short reading that is no value (`rom father`: the `f` of `from`
    lost; a gloss is set in small italics): the English there opens the line."""
    lettered = [w for w in words[:at] if not _mark(w)]
    if not lettered:
        return True
    return len(lettered) == 1 and 1 <= len(_key(lettered[0].text)) <= 3 and not _value(lettered[0])


def _stray(words: list[OcrWord], at: int) -> bool:
    """A short reading that is no value between two English words (`By virtue ofi Birth`)."""
    word = words[at]
    return len(_key(word.text)) <= 3 and not _value(word) and at + 1 < len(words) and _english(words[at + 1])


def _strip(line: Line) -> Line | None:
    """The line less its gloss; None when nothing of value is left of a gloss line."""
    words = list(line.words)
    if _english_line(words) or _misread_gloss_line(words):
        return None
    gloss = [False] * len(words)
    inline = False
    for i, read in enumerate(line.words):
        word, glued = _glued_slash(read)
        words[i] = word
        if word.text in _SLASHES:
            end = _tail(words, i + 1)
            span = range(i, end) if end > i + 1 else range(0)
        elif word.text.startswith("/"):  # `/Place`: the slash glued to the English
            span = range(i, _tail(words, i))
        else:  # `Lahir/Place of birth`: the English after the slash already cut from the word
            span = range(i + 1, _tail(words, i + 1, known=True)) if glued else range(0)
        inline = inline or glued or bool(span)
        for j in span:
            gloss[j] = True
    _runs(words, gloss)
    if not any(gloss):
        return line if words == line.words else Line(words)
    kept = [w for w, g in zip(words, gloss, strict=True) if not g]
    if not inline and gloss[_first_lettered(words)] and not any(_value(w) for w in kept):
        return None  # a gloss line under its phrase, with only a misread dotted line beside it
    kept = [w for w in kept if any(c.isalnum() for c in w.text) or w.text == ":"]
    return Line(kept) if any(_key(w.text) or any(c.isdigit() for c in w.text) for w in kept) else None


def _misread_gloss_line(words: list[OcrWord]) -> bool:
    """A gloss line under its phrase read badly (small italics: `Jsom tather` for `from father`): no value on
    it (nothing in capitals, no digit), and at least half of its words English."""
    lettered = [w for w in words if _key(w.text)]
    if not lettered or any(_value(w) or _capitals(w.text) for w in words) or _label_before_slash(words):
        return False
    return 2 * sum(_english(w) for w in lettered) >= len(lettered)


def _label_before_slash(words: list[OcrWord]) -> bool:
    """`Nama Ayah / Father's Name`: a label in title case with its gloss after a slash, which `_strip` cuts
    off; the Indonesian before the slash makes it no gloss line, however many English words follow."""
    indonesian = False
    for word in words:
        head = re.split(r"[/|\\]", word.text)[0]
        indonesian = indonesian or (bool(_key(head)) and not _english_key(_key(head)))
        if any(c in _SLASHES for c in word.text):
            return indonesian
    return False


def _first_lettered(words: list[OcrWord]) -> int:
    return next((i for i, w in enumerate(words) if not _mark(w)), 0)


# Words of the Indonesian labels every civil document prints: a page with none of them labels in English alone.
_INDONESIAN_LABEL_WORDS = frozenset(
    ("nama", "lahir", "kelamin", "agama", "alamat", "pekerjaan", "kewarganegaraan", "perkawinan", "darah",
     "kecamatan", "berlaku", "ayah", "ibu", "tanggal", "tempat")
)  # fmt: skip
_ENGLISH_LABELS_AT_LEAST = 6  # English words of the vocabulary a page labelled in English prints at least


def labelled_in_english(lines: list[Line]) -> bool:
    """A page whose labels are English alone (an e-KYC vendor's report of the card, in a table of `Full Name`,
    `Date of Birth`): its English is no gloss of any Indonesian, and is kept. No Indonesian label word on
    the page, and English label words enough."""
    keys = [_key(w.text) for line in lines for w in line.words]
    if any(k in _INDONESIAN_LABEL_WORDS for k in keys):
        return False
    return sum(k in ENGLISH for k in keys) >= _ENGLISH_LABELS_AT_LEAST


def drop_glosses(lines: list[Line]) -> list[Line]:
    """The lines with every English gloss taken out: gloss lines dropped, inline `/ English` tails and
    English runs removed from the lines that carry Indonesian labels or values, every value kept."""
    out: list[Line] = []
    for line in lines:
        kept = _strip(line)
        if kept is not None and kept.words:
            out.append(kept)
    return out
