"""`python -m mlroles` runs the command line."""

from mlroles.cli.script import run

if __name__ == "__main__":
    run()
