"""`python -m mlroles` runs the command line."""

from mlroles.cli import main

if __name__ == "__main__":
    main()
