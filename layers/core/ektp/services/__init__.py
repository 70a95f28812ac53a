"""Use cases: what the handlers call. They depend on ektp.ports interfaces, never on boto3."""
