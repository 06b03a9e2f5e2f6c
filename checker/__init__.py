"""sistemkerja: a compliance checker for Indonesian regency regulations on civil-servant work systems."""

# the one place the version is written (pyproject.toml reads it): a warm check starts without
# importlib.metadata, which costs 10 ms of a 0.2 s run
__version__ = "0.1.0"
