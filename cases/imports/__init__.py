"""Importing a publication volume: from a file's bytes to lines (`extract`), from lines to
cases as plain data with line-numbered problems (`parser`). Pure: no database. Matching the
names against the catalogue is `cases.reads.import_matching`; writing is
`cases.writes.publication_import`."""
