"""Solve: records become ASP facts, clingo runs the pack over them, atoms come back."""

# A regency of more than SPLIT_AT (checker.solve.strategies) parts' worth of records is solved in
# parts of about PART_SIZE records each. Here, not in strategies: the pipeline's options name it,
# and a result-cache hit imports no strategy.
PART_SIZE = 100_000
