"""The README documents every setting, environment variable, command and table."""
import importlib.util
import re
from pathlib import Path

import scrapy.settings

from exwatch import options
from exwatch.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_generated_sections_are_current():
    spec = importlib.util.spec_from_file_location("sync_readme", README.parent / "scripts" / "sync_readme.py")
    sync_readme = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sync_readme)
    text = README.read_text()
    for name in sync_readme.SECTIONS:
        assert f"<!-- {name}:start" in text and f"<!-- {name}:end -->" in text, f"README lost its {name} markers"
    assert sync_readme.sync(text) == text, "run: python scripts/sync_readme.py"


def test_every_exwatch_setting_in_the_scrapy_settings_is_documented():
    settings = scrapy.settings.Settings()
    settings.setmodule("exwatch.settings")
    in_code = {name for name, _ in settings.items() if name.startswith("EXWATCH_")}
    documented = {s.name for s in options.SETTINGS}
    assert in_code == documented


def test_every_environment_variable_the_code_reads_is_documented():
    root = README.parent
    read = set()
    for path in [*root.glob("exwatch/**/*.py"), *root.glob("alerts/**/*.py"), *root.glob("pipelines/*.py")]:
        read |= set(re.findall(r"""envvar=["'](EXWATCH_\w+)["']""", path.read_text()))
        read |= set(re.findall(r"""environ(?:\.get)?\(?\[?["'](EXWATCH_\w+)["']""", path.read_text()))
        read |= set(re.findall(r"""_ENV = ["'](EXWATCH_\w+)["']""", path.read_text()))
    assert read, "the scan found no environment variables at all"
    assert read <= {s.name for s in options.ENVIRONMENT}


def test_every_command_is_in_the_readme():
    text = README.read_text()
    missing = [name for name in cli.commands if f"exwatch {name}" not in text]
    assert not missing
