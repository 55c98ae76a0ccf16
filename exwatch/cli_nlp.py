"""`exwatch extract` and `exwatch eval`: the NLP stage on its own."""
from exwatch.cli import cli  # noqa: F401
