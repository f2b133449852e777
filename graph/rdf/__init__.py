"""The RDF model: namespaces, minted IRIs, the build from records to triples, the contract's
SHACL shapes. Knows nothing of Markdown; takes records from `paperkg.extract`."""
