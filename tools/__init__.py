"""Build-time and test-data tools (not shipped in the Lambda layers)."""
