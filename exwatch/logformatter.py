"""Log lines about items without dumping the items: an article carries its whole page."""
import logging

from scrapy import logformatter


class ConciseLogFormatter(logformatter.LogFormatter):
    def scraped(self, item, response, spider):
        return {"level": logging.DEBUG, "msg": "Scraped %(what)s from %(src)s",
                "args": {"what": type(item).__name__, "src": getattr(response, "url", response)}}

    def dropped(self, item, exception, response, spider):
        level = getattr(exception, "log_level", None) or logging.WARNING
        if isinstance(level, str):
            level = logging.getLevelName(level.upper())
        return {"level": level, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def item_error(self, item, exception, response, spider):
        return {"level": logging.ERROR, "msg": "Error processing %(what)s from %(src)s",
                "args": {"what": type(item).__name__, "src": getattr(response, "url", response)}}
