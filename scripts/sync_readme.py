"""Regenerate the README's settings section from exwatch/options.py (tests/test_docs.py checks it)."""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from exwatch.options import markdown  # noqa: E402

readme = Path(__file__).resolve().parents[1] / "README.md"
text = readme.read_text()
text = re.sub(
    r"(<!-- settings:start[^>]*-->\n).*?(<!-- settings:end -->)",
    lambda m: m.group(1) + markdown().strip() + "\n" + m.group(2),
    text,
    flags=re.S,
)
readme.write_text(text)
