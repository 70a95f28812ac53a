"""An eighth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each a kind of page residents really upload that the 57 older layouts do not cover:

- KK, `kk-lipat-tiga`: the electronic KK (signed since 2021: its TTE block with a real QR code, the BSrE
  footnote) printed from its PDF in Times, FOLDED IN THREE for an envelope (two vertical creases) and
  photographed lying HALF OPEN on a table: the middle panel flat, the outer two rising 8-24 degrees from their
  creases, each panel in its own perspective (the camera's rays cast onto the three planes); lit by the
  PHONE'S FLASH (the light falling off with distance and slant, the paper's sheen washing out a patch of the
  member tables where it faces the lens), then FORWARDED THROUGH WHATSAPP (1600 px on the long side, JPEG
  55-68).
- KK, `kk-toner-hemat`: the post-2018 KK as SIAK's report prints it, in Helvetica Narrow (header labels in
  capitals, values in bold), from an office LASER PRINTER IN TONER-SAVE MODE whose cartridge is running out:
  black laid down as a fine diagonal screen (grey, grainy strokes), pale bands along the paper's path (the
  landscape page is fed along its long side, so they run along its rows), and the DRUM'S GHOST: the page
  printed again faintly one drum circumference (75-95 mm) further along, so rows carry a faint copy of other
  columns' text; wet signatures and the Dinas's stamp over it; a grey flatbed scan at 200 dpi.
- Akta kelahiran, `akta-terjemahan-tersumpah`: a PHOTOCOPY OF THE KUTIPAN (the 2016 form in New Century
  Schoolbook, the form's phrases left, the values after them in bold) BESIDE ITS SWORN ENGLISH TRANSLATION on
  an A3 flatbed, in colour. The translation, in Times, has the translator's bracketed notes ("[Coat of arms of
  the Republic of Indonesia]", "[signed]", "[Seal: ...]"), the values in English where they are words ("MALE",
  "two (2)", "December 21, 2004 (the twenty-first of December, two thousand four)"), the translator's
  statement, blue stamp and signature. The truth is the Indonesian Kutipan's.
- Akta kelahiran, `akta-laminasi`: a 2000s Kutipan (the blanko's title in Zapf Chancery, its phrases in
  Palatino Italic on a pale security tint, the values typed in Courier Bold on its dotted blanks) SEALED IN A
  LAMINATING POUCH, photographed on a table under a tube lamp: the film's clear margin with rounded corners,
  its waves (the print shifts a few pixels with them), air bubbles, and the lamp's reflection as a long bright
  bar whose edges ripple with the film, washing out the print under it.
- KTP-el, `ktp-swafoto`: the "selfie with KTP" verification apps ask for: a front camera's portrait frame
  (960-1200 px wide) of the holder (never a face: a plain soft oval with hair, neck and shoulders) holding the
  card under the chin, a hand under its foot and the thumb over it, person and room out of focus, the card
  sharp, exposed for the face, the camera's smoothing. The card's print is new too: Helvetica Narrow, the
  photo on the red or blue of the holder's birth year (odd or even, DOMAIN.md).
- KTP-el, `ktp-dompet`: the card photographed WITHOUT TAKING IT OUT OF THE WALLET: an open bifold leather
  wallet on a table, bank cards' tops in the left half's slots, the KTP behind the right half's CLEAR PVC ID
  WINDOW, whose opening is a few per cent smaller than the card (its rim under stitched leather), the film
  yellowed, hazy, rippled, scratched and creased, a lamp's soft reflection on it.
- SKPWNI, `skpwni-coretan`: the Dinas's typed certificate in BOOKMAN (the face of Indonesian official
  letters), ROMAN-NUMBERED SECTIONS of numbered items with DOTTED LEADERS to the colon; two or three NUMBERS
  MISTYPED (RT/RW, a postal code, the house number, the move's date: two digits swapped or one wrong), each
  STRUCK THROUGH IN BALLPOINT, THE RIGHT NUMBER WRITTEN ABOVE IT BY HAND and INITIALLED beside it; signature
  and stamp in blue; a colour scan. The truth holds the handwritten (right) values.
- SKPWNI, `skpwni-cetak-browser`: the regency's ONLINE SERVICE PAGE PRINTED FROM A WEB BROWSER (background
  colours off): the browser's header (date and time, page title) and footer (the page's URL, "1/1"), the
  site's banner and menu with the signed-in resident's name, a breadcrumb, the certificate as READ-ONLY FORM
  FIELDS (label left, value in a box; selects with their arrow, the date field "dd/mm/yyyy" with its calendar
  icon), origin and destination in TWO COLUMNS, the members moving as a web table, the page's "Cetak" and
  "Kembali" buttons, set in Avant Garde (a portal's Century Gothic); captured with a phone SCANNER APP'S
  COLOUR FILTER (the paper flattened to white, contrast and colour boosted, sharpening halos, its watermark).

Faces: the pages are written as PDF and drawn by pdfium: Times and Courier (its built-in faces) and Bookman,
Helvetica Narrow, New Century Schoolbook, Palatino Italic, Zapf Chancery and Avant Garde (its multiple-master
substitutes fitted to Adobe's widths from matplotlib's AFM files, each a face of its own); handwriting in
OpenCV's Hershey Script Simplex and Complex. None prints an older layout (round 6's PDF is in Helvetica, here
only a browser's header and footer). Ground truths are normalised as the older layouts' are (the same keys per
type). Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import importlib.util
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter

from tools.docgen.render import RenderedDocument, _member_cells, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_REASONS,
    MOVE_TYPES,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _move,
    _skpwni_truth,
    _wrap,
    format_date,
    move_class,
    number_words,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip, _photocopied
from tools.docgen.variety_round4 import _T1, _T2, Column, _finish, _light, _room, _tilted_quad, _warp_into
from tools.docgen.variety_round5 import _jpeg, _movers
from tools.docgen.variety_round6 import _decoded, _noise, _render_pdf
from tools.docgen.variety_round7 import (
    _blue_signature,
    _blue_stamp,
    _emblem_place,
    _members,
    _scan_jpeg,
    face7,
)
from tools.docgen.variety_round7 import _kk_head_rows as _kk_head
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Grey = npt.NDArray[np.float32]  # h x w, 0..1 unless said
Cells = dict[str, tuple[str, str]]

# --- faces: pages written as PDF in PostScript faces, drawn by pdfium ---------------------------------------
#
# pdfium draws the standard faces (Times, Courier) with its own built-in fonts, and a face it does not have
# (Bookman, Helvetica Narrow, New Century Schoolbook, Palatino, Zapf Chancery, Avant Garde) with its
# multiple-master substitute fitted to the widths the PDF gives: each comes out as a face of its own. The
# widths are Adobe's (the AFM files matplotlib ships).

_MPL_DATA: Path | None = (
    Path(spec.origin).parent / "mpl-data" / "fonts"
    if (spec := importlib.util.find_spec("matplotlib")) and spec.origin
    else None
)
_PDF_FACES: dict[str, tuple[str, str]] = {
    "times": ("Times-Roman", "pdfcorefonts/Times-Roman.afm"),
    "times-bold": ("Times-Bold", "pdfcorefonts/Times-Bold.afm"),
    "times-italic": ("Times-Italic", "pdfcorefonts/Times-Italic.afm"),
    "courier": ("Courier", "pdfcorefonts/Courier.afm"),
    "courier-bold": ("Courier-Bold", "pdfcorefonts/Courier-Bold.afm"),
    "helvetica": ("Helvetica", "pdfcorefonts/Helvetica.afm"),
    "narrow": ("Helvetica-Narrow", "afm/phvr8an.afm"),
    "narrow-bold": ("Helvetica-Narrow-Bold", "afm/phvb8an.afm"),
    "bookman": ("Bookman-Light", "afm/pbkl8a.afm"),
    "bookman-demi": ("Bookman-Demi", "afm/pbkd8a.afm"),
    "schoolbook": ("NewCenturySchlbk-Roman", "afm/pncr8a.afm"),
    "schoolbook-bold": ("NewCenturySchlbk-Bold", "afm/pncb8a.afm"),
    "palatino-italic": ("Palatino-Italic", "afm/pplri8a.afm"),
    "chancery": ("ZapfChancery-MediumItalic", "afm/pzcmi8a.afm"),
    "avantgarde": ("AvantGarde-Book", "afm/pagk8a.afm"),
    "avantgarde-demi": ("AvantGarde-Demi", "afm/pagd8a.afm"),
}
_STANDARD = {"Times-Roman", "Times-Bold", "Times-Italic", "Courier", "Courier-Bold", "Helvetica"}
# The glyph names of printable ASCII (32..126), as the AFM files name them.
_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PUNCTUATION_NAMES = {
    " ": "space", "!": "exclam", '"': "quotedbl", "#": "numbersign", "$": "dollar", "%": "percent",
    "&": "ampersand", "'": "quotesingle", "(": "parenleft", ")": "parenright", "*": "asterisk", "+": "plus",
    ",": "comma", "-": "hyphen", ".": "period", "/": "slash", ":": "colon", ";": "semicolon", "<": "less",
    "=": "equal", ">": "greater", "?": "question", "@": "at", "[": "bracketleft", "\\": "backslash",
    "]": "bracketright", "^": "asciicircum", "_": "underscore", "`": "grave", "{": "braceleft", "|": "bar",
    "}": "braceright", "~": "asciitilde",
}  # fmt: skip
_ASCII_NAMES = tuple(
    _PUNCTUATION_NAMES.get(c) or (_DIGIT_NAMES[int(c)] if c.isdigit() else c)
    for c in map(chr, range(32, 127))
)


@dataclass(frozen=True)
class _Metrics:
    """What a PDF needs to know of a face: its name, widths of ASCII 32..126 (1/1000 em) and descriptor."""

    name: str
    widths: tuple[int, ...]
    cap: int
    ascent: int
    descent: int
    italic: float
    bbox: str
    fixed: bool
    bold: bool


@lru_cache(maxsize=32)
def _metrics(face: str) -> _Metrics:
    name, afm = _PDF_FACES[face]
    header: dict[str, str] = {}
    by_name: dict[str, int] = {}
    path = _MPL_DATA / afm if _MPL_DATA else None
    if path is not None and path.exists():
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("C "):
                parts = dict(p.strip().split(" ", 1) for p in line.split(";") if p.strip())
                by_name[parts.get("N", "")] = int(float(parts["WX"]))
            elif " " in line:
                key, value = line.split(" ", 1)
                header.setdefault(key, value.strip())
    fixed = header.get("IsFixedPitch", "false") == "true" or name.startswith("Courier")
    default = 600 if fixed else 520  # without the AFM: a rough average width
    return _Metrics(
        name=name,
        widths=tuple(by_name.get(n, default) for n in _ASCII_NAMES),
        cap=int(float(header.get("CapHeight", "700"))),
        ascent=int(float(header.get("Ascender", "750"))),
        descent=int(float(header.get("Descender", "-220"))),
        italic=float(header.get("ItalicAngle", "0")),
        bbox=header.get("FontBBox", "-200 -250 1200 950"),
        fixed=fixed,
        bold=header.get("Weight", "").lower() in {"bold", "demi", "demibold"},
    )


def _ascii(text: str) -> str:
    return "".join(c if 32 <= ord(c) <= 126 else "?" for c in text)


class PdfSheet:
    """One PDF page drawn with `_PDF_FACES`: text, rules, boxes and QR codes; y runs down from the top, in
    points."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.ops: list[str] = []
        self.faces: list[str] = []

    def width(self, text: str, size: float, face: str) -> float:
        widths = _metrics(face).widths
        return sum(widths[ord(c) - 32] for c in _ascii(text)) * size / 1000

    def fit(self, text: str, size: float, face: str, room: float, least: float = 5.0) -> float:
        """The largest size up to `size` at which `text` fits `room`."""
        while size > least and self.width(text, size, face) > room:
            size -= 0.25
        return size

    def text(
        self, x: float, y: float, text: str, size: float, face: str, max_w: float = 0, grey: float = 0.0
    ) -> float:
        """`text` with its capitals' top at y, squeezed sideways (Tz) when wider than `max_w`; the x after
        it."""
        if face not in self.faces:
            self.faces.append(face)
        w = self.width(text, size, face)
        squeeze = 100.0 if not max_w or w <= max_w else max(60.0, 100 * max_w / w)
        safe = _ascii(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        base = self.h - y - _metrics(face).cap * size / 1000
        self.ops.append(
            f"BT {grey:.2f} g /F{self.faces.index(face)} {size:.2f} Tf {squeeze:.1f} Tz "
            f"{x:.2f} {base:.2f} Td ({safe}) Tj ET 0 g"
        )
        return x + w * squeeze / 100

    def centre(self, y: float, text: str, size: float, face: str, x0: float = 0, x1: float = 0) -> None:
        x1 = x1 or self.w
        size = self.fit(text, size, face, x1 - x0 - 8)
        self.text((x0 + x1 - self.width(text, size, face)) / 2, y, text, size, face)

    def right(self, x1: float, y: float, text: str, size: float, face: str) -> None:
        self.text(x1 - self.width(text, size, face), y, text, size, face)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6, grey: float = 0.0,
             dash: str = "") -> None:  # fmt: skip
        pattern = f"[{dash}] 0 d " if dash else ""
        path = f"{x0:.2f} {self.h - y0:.2f} m {x1:.2f} {self.h - y1:.2f} l S"
        self.ops.append(f"{pattern}{grey:.2f} G {width:.2f} w {path} [] 0 d 0 G")

    def rect(self, x: float, y: float, w: float, h: float, width: float = 0.6, grey: float = 0.0) -> None:
        self.ops.append(f"{grey:.2f} G {width:.2f} w {x:.2f} {self.h - y - h:.2f} {w:.2f} {h:.2f} re S 0 G")

    def box(self, x: float, y: float, w: float, h: float, grey: float = 0.0) -> None:
        self.ops.append(f"{grey:.2f} g {x:.2f} {self.h - y - h:.2f} {w:.2f} {h:.2f} re f 0 g")

    def qr(self, x: float, y: float, size: float, payload: str) -> None:
        """A real QR code (segno) of `payload`, its dark modules as filled boxes, runs merged."""
        import segno

        matrix = segno.make_qr(payload, error="m").matrix
        m = size / len(matrix)
        for j, row in enumerate(matrix):
            i = 0
            while i < len(row):
                if row[i]:
                    start = i
                    while i < len(row) and row[i]:
                        i += 1
                    self.box(x + start * m, y + j * m, (i - start) * m + 0.05, m + 0.05)
                else:
                    i += 1

    def pdf(self) -> bytes:
        """The page as a PDF 1.4 file; a face pdfium lacks carries its widths and descriptor."""
        stream = "\n".join(self.ops).encode("latin-1")
        fonts = " ".join(f"/F{i} {5 + i} 0 R" for i in range(len(self.faces)))
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {self.w:.0f} {self.h:.0f}] /Contents 4 0 R "
                f"/Resources << /Font << {fonts} >> >> >>"
            ).encode(),
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        ]
        descriptors: list[bytes] = []
        for face in self.faces:
            m = _metrics(face)
            head = f"<< /Type /Font /Subtype /Type1 /BaseFont /{m.name} /Encoding /WinAnsiEncoding"
            if m.name in _STANDARD:
                objects.append(f"{head} >>".encode())
                continue
            ref = 5 + len(self.faces) + len(descriptors)
            widths = " ".join(str(w) for w in m.widths)
            objects.append(
                f"{head} /FirstChar 32 /LastChar 126 /Widths [{widths}] /FontDescriptor {ref} 0 R >>".encode()
            )
            serif = not m.name.startswith(("Helvetica", "AvantGarde"))
            flags = 32 | (1 if m.fixed else 0) | (2 if serif else 0) | (64 if m.italic else 0)
            flags |= (1 << 18) if m.bold else 0
            descriptors.append(
                (
                    f"<< /Type /FontDescriptor /FontName /{m.name} /Flags {flags} /FontBBox [{m.bbox}] "
                    f"/ItalicAngle {m.italic:.1f} /Ascent {m.ascent} /Descent {m.descent} /CapHeight {m.cap} "
                    f"/StemV {140 if m.bold else 80} >>"
                ).encode()
            )
        objects += descriptors
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)

    def render(self, dpi: float) -> Image.Image:
        """The page as pdfium draws it at `dpi`, in grey."""
        return _render_pdf(self.pdf(), round(dpi))


