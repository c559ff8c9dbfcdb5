"""The catalog: its models, and reading a catalog file into them with errors that point to the
line. This package knows files; it knows nothing of questions asked of a catalog or of terminals.
"""
