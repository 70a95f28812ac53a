"""SQS (from intake) -> check a photo or selfie with OpenCV -> ACCEPTED or REJECTED with every reason."""

from __future__ import annotations

from aws_lambda_powertools import Logger

import ektp.photo
from ektp.checker_handler import build_checker_handler
from ektp.services.document_checks import photo_checker

logger = Logger(service="ektp-photo-check")
ektp.photo.warm_up()  # load the detectors during the init phase, not on the first resident's request
handler = build_checker_handler(photo_checker, logger)