def _pdf_table(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    columns: Sequence[Column],
    rows: list[Cells],
    size: float,
    faces: tuple[str, str],
) -> float:
    """A ruled member table across [x0, x1]: titles ("\\n" where they wrap) centred in bold, each column as
    wide as its widest cell, the spare room shared out, a cell too long for its column squeezed. The y under
    it."""
    face, bold = faces
    pad = 2.2
    need = []
    for title, key in columns:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        widest = max(
            [s.width(t, size, face) for t in texts]
            + [s.width(t, size - 0.5, bold) for t in title.split("\n")]
        )
        need.append(widest + 2 * pad)
    scale = (x1 - x0) / sum(need)
    xs = [x0]
    for w in need:
        xs.append(xs[-1] + w * scale)
    head_h, row_h = 2 * size + 5, size + 5
    y_end = y0 + head_h + row_h * len(rows)
    for i, (title, key) in enumerate(columns):
        lines = title.split("\n")
        for j, line in enumerate(lines):
            top = y0 + (head_h - len(lines) * size) / 2 + j * size + 0.6
            s.centre(top, line, size - 0.5, bold, xs[i], xs[i + 1])
        for r, cells in enumerate(rows):
            text = str(r + 1) if key == "No" else cells[key][0]
            s.text(
                xs[i] + pad,
                y0 + head_h + r * row_h + 2.6,
                text,
                size,
                face,
                max_w=xs[i + 1] - xs[i] - 2 * pad,
            )
    for x in xs:
        s.line(x, y0, x, y_end, 0.7)
    s.line(x0, y0, x1, y0, 0.9)
    s.line(x0, y0 + head_h, x1, y0 + head_h, 0.9)
    for r in range(1, len(rows)):
        s.line(x0, y0 + head_h + r * row_h, x1, y0 + head_h + r * row_h, 0.35)
    s.line(x0, y_end, x1, y_end, 0.9)
    return y_end


def _token(rng: random.Random, n: int = 24) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


# --- KK: the e-KK folded in three for an envelope, photographed with the flash, forwarded by WhatsApp ------


def _ekk_times(family: Family, rng: random.Random) -> tuple[PdfSheet, list[Cells]]:
    """The electronic KK (signed since 2021) as printed from its PDF, set in Times: the title and number,
    the header in two columns, the two member tables, the head of family's name, the TTE block with its QR."""
    s = PdfSheet(842, 595)
    s.centre(26, "KARTU KELUARGA", 17, "times-bold")
    s.centre(48, "No. " + family.kk_number, 12.5, "times-bold")
    for i, (label, value) in enumerate(_kk_head(family)):
        x, colon, right = (36, 156, 440) if i < 4 else (476, 572, 810)
        top = 76 + (i % 4) * 15
        s.text(x, top, label, 10, "times")
        s.text(colon, top, ":", 10, "times")
        s.text(colon + 6, top, value, 10, "times", max_w=right - colon - 6)
    rows = [_member_cells(m) for m in family.members]
    y = _pdf_table(s, 24, 818, 146, _T1, rows, 8.8, ("times", "times-bold"))
    y = _pdf_table(s, 24, 818, y + 14, _T2, rows, 8.8, ("times", "times-bold"))
    y = max(y, 380)
    s.text(36, y + 18, "Dikeluarkan Tanggal", 10, "times")
    s.text(150, y + 18, ": " + format_date(family.issue_date, "dmy-dash"), 10, "times")
    s.centre(y + 18, "KEPALA KELUARGA", 10, "times-bold", 300, 520)
    s.centre(y + 70, family.head.name, 10, "times", 300, 520)
    place = _region(family.regency_code)
    y += 4
    s.text(560, y + 14, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 7.5, "times-bold", max_w=250)
    s.text(560, y + 24, place, 7.5, "times-bold", max_w=250)
    s.qr(560, y + 34, 46, "https://tte.dukcapil.go.id/v/" + _token(rng))
    s.text(612, y + 40, "Ditandatangani secara elektronik oleh", 7, "times-italic")
    s.text(612, y + 52, rng.choice(_OFFICIALS), 7.5, "times-bold", max_w=200)
    s.text(612, y + 63, "NIP. " + _nip(rng), 7, "times")
    foot = (
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
        "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara."
    )
    s.line(26, 560, 816, 560, 0.4)
    s.text(26, 565, foot, 6.5, "times-italic", max_w=790)
    return s, rows


def _fold_photo(page: Rgb, folds: tuple[float, float], rng: random.Random, frame: tuple[int, int]) -> Rgb:
    """The landscape sheet folded in three (creases at the fractions `folds` of its width) lying on a table
    half opened: the middle panel flat, the outer two rising from their creases; seen by a phone held above at a slant, lit by its
    flash (a hot spot where the paper faces the lens, the light falling off with distance and slant).

    Every frame pixel's ray is cast onto the three panels (pinhole camera), so each panel is in its own
    perspective and the creases are sharp."""
    from tools.docgen.photographed import _table

    fw, fh = frame
    ph, pw = page.shape[:2]
    x1, x2 = pw * folds[0], pw * folds[1]
    a1, a3 = math.radians(rng.uniform(8, 24)), math.radians(rng.uniform(8, 24))
    # The camera: held level above a point of the member tables (where the flash's sheen will wash the
    # print out) and aimed at a point near the sheet's middle, turned a little in its plane.
    height = rng.uniform(1.0, 1.2) * pw
    foot = np.array([pw * rng.uniform(0.3, 0.7), ph * rng.uniform(0.25, 0.45), 0.0])
    target = np.array([pw * rng.uniform(0.46, 0.54), ph * rng.uniform(0.46, 0.54), 0.0])
    cam = foot + np.array([0.0, 0.0, height])
    view = (target - cam) / np.linalg.norm(target - cam)
    roll = math.radians(rng.uniform(-6, 6))
    across = np.array([math.cos(roll), math.sin(roll), 0.0])
    across -= view * float(across @ view)
    across /= np.linalg.norm(across)
    basis = np.stack([across, np.cross(across, view), view], axis=1)  # the camera's x, y and view axes
    distance = float(np.linalg.norm(target - cam))
    focal = rng.uniform(0.68, 0.76) * fw * distance / pw
    uu, vv = np.meshgrid(
        (np.arange(fw, dtype=np.float32) - fw / 2) / focal, (np.arange(fh, dtype=np.float32) - fh / 2) / focal
    )
    b = basis.astype(np.float32)
    d = [uu * b[k, 0] + vv * b[k, 1] + b[k, 2] for k in range(3)]
    best = np.full((fh, fw), np.inf, np.float32)
    map_x = np.full((fh, fw), -1.0, np.float32)
    map_y = np.full((fh, fw), -1.0, np.float32)
    facing = np.zeros((fh, fw), np.float32)  # normal . direction to the lens
    panels = (
        ((math.sin(a1), 0.0, math.cos(a1)), x1, -1.0, a1, (0.0, x1)),
        ((0.0, 0.0, 1.0), x1, 0.0, 0.0, (x1, x2)),
        ((-math.sin(a3), 0.0, math.cos(a3)), x2, 1.0, a3, (x2, float(pw))),
    )
    for n, fold, side, angle, (lo, hi) in panels:
        den = n[0] * d[0] + n[1] * d[1] + n[2] * d[2]
        num = n[0] * (fold - cam[0]) - n[1] * cam[1] - n[2] * cam[2]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(np.abs(den) > 1e-6, num / den, np.inf).astype(np.float32)
        px = cam[0] + t * d[0]
        py = cam[1] + t * d[1]
        along = side * (px - fold) / math.cos(angle)  # from the crease along the lifted panel
        page_x = fold + side * along if side else px
        ok = (t > 0) & (t < best) & (page_x >= lo) & (page_x <= hi) & (py >= 0) & (py <= ph - 1)
        if side:
            ok &= along >= 0
        best = np.where(ok, t, best)
        map_x = np.where(ok, page_x, map_x)
        map_y = np.where(ok, py, map_y)
        rays = np.sqrt(d[0] ** 2 + d[1] ** 2 + d[2] ** 2)
        cos_view = -(n[0] * d[0] + n[1] * d[1] + n[2] * d[2]) / rays
        facing = np.where(ok, cos_view, facing)
    on_page = np.isfinite(best)
    warped = cv2.remap(
        page,
        map_x.astype(np.float32),
        map_y.astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0),
    )
    table = _table(fw, fh, rng)
    # The table's distance and slant as the flash sees it (its plane z = 0).
    t_table = np.where(np.abs(d[2]) > 1e-6, -cam[2] / d[2], 1e9)
    rays = np.sqrt(d[0] ** 2 + d[1] ** 2 + d[2] ** 2)
    dist = np.where(on_page, best, t_table) * rays / height
    facing = np.where(on_page, facing, -d[2] / rays)
    alpha = cv2.GaussianBlur(on_page.astype(np.float32), (0, 0), 0.7)
    img = np.asarray(table * (1 - alpha[..., None]) + warped * alpha[..., None], np.float32)
    # The flash beside the lens: Lambertian light over distance squared, and paper's sheen where it faces
    # the lens square on (a washed-out spot), exposed so the spot just clips; a little warm room light.
    lambert = np.clip(facing, 0, 1) / np.maximum(dist, 0.3) ** 2
    cos = np.clip(facing, 0, 1)
    sheen = (
        rng.uniform(0.5, 0.66) * cos ** rng.uniform(150, 400) + rng.uniform(0.06, 0.14) * cos**25
    ) * on_page
    light = lambert / max(1e-3, float(np.percentile(lambert, 99.5))) * rng.uniform(0.95, 1.08)
    flash = np.array((1.0, 1.0, rng.uniform(1.02, 1.08)), np.float32)
    room = np.array((0.12, 0.1, 0.06), np.float32) * rng.uniform(0.5, 1.0)
    img = img * (light[..., None] * flash + room)
    img += (255 - np.minimum(img, 255)) * sheen[..., None].astype(np.float32)
    return np.asarray(img, np.float32)


