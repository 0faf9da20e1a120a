"""The Scrapy pipeline and add-on: item types, settings, and real crawls of a local site in a subprocess."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

scrapy = pytest.importorskip("scrapy")

import copydesk  # noqa: E402
from copydesk.integrations.scrapy import CopydeskAddon, CopydeskPipeline  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# -- the pipeline on its own ---------------------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        self.values[key] = self.values.get(key, start) + count


class Article(scrapy.Item):  # type: ignore[misc]
    text = scrapy.Field()
    explained = scrapy.Field()


@dataclasses.dataclass
class Page:
    text: str
    meta: dict[str, Any]


MESSY = "Caf\u00c3\u00a9 in M\u00c3\u00bcnchen\u00a0opens.\u200b\n\n\n\nThe owner said  yes."


def test_items_of_any_type() -> None:
    stats = Stats()
    pipe = CopydeskPipeline(["text"], explain_field="explained", stats=stats)
    for item in ({"text": MESSY}, Article(text=MESSY), Page(MESSY, {})):
        if isinstance(item, Page):
            pipe.explain_field = None
        out = pipe.process_item(item)  # new Scrapy: no spider argument
        assert out is item
        text = item.text if isinstance(item, Page) else item["text"]
        assert text == copydesk.clean(MESSY) == "Café in München opens.\n\nThe owner said yes."
    assert stats.values["copydesk/items"] == 3 and stats.values["copydesk/fields"] == 3
    assert Article(text=MESSY)["text"] == MESSY
    pipe.explain_field = "explained"
    explained = pipe.process_item(Article(text=MESSY), object())["explained"]  # old Scrapy: a spider argument
    assert [r["step"] for r in explained["records"]][:1] == ["fix_encoding"]


def test_nested_list_missing_and_bad_fields() -> None:
    stats = Stats()
    pipe = CopydeskPipeline(["article.body", "paragraphs", "other"], stats=stats)
    item = {"article": {"body": "a\u00a0b"}, "paragraphs": ["One\u200b.", "  ", "Two."], "other": 42}
    pipe.process_item(item)
    assert item == {"article": {"body": "a b"}, "paragraphs": ["One.", "Two."], "other": 42}
    assert stats.values["copydesk/errors/not_text"] == 1
    pipe.process_item({"paragraphs": []})
    assert stats.values["copydesk/missing_field"] == 2  # article.body and other; an empty list is text


def test_explain_field_undeclared_on_item_class_is_a_clear_error() -> None:
    class Bare(scrapy.Item):  # type: ignore[misc]
        text = scrapy.Field()

    pipe = CopydeskPipeline(["text"], explain_field="copydesk")
    with pytest.raises(scrapy.exceptions.DropItem, match="declare the field"):
        pipe.process_item(Bare(text="x"))


def test_settings_and_addon() -> None:
    from scrapy.settings import Settings
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(
        settings_dict={
            "COPYDESK_FIELDS": "body,title",
            "COPYDESK_THRESHOLD": "0.8",
            "COPYDESK_DROP_DUPLICATES": "true",
            "COPYDESK_EXPLAIN_FIELD": "why",
        }
    )
    pipe = CopydeskPipeline.from_crawler(crawler)
    assert (pipe.fields, pipe.threshold, pipe.drop_duplicates, pipe.explain_field) == (
        ("body", "title"),
        0.8,
        True,
        "why",
    )
    settings = Settings()
    CopydeskAddon().update_settings(settings)
    CopydeskAddon().update_settings(settings)  # twice: still one entry
    assert list(settings.getdict("ITEM_PIPELINES")) == [CopydeskPipeline]
    assert settings.getdict("ITEM_PIPELINES")[CopydeskPipeline] == 400
    with pytest.raises(ValueError, match="THRESHOLD"):
        CopydeskPipeline(threshold=0)
        CopydeskPipeline(threshold=1.5)


def test_profile_and_containment_settings(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    stories = [
        "The ferry ran late again on Monday morning, and commuters waited for an hour at the pier in the rain.",
        "A new bakery opened near the old harbour, selling bread from an oven that the owner built himself.",
        "The council approved a budget for the library, which will stay open on Sundays from March onwards.",
    ]
    pages = [f"Weekend Desk Picks\n{story}\nMore from the Courier" for story in stories]
    profile = tmp_path / "site.json"
    copydesk.SiteProfile.learn(pages).save(profile)
    crawler = get_crawler(settings_dict={"COPYDESK_PROFILE": str(profile), "COPYDESK_CONTAINMENT": True})
    pipe = CopydeskPipeline.from_crawler(crawler)
    pipe.open_spider()
    try:
        assert pipe.index is not None and pipe.index.guard is not None  # containment is on
        item = pipe.process_item({"url": "https://example.org/1", "text": pages[0]})
        assert item["text"] == stories[0]
        records = pipe.pipeline(copydesk.Document.from_text(pages[1])).records
        assert [r.rule for r in records if r.action == "remove"] == ["boilerplate.profile"] * 2
    finally:
        pipe.close_spider()
    assert pipe.index is None


# -- real crawls ------------------------------------------------------------------------------

SHARED = (
    "The regional water commission will publish its audit of the desalination contracts "
    "in March, a spokesperson confirmed on Friday."
)

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<nav><ul><li>Home</li><li>World</li><li>Sign up for our newsletter</li></ul></nav>
<article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
<figure><figcaption>{caption}</figcaption></figure>
<p>{caption}</p>
{paragraphs}
<p>Share this article</p>
<p>Read the full article.</p>
</article>
<footer><p>\u00a9 2026 The Coastal Courier. All rights reserved.</p></footer>
</body></html>
"""

