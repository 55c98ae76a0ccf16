"""A pipeline step that fails on pages whose URL contains "boom", while a marker file exists:
what an unexpected bug in one step looks like to the crawl."""
import os
from pathlib import Path

from exwatch.records import ArticleItem


class FailWhileMarked:
    def __init__(self, marker: str):
        self.marker = Path(marker)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(os.environ["EXWATCH_TEST_FAIL_MARKER"])

    def process_item(self, item):
        if isinstance(item, ArticleItem) and "boom" in item.url and self.marker.exists():
            raise RuntimeError("step broke on purpose")
        return item
