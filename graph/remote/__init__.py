"""SPARQL servers: serving the built store read-only, pushing it to a lab's server, and the
SPARQL 1.1 protocol client both use."""
