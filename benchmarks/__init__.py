"""Benchmarks: a synthetic regency generator and stage timings (see benchmarks/README.md)."""
