from __future__ import annotations

import json
from pathlib import Path

import pytest

from ektp.cli import main
from tests.support import photo_defects


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 else {})


@pytest.fixture(scope="module")
def red_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = (
        tmp_path_factory.mktemp("photo") / "pas-foto.jpg"
    )  # a derived image in pytest's tmp, never the repo
    path.write_bytes(photo_defects.jpeg(photo_defects.good_id_photo("obama", "red")))
    return path


def test_good_id_photo_is_accepted(capsys: pytest.CaptureFixture[str], red_photo: Path) -> None:
    code, out = run(capsys, "photo", "check", str(red_photo), "--kind", "id_photo", "--birth-year", "1991")
    assert code == 0
    assert out["verdict"] == "ACCEPTED" and out["reasons"] == []
    assert out["measurements"]["background_color"] == "red"
    assert out["measurements"]["face_count"] == 1


def test_wrong_colour_is_rejected_with_both_messages(
    capsys: pytest.CaptureFixture[str], red_photo: Path
) -> None:
    code, out = run(capsys, "photo", "check", str(red_photo), "--kind", "id_photo", "--birth-year", "1990")
    assert code == 0 and out["verdict"] == "REJECTED"
    (only,) = out["reasons"]
    assert only["code"] == "BACKGROUND_WRONG_COLOR"
    assert only["measured"] == "red" and only["threshold"] == "blue"
    assert "biru" in only["message_id"] and "blue" in only["message_en"]


def test_selfie_kind_skips_the_background(capsys: pytest.CaptureFixture[str], red_photo: Path) -> None:
    code, out = run(capsys, "photo", "check", str(red_photo), "--kind", "selfie", "--birth-year", "1990")
    assert code == 0 and out["verdict"] == "ACCEPTED"
    assert "background_color" not in out["measurements"]


def test_non_image_exits_0_rejected_unreadable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")
    code, out = run(capsys, "photo", "check", str(notes), "--kind", "selfie")
    assert code == 0
    assert out["verdict"] == "REJECTED"
    assert [r["code"] for r in out["reasons"]] == ["IMAGE_UNREADABLE"]


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["photo", "check", str(tmp_path / "nope.jpg"), "--kind", "selfie"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_kind_and_bad_year_are_usage_errors(capsys: pytest.CaptureFixture[str], red_photo: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["photo", "check", str(red_photo), "--kind", "passport"])
    assert exit_info.value.code == 2
    assert main(["photo", "check", str(red_photo), "--kind", "id_photo", "--birth-year", "12"]) == 2
    capsys.readouterr()
