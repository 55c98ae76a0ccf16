"""Where the project's files live, whatever the working directory."""
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_DB = DATA_DIR / "exwatch.db"
DEFAULT_SOURCES = DATA_DIR / "sources.toml"
DEMO_SOURCES = DATA_DIR / "demo" / "sources.toml"
DEMO_DB = DATA_DIR / "demo.db"
