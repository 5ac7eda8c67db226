"""plankg's visualiser: responsibility networks and indicator charts built from the graph through
SPARQL only (networkx for the analytics, vis-network pages); see viz/README.md."""
