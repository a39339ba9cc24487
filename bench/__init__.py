"""Benchmarks: page weight, submission throughput, faults, scoring at scale, packs and sheets.

Run with `python -m bench` (full size) or `python -m bench --tiny` (CI: each benchmark at a tiny
size, only to keep it working; never fails on time). Results go to bench/results/.
"""
