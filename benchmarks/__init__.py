"""Benchmarks of `mediate` against baselines measured in the same run (DESIGN.md §5).

`python -m benchmarks.generate` writes synthetic court-referral files;
`python -m benchmarks.run` runs every benchmark and prints the table. Results: RESULTS.md.
"""
