from __future__ import annotations

import pytest

from tests.support import photo_defects


@pytest.fixture(scope="session")
def good_red() -> photo_defects.Image:
    return photo_defects.good_id_photo("obama", "red")


@pytest.fixture(scope="session")
def good_red_jpeg(good_red: photo_defects.Image) -> bytes:
    return photo_defects.jpeg(good_red)
