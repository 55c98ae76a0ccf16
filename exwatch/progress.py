"""A one-line progress display for people watching a run in a terminal.

The command line turns it on only when stderr is a terminal and `--quiet` is off, so cron
logs never fill with carriage returns.
"""
from __future__ import annotations

import sys
from typing import TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

COUNTERS = (
    ("pages", "downloader/response_count"),
    ("new", "exwatch/articles/new"),
    ("duplicates", "exwatch/articles/duplicate"),
    ("failed", "exwatch/pages/failed"),
)


class ProgressLine:
    """Both spiders of a run share one line: the counters are summed over open crawlers."""

    _open: list["ProgressLine"] = []

    def __init__(self, stats, interval: float, stream: TextIO):
        self.stats = stats
        self.interval = interval
        self.stream = stream
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("EXWATCH_PROGRESS_ENABLED"):
            raise NotConfigured
        extension = cls(crawler.stats, settings.getfloat("EXWATCH_PROGRESS_INTERVAL", 0.5), sys.stderr)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        crawlers = self._open or [self]
        parts = [f"{label} {sum(c.stats.get_value(key, 0) for c in crawlers)}" for label, key in COUNTERS]
        return "exwatch: " + ", ".join(parts)

    def show(self) -> None:
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()

    def spider_opened(self, spider=None) -> None:
        self._open.append(self)
        if len(self._open) == 1:
            self.loop = task.LoopingCall(self.show)
            self.loop.start(self.interval, now=True)

    def spider_closed(self, spider=None) -> None:
        if self in self._open:
            self._open.remove(self)
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            if self._open:  # the other spider goes on: it takes over the line
                self._open[0].spider_opened_loop()
                return
        if not self._open:
            self.show()
            self.stream.write("\n")
            self.stream.flush()

    def spider_opened_loop(self) -> None:
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=True)
