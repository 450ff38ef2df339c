# `guichet schema --write` and the schema copy a config repository keeps for editors.

schema-opt-write = write the schema to PATH instead of printing it (default: schemas/server.schema.json), for editors' completion
# $path: e.g. schemas/server.schema.json
schema-written = Wrote { $path } (editors complete and check server files from it).
schema-up-to-date = { $path } is up to date.
schema-stale = { $path } is not this Guichet's schema (written by another version?): run guichet schema --write to update it.
