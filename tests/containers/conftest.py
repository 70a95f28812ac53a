"""The images' tests need a Docker engine and the images `make images` builds: `make test` sets
EKTP_REQUIRE_IMAGES=1, so there their absence fails; elsewhere (a bare `pytest`) those tests skip with the reason.
The Runtime API emulator's own tests need neither."""

from __future__ import annotations

import os

import pytest

from local_runtime.lambda_containers import docker_answers, image_exists
from tools import images

IMAGES = {name: images.image_name(name) for name in images.FUNCTIONS}


@pytest.fixture(scope="session")
def built_images() -> None:
    missing = [] if docker_answers() else ["a Docker engine"]
    missing += [image for image in IMAGES.values() if not missing and not image_exists(image)]
    if missing:
        message = f"{', '.join(missing)} missing: run `make images`"
        if os.environ.get("EKTP_REQUIRE_IMAGES"):
            pytest.fail(message)
        pytest.skip(message)
