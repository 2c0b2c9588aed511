"""Evaluation: B-cubed for event grouping, ROUGE for summaries, on data a user points at."""
