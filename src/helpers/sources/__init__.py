"""Stage 1, sources: the raw documents, their manifest and checksums, the controlled
vocabularies, the schema of the annotated figures, the coverage audit, and loading figures."""
