"""graphmap's saved Cypher queries (package data)."""
