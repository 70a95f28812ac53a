"""`ektp ocr extract FILE [--type ...]`: JSON of the detected type, fields, members and reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ektp.cli import main
from tools.docgen import generate_documents


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 else {})


@pytest.fixture(scope="module")
def kk_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    doc = generate_documents("kk", 1, 99)[0]
    path = tmp_path_factory.mktemp("ocr") / "kk.png"
    doc.image.save(path)
    return path, {"number": doc.fields["number"], "nik0": doc.members[0]["nik"]}


def test_extract_detects_the_type(
    capsys: pytest.CaptureFixture[str], kk_file: tuple[Path, dict[str, str]]
) -> None:
    path, truth = kk_file
    code, out = run(capsys, "ocr", "extract", str(path))
    assert code == 0
    assert out["document_type"] == "kk"
    assert out["fields"]["number"]["value"] == truth["number"]
    assert 0 < out["fields"]["number"]["confidence"] <= 1
    assert out["members"][0]["nik"]["value"] == truth["nik0"]
    assert isinstance(out["reasons"], list)


def test_extract_with_a_wrong_declared_type(
    capsys: pytest.CaptureFixture[str], kk_file: tuple[Path, dict[str, str]]
) -> None:
    path, _ = kk_file
    code, out = run(capsys, "ocr", "extract", str(path), "--type", "ktp")
    assert code == 0
    assert out["document_type"] == "kk" and out["declared_type_matches"] is False
    assert [r["code"] for r in out["reasons"]] == ["DOCUMENT_WRONG_TYPE"]


def test_extract_bad_file_gives_a_reason(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\ngarbage")
    code, out = run(capsys, "ocr", "extract", str(path))
    assert code == 0 and out["document_type"] is None
    assert [r["code"] for r in out["reasons"]] == ["PDF_CORRUPT"]


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["ocr", "extract", str(tmp_path / "missing.jpg")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["ocr", "extract", str(tmp_path / "x.jpg"), "--type", "passport"])
    assert exc.value.code == 2
