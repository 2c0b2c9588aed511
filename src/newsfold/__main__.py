"""`python -m newsfold` runs the command-line interface."""

from newsfold.cli import main

main()
