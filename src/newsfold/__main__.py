"""`python -m newsfold` runs the command-line interface."""

from newsfold.console import main

main()
