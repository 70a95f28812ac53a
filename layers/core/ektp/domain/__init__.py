"""Pure domain code: importable and testable without boto3."""
