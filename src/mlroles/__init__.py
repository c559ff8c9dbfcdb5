"""mlroles: explore the roles on a machine-learning team from the command line."""
