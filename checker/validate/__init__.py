"""Validate: what is wrong with the data before any rule runs (JSON Schema, integrity, NIP)."""
