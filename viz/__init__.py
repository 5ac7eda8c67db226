"""plankg's visualiser: responsibility networks and indicator charts built from the graph through
SPARQL only (networkx for the analytics, vis-network pages); see viz/README.md."""

MAX_NODES = 300  # above this many nodes a page shows its network folded into counts
