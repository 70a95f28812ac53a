"""SQS (from intake) -> OCR a KK, akta, KTP, SKPWNI or marriage certificate -> fields on the document record."""

from __future__ import annotations

from aws_lambda_powertools import Logger

from ektp.checker_handler import build_checker_handler
from ektp.ocr.settings import OcrSettings
from ektp.services.document_checks import ocr_checker

# Read once at cold start so a bad OCR_ value stops the function there, naming the variable, instead of failing
# every document; the pipeline reads the same environment per document.
OcrSettings.load()
logger = Logger(service="ektp-ocr")
handler = build_checker_handler(ocr_checker, logger)