def _whatsapp(rgb: Rgb, rng: random.Random, long_side: int = 1600) -> bytes:
    """The camera's JPEG, then what WhatsApp makes of it when forwarded: the long side cut to `long_side`,
    recompressed hard."""
    camera = _decoded(
        _jpeg(Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB"), rng.randint(85, 92))
    )
    scale = long_side / max(camera.size)
    small = camera.resize(
        (round(camera.width * scale), round(camera.height * scale)), Image.Resampling.BILINEAR
    )
    return _jpeg(small, rng.randint(55, 68))


def kk_lipat_tiga(family: Family, rng: random.Random) -> RenderedDocument:
    """The e-KK printed in Times, folded in three, photographed half open under the phone's flash, forwarded
    through WhatsApp."""
    sheet, rows = _ekk_times(family, rng)
    grey = np.asarray(sheet.render(200), np.float32) / 255.0
    w = grey.shape[1]
    folds = (rng.uniform(0.32, 0.35), rng.uniform(0.65, 0.68))  # folded by hand: not quite in thirds
    for frac in folds:  # the creases' broken fibres
        x = round(w * frac)
        grey[:, x - 1 : x + 2] *= 0.93
    paper = np.array((247, 246, 241), np.float32)
    ink = np.array((28, 28, 34), np.float32)
    page = np.asarray(paper * grey[..., None] + ink * (1 - grey[..., None]), np.float32)
    img = _fold_photo(page, folds, rng, (2400, 1800))
    img += _noise(rng).normal(0, rng.uniform(2.5, 5.0), img.shape).astype(np.float32)
    data = _whatsapp(img, rng)
    doc = RenderedDocument("kk", _decoded(data), _kk_truth(family), _members(rows), layout="kk-lipat-tiga")
    doc.upload = data
    return doc


# --- KK: a laser print in toner-save mode with its toner running out, drum ghosting, scanned ---------------


def _kk_narrow(family: Family, rng: random.Random) -> tuple[PdfSheet, list[Cells], float]:
    """The post-2018 KK as SIAK's report prints it, set in Helvetica Narrow: a QR code by the title, the
    header's labels in capitals, the member tables, the head of family's and the Dinas's signature blocks."""
    s = PdfSheet(842, 595)
    s.qr(30, 22, 52, "SIAK-KK-" + _token(rng, 24))
    s.centre(24, "KARTU KELUARGA", 18, "narrow-bold")
    s.centre(48, "No. " + family.kk_number, 13, "narrow-bold")
    for i, (label, value) in enumerate(_kk_head(family)):
        x, colon, right = (36, 160, 440) if i < 4 else (476, 580, 810)
        top = 84 + (i % 4) * 15
        s.text(x, top, label.upper(), 9.5, "narrow")
        s.text(colon, top, ":", 9.5, "narrow")
        s.text(colon + 6, top, value, 10, "narrow-bold", max_w=right - colon - 6)
    rows = [_member_cells(m) for m in family.members]
    y = _pdf_table(s, 24, 818, 152, _T1, rows, 9, ("narrow", "narrow-bold"))
    y = _pdf_table(s, 24, 818, y + 14, _T2, rows, 9, ("narrow", "narrow-bold"))
    y = max(y, 390)
    s.text(36, y + 16, "Dikeluarkan Tanggal : " + format_date(family.issue_date, "dmy-dash"), 10, "narrow")
    s.centre(y + 16, "KEPALA KELUARGA", 9.5, "narrow-bold", 300, 520)
    s.centre(y + 86, family.head.name, 9.5, "narrow", 300, 520)
    s.line(340, y + 98, 480, y + 98, 0.5)
    s.centre(y + 16, "KEPALA DINAS KEPENDUDUKAN DAN", 9.5, "narrow-bold", 560, 810)
    s.centre(y + 28, "PENCATATAN SIPIL " + _region(family.regency_code), 9.5, "narrow-bold", 560, 810)
    s.centre(y + 86, rng.choice(_OFFICIALS), 9.5, "narrow-bold", 560, 810)
    s.centre(y + 98, "NIP. " + _nip(rng), 9, "narrow", 560, 810)
    return s, rows, y


def _toner_save(grey: Grey, rng: random.Random, dpi: float) -> Grey:
    """What a laser printer in toner-save mode prints of a page (grey 0..1, 1 white): every black area laid
    down as a fine diagonal screen (grey, grainy strokes); where the cartridge runs low, pale bands along the
    paper's path (the landscape page is fed along its long side, so they run along its rows), and the drum's
    previous turn printed again faintly one circumference further along the path; toner dust."""
    ink = 1 - grey
    h, w = ink.shape
    yy, xx = np.mgrid[0:h, 0:w]
    period = rng.choice((3, 4))
    screen = ((xx + yy) % period < period - 1).astype(np.float32)  # most of each period inked
    grain = np.clip(1 + _noise(rng).normal(0, 0.2, (h, w)), 0.5, 1.4).astype(np.float32)
    eco = ink * (0.28 + 0.6 * screen) * grain * rng.uniform(0.92, 1.0)
    eco = np.asarray(cv2.GaussianBlur(eco, (0, 0), 0.6), np.float32)  # the toner spreads a little
    rows = np.linspace(0, 1, h, dtype=np.float32)
    density = (
        1 - rng.uniform(0.0, 0.15) * rows if rng.random() < 0.5 else 1 - rng.uniform(0.0, 0.15) * rows[::-1]
    )
    for _ in range(rng.randint(1, 3)):
        centre, half = rng.uniform(0.15, 0.85), rng.uniform(0.015, 0.06)
        density *= 1 - rng.uniform(0.35, 0.5) * np.exp(-(((rows - centre) / half) ** 4))
    density = np.maximum(density, 0.45)[:, None]
    printed = eco * density
    shift = round(rng.uniform(75, 95) / 25.4 * dpi)  # the drum's circumference
    ghost = np.zeros_like(printed)
    ghost[:, shift:] = printed[:, :-shift] * rng.uniform(0.04, 0.07)
    dust = (_noise(rng).random((h, w)) < 0.00006).astype(np.float32)
    dust = np.asarray(cv2.GaussianBlur(dust, (0, 0), 0.8), np.float32) * 3
    return np.asarray(1 - np.clip(printed + ghost + dust + 0.015, 0, 1), np.float32)


def kk_toner_hemat(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK in Helvetica Narrow from a laser printer in toner-save mode, toner low, drum ghosting; the
    wet signatures and the Dinas's stamp over it; a grey flatbed scan at 200 dpi."""
    sheet, rows, y = _kk_narrow(family, rng)
    dpi = 300
    grey = np.asarray(sheet.render(dpi), np.float32) / 255
    printed = Image.fromarray(
        np.clip(_toner_save(grey.astype(np.float32), rng, dpi) * 255, 0, 255).astype(np.uint8), "L"
    )
    pg = _page_of(printed, rng)
    k = dpi / 72  # pixels a point
    pg.signature(370 * k, (y + 40) * k, 110 * k, 30 * k)
    pg.signature(620 * k, (y + 44) * k, 130 * k, 34 * k)
    pg.stamp(610 * k, (y + 60) * k, 40 * k, "DUKCAPIL|" + _issue_place(family)[:12])
    scan = pg.img.resize((round(pg.w * 200 / dpi), round(pg.h * 200 / dpi)), Image.Resampling.LANCZOS)
    scan = scan.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    arr = np.asarray(scan, np.float32) * rng.uniform(0.97, 1.0) + _noise(rng).normal(
        0, 2.0, (scan.height, scan.width)
    )
    scan = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.5))
    data = _jpeg(scan, rng.randint(80, 88))
    doc = RenderedDocument(
        "kk", _decoded(data).convert("L"), _kk_truth(family), _members(rows), layout="kk-toner-hemat"
    )
    doc.upload = data
    return doc


# --- akta: a photocopy of the Kutipan beside its sworn English translation, scanned on an A3 flatbed -------

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip
_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen")  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}  # fmt: skip
_TRANSLATORS = (
    "Drs. HARYANTO WIBISONO",
    "LIANA KUSUMAWARDHANI, S.S.",
    "Dra. MARGARETHA SIAHAAN",
    "RIZAL FIRMANSYAH, S.S., M.Hum.",
)


def _english(n: int) -> str:
    """0 < n < 100 in English words."""
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")


def _english_ordinal(n: int) -> str:
    words = _english(n)
    head, _, last = words.rpartition("-")
    last = _EN_ORDINAL.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return f"{head}-{last}" if head else last


def _english_year(year: int) -> str:
    """A year as a translator writes it out: 1990 -> nineteen hundred and ninety, 2011 -> two thousand
    eleven."""
    high, low = divmod(year, 100)
    if 2000 <= year < 2010:
        return "two thousand" + (f" {_english(low)}" if low else "")
    if year >= 2010:
        return f"two thousand {_english(year - 2000)}"
    return f"{_english(high)} hundred" + (f" and {_english(low)}" if low else "")


_SIGN_TOP = 620.0  # where the Kutipan's signature goes (pt from the top)


def _page_of(img: Image.Image, rng: random.Random) -> Page:
    """A `Page` holding a rendered image, for its stamps and signatures."""
    pg = Page(img.width, img.height, "sans", rng)
    pg.img, pg.d = img, ImageDraw.Draw(img)
    return pg