PAGES = {
    "a.html": dict(
        title="A Floating Water Plant Tests a Thirsty Coast",
        author="Marisol Ortega Vance",
        caption="The barge arrives at the harbour of Puerto Pe\u00f1asco. (Photo: Luis Ferrer)",
        paragraphs=[
            "The barge, a converted grain carrier, dropped anchor on Tuesday after a three-week tow from Guaymas.",
            "Local officials have spent a decade looking for a fix as wells along the coast turned brackish.",
            SHARED,
        ],
    ),
    "b.html": dict(
        title="Fishermen Ask for Brine Monitoring",
        author="Tom\u00e1s Rivera",
        caption="Boats in the estuary near the plant's outflow. (Photo: Ana Lima)",
        paragraphs=[
            "Fishermen who work the shallows near the estuary have asked for independent monitoring of the brine.",
            "Caf\u00c3\u00a9 owners on the waterfront\u00a0say the tourist season depends on reliable water.",
            SHARED,
        ],
    ),
    "c.html": dict(
        title="Die Entsalzungsanlage im Hafen",
        author="Jana Becker",
        caption="Die Anlage im Hafen am Dienstag. (Foto: Jonas Weber)",
        paragraphs=[
            "Die Betreiber sagen, die Anlage k\u00f6nne rund ein F\u00fcnftel des t\u00e4glichen Bedarfs decken.",
            "Kritiker f\u00fcrchten die Sole, die in die Bucht zur\u00fcckgeleitet wird.",
        ],
    ),
    "e.html": dict(  # page c syndicated under another address
        title="Die Entsalzungsanlage im Hafen",
        author="Jana Becker",
        caption="Die Anlage im Hafen. (Foto: Jonas Weber)",
        paragraphs=[
            "Die Betreiber sagen, die Anlage k\u00f6nne rund ein F\u00fcnftel des t\u00e4glichen Bedarfs decken.",
            "Kritiker f\u00fcrchten die Sole, die in die Bucht zur\u00fcckgeleitet wird.",
        ],
    ),
    "d.html": dict(
        title="Commission Promises Sensors by Autumn",
        author="Marisol Ortega Vance",
        caption="A sensor buoy is tested in the bay. (Photo: Luis Ferrer)",
        paragraphs=[
            "The commission says sensors will be in place by autumn and their readings published every week.",
            SHARED,
        ],
    ),
}

