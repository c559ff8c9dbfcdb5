"""The `mlroles` command line: arguments in, one question to the core, one renderer out.

`entry` is the console script and holds the whole app: `app` (the Typer app, its shared options
and the root callback), then one module per family of commands registering onto it, the error
`boundary`, and shell `completion`.
"""