def _kutipan_2016(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[PdfSheet, str, int]:
    """The Kutipan (2016 form) set in New Century Schoolbook: the form's phrases left, the values after them
    in bold; its number and the child's birth order."""
    s = PdfSheet(595, 842)
    number = akta_number(family, p, serial)
    order = rng.randint(1, 5)
    s.text(60, 62, "NIK : " + p.nik, 10, "schoolbook")
    s.centre(150, "PENCATATAN SIPIL", 14, "schoolbook-bold")
    s.centre(170, "WARGA NEGARA INDONESIA", 11, "schoolbook")
    s.centre(205, "KUTIPAN AKTA KELAHIRAN", 20, "schoolbook-bold")
    lines = [
        ("Berdasarkan Akta Kelahiran Nomor", number),
        ("bahwa di", p.place_of_birth),
        ("pada tanggal", format_date(p.birth_date, "words")),
        ("telah lahir", p.name),
        ("anak ke", f"{number_words(order)}, {_sex(p)}"),
        ("dari ayah", p.father_name),
        ("dan ibu", p.mother_name),
    ]
    y = 270.0
    for phrase, value in lines:
        s.text(70, y, phrase, 11, "schoolbook")
        x = max(250.0, s.width(phrase, 11, "schoolbook") + 84)
        size = s.fit(value, 12, "schoolbook-bold", 530 - x, 8)
        s.text(x, y - 0.5, value, size, "schoolbook-bold")
        s.line(x, y + 14, 530, y + 14, 0.4, 0.4, "1 2")
        y += 36
    place = _issue_place(family).title()
    y = _SIGN_TOP - 70
    s.text(300, y, f"Kutipan ini diterbitkan di {place}", 10.5, "schoolbook")
    s.text(300, y + 16, "pada tanggal " + format_date(family.issue_date, "long-title"), 10.5, "schoolbook")
    s.text(300, y + 40, "KEPALA DINAS KEPENDUDUKAN DAN", 10, "schoolbook-bold")
    s.text(300, y + 53, "PENCATATAN SIPIL " + _region(family.regency_code), 10, "schoolbook-bold", max_w=250)
    s.text(300, y + 120, rng.choice(_OFFICIALS), 10, "schoolbook-bold", max_w=250)
    return s, number, order


def _translation(
    family: Family, p: Person, number: str, order: int, rng: random.Random
) -> tuple[PdfSheet, float]:
    """The sworn translator's English page in Times: bracketed notes where the original has an emblem, a
    signature or a seal; the dates written the English way (August 17, 1990); the translator's statement.
    The y of the statement's signature."""
    s = PdfSheet(595, 842)
    born = p.birth_date
    s.right(535, 48, "Translation from Indonesian", 10, "times-italic")
    s.centre(80, "[Coat of arms of the Republic of Indonesia]", 10, "times-italic")
    s.text(60, 104, "Population Identification Number (NIK): " + p.nik, 10.5, "times")
    s.centre(140, "CIVIL REGISTRATION", 13, "times-bold")
    s.centre(158, "CITIZEN OF THE REPUBLIC OF INDONESIA", 11, "times")
    s.centre(186, "EXCERPT OF BIRTH CERTIFICATE", 16, "times-bold")
    sex = "MALE" if p.sex == "M" else "FEMALE"
    words = f"the {_english_ordinal(born.day)} of {_EN_MONTHS[born.month - 1]}, {_english_year(born.year)}"
    lines = [
        ("By virtue of Birth Certificate Number", number),
        ("that in", p.place_of_birth),
        ("on", f"{_EN_MONTHS[born.month - 1]} {born.day}, {born.year}"),
        ("", f"({words})"),
        ("was born", p.name),
        ("the child number", f"{_english(order)} ({order}), {sex}"),
        ("of the father", p.father_name),
        ("and the mother", p.mother_name),
    ]
    y = 236.0
    for phrase, value in lines:
        if phrase:
            s.text(66, y, phrase, 11, "times")
            s.text(236, y, ":", 11, "times")
        italic = value.startswith("(")
        face = "times-italic" if italic else "times-bold"
        s.text(246, y, value, s.fit(value, 11.5, face, 290, 8), face)
        y += 22 if italic or not phrase else 28
    issued = family.issue_date
    place = _issue_place(family).title()
    y += 20
    s.text(300, y, f"This Excerpt is issued in {place}", 10.5, "times")
    s.text(300, y + 15, f"on {_EN_MONTHS[issued.month - 1]} {issued.day}, {issued.year}", 10.5, "times")
    s.text(300, y + 36, "HEAD OF THE POPULATION AND CIVIL", 10, "times-bold")
    s.text(300, y + 49, "REGISTRATION OFFICE", 10, "times-bold")
    s.text(300, y + 66, "[signed]", 10, "times-italic")
    s.text(300, y + 80, "[Seal: Population and Civil Registration Office]", 9, "times-italic", max_w=250)
    s.text(300, y + 98, rng.choice(_OFFICIALS), 10, "times-bold", max_w=250)
    y += 150
    s.line(60, y, 535, y, 0.6)
    translator = rng.choice(_TRANSLATORS)
    decree = f"{rng.randint(100, 2999)}/{rng.randint(1995, 2012)}"
    statement = (
        f"I, {translator}, a sworn translator by virtue of the Decree of the Governor of the Special Capital "
        f"Region of Jakarta Number {decree}, do hereby certify that the foregoing is a true and faithful "
        "translation from Indonesian into English of the original document."
    )
    ty = y + 14
    line = ""
    for word in statement.split():
        trial = f"{line} {word}".strip()
        if s.width(trial, 10, "times-italic") > 470:
            s.text(62, ty, line, 10, "times-italic")
            ty, line = ty + 14, word
        else:
            line = trial
    s.text(62, ty, line, 10, "times-italic")
    done = issued.toordinal() + rng.randint(30, 700)
    done_day = issued.fromordinal(min(done, issued.replace(year=2026, month=10, day=30).toordinal()))
    s.text(
        340,
        ty + 30,
        f"Jakarta, {_EN_MONTHS[done_day.month - 1]} {done_day.day}, {done_day.year}",
        10,
        "times",
    )
    s.text(340, ty + 92, translator, 10, "times-bold")
    s.text(340, ty + 105, "Sworn and Authorized Translator", 9.5, "times-italic")
    return s, ty + 40


def _on_glass(canvas: Rgb, sheet: Rgb, x: float, y: float, angle: float) -> None:
    """A sheet laid on the scanner's glass at (x, y), turned `angle` degrees, with the soft shadow its edge
    casts; in place."""
    h, w = sheet.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[:, 2] += np.array((x, y))
    size = (canvas.shape[1], canvas.shape[0])
    warped = cv2.warpAffine(sheet, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpAffine(np.ones((h, w), np.float32), matrix, size, flags=cv2.INTER_LINEAR)
    edge = np.asarray(cv2.GaussianBlur(mask, (0, 0), 3), np.float32)
    canvas *= (1 - 0.25 * np.clip(edge - mask, 0, 1) * 4)[..., None]
    canvas[:] = canvas * (1 - mask[..., None]) + warped * mask[..., None]


def akta_terjemahan_tersumpah(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A photocopy of the Kutipan and its sworn English translation side by side on an A3 flatbed, in
    colour."""
    dpi = 200
    original, number, order = _kutipan_2016(family, p, rng, serial)
    pg = _page_of(original.render(dpi), rng)
    k = dpi / 72
    _emblem_place(pg.d, pg.w / 2, 290, 70, 60)  # type: ignore[arg-type]
    sign_top = _SIGN_TOP * k
    pg.signature(320 * k, sign_top, 140 * k, 40 * k)
    pg.stamp(300 * k, sign_top + 20 * k, 46 * k, "DISDUKCAPIL|" + _issue_place(family)[:14])
    copy_img = _photocopied(pg.img, rng)
    left = np.repeat((np.asarray(copy_img, np.float32))[..., None], 3, axis=2)
    translation, sign_y = _translation(family, p, number, order, rng)
    right_grey = np.asarray(translation.render(dpi), np.float32) / 255
    paper = np.array((252, 252, 250), np.float32)
    right = np.asarray(paper * right_grey[..., None] + 20 * (1 - right_grey[..., None]), np.float32)
    _blue_signature(right, 350 * k, (sign_y + 5) * k, 150 * k, 40 * k, rng)
    _blue_stamp(right, 330 * k, (sign_y + 20) * k, 48 * k, ("SWORN TRANSLATOR JAKARTA", "TRANSLATOR"), rng)
    canvas = np.empty((2339, 3307, 3), np.float32)
    canvas[:] = np.array((238, 238, 236), np.float32)  # the lid's white, a little grey
    _on_glass(canvas, left, rng.uniform(4, 30), rng.uniform(-6, 14), rng.uniform(-1.2, 1.2))
    _on_glass(canvas, right, 1654 + rng.uniform(-24, 10), rng.uniform(-6, 14), rng.uniform(-1.2, 1.2))
    data = _scan_jpeg(canvas, rng)
    doc = RenderedDocument("akta", _decoded(data), _akta_truth(number, p), layout="akta-terjemahan-tersumpah")
    doc.upload = data
    return doc


# --- akta: a Kutipan sealed in a laminating pouch, photographed under a tube lamp --------------------------


def _kutipan_typed(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[PdfSheet, str, float]:
    """A 2000s Kutipan: the blanko's title in Zapf Chancery and its phrases in Palatino Italic, each value
    typed in Courier Bold on the blank's dotted line. The sheet, the number and where the signature goes."""
    s = PdfSheet(595, 842)
    s.rect(30, 30, 535, 782, 2.2, 0.25)
    s.rect(37, 37, 521, 768, 0.6, 0.25)
    s.centre(70, "REPUBLIK INDONESIA", 15, "palatino-italic")
    s.centre(108, "Kutipan Akta Kelahiran", 34, "chancery")
    s.centre(150, "Warga Negara Indonesia", 12, "palatino-italic")
    number = akta_number(family, p, serial)
    order = rng.randint(1, 5)
    blanks = [
        ("Nomor Induk Kependudukan", p.nik),
        ("Menurut Akta Kelahiran Nomor", number),
        ("bahwa di", p.place_of_birth),
        ("pada tanggal", format_date(p.birth_date, "long")),
        ("telah lahir seorang anak", _sex(p)),
        ("yang diberi nama", p.name),
        ("anak ke", f"{order} ({number_words(order)})"),
        ("dari suami-isteri", p.father_name),
        ("dan", p.mother_name),
    ]
    y = 205.0
    for phrase, value in blanks:
        s.text(66, y, phrase, 11.5, "palatino-italic")
        x = 236.0
        s.line(x, y + 13, 535, y + 13, 0.5, 0.3, "0.8 2.2")
        jitter = rng.uniform(-1.2, 0.8)  # the typist's line, a little off the blank
        s.text(x + 6, y - 1 + jitter, value, s.fit(value, 12, "courier-bold", 290, 7), "courier-bold")
        y += 38
    place = _issue_place(family)
    y += 30
    s.text(290, y, "Kutipan ini dikeluarkan di", 11, "palatino-italic")
    s.text(428, y - 1, place.title(), 11, "courier-bold", max_w=110)
    s.text(290, y + 18, "pada tanggal", 11, "palatino-italic")
    s.text(360, y + 17, format_date(family.issue_date, "long"), 11, "courier-bold", max_w=180)
    s.text(290, y + 44, "Kepala Dinas Kependudukan dan", 11, "palatino-italic")
    s.text(290, y + 58, "Pencatatan Sipil", 11, "palatino-italic")
    s.text(290, y + 126, rng.choice(_OFFICIALS), 10.5, "courier-bold", max_w=250)
    s.text(290, y + 140, "NIP. " + _nip(rng), 10, "courier")
    return s, number, y + 66


def _blanko_tint(h: int, w: int, rng: random.Random) -> Rgb:
    """The blanko's security print: pale interleaved waves in one tint, lighter towards the middle."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tint = np.array(rng.choice(((0.04, 0.1, 0.16), (0.02, 0.12, 0.08), (0.12, 0.06, 0.1))), np.float32)
    waves = (0.5 + 0.5 * np.sin(yy / rng.uniform(2.2, 3) + 5 * np.sin(xx / rng.uniform(60, 120)))) ** 3
    waves += (0.5 + 0.5 * np.sin(xx / rng.uniform(2.5, 3.5) - 4 * np.sin(yy / rng.uniform(80, 140)))) ** 3
    waves *= 0.45
    paper = np.array((250, 248, 240), np.float32)
    return np.asarray(paper * (1 - waves[..., None] * tint), np.float32)


def _laminated(page: Rgb, rng: random.Random) -> tuple[Rgb, npt.NDArray[np.float32]]:
    """The sheet sealed in a laminating pouch: a clear margin with rounded corners round the paper, the film
    a little wavy (the print shifts a few pixels with it), air bubbles where it did not seal, and on top the
    film's gloss: a tube lamp's reflection, a long bright bar whose edges ripple with the waves, strong
    enough to wash the print under it out. The layer and its mask (the margin is see-through)."""
    h, w = page.shape[:2]
    m = round(0.022 * w)
    lh, lw = h + 2 * m, w + 2 * m
    layer = np.zeros((lh, lw, 3), np.float32)
    layer[m : m + h, m : m + w] = page
    paper = np.zeros((lh, lw), np.float32)
    paper[m : m + h, m : m + w] = 1
    nrng = _noise(rng)
    # The film's waves: a smooth height field; the print seen through it moves with its slope.
    height = cv2.resize(nrng.normal(0, 1, (5, 4)).astype(np.float32), (lw, lh), interpolation=cv2.INTER_CUBIC)
    gy, gx = np.gradient(height * rng.uniform(0.04, 0.08) * lw)
    xx, yy = np.meshgrid(np.arange(lw, dtype=np.float32), np.arange(lh, dtype=np.float32))
    layer = np.asarray(cv2.remap(layer, xx + 2 * gx, yy + 2 * gy, cv2.INTER_LINEAR), np.float32)
    for _ in range(rng.randint(2, 5)):  # air bubbles: a lighter patch with a thin bright rim
        bx, by, br = round(rng.uniform(0.1, 0.9) * lw), round(rng.uniform(0.1, 0.9) * lh), rng.uniform(8, 26)
        box = round(2 * br)
        patch = layer[by - box : by + box, bx - box : bx + box]
        py, px = np.mgrid[-box:box, -box:box].astype(np.float32)
        r = (np.hypot(px / 1.4, py) / br)[: patch.shape[0], : patch.shape[1]]
        inside = np.clip(1 - r, 0, 1) ** 0.3
        rim = np.exp(-(((r - 1) / 0.08) ** 2))
        patch += (250 - patch) * (0.12 * inside + 0.35 * rim)[..., None]
    # The tube lamp's reflection: a bar across the sheet at an angle, its edge rippled by the slopes.
    phi = rng.uniform(-0.6, 0.6) + (math.pi / 2 if rng.random() < 0.5 else 0)
    along = (xx - lw / 2) * math.cos(phi) + (yy - lh / 2) * math.sin(phi)
    across = -(xx - lw / 2) * math.sin(phi) + (yy - lh / 2) * math.cos(phi)
    across += 40 * (-gx * math.sin(phi) + gy * math.cos(phi))
    centre, half = rng.uniform(-0.3, 0.3) * min(lw, lh), rng.uniform(0.025, 0.05) * min(lw, lh)
    length = rng.uniform(0.35, 0.6) * max(lw, lh)
    bar = np.exp(-(((across - centre) / half) ** 6)) / (1 + np.exp((np.abs(along) - length) / (0.04 * lw)))
    glow = np.exp(-(((across - centre) / (4 * half)) ** 2)) * 0.12
    gloss = np.clip(rng.uniform(0.6, 0.72) * bar + glow, 0, 0.78)
    layer += (252 - layer) * gloss[..., None].astype(np.float32)
    # The margin: the film alone (rounded corners), hazing the table a little, its cut edge catching light.
    corner = round(0.5 * m)
    mask = np.zeros((lh, lw), np.uint8)
    cv2.rectangle(mask, (corner, 0), (lw - 1 - corner, lh - 1), 255, -1)
    cv2.rectangle(mask, (0, corner), (lw - 1, lh - 1 - corner), 255, -1)
    for cx, cy in (
        (corner, corner),
        (lw - 1 - corner, corner),
        (corner, lh - 1 - corner),
        (lw - 1 - corner, lh - 1 - corner),
    ):
        cv2.circle(mask, (cx, cy), corner, 255, -1, cv2.LINE_AA)
    film = mask.astype(np.float32) / 255
    edge = np.clip(film - cv2.erode(film, np.ones((5, 5), np.uint8)), 0, 1)
    alpha = np.maximum(paper, film * 0.2)
    layer[paper == 0] = 235
    layer += (255 - layer) * (edge * 0.6)[..., None]
    alpha = np.maximum(alpha, edge * 0.6)
    return np.asarray(layer, np.float32), np.asarray(alpha, np.float32)


def akta_laminasi(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The typed Kutipan sealed in a laminating pouch, photographed on a table under a tube lamp."""
    from tools.docgen.photographed import _table

    sheet, number, top = _kutipan_typed(family, p, rng, serial)
    dpi = 165
    grey = np.asarray(sheet.render(dpi), np.float32) / 255
    ink = np.array((24, 24, 40), np.float32)
    page = np.asarray(
        _blanko_tint(grey.shape[0], grey.shape[1], rng) * grey[..., None] + ink * (1 - grey[..., None]),
        np.float32,
    )
    k = dpi / 72
    _blue_signature(page, 320 * k, top * k, 150 * k, 42 * k, rng)
    _blue_stamp(
        page,
        300 * k,
        (top + 22) * k,
        46 * k,
        ("DINAS KEPENDUDUKAN DAN CATATAN SIPIL", _issue_place(family)[:14]),
        rng,
    )
    layer, alpha = _laminated(page, rng)
    fw, fh = rng.choice(((2250, 3000), (1944, 2592)))
    quad = _tilted_quad(layer.shape[1], layer.shape[0], fw, fh, rng.uniform(0.8, 0.9), rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    table = _table(fw, fh, rng)
    img = np.asarray(table * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.2))
    photo = _finish(img, rng, (0.5, 0.9))
    return RenderedDocument("akta", photo, _akta_truth(number, p), layout="akta-laminasi")


# --- KTP-el: the card's print in Helvetica Narrow (both KTP layouts of this round) -------------------------

_CARD_W, _CARD_H = 242.6, 153.0  # ID-1, 85.6 x 54 mm, in points
_CARD_DPI = 390  # the card about 1310 px across
_PHOTO_BOX = (184.0, 34.0, 234.0, 96.0)  # the photo's place on the card (pt)


def _card_narrow(family: Family, p: Person, rng: random.Random) -> tuple[Image.Image, str]:
    """The card's print (grey, ink on white) set in Helvetica Narrow, labels lighter than the values, the NIK
    larger in bold; the photo (a silhouette on the red or blue of the birth year), the issue place and date
    and the signature under it. The print and the issue place."""
    s = PdfSheet(_CARD_W, _CARD_H)
    s.centre(6, "PROVINSI " + _region(family.province_code), 7.2, "narrow-bold")
    s.centre(15, _region(family.regency_code), 7.2, "narrow-bold")
    s.text(8, 27, "NIK", 8, "narrow-bold")
    s.text(58, 27, ":", 8, "narrow-bold")
    s.text(62, 26.5, p.nik, 8.6, "narrow-bold")
    label, value, step = 5.3, 5.9, 7.3
    born = format_date(p.birth_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash")))

    def row(x: float, y: float, name: str, text: str, colon: float = 58, right: float = 180) -> None:
        if name:
            s.text(x, y + 0.4, name, label, "narrow", grey=0.3)
            s.text(colon, y + 0.4, ":", label, "narrow", grey=0.3)
        s.text(colon + 3.5, y, text, value, "narrow", max_w=right - colon - 3.5)

    y = 38.0
    row(8, y, "Nama", p.name)
    y += step
    row(8, y, "Tempat/Tgl Lahir", f"{p.place_of_birth}, {born}")
    y += step
    row(8, y, "Jenis kelamin", _sex(p), right=112)
    row(116, y, "Gol. Darah", _blood(p), colon=144)
    y += step
    lines = _wrap(family.address, 34)
    row(8, y, "Alamat", lines[0])
    for more in lines[1:]:
        y += step
        row(8, y, "", more)
    for name, text in (("RT/RW", f"{family.rt}/{family.rw}"), ("Kel/Desa", _region(family.village_code)),
                       ("Kecamatan", _region(family.district_code))):  # fmt: skip
        y += step
        row(14, y, name, text)
    for name, text in (("Agama", p.religion), ("Status Perkawinan", p.marital_status),
                       ("Pekerjaan", p.occupation), ("Kewarganegaraan", p.citizenship),
                       ("Berlaku Hingga", "SEUMUR HIDUP")):  # fmt: skip
        y += step
        row(8, y, name, text)
    place = _issue_place(family)
    x0, _, x1, y1 = _PHOTO_BOX
    s.centre(y1 + 5, place, 5.4, "narrow", x0 - 6, x1 + 6)
    s.centre(y1 + 12, format_date(family.issue_date, "dmy-dash"), 5.4, "narrow", x0 - 6, x1 + 6)
    pg = _page_of(s.render(_CARD_DPI), rng)
    k = _CARD_DPI / 72
    left, top, right, bottom = (round(v * k) for v in _PHOTO_BOX)
    pg.photo_box(left, top, right, bottom)
    pg.signature((x0 + 4) * k, (y1 + 19) * k, 40 * k, 10 * k)
    return pg.img, place


def _card_colour(grey: Image.Image, p: Person, rng: random.Random) -> Rgb:
    """The print on the card's tinted security background; the photo's background red for an odd birth
    year and blue for an even one (DOMAIN.md)."""
    from tools.docgen.photographed import _card_rgb

    rgb = _card_rgb(grey, rng)
    k = _CARD_DPI / 72
    x0, y0, x1, y1 = (round(v * k) for v in _PHOTO_BOX)
    box = np.asarray(grey, np.float32)[y0:y1, x0:x1]
    backdrop = np.array((196, 38, 40) if p.birth_date.year % 2 else (40, 86, 180), np.float32)
    sitter = np.array(rng.choice(((60, 50, 48), (80, 64, 56))), np.float32)
    person = (box < 150)[..., None]  # the silhouette (darker than the box's fill)
    rgb[y0 + 2 : y1 - 2, x0 + 2 : x1 - 2] = np.where(person, sitter, backdrop)[2:-2, 2:-2]
    return rgb


# --- KTP-el: a selfie holding the card (the "swafoto dengan KTP" verification apps ask for) -----------------


def _person(scene: Rgb, rng: random.Random) -> None:
    """A person behind the card, in place: shoulders in a shirt, a neck, a head as a plain shaded oval with
    hair on top (never a face: no features), all soft."""
    fh, fw = scene.shape[:2]
    skin = _skin(rng)
    shirt = np.array(
        rng.choice(((40, 60, 110), (150, 30, 40), (230, 230, 225), (60, 90, 60), (30, 30, 34))), np.float32
    )
    hair = np.array(rng.choice(((22, 18, 16), (40, 30, 24))), np.float32)
    cx, cy = fw * rng.uniform(0.45, 0.55), fh * rng.uniform(0.24, 0.3)
    rx, ry = fw * rng.uniform(0.17, 0.21), fw * rng.uniform(0.23, 0.27)
    layers: list[tuple[npt.NDArray[np.float32], Rgb]] = []
    body = np.zeros((fh, fw), np.float32)
    cv2.ellipse(
        body, (round(cx), round(cy + 2.3 * ry)), (round(fw * 0.55), round(ry * 1.6)), 0, 180, 360, 1.0, -1
    )
    cv2.rectangle(body, (round(cx - fw * 0.55), round(cy + 2.3 * ry)), (round(cx + fw * 0.55), fh), 1.0, -1)
    layers.append((body, np.broadcast_to(shirt, (fh, fw, 3)).astype(np.float32)))
    neck = np.zeros((fh, fw), np.float32)
    cv2.rectangle(
        neck,
        (round(cx - 0.45 * rx), round(cy + 0.6 * ry)),
        (round(cx + 0.45 * rx), round(cy + 1.5 * ry)),
        1.0,
        -1,
    )
    layers.append((neck, np.broadcast_to(skin * 0.85, (fh, fw, 3)).astype(np.float32)))
    head = np.zeros((fh, fw), np.float32)
    cv2.ellipse(head, (round(cx), round(cy)), (round(rx), round(ry)), 0, 0, 360, 1.0, -1)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    side = rng.choice((-1, 1))
    shade = 0.8 + 0.25 * np.clip(
        1 - np.hypot((xx - cx - side * 0.3 * rx) / rx, (yy - cy + 0.2 * ry) / ry), 0, 1
    )
    layers.append((head, skin * shade[..., None]))
    top = np.zeros((fh, fw), np.float32)
    cv2.ellipse(
        top, (round(cx), round(cy - 0.15 * ry)), (round(1.08 * rx), round(0.95 * ry)), 0, 180, 360, 1.0, -1
    )
    layers.append((top, np.broadcast_to(hair, (fh, fw, 3)).astype(np.float32)))
    for mask, colour in layers:
        soft = np.asarray(cv2.GaussianBlur(mask, (0, 0), 3), np.float32)[..., None]
        scene[:] = scene * (1 - soft) + colour * soft


def _hand_quad(cw: int, ch: int, fw: int, fh: int, rng: random.Random) -> npt.NDArray[np.float32]:
    """Where the held card's corners land: below the chin, most of the frame's width, turned a little and
    tilted towards or away from the lens."""
    quad = _tilted_quad(cw, ch, fw, fh, rng.uniform(0.68, 0.8), rng)
    quad -= quad.mean(axis=0)
    quad += np.array([fw * rng.uniform(0.46, 0.54), fh * rng.uniform(0.64, 0.72)], np.float32)
    return np.asarray(quad, np.float32)


def _skin(rng: random.Random) -> npt.NDArray[np.float32]:
    return np.array(rng.choice(((198, 150, 118), (168, 120, 90), (222, 178, 146), (140, 98, 72))), np.float32)


def _blob(scene: Rgb, mask: npt.NDArray[np.float32], colour: npt.NDArray[np.float32], size: float) -> None:
    """Skin over `mask` in place: rounded (darker towards its edges), its rim softened."""
    shape = np.asarray(cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.25 * size)), np.float32)
    tone = (0.7 + 0.32 * shape)[..., None] * colour
    soft = np.asarray(cv2.GaussianBlur(mask, (0, 0), 1.5), np.float32)[..., None]
    scene[:] = scene * (1 - soft) + np.minimum(tone, 255) * soft


def _hand(
    scene: Rgb, quad: npt.NDArray[np.float32], at: float, skin: npt.NDArray[np.float32], front: bool
) -> None:
    """The hand holding the card by its lower edge at `at` (0 left .. 1 right), in place: behind the card
    (`front` False) the palm and fingers below the edge; in front the thumb, its tip a little way up over
    the card (over the signature, below the printed rows)."""
    fh, fw = scene.shape[:2]
    edge = quad[3] + (quad[2] - quad[3]) * at
    card_w = float(np.linalg.norm(quad[1] - quad[0]))
    up = (quad[0] + quad[1]) / 2 - (quad[3] + quad[2]) / 2
    up /= float(np.linalg.norm(up))
    angle = math.degrees(math.atan2(up[1], up[0]))
    mask = np.zeros((fh, fw), np.float32)

    def ellipse(centre: npt.NDArray[np.float32], along: float, across: float, turn: float = 0) -> None:
        axes = (round(along * card_w), round(across * card_w))
        cv2.ellipse(
            mask, (round(centre[0]), round(centre[1])), axes, angle + turn, 0, 360, 1.0, -1, cv2.LINE_AA
        )

    if front:
        ellipse(edge - up * 0.02 * card_w, 0.075, 0.045)
        ellipse(edge - up * 0.12 * card_w, 0.1, 0.06, 8)
    else:
        ellipse(edge - up * 0.2 * card_w, 0.2, 0.17)
        side = np.array([-up[1], up[0]], np.float32)
        for k in range(3):  # the fingers' backs behind the card's lower edge, the card resting on them
            ellipse(edge - side * (0.06 * (k - 1)) * card_w - up * 0.04 * card_w, 0.08, 0.03)
    _blob(scene, mask, skin, 0.06 * card_w)


def ktp_swafoto(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A front-camera selfie of the holder with the card held under the chin: the person soft behind it,
    the card sharp, a thumb over its foot, the camera's smoothing and noise, JPEG."""
    from tools.docgen.photographed import _rounded_mask

    grey, place = _card_narrow(family, p, rng)
    card = _card_colour(grey, p, rng)
    fw, fh = rng.choice(((1080, 1440), (1200, 1600), (960, 1280)))
    scene = _room(fw, fh, rng)
    _person(scene, rng)
    scene = np.asarray(
        cv2.GaussianBlur(scene, (0, 0), rng.uniform(2.5, 4.0)), np.float32
    )  # focus on the card
    quad = _hand_quad(card.shape[1], card.shape[0], fw, fh, rng)
    at, skin = rng.uniform(0.8, 0.9), _skin(rng)
    _hand(scene, quad, at, skin, front=False)
    warped, mask = _warp_into(card, _rounded_mask(card.shape[1], card.shape[0]), quad, fw, fh)
    shadow = np.roll(cv2.GaussianBlur(mask, (0, 0), 8), (6, 4), axis=(0, 1))
    scene *= (1 - 0.3 * shadow)[..., None]
    scene = np.asarray(scene * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _hand(scene, quad, at, skin, front=True)
    _light(scene, rng, (0.0, 0.1))
    scene = scene * rng.uniform(1.0, 1.12) + rng.uniform(0, 10)  # exposed for the face: the card bright
    scene += _noise(rng).normal(0, rng.uniform(3, 6), scene.shape).astype(np.float32)
    img = cv2.bilateralFilter(np.clip(scene, 0, 255).astype(np.uint8), 5, rng.uniform(20, 35), 3)  # smoothing
    data = _jpeg(Image.fromarray(img, "RGB"), rng.randint(80, 90))
    doc = RenderedDocument("ktp", _decoded(data), _issued_card_truth(family, p, place), layout="ktp-swafoto")
    doc.upload = data
    return doc


# --- KTP-el: photographed in the wallet's clear ID window ---------------------------------------------------

_LEATHER = ((92, 58, 36), (48, 34, 28), (26, 26, 28), (120, 80, 50))
_BANK_CARDS = ((20, 60, 140), (200, 140, 30), (30, 120, 80), (180, 30, 40), (90, 90, 96), (230, 230, 226))


def _leather(h: int, w: int, rng: random.Random) -> Rgb:
    """Leather: a base colour, a fine pebbled grain, slow mottling."""
    base = np.array(rng.choice(_LEATHER), np.float32)
    nrng = _noise(rng)
    grain = cv2.GaussianBlur(nrng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 1.6)
    mottle = cv2.resize(nrng.normal(0, 1, (6, 10)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    return np.asarray(base * (1 + 0.12 * grain + 0.06 * mottle)[..., None], np.float32)


def _stitches(
    img: Rgb, pts: Sequence[tuple[float, float]], colour: tuple[int, int, int], step: int = 16
) -> None:
    """A row of stitches along a closed outline, in place."""
    thread = np.array(colour, np.float32)
    mask = np.zeros(img.shape[:2], np.float32)
    for (x0, y0), (x1, y1) in zip(pts, [*pts[1:], pts[0]], strict=True):
        n = max(1, round(math.hypot(x1 - x0, y1 - y0) / step))
        for i in range(n):
            a, b = i / n, (i + 0.55) / n
            cv2.line(mask, (round(x0 + (x1 - x0) * a), round(y0 + (y1 - y0) * a)),
                     (round(x0 + (x1 - x0) * b), round(y0 + (y1 - y0) * b)), 1.0, 3, cv2.LINE_AA)  # fmt: skip
    img[:] = img * (1 - mask[..., None]) + thread * mask[..., None]


def _window_film(card: Rgb, rng: random.Random) -> Rgb:
    """The card as seen through the wallet's clear PVC window: yellowed, hazy, its print shifted a pixel or
    two where the film ripples, fine scratches and a crease in the film, a lamp's soft reflection."""
    h, w = card.shape[:2]
    nrng = _noise(rng)
    xx, yy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    ripple = [
        cv2.resize(nrng.normal(0, 1.2, (4, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        for _ in range(2)
    ]
    seen = np.asarray(
        cv2.remap(card, xx + ripple[0], yy + ripple[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT),
        np.float32,
    )
    seen = seen * np.array((1.0, 0.97, 0.86), np.float32) * rng.uniform(0.86, 0.93) + rng.uniform(18, 30)
    marks = np.zeros((h, w), np.float32)
    for _ in range(rng.randint(12, 25)):  # scratches: short faint arcs
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        a, length = rng.uniform(0, math.pi), rng.uniform(0.05, 0.3) * w
        pts = [
            (x + t * length * math.cos(a) + 6 * math.sin(t * 3), y + t * length * math.sin(a))
            for t in np.linspace(0, 1, 12)
        ]
        cv2.polylines(marks, [np.array(pts, np.int32)], False, rng.uniform(0.15, 0.4), 1, cv2.LINE_AA)
    crease_x = rng.uniform(0.2, 0.8) * w  # a crease where the wallet was folded against the film
    marks += 0.35 * np.exp(-(((xx - crease_x - 0.05 * (yy - h / 2)) / 2.0) ** 2))
    seen += (255 - seen) * marks[..., None]
    cx, cy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.2, 0.8) * h
    sx, sy = rng.uniform(0.12, 0.25) * w, rng.uniform(0.1, 0.2) * h
    lamp = rng.uniform(0.3, 0.5) * np.exp(-(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2))
    seen += (255 - seen) * lamp[..., None]
    return np.asarray(seen, np.float32)


def _wallet(card: Rgb, rng: random.Random) -> tuple[Rgb, npt.NDArray[np.float32]]:
    """The open bifold wallet flat (top view): the left half's card slots with the tops of bank cards, the
    right half's clear window over the KTP, a little narrower than the card on each side; leather, stitches
    and the fold between. The image and its mask."""
    ch, cw = card.shape[:2]
    half_w, wh = round(cw * 1.2), round(ch * 1.32)
    ww = 2 * half_w
    img = _leather(wh, ww, rng)
    thread = rng.choice(((200, 180, 140), (60, 40, 30), (180, 180, 180)))
    # The KTP in the right half's pocket, the window's opening a few per cent smaller than the card.
    x0, y0 = half_w + round((half_w - cw) / 2) + rng.randint(-8, 8), round((wh - ch) / 2) + rng.randint(-8, 8)
    inset = [round(rng.uniform(0.006, 0.014) * cw), round(rng.uniform(0.008, 0.02) * ch),
             round(rng.uniform(0.006, 0.02) * cw), round(rng.uniform(0.015, 0.03) * ch)]  # fmt: skip
    ox0, oy0, ox1, oy1 = x0 + inset[0], y0 + inset[1], x0 + cw - inset[2], y0 + ch - inset[3]
    seen = _window_film(card, rng)
    opening = np.zeros((wh, ww), np.float32)
    cv2.rectangle(opening, (ox0 + 12, oy0), (ox1 - 12, oy1), 1.0, -1)
    cv2.rectangle(opening, (ox0, oy0 + 12), (ox1, oy1 - 12), 1.0, -1)
    for cx, cy in ((ox0 + 12, oy0 + 12), (ox1 - 12, oy0 + 12), (ox0 + 12, oy1 - 12), (ox1 - 12, oy1 - 12)):
        cv2.circle(opening, (cx, cy), 12, 1.0, -1, cv2.LINE_AA)
    region = img[y0 : y0 + ch, x0 : x0 + cw]
    a = opening[y0 : y0 + ch, x0 : x0 + cw, None]
    region[:] = region * (1 - a) + seen * a
    rim = np.clip(cv2.dilate(opening, np.ones((9, 9), np.uint8)) - opening, 0, 1)  # the window's welted edge
    img *= (1 - 0.35 * rim)[..., None]
    pad = 26
    _stitches(
        img,
        [(ox0 - pad, oy0 - pad), (ox1 + pad, oy0 - pad), (ox1 + pad, oy1 + pad), (ox0 - pad, oy1 + pad)],
        thread,
    )
    # The left half: three slots, each showing the top strip of a card, the slot's edge stitched.
    for k in range(3):
        top = round(wh * (0.18 + 0.2 * k))
        sx0, sx1 = round(0.08 * half_w), round(0.92 * half_w)
        colour = np.array(rng.choice(_BANK_CARDS), np.float32)
        img[top - 40 : top, sx0 + 10 : sx1 - 10] = colour * rng.uniform(0.85, 1.0)
        img[top : top + 6, sx0:sx1] *= 0.6  # the slot's lip throws a shadow
        _stitches(img, [(sx0, top + 10), (sx1, top + 10)], thread)
    # The fold: a dark valley with a highlight on one side; the outer edge stitched all round.
    xs = np.arange(ww, dtype=np.float32)
    valley = (
        1 - 0.35 * np.exp(-(((xs - half_w) / 14) ** 2)) + 0.12 * np.exp(-(((xs - half_w - 26) / 10) ** 2))
    )
    img *= valley[None, :, None]
    _stitches(img, [(18, 18), (ww - 18, 18), (ww - 18, wh - 18), (18, wh - 18)], thread)
    mask = np.zeros((wh, ww), np.float32)
    cv2.rectangle(mask, (0, 0), (ww - 1, wh - 1), 1.0, -1)
    return np.asarray(np.clip(img, 0, 255), np.float32), mask


def ktp_dompet(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card left in the wallet's clear ID window, the open wallet photographed on a table."""
    from tools.docgen.photographed import _blur, _table

    grey, place = _card_narrow(family, p, rng)
    card = _card_colour(grey, p, rng)
    scale = rng.uniform(0.74, 0.8)  # the card about 1000 px across in the photo
    card = np.asarray(
        cv2.resize(
            card, (round(card.shape[1] * scale), round(card.shape[0] * scale)), interpolation=cv2.INTER_AREA
        ),
        np.float32,
    )
    layer, alpha = _wallet(card, rng)
    fw, fh = rng.choice(((2880, 2160), (2592, 1944)))
    quad = _tilted_quad(layer.shape[1], layer.shape[0], fw, fh, rng.uniform(0.88, 0.96), rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    table = _table(fw, fh, rng)
    shadow = np.roll(
        cv2.GaussianBlur(mask, (0, 0), 14), (rng.randint(8, 24), rng.randint(8, 24)), axis=(0, 1)
    )
    table *= (1 - 0.45 * shadow)[..., None]
    img = np.asarray(table * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.2))
    _blur(img, rng)
    photo = _finish(img, rng, (0.4, 0.7))
    return RenderedDocument("ktp", photo, _issued_card_truth(family, p, place), layout="ktp-dompet")


# --- handwriting: OpenCV's Hershey script faces, written letter by letter with a wandering hand -------------


def _handwrite(
    rgb: Rgb,
    x: float,
    y: float,
    text: str,
    height: float,
    rng: random.Random,
    ink: tuple[int, int, int] = (30, 50, 150),
    face: int = cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
) -> float:
    """`text` written in ballpoint with its capitals' top near y: each letter its own size and height on a
    baseline that wanders, the whole leaning as the writer leans; in place. The x after it."""
    h, w = rgb.shape[:2]
    scale = height / 22  # the script faces' capitals stand 22 px at scale 1
    thick = max(2, round(height / 11))
    pad = round(2 * height)
    (tw, _), _ = cv2.getTextSize(text, face, scale, thick)
    box_w = round(tw * 1.2) + 2 * pad
    mask = np.zeros((round(3 * height), box_w), np.float32)
    cx, drift = float(pad), 0.0
    for ch in text:
        s = scale * rng.uniform(0.9, 1.1)
        drift = max(-0.15 * height, min(0.15 * height, drift + rng.uniform(-0.06, 0.06) * height))
        cv2.putText(mask, ch, (round(cx), round(height * 2 + drift)), face, s, 1.0, thick, cv2.LINE_AA)
        (cw, _), _ = cv2.getTextSize(ch, face, s, thick)
        cx += cw * rng.uniform(0.98, 1.12)
    lean = rng.uniform(0.05, 0.25)  # forward slant
    shear = np.array([[1, -lean, lean * 2 * height], [0, 1, 0]], np.float32)
    mask = np.asarray(cv2.warpAffine(mask, shear, (mask.shape[1], mask.shape[0])), np.float32)
    mask = np.asarray(cv2.GaussianBlur(mask, (0, 0), 0.6), np.float32) * rng.uniform(0.8, 0.95)
    top, left = round(y - height), round(x - pad)
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(h, top + mask.shape[0]), min(w, left + mask.shape[1])
    m = mask[y0 - top : y1 - top, x0 - left : x1 - left, None]
    rgb[y0:y1, x0:x1] *= 1 - m * (1 - np.array(ink, np.float32) / 255)
    return x + cx - pad


def _pen_line(rgb: Rgb, pts: Sequence[tuple[float, float]], width: int, ink: tuple[int, int, int]) -> None:
    """A ballpoint stroke through `pts`, in place."""
    mask = np.zeros(rgb.shape[:2], np.float32)
    cv2.polylines(mask, [np.array(pts, np.int32)], False, 1.0, width, cv2.LINE_AA)
    rgb *= 1 - (0.9 * mask)[..., None] * (1 - np.array(ink, np.float32) / 255)


# --- SKPWNI: a typed letter in Bookman with values corrected by hand and initialled -------------------------


@dataclass
class _Item:
    label: str
    value: str
    fix: tuple[int, int, str] | None = None  # (start, end) of the mistyped part and what is right there


def _mistype(text: str, rng: random.Random) -> str:
    """A typist's slip in a run of digits: two neighbours swapped, or one digit struck for another."""
    digits = list(text)
    if len(digits) > 1 and rng.random() < 0.5:
        for i in rng.sample(range(len(digits) - 1), len(digits) - 1):
            if digits[i] != digits[i + 1]:
                digits[i], digits[i + 1] = digits[i + 1], digits[i]
                return "".join(digits)
    i = rng.randrange(len(digits))
    digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
    return "".join(digits)


def _correctable(items: list[_Item], key: int, part: int, rng: random.Random) -> None:
    """Mistype the `part`-th run of digits of item `key`'s value, remembering where and what is right."""
    import re

    item = items[key]
    runs = list(re.finditer(r"\d+", item.value))
    if not runs:
        return
    run = runs[min(part, len(runs) - 1)]
    wrong = _mistype(run.group(), rng)
    item.value = item.value[: run.start()] + wrong + item.value[run.end() :]
    item.fix = (run.start(), run.end(), run.group())


def skpwni_coretan(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The Dinas's typed certificate in Bookman, Roman-numbered sections with dotted leaders; two or three
    mistyped numbers struck through in ballpoint with the right ones written above and initialled; the
    signature and stamp in blue; a colour scan."""
    s = PdfSheet(595, 842)
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    regency = _region(origin.regency_code)
    s.centre(40, "PEMERINTAH " + regency, 13, "bookman-demi")
    s.centre(57, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 13, "bookman-demi")
    street = rng.choice(("Veteran", "Pahlawan", "Sudirman", "Ahmad Yani"))
    s.centre(74, f"Jalan {street} No. {rng.randint(1, 99)} Kode Pos {origin.postal_code}", 8.5, "bookman")
    s.line(50, 88, 545, 88, 2.0)
    s.line(50, 91, 545, 91, 0.6)
    s.centre(108, "SURAT KETERANGAN PINDAH WNI", 13, "bookman-demi")
    s.line(190, 124, 405, 124, 0.7)
    s.centre(130, "Nomor : " + number, 10, "bookman")

    def where(fam: Family) -> list[_Item]:
        return [
            _Item("Alamat", fam.address),
            _Item("RT/RW", f"{fam.rt}/{fam.rw}"),
            _Item("Desa/Kelurahan", _region(fam.village_code)),
            _Item("Kecamatan", _region(fam.district_code)),
            _Item("Kabupaten/Kota", _region(fam.regency_code)),
            _Item("Provinsi", _region(fam.province_code)),
            _Item("Kode Pos", fam.postal_code),
        ]

    origin_items = [
        _Item("Nomor Kartu Keluarga", origin.kk_number),
        _Item("Nama Kepala Keluarga", origin.head.name),
        *where(origin),
    ]
    move_items = [
        _Item("Alasan Pindah", MOVE_REASONS[mv.reason]),
        _Item("Klasifikasi Pindah", move_class(origin, dest)),
        _Item("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
        _Item("Tanggal Pindah", format_date(mv.day, "dmy-dash")),
    ]
    dest_items = where(dest)
    sections = [
        ("I.", "DATA DAERAH ASAL", origin_items),
        ("II.", "DATA PEMOHON", [_Item("NIK", p.nik), _Item("Nama Lengkap", p.name)]),
        ("III.", "DATA KEPINDAHAN", move_items),
        ("IV.", "DATA DAERAH TUJUAN", dest_items),
    ]
    # The slips: numbers the typist got wrong (RT/RW, postal codes, the house number, the move's day).
    slots = [(origin_items, 3, 0), (origin_items, 3, 1), (origin_items, 8, 0), (dest_items, 1, 0),
             (dest_items, 1, 1), (dest_items, 6, 0), (move_items, 3, 0)]  # fmt: skip
    if any(c.isdigit() for c in dest.address):
        slots.append((dest_items, 0, 9))
    for items, key, part in rng.sample(slots, rng.randint(2, 3)):
        if items[key].fix is None:
            _correctable(items, key, part, rng)
    size, step, colon = 10, 18.5, 262.0
    y = 156.0
    fixes: list[
        tuple[float, float, float, float, str]
    ] = []  # a struck part's x0, x1, y, its value's end (pt), what is right
    for numeral, title, items in sections:
        s.text(56, y, numeral, size, "bookman-demi")
        s.text(84, y, title, size, "bookman-demi")
        y += step + 2
        for n, item in enumerate(items, start=1):
            x = s.text(84, y, f"{n}. {item.label}", size, "bookman")
            leader = x + 4
            while leader < colon - 6:  # the dotted leader up to the colon
                s.text(leader, y, ".", size, "bookman")
                leader += 4.2
            s.text(colon, y, ":", size, "bookman")
            vx = colon + 9
            fitted = s.fit(item.value, size, "bookman", 538 - vx, 7)
            end_x = s.text(vx, y, item.value, fitted, "bookman")
            if item.fix:
                start, end, right = item.fix
                x0 = vx + s.width(item.value[:start], fitted, "bookman")
                fixes.append((x0, x0 + s.width(item.value[start:end], fitted, "bookman"), y, end_x, right))
            y += step
        y += 8
    place = _issue_place(origin).title()
    s.text(330, y + 20, f"{place}, {format_date(origin.issue_date, 'long-title')}", 10, "bookman")
    s.text(330, y + 36, "a.n. KEPALA DINAS", 10, "bookman-demi")
    s.text(330, y + 50, "Kepala Bidang Pelayanan Pendaftaran Penduduk", 8.5, "bookman", max_w=210)
    official = rng.choice(_OFFICIALS)
    s.text(330, y + 112, official, 10, "bookman-demi", max_w=210)
    s.text(330, y + 125, "NIP. " + _nip(rng), 9, "bookman")
    dpi, k = 200, 200 / 72
    grey = np.asarray(s.render(dpi), np.float32) / 255
    rgb = np.asarray(
        np.array((251, 250, 246), np.float32) * grey[..., None] + 18 * (1 - grey[..., None]), np.float32
    )
    pen = rng.choice(((30, 50, 150), (25, 30, 60)))
    initials = (
        "".join(w[0] for w in official.replace(",", " ").split() if w[0].isupper() and len(w) > 3)[:2] or "SR"
    )
    for x0, x1, y0, end_x, right in fixes:
        mid = (y0 + 0.36 * size) * k
        for j in range(rng.randint(1, 2)):  # struck through once or twice
            wob = rng.uniform(-2, 2)
            _pen_line(
                rgb,
                [
                    (x0 * k - 4, mid + wob + 3 * j),
                    ((x0 + x1) / 2 * k, mid - 2 + 3 * j),
                    (x1 * k + 5, mid + wob + 3 * j),
                ],
                2,
                pen,
            )
        tall = rng.uniform(22, 27)
        _handwrite(
            rgb, x0 * k + rng.uniform(-4, 10), y0 * k - tall - rng.uniform(2, 7), right, tall, rng, pen
        )
        after = max(x1 * k + 50, end_x * k + 24) + rng.uniform(0, 30)  # the initials, beside the value
        _handwrite(rgb, after, (y0 + 0.1 * size) * k, initials, 20, rng, pen, cv2.FONT_HERSHEY_SCRIPT_COMPLEX)
    _blue_signature(rgb, 350 * k, (y + 60) * k, 150 * k, 40 * k, rng)
    _blue_stamp(
        rgb,
        330 * k,
        (y + 80) * k,
        48 * k,
        ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", _issue_place(origin)[:14]),
        rng,
    )
    data = _scan_jpeg(rgb, rng)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    doc = RenderedDocument("skpwni", _decoded(data), truth, layout="skpwni-coretan")
    doc.upload = data
    return doc


# --- SKPWNI: the online service's page printed from a web browser, "scanned" with a phone app's filter ---


def _input(s: PdfSheet, x: float, y: float, w: float, value: str, kind: str = "text") -> None:
    """A read-only form field as a browser prints it: a rounded box, the value inside; a select shows its
    arrow, a date field its calendar icon."""
    h = 15.0
    s.rect(x, y, w, h, 0.6, 0.55)
    room = w - (18 if kind != "text" else 8)
    s.text(x + 4, y + 4.2, value, s.fit(value, 8, "avantgarde", room, 5), "avantgarde")
    if kind == "select":
        s.ops.append(f"0.3 g {x + w - 10:.2f} {s.h - y - 6:.2f} m {x + w - 4:.2f} {s.h - y - 6:.2f} l "
                     f"{x + w - 7:.2f} {s.h - y - 10:.2f} l f 0 g")  # fmt: skip
    elif kind == "date":
        s.rect(x + w - 12, y + 3.5, 8, 8, 0.5, 0.3)
        s.line(x + w - 12, y + 6, x + w - 4, y + 6, 0.5, 0.3)


def _browser_page(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> tuple[PdfSheet, dict[str, str]]:
    """The SKPWNI page of a regency's online service as the browser prints it (background colours off): the
    browser's header and footer lines, the site's banner and menu with the signed-in resident's name, form
    fields in boxes (origin and destination in two columns), the members moving, the page's buttons."""
    s = PdfSheet(595, 842)
    regency = _region(origin.regency_code)
    slug = _issue_place(origin).lower().replace(" ", "")
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    printed = origin.issue_date.toordinal() + rng.randint(0, 20)
    day = origin.issue_date.fromordinal(printed)
    title = "Cetak SKPWNI - Layanan Dukcapil Online"
    s.text(22, 14, f"{day:%d/%m/%y}, {rng.randint(7, 21):02d}.{rng.randint(0, 59):02d}", 7, "helvetica")
    s.centre(14, title, 7, "helvetica")
    s.text(
        22, 822, f"https://dukcapil.{slug}kab.go.id/layanan/pindah/cetak/{_token(rng, 16)}", 7, "helvetica"
    )
    s.right(573, 822, "1/1", 7, "helvetica")
    # The site's banner (its colours not printed) and menu.
    s.rect(40, 36, 24, 24, 1.2, 0.3)
    s.text(72, 38, "DUKCAPIL ONLINE", 12, "avantgarde-demi")
    s.text(72, 53, "Dinas Kependudukan dan Pencatatan Sipil " + regency.title(), 7.5, "avantgarde")
    x = 40.0
    for item in ("Beranda", "Layanan", "Status Permohonan", "Pengaduan", "Keluar"):
        x = s.text(x, 76, item, 8, "avantgarde") + 16
    s.right(555, 76, "Halo, " + p.name.title(), 8, "avantgarde")
    s.line(40, 88, 555, 88, 0.5, 0.6)
    s.text(40, 96, "Beranda  >  Layanan  >  Pindah Keluar  >  Cetak", 7, "avantgarde", grey=0.4)
    s.rect(40, 110, 515, 690, 0.6, 0.7)
    s.centre(124, "SURAT KETERANGAN PINDAH WNI (SKPWNI)", 11.5, "avantgarde-demi", 40, 555)
    s.centre(140, "Nomor: " + number, 8.5, "avantgarde", 40, 555)

    def heading(x0: float, y0: float, text: str, x1: float) -> None:
        s.text(x0, y0, text, 9, "avantgarde-demi")
        s.line(x0, y0 + 12, x1, y0 + 12, 0.5, 0.6)

    def field(x0: float, y0: float, label: str, value: str, width: float, kind: str = "text") -> None:
        s.text(x0, y0 + 4, label, 7.5, "avantgarde", grey=0.35)
        _input(s, x0 + 92, y0, width - 92, value, kind)

    y = 162.0
    heading(56, y, "Data Pemohon", 539)
    y += 22
    for label, value in (("NIK", p.nik), ("Nama Lengkap", p.name), ("Nomor KK", origin.kk_number),
                         ("Kepala Keluarga", origin.head.name)):  # fmt: skip
        field(56, y, label, value, 330)
        y += 21
    y += 10
    top = y
    for x0, head, fam in ((56, "Daerah Asal", origin), (306, "Daerah Tujuan", dest)):
        y = top
        heading(x0, y, head, x0 + 233)
        y += 22
        for label, value in (
            ("Alamat", fam.address),
            ("RT / RW", f"{fam.rt} / {fam.rw}"),
            ("Desa/Kelurahan", _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ):
            field(x0, y, label, value, 233)
            y += 21
    y += 10
    heading(56, y, "Data Kepindahan", 539)
    y += 22
    for label, value, kind in (("Alasan Pindah", MOVE_REASONS[mv.reason], "select"),
                               ("Klasifikasi Pindah", move_class(origin, dest), "select"),
                               ("Jenis Kepindahan", MOVE_TYPES[mv.kind], "select"),
                               ("Tanggal Pindah", format_date(mv.day, "dmy-slash"), "date")):  # fmt: skip
        field(56, y, label, value, 400 if kind == "select" else 200, kind)
        y += 21
    y += 10
    heading(56, y, "Anggota Keluarga yang Pindah", 539)
    y += 20

    cols = ((56.0, "No"), (86.0, "NIK"), (196.0, "Nama Lengkap"), (400.0, "SHDK"), (539.0, ""))
    for cx, name in cols[:-1]:
        s.text(cx + 4, y + 4, name, 7.5, "avantgarde-demi")
    s.rect(56, y, 483, 15, 0.5, 0.55)
    for i, m in enumerate(_movers(origin, p, mv.kind)):
        y += 15
        for (cx, _), (nx, _), cell in zip(
            cols, cols[1:], (str(i + 1), m.nik, m.name, m.relationship), strict=False
        ):
            s.text(cx + 4, y + 4, cell, 7.5, "avantgarde", max_w=nx - cx - 8)
        s.rect(56, y, 483, 15, 0.5, 0.55)
    for cx, _ in cols[1:-1]:
        s.line(cx, y + 15 - 15 * (len(_movers(origin, p, mv.kind)) + 1), cx, y + 15, 0.5, 0.55)
    y += 34
    for bx, label in ((56, "Cetak"), (112, "Kembali")):
        s.rect(bx, y, 48, 17, 0.7, 0.4)
        s.centre(y + 5, label, 8, "avantgarde", bx, bx + 48)
    note = "Dokumen ini dicetak dari layanan online dan sah tanpa tanda tangan basah."
    s.text(300, y, note, 6.5, "avantgarde", max_w=240, grey=0.3)
    s.centre(
        790, f"(c) {day.year} Dinas Kependudukan dan Pencatatan Sipil {regency.title()}", 6.5, "avantgarde"
    )
    return s, _skpwni_truth(origin, dest, p, number, mv)


def _app_colour(page: Rgb, rng: random.Random) -> bytes:
    """The printed page photographed and run through a phone scanner app's colour "enhance" filter: its
    crop a little off (a sliver of keystone), the paper pushed to white, contrast and colour boosted, an
    unsharp mask's halos, the app's watermark in the corner, JPEG."""
    h, w = page.shape[:2]
    off = 0.012 * w
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = src + np.array([[rng.uniform(-off, off), rng.uniform(-off, off)] for _ in range(4)], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(
        page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    img = np.asarray(cv2.GaussianBlur(warped, (0, 0), rng.uniform(0.8, 1.2)), np.float32)  # the phone's photo
    shade = cv2.resize(
        _noise(rng).normal(0, 1, (3, 3)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC
    )
    img *= (1 - 0.06 * shade)[..., None]
    img += _noise(rng).normal(0, 3, img.shape).astype(np.float32)
    # The filter: the paper's own shading divided out (its background estimated by a wide max-filter), so
    # the paper is white and the ink darker; then colour and contrast boosted, sharpened.
    paper = cv2.GaussianBlur(cv2.dilate(img, np.ones((25, 25), np.uint8)), (0, 0), 20)
    img = np.asarray(np.clip((img / np.maximum(paper, 1) - 0.15) / 0.78, 0, 1) * 255, np.float32)
    grey = img.mean(axis=2, keepdims=True)
    img = np.asarray(grey + (img - grey) * 1.3, np.float32)
    img = np.asarray(img + 0.8 * (img - cv2.GaussianBlur(img, (0, 0), 2.0)), np.float32)
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(out)
    mark = "Dipindai dengan PindaiDok"
    f = face7("sans", round(w / 60))
    d.text((w - d.textlength(mark, font=f) - w * 0.06, h - w * 0.08), mark, font=f, fill=(120, 120, 120))
    return _jpeg(out, rng.randint(75, 88))


def skpwni_cetak_browser(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The online service's SKPWNI page printed from a browser (Avant Garde; its header and footer lines),
    captured with a phone scanner app's colour filter."""
    sheet, truth = _browser_page(origin, dest, p, rng, serial)
    grey = np.asarray(sheet.render(200), np.float32) / 255
    page = np.array((246, 244, 238), np.float32) * grey[..., None] + np.array((30, 30, 36), np.float32) * (
        1 - grey[..., None]
    )
    data = _app_colour(np.asarray(page, np.float32), rng)
    doc = RenderedDocument("skpwni", _decoded(data), truth, layout="skpwni-cetak-browser")
    doc.upload = data
    return doc


__all__ = [
    "akta_laminasi",
    "akta_terjemahan_tersumpah",
    "kk_lipat_tiga",
    "kk_toner_hemat",
    "ktp_dompet",
    "ktp_swafoto",
    "skpwni_cetak_browser",
    "skpwni_coretan",
]
