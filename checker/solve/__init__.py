"""Solve: records become ASP facts, clingo runs the pack over them, atoms come back."""
