"""Synthetic, internally consistent test data (residents, families)."""
