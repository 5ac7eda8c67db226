"""One router per resource: sparql.py is the SPARQL 1.1 Protocol endpoint."""
