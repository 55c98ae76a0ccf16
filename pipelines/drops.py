"""Why an item leaves the pipeline early: one `DropItem` subclass per reason, so Scrapy
counts them apart (`item_dropped_reasons_count/<class>`)."""
from scrapy.exceptions import DropItem


class NotAnArticle(DropItem):
    """Index pages, near-empty text, consent or block pages, binary garbage."""


class DuplicateArticle(DropItem):
    """The page is already stored under another URL, or its text is."""


class ExtractionFailed(DropItem):
    """The extractor crashed on this page; it is not marked known and is tried again next run."""
