"""Issue 19: the defects the Haar-based check accepted (held-out set: 3 of 40), each derived by code from the
real public photos in several variants, never from one fixture.

- one-sided light on the face (the held-out photo: left half of the face 159, right half 86 mean luminance);
- a small second face in a corner of an ID photo;
- a second person partly in frame beside the subject of a selfie.
"""

from __future__ import annotations

import pytest

from ektp.photo import PhotoCheck, check_photo
from tests.support import photo_defects as d

Image = d.Image
# obama2 and 32bit are the same picture: one of them is enough here.
PEOPLE = ["obama", "obama2", "obama3", "biden"]


def _codes(result: PhotoCheck) -> list[str]:
    return [r.code for r in result.reasons]


def _id_photo(image: Image, birth_year: int = 1991) -> PhotoCheck:
    return check_photo(d.jpeg(image), "id_photo", birth_year=birth_year)


# --------------------------------------------------------------------------------------------- light
@pytest.mark.parametrize("style", d.LIGHT_STYLES)
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("source", PEOPLE)
def test_one_sided_light_on_the_face_is_uneven_lighting(source: str, side: str, style: str) -> None:
    result = _id_photo(d.one_sided_light(d.good_id_photo(source, "red"), side, style))
    assert "LIGHTING_UNEVEN" in _codes(result), (result.reasons, result.measurements)
    failing = next(r for r in result.reasons if r.code == "LIGHTING_UNEVEN")
    assert isinstance(failing.measured, float) and isinstance(failing.threshold, float)
    assert failing.measured > failing.threshold


@pytest.mark.parametrize("source", PEOPLE)
def test_one_sided_light_on_a_selfie_is_uneven_lighting(source: str) -> None:
    result = check_photo(d.jpeg(d.one_sided_light(d.good_selfie(source), "left", "scene")), "selfie")
    assert "LIGHTING_UNEVEN" in _codes(result), (result.reasons, result.measurements)


@pytest.mark.parametrize("source", PEOPLE)
def test_the_brighter_half_is_the_lit_side(source: str) -> None:
    # The halves are the subject's face split on its landmarks: lit from the picture's left, that half is brighter.
    result = _id_photo(d.one_sided_light(d.good_id_photo(source, "blue"), "left", "ramp"), birth_year=1990)
    assert float(result.measurements["face_luma_left"]) > float(result.measurements["face_luma_right"])


# ---------------------------------------------------------------------------------------------- faces
@pytest.mark.parametrize("face_px", [36, 56])
@pytest.mark.parametrize("corner", d.CORNERS)
@pytest.mark.parametrize(("source", "other"), [("obama", "biden"), ("biden", "obama3"), ("obama3", "obama2")])
def test_a_small_second_face_in_a_corner_rejects_the_id_photo(
    source: str, other: str, corner: str, face_px: int
) -> None:
    # 1200x1600, the size residents' phones and studios send: a face 36 px wide is 3% of the frame's width.
    photo = d.small_face_in_corner(d.composite(source, d.RED, width=1200), other, face_px, corner)
    result = _id_photo(photo)
    assert result.verdict == "REJECTED"
    assert "MULTIPLE_FACES" in _codes(result), (result.reasons, result.measurements)
    assert result.measurements["face_count"] == 2


@pytest.mark.parametrize("corner", d.CORNERS)
@pytest.mark.parametrize(("source", "other"), [("obama", "biden"), ("biden", "obama3"), ("obama3", "obama2")])
def test_a_small_framed_picture_of_a_face_in_a_corner_rejects_the_id_photo(
    source: str, other: str, corner: str
) -> None:
    # A face 40 px wide (Haar box) on 1200x1600 scores 0.5-0.55 at the detection pass's scale: it is counted
    # after a second, enlarged look.
    photo = d.picture_in_corner(d.composite(source, d.BLUE, width=1200), other, 40, corner)
    result = _id_photo(photo, birth_year=1990)
    assert "MULTIPLE_FACES" in _codes(result), (result.reasons, result.measurements)


@pytest.mark.parametrize("source", PEOPLE)
def test_a_second_face_on_a_small_id_photo_is_found_too(source: str) -> None:
    photo = d.small_face_in_corner(
        d.good_id_photo(source, "blue"), "biden" if source != "biden" else "obama", 30
    )
    assert "MULTIPLE_FACES" in _codes(_id_photo(photo, birth_year=1990))


@pytest.mark.parametrize("visible", [0.45, 0.65])
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(("source", "other"), [("obama", "biden"), ("biden", "obama3"), ("obama3", "obama")])
def test_a_second_person_partly_in_frame_is_reported_on_a_selfie(
    source: str, other: str, side: str, visible: float
) -> None:
    result = check_photo(d.jpeg(d.second_person_at_edge(source, other, visible, side)), "selfie")
    assert result.verdict == "REJECTED"
    assert "SECOND_PERSON_IN_FRAME" in _codes(result), (result.reasons, result.measurements)
    # The subject is still found and judged: the resident learns everything to fix in one go.
    assert result.face_box is not None
    assert int(result.measurements["face_count"]) >= 2


@pytest.mark.parametrize("source", PEOPLE)
def test_the_same_photos_without_the_second_person_are_accepted(source: str) -> None:
    assert check_photo(d.jpeg(d.good_selfie(source)), "selfie").verdict == "ACCEPTED"
    assert _id_photo(d.composite(source, d.RED, width=1200)).verdict == "ACCEPTED"
