"""mlroles: explore the roles on a machine-learning team from the command line."""

#: The version of the catalog file format (its top-level `version:`).
FORMAT_VERSION = 1
