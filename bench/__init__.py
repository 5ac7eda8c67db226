"""The benchmark suite (`make bench`, `python -m bench`): build, queries, endpoint, validation and
network pages at several corpus sizes in one run, written to docs/benchmarks.md with raw numbers
and plots; docs/benchmarks.md says what each section measures and how.
"""
