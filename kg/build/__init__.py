"""The build: plan documents and the registry in, a validated graph out, in the order data flows.

    read the manifest   kg.manifest, parts.read_sources      manifest.yaml → entries; texts hashed
    extract             kg.extract (stream._read)            each document → records (cached by key)
    resolve             kg.registry, kg.rules, kg.places     printed names → bodies and places
    to RDF              rdf.PlanWriter (stream._write)       records → each plan's triples and file
    split into graphs   kg.graphs, shared.Shared             a named graph a plan, one shared
    validate            checks.validate, kg.validate         SHACL part by part, runs over a pool
    write and swap      run.write_build, folder.swap         staging folder → data/build/, atomically

`run.run_build` runs them, plan by plan (kg.build.stream: no stage holds the corpus's triples at
once); after a change to a few plans' own graphs only, `rebuild.rebuild` makes
the build from the last one's account of itself instead of reassembling every plan, and ends in
the same write and swap. Where a build's files are (and what the stores read) is kg.paths and
kg.graphs, outside this package: the stores never import the build.
"""
from kg.build.run import BuildError, BuildResult, run_build

__all__ = ["BuildError", "BuildResult", "run_build"]
