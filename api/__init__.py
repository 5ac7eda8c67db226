"""plankg's HTTP API: a read-only SPARQL 1.1 endpoint over the built graph (see api/README.md).
Reads the store only through SPARQL; never re-parses the plan texts."""
