"""A synthetic scale corpus: plan texts recombined from the real ones under invented places.

`write_corpus(n, seed, folder)` writes sources/ (texts, manifest.yaml, synth.json) and
registry/; `plankg build --corpus folder` builds it like the real plans.
"""
from kg.synth.corpus import SUMMARY, SynthError, WrittenPlan, write_corpus

__all__ = ["SUMMARY", "SynthError", "WrittenPlan", "write_corpus"]
