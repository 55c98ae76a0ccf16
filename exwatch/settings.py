"""Scrapy settings for Extradition Watch.

Every `EXWATCH_*` setting is documented once, in `exwatch.options` (shown by `exwatch
settings`, listed in the README, checked by `tests/test_docs.py`).
"""
from exwatch.options import defaults as _exwatch_defaults
from exwatch.options import user_agent as _user_agent

BOT_NAME = "exwatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Politeness
ROBOTSTXT_OBEY = True
USER_AGENT = _user_agent(_exwatch_defaults()["EXWATCH_CONTACT_URL"])  # rebuilt per run from EXWATCH_CONTACT_URL
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by ±50%
DOWNLOAD_SLOTS = {"exwatch-local-files": {"concurrency": 8, "delay": 0, "jitter": 0}}
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Safety
# Bounds the body and, through HttpCompressionMiddleware, the decompressed body (gzip bombs).
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False  # feeds are revalidated with conditional GET instead
COOKIES_ENABLED = False  # news pages need none; no cookie can leak across redirects
DOWNLOAD_VERIFY_CERTIFICATES = True  # https sources must present a valid certificate
REDIRECT_MAX_TIMES = 5
METAREFRESH_ENABLED = False

# Components
SPIDER_MIDDLEWARES = {
    "exwatch.middlewares.SkipStoredArticles": 950,
}
DOWNLOADER_MIDDLEWARES = {
    # Replaces Scrapy's retry middleware with one that waits between attempts.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "exwatch.middlewares.BackoffRetryMiddleware": 550,
    "exwatch.middlewares.ConditionalFeedRequests": 580,
}
EXTENSIONS = {
    "exwatch.progress.ProgressLine": 500,
    "exwatch.item_errors.ItemErrorRecorder": 510,
}
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.dedup.DedupPipeline": 200,
    "pipelines.language.LanguagePipeline": 300,
    "pipelines.store.StorePipeline": 400,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = True
LOG_FORMATTER = "exwatch.logformatter.ConciseLogFormatter"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DATEFORMAT = "%Y-%m-%dT%H:%M:%S"
STATS_DUMP = False
LOGSTATS_INTERVAL = 0
FEED_EXPORT_ENCODING = "utf-8"

# Items of one response processed in parallel: the extract step waits on worker processes,
# so more than Scrapy's default keeps both cores busy.
CONCURRENT_ITEMS = 10

# Extradition Watch: every EXWATCH_* default and its documentation live in exwatch.options.
globals().update(_exwatch_defaults())
