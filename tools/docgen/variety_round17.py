"""A seventeenth round of variety layouts, written blind (before and without looking at the extractor), two
per type. Like rounds 10-16 it is a HELD-OUT SET of pages whose STRUCTURE (how a label and its value sit on
the page, what else shares the page, how it was captured) no older layout has, so that it estimates how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-judul-tegak`: a KK printed by a regency's own report template whose two member tables carry
  their COLUMN TITLES TURNED UPRIGHT (rotated 90 degrees, read bottom to top, as narrow register columns
  are titled), each column only as wide as its values; the family's header as TWO RULED TWO-COLUMN GRIDS
  side by side (a shaded label cell, the value cell beside it, no colons); a flatbed scan in grey.
- KK, `kk-surel-dinas`: a DESKTOP WEBMAIL SCREENSHOT of the Dinas's REPLY to a resident who asked for the
  family's data: the mail client's bars and folder list, subject, sender and date, a greeting, the header
  as `label : value` lines in a monospaced block, then the members as TWO PLAIN-TEXT ASCII TABLES
  (`+----+` borders, `|` between cells) in a monospaced face, the officer's signature and the resident's
  QUOTED REQUEST under it ("> ..." in grey).
- Akta kelahiran, `akta-kuasa-notaris`: a page of a NOTARIAL DEED (Salinan of an "Akta Persetujuan dan
  Kuasa" or "Akta Pernyataan") quoting the Kutipan in prose among the deed's boilerplate: every line FILLED
  TO THE RIGHT MARGIN WITH DASHES as notaries do against insertions, the appearer (a parent for a minor, or
  the person himself) with his own data (NIK, birth, occupation, address) around the person's, "sebagaimana
  ternyata dari Kutipan Akta Kelahiran Nomor ... tanggal ...". The sex is stated for a minor ("seorang anak
  laki-laki") and left out of the truth for an adult appearer (the deed does not state it).
- Akta kelahiran, `akta-formulir-sekolah`: a SCHOOL'S ENROLMENT FORM (Formulir Peserta Didik, Dapodik)
  filled in by the school's computer: numbered items, the sex as TWO CHECKBOXES ONE OF THEM TICKED, the NIK
  and the KK number in comb boxes, the birth date as three boxes (day, month, year) or as text, the
  "No. Registrasi Akta Lahir", and the PARENTS' OWN SECTIONS (name, NIK, year of birth, education,
  occupation, income as ticked brackets) with many other school fields (NISN, hobby, transport).
- KTP-el, `ktp-laporan-verifikasi`: an e-KYC VENDOR'S "Identity Verification Report" (PDF look) with
  ENGLISH-ONLY labels ("ID Number", "Full Name", "Date of Birth" as "May 7, 1990" or "07 May 1990"), the
  values as read from the card (Indonesian, capitals), a THIRD COLUMN OF MATCH SCORES ("98.4 %", "MATCH"),
  the face-match and liveness block and the reference numbers; some vendors return no blood type, no
  validity, no province.
- KTP-el, `ktp-catatan-buku-tulis`: the card's data COPIED BY HAND INTO A SCHOOL NOTEBOOK (ruled lines, a
  red margin) in a SLANTED, cursive-like hand (DejaVu Serif Italic) in blue ink, with the writer's own short labels ("TTL", "Kel/Desa",
  "Kec.", "Status"), photographed a little askew under uneven light. No issue place or date, no validity;
  blood type, regency and province only where the writer copied them.
- SKPWNI, `skpwni-rekap-mutasi`: a village's or kecamatan's MONTHLY REPORT OF RESIDENTS MOVING OUT
  (Laporan Mutasi Penduduk Pindah Keluar) on a landscape sheet: the origin's region levels in the report's
  title block, then ONE ROW PER CERTIFICATE ISSUED that month (number, dates, NIK, name, KK number, origin
  street and RT/RW, the destination's elements as columns, reason, class, type), wrapped cells; the
  applicant's row MARKED WITH A YELLOW HIGHLIGHTER among the others (the page shows the whole month).
- SKPWNI, `skpwni-surel-notifikasi`: a PHONE SCREENSHOT OF THE NOTIFICATION E-MAIL the online service sends
  when the certificate is issued, in a mail app: sender, subject, then an HTML mail with coloured section
  bars and the data as a THREE-COLUMN TABLE (Uraian / Asal / Tujuan) squeezed into the phone's width
  (values wrapped inside their cells), the applicant and the move above it, and the footer's links.

Pages are drawn with the DejaVu faces (upright, italic, monospaced); stamps and signatures as `variety.Page` draws them. Images are 8-bit grey
or RGB (`upload` None). Ground truths are normalised as the older layouts' are (the same keys per type,
built by the same helpers); a key a page does not print is left out. These layouts exist to measure:
nothing that reads the documents may be tuned to them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tools.docgen.render import FONT_DIR, MONTHS, Font, RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_REASONS,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _kk_truth,
    _ktp_truth,
    _move,
    _skpwni_truth,
    move_class,
    vfont,
)
from tools.docgen.variety_round3 import _OFFICIALS
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round10 import _apostrophe, _cells, _choice_text, _date
from tools.docgen.variety_round11 import _untitled
from tools.docgen.variety_round12 import _is_kelurahan, _mixed
from tools.docgen.variety_round13 import _after
from tools.docgen.variety_round14 import _someone_nik
from tools.synthetic.residents import Family, Person

Rgb = tuple[int, int, int]

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip


# --- small helpers ----------------------------------------------------------------------------------------


def _cased(text: str, caps: bool) -> str:
    return text if caps else _mixed(text)


def _wrap_px(d: ImageDraw.ImageDraw, text: str, font: Font, room: float) -> list[str]:
    """`text` broken at spaces into lines no wider than `room` pixels (a word too long stays whole)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}".strip()
        if cur and d.textlength(cand, font=font) > room:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    return [*lines, cur] if cur else [""]


