"""Drawing result objects for a terminal, a pipe or a document: one module per kind of result,
holding all of its formats; `registry` picks the format and `env` writes it. This package
knows terminals; it knows nothing of files or arguments.
"""
