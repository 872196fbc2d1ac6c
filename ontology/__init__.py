"""graphmap's shipped ontology, SHACL shapes and reference data (package data)."""
