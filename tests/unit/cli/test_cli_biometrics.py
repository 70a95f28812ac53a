from __future__ import annotations

import json
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[3])  # the repo root, for `tests.support`
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from ektp.cli import main  # noqa: E402
from tests.support.public_fixtures import face_images, fingerprint_images  # noqa: E402


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 else {})


def test_face_compare_same_and_different_person(capsys: pytest.CaptureFixture[str]) -> None:
    faces = face_images()
    code, same = run(capsys, "face", "compare", str(faces["obama"]), str(faces["obama3"]))
    assert code == 0 and same["decision"] == "match" and same["distance"] < same["threshold"]
    code, other = run(capsys, "face", "compare", str(faces["obama"]), str(faces["biden"]))
    assert code == 0 and other["decision"] == "no_match"
    assert [r["code"] for r in other["reasons"]] == ["FACE_MISMATCH"]
    assert "embedding" not in json.dumps(other)
    code, strict = run(
        capsys, "face", "compare", str(faces["obama"]), str(faces["obama3"]), "--threshold", "0.1"
    )
    assert code == 0 and strict["decision"] == "no_match" and strict["threshold"] == 0.1


def test_face_compare_without_a_face_exits_0_with_face_not_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blank = tmp_path / "wall.png"
    cv2.imwrite(str(blank), np.full((300, 300, 3), 200, np.uint8))
    code, out = run(capsys, "face", "compare", str(blank), str(face_images()["obama"]))
    assert code == 0 and out["decision"] == "undetermined" and out["score"] is None
    assert [r["code"] for r in out["reasons"]] == ["FACE_NOT_FOUND"]


def test_missing_files_are_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    there = str(face_images()["obama"])
    assert main(["face", "compare", str(tmp_path / "nope.jpg"), there]) == 2
    assert main(["fingerprint", "compare", there, str(tmp_path / "nope.png")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["face", "compare", there])
    assert exc.value.code == 2


def test_fingerprint_compare(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prints = fingerprint_images()
    code, same = run(capsys, "fingerprint", "compare", str(prints["p1_1"]), str(prints["p1_2"]))
    assert code == 0 and same["decision"] == "match" and same["score"] >= same["threshold"]
    assert same["prints"][0]["minutiae_count"] > 12 and "iso_bytes" not in same["prints"][0]
    code, other = run(capsys, "fingerprint", "compare", str(prints["p1_1"]), str(prints["p2_1"]))
    assert code == 0 and other["decision"] == "no_match"
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a picture")
    code, bad = run(capsys, "fingerprint", "compare", str(junk), str(prints["p2_1"]))
    assert code == 0 and bad["decision"] == "undetermined"
    assert [r["code"] for r in bad["reasons"]] == ["IMAGE_UNREADABLE"]
