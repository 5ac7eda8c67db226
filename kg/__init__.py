"""plankg: regional health-policy plans as a traceable RDF knowledge graph."""
