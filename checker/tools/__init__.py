"""Applications of the pipeline (compare, explain): not stages of it."""