def _grain(img: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    arr = np.asarray(img, np.float32)
    arr = arr + _noise(rng).normal(0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def _en_date(d: date, rng: random.Random) -> str:
    return rng.choice(
        (
            f"{_EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
            f"{d.day:02d} {_EN_MONTHS[d.month - 1]} {d.year}",
            f"{d.day} {_EN_MONTHS[d.month - 1][:3]} {d.year}",
        )
    )


def _italic(size: int, condensed: bool) -> Font:
    """DejaVu Serif Italic: the nearest to a neat cursive hand the faces here have."""
    name = "DejaVuSerifCondensed-Italic.ttf" if condensed else "DejaVuSerif-Italic.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


# --- KK: column titles turned upright, the header as two ruled grids -----------------------------------------

_T1 = (("No", "No"), ("Nama Lengkap", "name"), ("NIK", "nik"), ("Jenis Kelamin", "sex"),
       ("Tempat Lahir", "place_of_birth"), ("Tanggal Lahir", "birth_date"), ("Agama", "religion"),
       ("Pendidikan", "education"), ("Jenis Pekerjaan", "occupation"), ("Golongan Darah", "blood_type"))  # fmt: skip
_T2 = (("No", "No"), ("Status Perkawinan", "marital_status"), ("Tanggal Perkawinan", "marriage_date"),
       ("Status Hubungan Dalam Keluarga", "relationship"), ("Kewarganegaraan", "citizenship"),
       ("No. Paspor", "passport_number"), ("No. KITAP", "kitap_number"), ("Nama Ayah", "father_name"),
       ("Nama Ibu", "mother_name"))  # fmt: skip


def _upright_table(
    pg: Page,
    x0: int,
    y0: int,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[dict[str, tuple[str, str]]],
    size: int,
    bold_head: bool,
    turn: int,
) -> int:
    """A ruled table whose column titles stand upright; the y under it."""
    body, head = pg.font(size), pg.font(size - 2, bold_head)
    pad = 10
    widths: list[float] = []
    for _title, key in columns:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        widths.append(max([pg.d.textlength(t, font=body) for t in texts] + [size * 1.3]) + 2 * pad)
    head_h = int(max(pg.d.textlength(t, font=head) for t, _ in columns) + 2 * pad)
    row_h = int(size * 1.8)
    xs = [float(x0)]
    for wd in widths:
        xs.append(xs[-1] + wd)
    y_end = y0 + head_h + row_h * len(rows)
    for (title, _), xa, xb in zip(columns, xs, xs[1:], strict=False):
        tw = int(pg.d.textlength(title, font=head)) + 4
        strip = Image.new("L", (tw, size + 6), pg.img.getpixel((2, 2)))
        ImageDraw.Draw(strip).text((2, 1), title, font=head, fill=0)
        up = strip.rotate(turn, expand=True)
        top = y0 + head_h - pad - up.height if turn == 90 else y0 + pad
        pg.img.paste(up, (int((xa + xb) / 2 - up.width / 2), int(top)))
    pg.d = ImageDraw.Draw(pg.img)
    for x in xs:
        pg.d.line((x, y0, x, y_end), fill=0, width=2)
    for yy in (y0, y0 + head_h, y_end):
        pg.d.line((xs[0], yy, xs[-1], yy), fill=0, width=2)
    for i, row in enumerate(rows):
        y = y0 + head_h + i * row_h
        for (_, key), xa in zip(columns, xs, strict=False):
            text = str(i + 1) if key == "No" else row[key][0]
            pg.d.text((xa + pad, y + (row_h - size) / 2 - 2), text, font=body, fill=0)
        pg.d.line((xs[0], y + row_h, xs[-1], y + row_h), fill=0, width=1)
    return y_end


def kk_judul_tegak(family: Family, rng: random.Random) -> RenderedDocument:
    """A KK whose member tables carry upright column titles; the header as two ruled label/value grids."""
    style = rng.choice(("dmy-dash", "dmy-slash", "long", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    fam = rng.choice(("sans", "condensed", "serif", "serif-condensed"))
    size = rng.choice((22, 24))
    n = len(family.members)
    w = 3300
    h = 1200 + 2 * n * int(size * 1.8) + 700
    pg = Page(w, h, fam, rng, paper=rng.randint(238, 252))
    m = rng.randint(70, 130)
    pg.centre(60, "KARTU KELUARGA", 58)
    pg.centre(135, _pick(rng, "No. ", "Nomor : ", "NO. KK ") + family.kk_number, 38)
    labels = {
        "head": _pick(rng, "Nama Kepala Keluarga", "Kepala Keluarga"),
        "addr": "Alamat",
        "rtrw": "RT/RW",
        "vill": _pick(rng, "Desa/Kelurahan", "Kelurahan/Desa", "Desa/Kel."),
        "dist": "Kecamatan",
        "reg": _pick(rng, "Kabupaten/Kota", "Kab/Kota"),
        "post": "Kode Pos",
        "prov": "Provinsi",
    }
    values = {
        "head": family.head.name,
        "addr": family.address,
        "rtrw": f"{family.rt}/{family.rw}",
        "vill": _region(family.village_code),
        "dist": _region(family.district_code),
        "reg": _region(family.regency_code),
        "post": family.postal_code,
        "prov": _region(family.province_code),
    }
    left, right = ["head", "addr", "rtrw", "vill"], ["dist", "reg", "post", "prov"]
    if rng.random() < 0.5:
        right = ["dist", "reg", "prov", "post"]
    shade = rng.random() < 0.6
    cell_h = int(size * 2)
    gx = [m, w // 2 + 20]
    gw = w // 2 - m - 40
    lw = int(gw * rng.uniform(0.36, 0.44))
    y0 = 230
    for block, x in zip((left, right), gx, strict=True):
        for i, key in enumerate(block):
            y = y0 + i * cell_h
            if shade:
                pg.d.rectangle((x, y, x + lw, y + cell_h), fill=222)
            pg.d.rectangle((x, y, x + gw, y + cell_h), outline=0, width=2)
            pg.d.line((x + lw, y, x + lw, y + cell_h), fill=0, width=2)
            pg.text(x + 14, y + (cell_h - size) / 2 - 2, labels[key], size)
            pg.text(x + lw + 14, y + (cell_h - size) / 2 - 2, values[key], size, bold=rng.random() < 0.3,
                    max_x=x + gw - 10)  # fmt: skip
    turn = 90 if rng.random() < 0.75 else 270
    bold_head = rng.random() < 0.5
    y = _upright_table(pg, m, y0 + 4 * cell_h + 60, _T1, rows, size, bold_head, turn)
    y = _upright_table(pg, m, y + 50, _T2, rows, size, bold_head, turn)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "long", "long-title", "dmy-slash")))
    pg.text(m, y + 50, f"{_pick(rng, 'Dikeluarkan Tanggal', 'Tanggal Dikeluarkan')} : {issued}", size + 2)
    sx = w - 1000
    pg.text(sx, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", size)
    pg.text(sx, y + 50 + size + 10, "PENCATATAN SIPIL " + _issue_place(family), size)
    pg.signature(sx + 60, y + 140, 330, 80)
    pg.text(sx, y + 250, rng.choice(_OFFICIALS), size, bold=True)
    pg.stamp(sx - 20, y + 170, 105, "DUKCAPIL|" + _issue_place(family)[:12])
    pg.img = pg.img.crop((0, 0, w, min(h, y + 380)))
    w, h = pg.img.size
    img = pg.img.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=250)
    img = _grain(img.resize((w * 2 // 3, h * 2 // 3), Image.Resampling.LANCZOS), rng, 2.0)
    return RenderedDocument("kk", img, _kk_truth(family), _members(rows), layout="kk-judul-tegak")


# --- KK: the Dinas's reply in a webmail, the members as plain-text tables -------------------------------------


def _ascii_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    rule = "+" + "+".join("-" * (wd + 2) for wd in widths) + "+"

    def line(cells: Sequence[str]) -> str:
        return "|" + "|".join(f" {c.ljust(wd)} " for c, wd in zip(cells, widths, strict=True)) + "|"

    return [rule, line(headers), rule, *(line(r) for r in rows), rule]


def kk_surel_dinas(family: Family, rng: random.Random) -> RenderedDocument:
    """A webmail screenshot of the Dinas's reply: the header as monospaced label lines, the members as two
    plain-text tables, the resident's request quoted under the signature."""
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    regency = _region(family.regency_code)
    place = _issue_place(family)
    asker = rng.choice(family.members[:2])
    ms = rng.choice((13, 14))
    mono, sans, sansb = vfont(ms, "mono"), vfont(15, "sans"), vfont(15, "sans", True)
    t1 = _ascii_table(
        [h for h, _ in _T1][:10] if rng.random() < 0.5 else
        ["No", "Nama Lengkap", "NIK", "JK", "Tempat Lahir", "Tgl Lahir", "Agama", "Pendidikan", "Pekerjaan", "Gol.Darah"],
        [[str(i + 1)] + [r[k][0] for _, k in _T1[1:]] for i, r in enumerate(rows)],
    )  # fmt: skip
    t2 = _ascii_table(
        ["No", "Status Kawin", "Tgl Kawin", "Hubungan Keluarga", "Kewarganegaraan", "Paspor", "KITAP",
         "Nama Ayah", "Nama Ibu"],
        [[str(i + 1)] + [r[k][0] for _, k in _T2[1:]] for i, r in enumerate(rows)],
    )  # fmt: skip
    labels = [
        ("Nomor KK", family.kk_number),
        ("Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", regency),
        ("Provinsi", _region(family.province_code)),
        ("Kode Pos", family.postal_code),
        ("Tanggal Terbit KK", _date(family.issue_date, rng.choice(("dmy-slash", "long-title", "dmy-dash")))),
    ]
    if rng.random() < 0.5:
        labels[1], labels[2] = labels[2], labels[1]
        labels[1], labels[3] = labels[3], labels[1]
    lab_w = max(len(k) for k, _ in labels) + 1
    head_lines = [f"{k.ljust(lab_w)}: {v}" for k, v in labels]
    probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))
    body_w = int(max(probe.textlength(t, font=mono) for t in t1 + t2)) + 80
    side = 230
    win_w = max(1280, side + body_w + 60)
    when = _after(family.issue_date, rng, 30, 2000)
    asked = f"{when.day} {MONTHS[when.month - 1].title()} {when.year}"
    sal = "Bapak" if asker.sex == "M" else "Ibu"
    who = _mixed(asker.name)
    items: list[tuple[str, Font, Rgb]] = [
        (f"Yth. {sal} {who},", sans, (30, 30, 30)),
        ("", sans, (0, 0, 0)),
        ("Menindaklanjuti permohonan Bapak/Ibu melalui layanan pengaduan, berikut kami sampaikan", sans, (30, 30, 30)),
        ("data Kartu Keluarga sesuai database kependudukan:", sans, (30, 30, 30)),
        ("", sans, (0, 0, 0)),
        *[(t, mono, (20, 20, 20)) for t in head_lines],
        ("", sans, (0, 0, 0)),
        ("Anggota keluarga:", sansb, (30, 30, 30)),
        *[(t, mono, (20, 20, 20)) for t in t1],
        ("", sans, (0, 0, 0)),
        *[(t, mono, (20, 20, 20)) for t in t2],
        ("", sans, (0, 0, 0)),
        ("Data ini bukan pengganti dokumen KK. Untuk cetak KK silakan datang ke kantor Dinas atau kecamatan.", sans, (30, 30, 30)),
        ("", sans, (0, 0, 0)),
        ("Salam,", sans, (30, 30, 30)),
        ("Bidang Pelayanan Pendaftaran Penduduk", sans, (30, 30, 30)),
        (f"Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}", sans, (30, 30, 30)),
        ("", sans, (0, 0, 0)),
        (f"Pada {asked} {rng.randint(8, 21):02d}.{rng.randint(0, 59):02d}, {who} menulis:", sans, (110, 110, 110)),
        ("> Selamat siang, saya mau minta data KK keluarga saya untuk keperluan "
         + rng.choice(("daftar sekolah anak.", "BPJS.", "bank.", "bansos.")), sans, (110, 110, 110)),
        (f"> No KK {family.kk_number[:6]}... atas nama kepala keluarga {_mixed(family.head.name)}. Terima kasih.",
         sans, (110, 110, 110)),
    ]  # fmt: skip
    line_h = {id(mono): ms + 5, id(sans): 22, id(sansb): 24}
    top = 170
    win_h = top + sum(line_h[id(f)] for _, f, _ in items) + 80
    img = Image.new("RGB", (win_w, win_h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    accent: Rgb = rng.choice(((26, 115, 232), (0, 120, 212), (60, 64, 67)))
    d.rectangle((0, 0, win_w, 56), fill=(246, 248, 252))
    d.text((20, 16), rng.choice(("Mail", "Surel", "WebMail")), font=vfont(20, "sans", True), fill=accent)
    d.rounded_rectangle((side, 10, side + 620, 46), 18, fill=(234, 241, 251))
    d.text((side + 20, 18), "Telusuri email", font=sans, fill=(95, 99, 104))
    for i, item in enumerate(("Kotak Masuk", "Berbintang", "Terkirim", "Draf", "Spam")):
        y = 80 + i * 34
        if i == 0:
            d.rounded_rectangle((8, y - 6, side - 20, y + 24), 14, fill=(211, 227, 253))
        d.text((28, y), item, font=sansb if i == 0 else sans, fill=(32, 33, 36))
    x0 = side + 10
    subject = f"Re: Permohonan data Kartu Keluarga a.n. {_mixed(family.head.name)}"
    d.text((x0, 70), subject, font=vfont(21, "sans"), fill=(32, 33, 36))
    host = place.lower().replace(" ", "")
    d.text((x0, 108), f"Disdukcapil {_mixed(place)} <pelayanan@disdukcapil.{host}kab.go.id>", font=sansb,
           fill=(32, 33, 36))  # fmt: skip
    d.text((x0, 132), f"kepada saya  -  {_date(when + timedelta(days=rng.randint(1, 4)), 'long-title')}",
           font=sans, fill=(95, 99, 104))  # fmt: skip
    y = top
    for text, f, col in items:
        d.text((x0, y), text, font=f, fill=col)
        y += line_h[id(f)]
    d.line((side - 2, 56, side - 2, win_h), fill=(230, 230, 230))
    return RenderedDocument("kk", _grain(img, rng, 0.6), _kk_truth(family), _members(rows),
                            layout="kk-surel-dinas")  # fmt: skip


# --- Akta: a notarial deed quoting the Kutipan, every line dashed to the margin ------------------------------


def _dashed_prose(pg: Page, x0: int, x1: int, y: float, runs: Sequence[tuple[str, bool]], size: int) -> float:
    """Prose set word by word, each line's end filled with dashes to the margin (a notary's guard)."""
    line_h = int(size * 1.7)
    words = [(w, b) for text, b in runs for w in text.split()]
    line: list[tuple[str, bool]] = []

    def flush(items: list[tuple[str, bool]], yy: float) -> None:
        x = float(x0)
        for word, bold in items:
            f = pg.font(size, bold)
            pg.d.text((x, yy), word, font=f, fill=0)
            x += pg.d.textlength(word + " ", font=f)
        dash = pg.font(size)
        while x + pg.d.textlength("-", font=dash) <= x1:
            pg.d.text((x, yy), "-", font=dash, fill=0)
            x += pg.d.textlength("-", font=dash)

    width = 0.0
    for word, bold in words:
        wd = pg.d.textlength(word + " ", font=pg.font(size, bold))
        if line and width + wd > x1 - x0 - size:
            flush(line, y)
            y += line_h
            line, width = [], 0.0
        line.append((word, bold))
        width += wd
    if line:
        flush(line, y)
        y += line_h
    return y


def akta_kuasa_notaris(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A page of a notarial deed quoting the person's Kutipan in prose, the lines dashed to the margin."""
    p = _untitled(_apostrophe(p, rng, 0.15))
    number = akta_number(family, p, serial)
    size = rng.choice((30, 32))
    pg = Page(1700, 2400, rng.choice(("serif", "serif-condensed", "mono")), rng, paper=rng.randint(240, 252))
    x0, x1 = rng.randint(170, 230), 1700 - rng.randint(110, 150)
    minor = p.age_on(date(2026, 11, 1)) < 18
    notary = rng.choice(("RATNA DEWI KUSUMA", "HENDRA WIJAYA", "SITI AMINAH", "BAMBANG HARIYANTO"))
    place = _issue_place(family).title()
    pg.centre(70, f"- {rng.randint(2, 5)} -", size - 4, bold=False)
    pg.text(x0, 130, f"NOTARIS {notary}, S.H., M.Kn.", size - 6)
    kutipan_day = _after(p.birth_date, rng, 10, 900)
    born = _date(p.birth_date, rng.choice(("long-title", "long", "words-title", "digits-words")))
    kdate = _date(kutipan_day, rng.choice(("long-title", "long", "dmy-dash")))
    sexword = "laki-laki" if p.sex == "M" else "perempuan"
    dinas = f"Kepala Dinas Kependudukan dan Pencatatan Sipil {_mixed(_region(family.regency_code))}"
    if minor:
        parent = p.father_name if rng.random() < 0.6 else p.mother_name
        title = "Tuan" if parent == p.father_name else "Nyonya"
        role = "ayah kandung" if parent == p.father_name else "ibu kandung"
        pnik = _someone_nik(
            family, rng, p.birth_date - timedelta(days=rng.randint(8000, 12000)), title == "Nyonya"
        )
        runs: list[tuple[str, bool]] = [
            (f"{title}", False), (parent + ",", True),
            (f"lahir di {place}, pada tanggal {_date(p.birth_date - timedelta(days=rng.randint(8000, 12000)), 'long-title')},",
             False),
            ("Warga Negara Indonesia, Wiraswasta, bertempat tinggal di", False),
            (f"{_mixed(family.address)}, Rukun Tetangga {family.rt}, Rukun Warga {family.rw}, Kelurahan/Desa "
             f"{_mixed(_region(family.village_code))}, Kecamatan {_mixed(_region(family.district_code))},", False),
            ("pemegang Kartu Tanda Penduduk dengan Nomor Induk Kependudukan", False), (pnik + ";", False),
            (f"- menurut keterangannya dalam hal ini bertindak selaku {role} dan karenanya sebagai wali yang sah "
             "dari anaknya yang belum dewasa, yaitu seorang anak", False), (sexword, True),
            ("bernama", False), (p.name + ",", True), ("lahir di", False), (p.place_of_birth.title() + ",", True),
            ("pada tanggal", False), (born + ",", True),
            ("Nomor Induk Kependudukan", False), (p.nik + ",", True),
            ("sebagaimana ternyata dari Kutipan Akta Kelahiran Nomor", False), (number, True),
            (f"tanggal {kdate} yang dikeluarkan oleh {dinas}, anak dari suami-istri", False),
            (p.father_name, True), ("dan", False), (p.mother_name + ";", True),
        ]  # fmt: skip
        truth = _akta_truth(number, p)
    else:
        title = "Tuan" if p.sex == "M" else "Nyonya"
        runs = [
            (title, False), (p.name + ",", True), ("lahir di", False), (p.place_of_birth.title() + ",", True),
            ("pada tanggal", False), (born + ",", True),
            (f"Warga Negara Indonesia, {_mixed(p.occupation)}, bertempat tinggal di {_mixed(family.address)}, "
             f"Rukun Tetangga {family.rt}, Rukun Warga {family.rw}, Kecamatan {_mixed(_region(family.district_code))},",
             False),
            ("pemegang Kartu Tanda Penduduk dengan Nomor Induk Kependudukan", False), (p.nik + ";", True),
            ("- yang menurut Kutipan Akta Kelahiran Nomor", False), (number, True),
            (f"tanggal {kdate} yang dikeluarkan oleh {dinas}, adalah anak kandung dari pasangan suami-istri", False),
            (p.father_name, True), ("dan", False), (p.mother_name + ";", True),
        ]  # fmt: skip
        truth = _akta_truth(number, p)
        del truth["sex"]
    opening = [
        (f"Pada hari ini, {_date(_after(kutipan_day, rng, 300, 4000), 'weekday')}, pukul "
         f"{rng.randint(9, 15):02d}.{rng.choice(('00', '15', '30'))} WIB (Waktu Indonesia Barat).", False),
        (f"Berhadapan dengan saya, {_mixed(notary)}, Sarjana Hukum, Magister Kenotariatan, Notaris di {place}, "
         "dengan dihadiri oleh saksi-saksi yang saya, Notaris, kenal dan akan disebutkan pada bagian akhir "
         "akta ini:", False),
    ]  # fmt: skip
    y: float = 220
    for run in opening:
        y = _dashed_prose(pg, x0, x1, y, [run], size) + 6
    y = _dashed_prose(pg, x0 + 40, x1, y, runs, size) + 6
    closing = [
        (
            "Penghadap telah dikenal oleh saya, Notaris, dari identitasnya yang diperlihatkan kepada saya.",
            False,
        ),
        (
            "Penghadap menerangkan terlebih dahulu bahwa penghadap bermaksud memberikan persetujuan dan kuasa "
            "sebagaimana diuraikan dalam akta ini; sehubungan dengan hal tersebut di atas, penghadap menerangkan "
            "dengan ini memberi kuasa kepada:",
            False,
        ),
    ]
    for run in closing:
        y = _dashed_prose(pg, x0, x1, y, [run], size) + 6
    pg.d.line((x0 - 40, 200, x0 - 40, min(2350, y + 40)), fill=90, width=2)
    img = pg.img.crop((0, 0, 1700, int(min(2400, y + 90))))
    img = img.rotate(rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, fillcolor=245)
    return RenderedDocument("akta", _grain(img, rng, 2.5), truth, layout="akta-kuasa-notaris")


# --- Akta: a school's enrolment form, the sex as ticked boxes ------------------------------------------------


def akta_formulir_sekolah(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A school's enrolment form (Formulir Peserta Didik) filled by computer: checkboxes, comb boxes, the
    parents' sections."""
    p = _untitled(p)
    number = akta_number(family, p, serial)
    fam = rng.choice(("sans", "condensed", "serif"))
    pg = Page(1650, 2300, fam, rng, paper=255)
    size = 26
    caps = rng.random() < 0.6
    x0, lx = 90, rng.randint(560, 640)
    pg.centre(60, "FORMULIR PESERTA DIDIK", 42)
    pg.centre(115, f"Tahun Pelajaran {date(2026, 7, 1).year}/{date(2026, 7, 1).year + 1}", 28, bold=False)
    pg.text(x0, 175, "Tanggal : " + _date(date(2026, rng.randint(5, 7), rng.randint(1, 28)), "dmy-slash"), 22)
    y: float = 230
    step = 58
    no = 0

    def section(title: str) -> None:
        nonlocal y
        pg.d.rectangle((x0, y, 1560, y + 40), fill=215)
        pg.text(x0 + 10, y + 6, title, 24, bold=True)
        y += 60

    def item(label: str) -> None:
        nonlocal no
        no += 1
        pg.text(x0, y + 6, f"{no}.", size)
        pg.text(x0 + 50, y + 6, label, size, max_x=lx - 10)

    def boxed(label: str, value: str, w: float = 880) -> None:
        nonlocal y
        item(label)
        pg.d.rectangle((lx, y, lx + w, y + 44), outline=0, width=2)
        pg.text(lx + 10, y + 8, value, size, max_x=lx + w - 8)
        y += step

    def comb(label: str, value: str) -> None:
        nonlocal y
        item(label)
        for i, ch in enumerate(value):
            bx = lx + i * 44
            pg.d.rectangle((bx, y, bx + 44, y + 44), outline=0, width=2)
            pg.text(bx + 12, y + 8, ch, size)
        y += step

    def ticks(label: str, options: Sequence[str], chosen: int) -> None:
        nonlocal y
        item(label)
        x = float(lx)
        for i, opt in enumerate(options):
            pg.d.rectangle((x, y + 6, x + 30, y + 36), outline=0, width=2)
            if i == chosen:
                pg.d.line((x + 5, y + 20, x + 13, y + 31, x + 27, y + 9), fill=0, width=4)
            x = pg.text(x + 42, y + 6, opt, size - 2) + 40
        y += step

    def val(text: str) -> str:
        return _cased(text, caps)

    section("A. IDENTITAS PESERTA DIDIK")
    boxed("Nama Lengkap", val(p.name))
    ticks("Jenis Kelamin", ("Laki-laki", "Perempuan"), 0 if p.sex == "M" else 1)
    boxed("NISN", f"00{rng.randint(10000000, 99999999)}", 360)
    comb("NIK / No. KITAS", p.nik)
    comb("No. KK", family.kk_number)
    boxed("Tempat Lahir", val(p.place_of_birth))
    if rng.random() < 0.5:
        item("Tanggal Lahir")
        for i, (part, cap) in enumerate(((f"{p.birth_date.day:02d}", "Tgl"), (f"{p.birth_date.month:02d}", "Bln"),
                                         (str(p.birth_date.year), "Thn"))):  # fmt: skip
            bx = lx + i * 170
            pg.d.rectangle((bx, y, bx + 120, y + 44), outline=0, width=2)
            pg.text(bx + 14, y + 8, part, size)
            pg.text(bx + 14, y + 48, cap, 18)
        y += step + 20
    else:
        boxed("Tanggal Lahir", _date(p.birth_date, rng.choice(("dmy-slash", "long-title", "dmy-dash"))), 420)
    boxed(_pick(rng, "No. Registrasi Akta Lahir", "No Reg. Akta Kelahiran"), number, 700)
    boxed("Agama & Kepercayaan", val(p.religion), 500)
    ticks("Kewarganegaraan", ("Indonesia (WNI)", "Asing (WNA)"), 0)
    boxed("Alamat Jalan", val(family.address))
    boxed(
        "Moda Transportasi", rng.choice(("Jalan kaki", "Sepeda motor", "Angkutan umum", "Antar jemput")), 500
    )
    boxed("Hobi", rng.choice(("Olahraga", "Membaca", "Kesenian", "Menyanyi")), 400)
    incomes = ("< 1 jt", "1-2 jt", "2-5 jt", "> 5 jt")
    for title, name in (("B. DATA AYAH KANDUNG", p.father_name), ("C. DATA IBU KANDUNG", p.mother_name)):
        y += 10
        section(title)
        boxed("Nama Ayah Kandung" if title.startswith("B") else "Nama Ibu Kandung", val(name))
        boxed("NIK", _someone_nik(family, rng, p.birth_date - timedelta(days=rng.randint(7500, 12000)),
                                  title.startswith("C")), 520)  # fmt: skip
        boxed("Tahun Lahir", str(p.birth_date.year - rng.randint(21, 38)), 200)
        boxed(
            "Pekerjaan", rng.choice(("Wiraswasta", "Petani", "Karyawan Swasta", "Mengurus Rumah Tangga")), 520
        )
        ticks("Penghasilan Bulanan", incomes, rng.randrange(4))
    img = pg.img.crop((0, 0, 1650, int(y + 60)))
    img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=250)
    return RenderedDocument(
        "akta", _grain(img, rng, 2.0), _akta_truth(number, p), layout="akta-formulir-sekolah"
    )


# --- KTP: an e-KYC vendor's verification report in English, with match scores --------------------------------


def ktp_laporan_verifikasi(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """An English-only identity verification report: Field / Extracted value / Match score rows."""
    p = _apostrophe(p, rng, 0.15)
    w = 1240
    img = Image.new("RGB", (w, 1700), (255, 255, 255))
    d = ImageDraw.Draw(img)
    f, fb, fs = vfont(19, "sans"), vfont(19, "sans", True), vfont(15, "sans")
    accent: Rgb = rng.choice(((14, 92, 173), (0, 128, 110), (88, 44, 131)))
    vendor = rng.choice(("VeriKYC", "IdentiCheck", "TrustID", "KenalAja Verify"))
    d.rectangle((0, 0, w, 90), fill=accent)
    d.text((60, 26), vendor, font=vfont(32, "sans", True), fill=(255, 255, 255))
    d.text((60, 120), "Identity Verification Report", font=vfont(30, "sans", True), fill=(20, 20, 20))
    when = _after(family.issue_date, rng, 100, 3000)
    d.text((60, 170), f"Reference ID: KYC-{rng.randint(10**9, 10**10 - 1)}    Generated: {when.isoformat()} "
           f"{rng.randint(8, 20):02d}:{rng.randint(0, 59):02d} UTC+7", font=fs, fill=(90, 90, 90))  # fmt: skip
    d.text((60, 196), "Document type: Indonesian Electronic ID Card (e-KTP)", font=fs, fill=(90, 90, 90))
    d.rounded_rectangle((w - 260, 118, w - 60, 160), 20, fill=(30, 150, 80))
    d.text((w - 232, 127), "VERIFIED", font=vfont(20, "sans", True), fill=(255, 255, 255))
    items: list[tuple[str, str, str | None]] = [
        ("ID Number (NIK)", p.nik, "nik"),
        ("Full Name", p.name, "name"),
        ("Place of Birth", p.place_of_birth, "place_of_birth"),
        ("Date of Birth", _en_date(p.birth_date, rng), "birth_date"),
        ("Gender", _sex(p), "sex"),
        ("Blood Type", _blood(p), "blood_type"),
        ("Address", family.address, "address"),
        ("RT/RW", f"{family.rt}/{family.rw}", "rt"),
        ("Village", _region(family.village_code), "village"),
        ("District", _region(family.district_code), "district"),
        ("City/Regency", _region(family.regency_code), "regency"),
        ("Province", _region(family.province_code), "province"),
        ("Religion", p.religion, "religion"),
        ("Marital Status", p.marital_status, "marital_status"),
        ("Occupation", p.occupation, "occupation"),
        ("Nationality", p.citizenship, "citizenship"),
        ("Valid Until", "SEUMUR HIDUP", "valid_until"),
    ]
    drop = {k for k in ("blood_type", "valid_until", "province", "regency") if rng.random() < 0.4}
    items = [it for it in items if it[2] not in drop]
    y = 250
    cols = (60, 330, 900, w - 60)
    d.rectangle((cols[0], y, cols[3], y + 44), fill=(235, 239, 245))
    for x, t in zip(cols, ("Field", "Extracted value", "Registry match"), strict=False):
        d.text((x + 12, y + 11), t, font=fb, fill=(30, 30, 30))
    y += 44
    for i, (label, value, _) in enumerate(items):
        if i % 2:
            d.rectangle((cols[0], y, cols[3], y + 42), fill=(248, 249, 251))
        d.text((cols[0] + 12, y + 10), label, font=f, fill=(70, 70, 70))
        d.text((cols[1] + 12, y + 10), value, font=fb, fill=(20, 20, 20))
        score = rng.choice(("MATCH", f"{rng.uniform(90, 100):.1f} %", f"{rng.uniform(95, 100):.1f} %"))
        d.text((cols[2] + 12, y + 10), score, font=f, fill=(30, 130, 70))
        d.line((cols[0], y + 42, cols[3], y + 42), fill=(220, 220, 220))
        y += 42
    y += 40
    d.text((60, y), "Biometric checks", font=vfont(22, "sans", True), fill=(20, 20, 20))
    d.rectangle((60, y + 40, 220, y + 240), fill=(200, 200, 205))
    d.ellipse((100, y + 70, 180, y + 160), fill=(160, 160, 168))
    d.text(
        (260, y + 60),
        f"Face match: {rng.uniform(85, 99):.1f} %   (threshold 80 %)",
        font=f,
        fill=(20, 20, 20),
    )
    d.text((260, y + 100), f"Liveness: PASS ({rng.uniform(0.9, 0.99):.2f})", font=f, fill=(20, 20, 20))
    d.text((260, y + 140), "Data source: Dukcapil (population registry)", font=f, fill=(20, 20, 20))
    img = img.crop((0, 0, w, y + 300))
    truth = _ktp_truth(family, p, province=_region(family.province_code), regency=_region(family.regency_code),
                       valid_until="SEUMUR HIDUP")  # fmt: skip
    for key in drop:
        del truth[key]
    return RenderedDocument("ktp", _grain(img, rng, 0.5), truth, layout="ktp-laporan-verifikasi")


# --- KTP: the card's data copied by hand into a school notebook ------------------------------------------------


def ktp_catatan_buku_tulis(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card's data written by hand in a notebook (ruled, a red margin), photographed a little askew."""
    w, h = 1100, 1500
    paper: Rgb = (rng.randint(240, 250), rng.randint(238, 248), rng.randint(225, 238))
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    gap = rng.randint(52, 58)
    for yy in range(140, h, gap):
        d.line((0, yy, w, yy), fill=(150, 175, 215), width=2)
    mx = rng.randint(110, 140)
    d.line((mx, 0, mx, h), fill=(220, 120, 120), width=2)
    size = rng.randint(30, 34)
    italic = _italic(size, rng.random() < 0.4)
    caps = rng.random() < 0.4
    ink: Rgb = rng.choice(((30, 40, 120), (20, 30, 90), (35, 35, 45)))

    def v(text: str) -> str:
        return text if caps else _mixed(text)

    born = _date(p.birth_date, rng.choice(("dmy-slash", "long-title", "dmy-dash")))
    lines: list[tuple[str, str, str | None]] = [
        ("NIK", p.nik, "nik"),
        ("Nama", v(p.name), "name"),
        ("TTL", f"{v(p.place_of_birth)}, {born}", "born"),
        (_pick(rng, "JK", "Jenis kel."), v(_sex(p)), "sex"),
        ("Gol. darah", _blood(p), "blood_type"),
        ("Alamat", v(family.address), "address"),
        ("RT/RW", f"{family.rt}/{family.rw}", "rt"),
        ("Kel/Desa", v(_region(family.village_code)), "village"),
        ("Kec.", v(_region(family.district_code)), "district"),
        ("Kab.", v(_region(family.regency_code)), "regency"),
        ("Prov.", v(_region(family.province_code)), "province"),
        ("Agama", v(p.religion), "religion"),
        ("Status", v(p.marital_status), "marital_status"),
        ("Pekerjaan", v(p.occupation), "occupation"),
        (_pick(rng, "Kewarganegaraan", "WN"), p.citizenship, "citizenship"),
    ]
    drop = {k for k in ("blood_type", "regency", "province") if rng.random() < 0.5}
    lines = [ln for ln in lines if ln[2] not in drop]
    y = 140 + gap - size - 8
    d.text(
        (mx + 30, y - gap),
        _pick(rng, "Data KTP", "KTP Bapak", "Data KTP (utk daftar)"),
        font=italic,
        fill=ink,
    )
    for label, value, _ in lines:
        x = mx + 30 + rng.randint(-6, 6)
        d.text((x, y + rng.randint(-3, 2)), f"{label} : {value}", font=italic, fill=ink)
        y += gap
    img = img.crop((0, 0, w, min(h, y + gap)))
    light = np.linspace(rng.uniform(0.8, 0.9), 1.0, img.width, dtype=np.float32)[None, :, None]
    arr = np.asarray(img, np.float32) * light
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    img = img.rotate(
        rng.uniform(-3, 3), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(90, 70, 55)
    )
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    truth = _ktp_truth(
        family, p, province=_region(family.province_code), regency=_region(family.regency_code)
    )
    for key in drop:
        del truth[key]
    return RenderedDocument("ktp", _grain(img, rng, 2.5), truth, layout="ktp-catatan-buku-tulis")


# --- SKPWNI: the month's report of residents moving out, the applicant's row highlighted ----------------------

_ELSEWHERE = (
    ("JL. MELATI NO. 4", "CATURTUNGGAL", "DEPOK", "KABUPATEN SLEMAN", "DAERAH ISTIMEWA YOGYAKARTA"),
    ("PERUM GRIYA ASRI BLOK C-7", "SUKAJADI", "SUKARAME", "KOTA BANDAR LAMPUNG", "LAMPUNG"),
    ("DUSUN KRAJAN", "SUMBERSARI", "SUMBERSARI", "KABUPATEN JEMBER", "JAWA TIMUR"),
    ("JL. KENANGA RAYA NO. 21", "CIBUBUR", "CIRACAS", "KOTA ADM. JAKARTA TIMUR", "DKI JAKARTA"),
    ("KP. BABAKAN", "CILEUNYI KULON", "CILEUNYI", "KABUPATEN BANDUNG", "JAWA BARAT"),
)
_OTHER_NAMES = ("SRI WAHYUNI", "AHMAD FAUZI", "DEWI LESTARI", "JOKO PRASETYO", "RINA MARLINA", "HERU SUSANTO",
                "NUR HIDAYAH", "DIDIK KURNIAWAN")  # fmt: skip


def skpwni_rekap_mutasi(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The monthly report of moves out: one row per certificate, the applicant's row highlighted."""
    mv = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    month = origin.issue_date
    pg = Page(3700, 2000, rng.choice(("sans", "condensed")), rng, paper=252)
    size = 22
    unit = "KELURAHAN" if _is_kelurahan(origin) else "DESA"
    pg.centre(50, "LAPORAN MUTASI PENDUDUK PINDAH KELUAR", 40)
    pg.centre(105, f"BULAN {MONTHS[month.month - 1]} {month.year}", 30)
    head = [
        (unit, _region(origin.village_code)),
        ("KECAMATAN", _region(origin.district_code)),
        ("KABUPATEN/KOTA", _region(origin.regency_code)),
        ("PROVINSI", _region(origin.province_code)),
        ("KODE POS", origin.postal_code),
    ]
    for i, (k, v) in enumerate(head):
        pg.kv(90, 170 + i * 36, k, v, 390, size + 2, 1600)
    cols = [("No", 50), ("No. SKPWNI", 350), ("Tgl Terbit", 130), ("NIK", 215), ("Nama", 230), ("No. KK", 215),
            ("Alamat Asal", 220), ("RT/RW Asal", 100), ("Alamat Tujuan", 220), ("RT/RW Tujuan", 110),
            ("Desa/Kel Tujuan", 190), ("Kec. Tujuan", 170), ("Kab/Kota Tujuan", 210), ("Provinsi Tujuan", 200),
            ("Kode Pos Tujuan", 110), ("Alasan", 140), ("Klasifikasi", 180), ("Jenis Kepindahan", 260),
            ("Tgl Pindah", 130)]  # fmt: skip
    fmt = rng.choice(("dmy-dash", "dmy-slash"))
    target = [
        number, _date(origin.issue_date, fmt), p.nik, p.name, origin.kk_number, origin.address,
        f"{origin.rt}/{origin.rw}", dest.address, f"{dest.rt}/{dest.rw}", _region(dest.village_code),
        _region(dest.district_code), _region(dest.regency_code), _region(dest.province_code), dest.postal_code,
        MOVE_REASONS[mv.reason], _choice_text("class", cls, rng), _choice_text("type", mv.kind, rng),
        _date(mv.day, fmt),
    ]  # fmt: skip
    n = rng.randint(4, 7)
    at = rng.randrange(n)
    body: list[list[str]] = []
    for r in range(n):
        if r == at:
            body.append(target)
            continue
        where = rng.choice(_ELSEWHERE)
        day = origin.issue_date + timedelta(days=rng.randint(-20, 20))
        born = date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
        body.append([
            "/".join([*number.split("/")[:-2], f"{day:%d%m%Y}", f"{rng.randint(1000, 9999)}"]),
            _date(day, fmt), _someone_nik(origin, rng, born, rng.random() < 0.5), rng.choice(_OTHER_NAMES),
            f"{origin.kk_number[:6]}{rng.randint(10**9, 10**10 - 1)}",
            rng.choice(("DUSUN KRAJAN", "JL. MERPATI NO. 3", "DUSUN NGASEM")), f"{rng.randint(1, 12):03d}/{rng.randint(1, 8):03d}",
            where[0], f"{rng.randint(1, 12):03d}/{rng.randint(1, 8):03d}", *where[1:], f"{rng.randint(10000, 99999)}",
            rng.choice(MOVE_REASONS), _choice_text("class", rng.randrange(5), rng),
            _choice_text("type", rng.randrange(4), rng), _date(day + timedelta(days=7), fmt),
        ])  # fmt: skip
    font = pg.font(size - 2)
    x0, y = 60, 380
    xs = [x0]
    for _, wd in cols:
        xs.append(xs[-1] + wd)
    head_h = 70
    pg.d.rectangle((xs[0], y, xs[-1], y + head_h), fill=225)
    for (title, wd), x in zip(cols, xs, strict=False):
        for j, ln in enumerate(_wrap_px(pg.d, title, pg.font(size - 3, True), wd - 10)):
            pg.d.text((x + 5, y + 8 + j * (size + 2)), ln, font=pg.font(size - 3, True), fill=0)
    top = y
    y += head_h
    rgb = pg.img.convert("RGB")
    dr = ImageDraw.Draw(rgb)
    for r, row in enumerate([[str(i + 1), *cells] for i, cells in enumerate(body)]):
        wrapped = [_wrap_px(dr, text, font, wd - 10) for text, (_, wd) in zip(row, cols, strict=True)]
        rh = max(len(w_) for w_ in wrapped) * (size + 4) + 14
        if r == at:
            dr.rectangle((xs[0] + 2, y + 2, xs[-1] - rng.randint(0, 300), y + rh - 2), fill=(250, 240, 90))
        for lines, x in zip(wrapped, xs, strict=False):
            for j, ln in enumerate(lines):
                dr.text((x + 5, y + 7 + j * (size + 4)), ln, font=font, fill=(0, 0, 0))
        y += rh
        dr.line((xs[0], y, xs[-1], y), fill=(0, 0, 0), width=1)
    for x in xs:
        dr.line((x, top, x, y), fill=(0, 0, 0), width=2)
    dr.line((xs[0], top, xs[-1], top), fill=(0, 0, 0), width=2)
    dr.line((xs[0], top + head_h, xs[-1], top + head_h), fill=(0, 0, 0), width=2)
    head_title = "LURAH" if unit == "KELURAHAN" else "KEPALA DESA"
    dr.text((xs[-1] - 600, y + 60), f"{_mixed(_region(origin.village_code))}, {_date(_after(month, rng, 25, 40), 'long-title')}",
            font=pg.font(size), fill=(0, 0, 0))  # fmt: skip
    dr.text(
        (xs[-1] - 600, y + 95),
        f"{head_title} {_region(origin.village_code)}",
        font=pg.font(size),
        fill=(0, 0, 0),
    )
    dr.text((xs[-1] - 600, y + 230), rng.choice(_OFFICIALS), font=pg.font(size, True), fill=(0, 0, 0))
    img = rgb.crop((0, 0, xs[-1] + 60, y + 300))
    img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 250))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", _grain(img, rng, 2.0), truth, layout="skpwni-rekap-mutasi")


# --- SKPWNI: the service's notification e-mail on a phone, a three-column table --------------------------------


def skpwni_surel_notifikasi(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A phone screenshot of the notification e-mail: the applicant and the move, then Uraian / Asal / Tujuan."""
    mv = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    w = rng.choice((720, 810))
    f, fb, fs = vfont(19, "sans"), vfont(19, "sans", True), vfont(16, "sans")
    probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))
    accent: Rgb = rng.choice(((0, 94, 160), (13, 110, 80), (150, 40, 40)))
    caps = rng.random() < 0.6

    def v(text: str) -> str:
        return _cased(text, caps)

    fmt = rng.choice(("long-title", "dmy-slash", "weekday"))
    top_rows = [
        ("Nomor SKPWNI", number), ("NIK", p.nik), ("Nama", v(p.name)), ("No. KK", origin.kk_number),
        ("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
        ("Klasifikasi", _choice_text("class", cls, rng)), ("Jenis Kepindahan", _choice_text("type", mv.kind, rng)),
        ("Tanggal Pindah", _date(mv.day, fmt)),
    ]  # fmt: skip

    def addr(fam: Family) -> list[str]:
        return [v(fam.address), fam.rt, fam.rw, v(_region(fam.village_code)), v(_region(fam.district_code)),
                v(_region(fam.regency_code)), v(_region(fam.province_code)), fam.postal_code]  # fmt: skip

    names = ["Alamat", "RT", "RW", "Desa/Kelurahan", "Kecamatan", "Kabupaten/Kota", "Provinsi", "Kode Pos"]
    grid = list(zip(names, addr(origin), addr(dest), strict=True))
    img = Image.new("RGB", (w, 3000), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 40), fill=(245, 245, 245))
    d.text((20, 10), f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}", font=fs, fill=(30, 30, 30))
    d.text((w - 90, 10), f"{rng.randint(20, 99)}%", font=fs, fill=(30, 30, 30))
    d.text((20, 60), "<", font=vfont(26, "sans", True), fill=(60, 60, 60))
    subj = "Permohonan Pindah Anda Telah Selesai"
    y = 110
    for ln in _wrap_px(d, subj, vfont(24, "sans", True), w - 40):
        d.text((20, y), ln, font=vfont(24, "sans", True), fill=(20, 20, 20))
        y += 32
    d.ellipse((20, y + 12, 64, y + 56), fill=accent)
    d.text((34, y + 22), "D", font=fb, fill=(255, 255, 255))
    d.text((78, y + 12), f"Layanan Dukcapil {_mixed(_issue_place(origin))}", font=fb, fill=(20, 20, 20))
    d.text(
        (78, y + 38), f"noreply  -  {_date(origin.issue_date, 'dmy-slash')}", font=fs, fill=(110, 110, 110)
    )
    y += 90
    d.text((20, y), f"Yth. {v(p.name)},", font=f, fill=(20, 20, 20))
    y += 34
    for ln in _wrap_px(
        d, "Surat Keterangan Pindah WNI (SKPWNI) Anda telah terbit dengan rincian sebagai berikut:", f, w - 40
    ):
        d.text((20, y), ln, font=f, fill=(20, 20, 20))
        y += 28
    y += 10

    def bar(title: str) -> None:
        nonlocal y
        d.rectangle((20, y, w - 20, y + 38), fill=accent)
        d.text((32, y + 8), title, font=fb, fill=(255, 255, 255))
        y += 38

    bar("Data Pemohon dan Kepindahan")
    lw = int(w * 0.34)
    for i, (k, val) in enumerate(top_rows):
        lines = _wrap_px(d, val, fb, w - 40 - lw - 16)
        rh = 26 * len(lines) + 16
        if i % 2 == 0:
            d.rectangle((20, y, w - 20, y + rh), fill=(243, 246, 250))
        d.text((30, y + 8), k, font=fs, fill=(90, 90, 90))
        for j, ln in enumerate(lines):
            d.text((20 + lw, y + 8 + 26 * j), ln, font=fb, fill=(20, 20, 20))
        y += rh
    y += 20
    bar("Alamat")
    cw = [int((w - 40) * 0.28), int((w - 40) * 0.36), (w - 40) - int((w - 40) * 0.28) - int((w - 40) * 0.36)]
    cx = [20, 20 + cw[0], 20 + cw[0] + cw[1], w - 20]
    d.rectangle((20, y, w - 20, y + 34), fill=(225, 230, 238))
    for x, t in zip(cx, ("Uraian", "Asal", "Tujuan"), strict=False):
        d.text((x + 8, y + 7), t, font=fb, fill=(20, 20, 20))
    y += 34
    for name, a, b in grid:
        cells = [
            _wrap_px(probe, t, ft, c - 14) for t, ft, c in ((name, fs, cw[0]), (a, f, cw[1]), (b, f, cw[2]))
        ]
        rh = 25 * max(len(c) for c in cells) + 14
        for lines, x, ft in zip(cells, cx, (fs, f, f), strict=False):
            for j, ln in enumerate(lines):
                d.text((x + 8, y + 7 + 25 * j), ln, font=ft, fill=(20, 20, 20) if ft is f else (90, 90, 90))
        y += rh
        d.line((20, y, w - 20, y), fill=(210, 210, 210))
    y += 24
    for ln in _wrap_px(
        d,
        "Dokumen SKPWNI dapat diunduh melalui aplikasi atau diambil di kantor Dinas. Email ini dikirim otomatis, mohon tidak membalas.",
        fs,
        w - 40,
    ):
        d.text((20, y), ln, font=fs, fill=(110, 110, 110))
        y += 22
    d.text((20, y + 14), "Bantuan  |  Kebijakan Privasi  |  Berhenti berlangganan", font=fs, fill=accent)
    img = img.crop((0, 0, w, y + 70))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", _grain(img, rng, 0.5), truth, layout="skpwni-surel-notifikasi")


ROUND17: dict[str, dict[str, Callable[..., RenderedDocument]]] = {
    "kk": {"kk-judul-tegak": kk_judul_tegak, "kk-surel-dinas": kk_surel_dinas},
    "akta": {"akta-kuasa-notaris": akta_kuasa_notaris, "akta-formulir-sekolah": akta_formulir_sekolah},
    "ktp": {
        "ktp-laporan-verifikasi": ktp_laporan_verifikasi,
        "ktp-catatan-buku-tulis": ktp_catatan_buku_tulis,
    },
    "skpwni": {
        "skpwni-rekap-mutasi": skpwni_rekap_mutasi,
        "skpwni-surel-notifikasi": skpwni_surel_notifikasi,
    },
}