SPIDER = """
import scrapy


class Pages(scrapy.Spider):
    name = "pages"
    custom_settings = {
        "ADDONS": {"copydesk.integrations.scrapy.CopydeskAddon": 0},
        "ROBOTSTXT_OBEY": False,
        "RETRY_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 1,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
    }

    def __init__(self, urls="", **kwargs):
        super().__init__(**kwargs)
        self.urls = urls.split(",")

    def start_requests(self):  # Scrapy before 2.13
        for number, url in enumerate(self.urls):
            yield scrapy.Request(url, priority=-number)

    async def start(self):
        for request in self.start_requests():
            yield request

    def parse(self, response):
        lines = [t.strip() for t in response.xpath("//body//text()").getall() if t.strip()]
        yield {"url": response.url, "text": "\\n".join(lines)}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    for name, page in PAGES.items():
        paragraphs = "\n".join(f"<p>{p}</p>" for p in page["paragraphs"])  # type: ignore[union-attr]
        html = PAGE.format(title=page["title"], author=page["author"], caption=page["caption"], paragraphs=paragraphs)
        (root / name).write_text(html, encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def crawl(tmp_path: Path, base: str, pages: list[str], *settings: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    spider = tmp_path / "pages_spider.py"
    spider.write_text(SPIDER, encoding="utf-8")
    out = tmp_path / "items.jsonl"
    command = [sys.executable, "-m", "scrapy", "runspider", str(spider), "-O", f"{out}:jsonlines"]
    command += ["-a", "urls=" + ",".join(f"{base}/{p}" for p in pages)]
    for setting in settings:
        command += ["-s", setting]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = {k: int(v) for k, v in re.findall(r"'(copydesk/[^']+)': (\d+)", result.stderr)}
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    items.sort(key=lambda item: pages.index(item["url"].rsplit("/", 1)[1]))
    return items, stats


BOILERPLATE = ["Home", "Sign up for our newsletter", "Share this article", "Read the full article.", "rights reserved"]


def test_crawls_clean_items_and_catch_repeats_through_the_store(site: str, tmp_path: Path) -> None:
    store = tmp_path / "seen.sqlite"
    settings = [f"COPYDESK_STORE={store}", "COPYDESK_EXPLAIN_FIELD=copydesk"]
    items, stats = crawl(tmp_path, site, ["a.html", "b.html", "c.html"], *settings)

    assert len(items) == 3 and stats["copydesk/items"] == 3
    for item, name in zip(items, ["a.html", "b.html", "c.html"], strict=True):
        page = PAGES[name]
        text = item["text"]
        assert page["caption"] not in text  # the duplicated caption
        assert item["copydesk"]["captions"] == [page["caption"]]
        assert page["title"] not in text and f"By {page['author']}" not in text
        assert item["copydesk"]["title"] == page["title"]
        assert not [line for line in BOILERPLATE if line in text]
        first = page["paragraphs"][0]  # type: ignore[index]
        assert first in text
    assert "Café owners on the waterfront say" in items[1]["text"]  # mojibake and NBSP repaired
    # The paragraph repeated across pages stays in the first page only.
    assert [SHARED in item["text"] for item in items] == [True, False, False]
    removal = [r for r in items[1]["copydesk"]["records"] if r["step"] == "dedup"]
    assert len(removal) == 1 and removal[0]["before"] == SHARED and "a.html#" in removal[0]["reason"]
    assert stats["copydesk/removed/duplicate"] == 1 and stats["copydesk/removed/caption"] == 6
    assert store.exists()

    # A second crawl, same store: a new page repeating the paragraph, and a syndicated copy of page c.
    items, stats = crawl(tmp_path, site, ["d.html", "e.html"], *settings, "COPYDESK_DROP_DUPLICATES=True")
    assert [item["url"].rsplit("/", 1)[1] for item in items] == ["d.html"]
    assert SHARED not in items[0]["text"]
    assert PAGES["d.html"]["paragraphs"][0] in items[0]["text"]  # type: ignore[index]
    assert stats["copydesk/dropped_duplicates"] == 1 and stats["copydesk/removed/duplicate"] == 3
