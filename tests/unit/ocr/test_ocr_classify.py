"""Classification from printed words, tolerant of a misread letter, strict about ambiguity."""

from __future__ import annotations

from ektp.ocr.classify import classify


def test_each_form() -> None:
    assert classify("KARTU KELUARGA No. 3201 Nama Kepala Keluarga", 2.0)[0] == "kk"
    assert classify("KUTIPAN AKTA KELAHlRAN Nama Ayah Nama Ibu", 2.0)[0] == "akta"
    assert (
        classify("PROVINSI JAWA BARAT NIK Gol. Darah Kel/Desa Berlaku Hingga SEUMUR HIDUP", 2.0)[0] == "ktp"
    )
    assert classify("SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA DATA DAERAH ASAL", 2.0)[0] == "skpwni"
    assert classify("KUTIPAN AKTA PERKAWINAN suami istri", 2.0)[0] == "marriage"


def test_unknown_and_ambiguous_text() -> None:
    assert classify("Daftar belanja: beras, minyak, gula", 2.0)[0] is None
    # Status perkawinan on a KTP is not a marriage certificate.
    kind, scores = classify("Status Perkawinan KAWIN Gol. Darah O Berlaku Hingga", 2.0)
    assert kind == "ktp" and scores["marriage"] == 0
