"""Regenerate the README's generated sections; tests/test_docs.py fails when they drift.

- settings: from exwatch/options.py, where every setting is documented once;
- schema: from data/datasette/metadata.yml, which describes every table and column
  (tests/test_datasette_metadata.py keeps that complete against the migrated schema).
"""
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from exwatch.options import markdown as settings_markdown  # noqa: E402


def schema_markdown() -> str:
    metadata = yaml.safe_load((ROOT / "data" / "datasette" / "metadata.yml").read_text())
    tables = metadata["databases"]["exwatch"]["tables"]
    parts = []
    for name, table in tables.items():
        if table.get("hidden") or name.startswith("_") or "_fts" in name:
            continue
        parts.append(f"#### `{name}`\n\n{table.get('description', '').strip()}\n")
        parts.append("| column | meaning |\n|---|---|")
        parts += [f"| `{column}` | {text} |" for column, text in table.get("columns", {}).items()]
        parts.append("")
    return "\n".join(parts).strip()


SECTIONS = {"settings": settings_markdown, "schema": schema_markdown}


def sync(text: str) -> str:
    for name, render in SECTIONS.items():
        text = re.sub(
            rf"(<!-- {name}:start[^>]*-->\n).*?(<!-- {name}:end -->)",
            lambda m: m.group(1) + render().strip() + "\n" + m.group(2),
            text,
            flags=re.S,
        )
    return text


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(sync(readme.read_text()))
