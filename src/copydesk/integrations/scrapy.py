"""Scrapy: an item pipeline that cleans text fields of scraped items, and an add-on that enables it.

Enable it with the add-on (Scrapy 2.10 and later)::

    ADDONS = {"copydesk.integrations.scrapy.CopydeskAddon": 0}

or as a pipeline (any Scrapy)::

    ITEM_PIPELINES = {"copydesk.integrations.scrapy.CopydeskPipeline": 400}

Settings:

``COPYDESK_FIELDS``
    the item fields to clean (default ``["text"]``); a dotted path reaches
    into a dict field (``article.body``). A field that holds a list of strings
    (paragraphs, as ``getall()`` gives them) is cleaned as one text and becomes
    the list of kept paragraphs.
``COPYDESK_STORE``
    path of the SQLite index of paragraphs already seen; it persists, so a
    later crawl catches paragraphs seen by an earlier one. Without it the
    index lives in memory for one crawl.
``COPYDESK_THRESHOLD``
    similarity from which a paragraph counts as seen (default 0.9).
``COPYDESK_CONTAINMENT``
    also count a paragraph as seen when it is contained in a longer one (default ``False``).
``COPYDESK_PROFILE``
    path of a site profile (``copydesk profile learn``) for the boilerplate step.
``COPYDESK_DROP_DUPLICATES``
    drop an item (``DropItem``) when every paragraph of its body was seen
    before (default ``False``: it is kept, with what is left of its body).
``COPYDESK_EXPLAIN_FIELD``
    if set, the item field that receives the explanation (title, authors,
    captions, every removal with its span, rule and reason). An ``Item``
    subclass must declare it.
``COPYDESK_PIPELINE_PRIORITY``
    the add-on's place in ``ITEM_PIPELINES`` (default 400).

Stats, under ``copydesk/``: ``items``, ``fields``, ``removed_lines``,
``removed/<kind>`` (``caption``, ``boilerplate``, ``duplicate``, ...),
``dropped_duplicates``, ``missing_field``, ``errors/<reason>``.

Items of any kind (dicts, ``scrapy.Item``, dataclasses, attrs classes) go
through itemadapter. ``process_item(item, spider=None)`` works with Scrapy
versions that pass the spider and with those that do not.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from copydesk.dedup import NearDuplicateIndex
from copydesk.document import Document
from copydesk.pipeline import Pipeline, default_pipeline
from copydesk.records import FieldError, explanation, get_path, set_path

__all__ = ["CopydeskAddon", "CopydeskPipeline"]

logger = logging.getLogger(__name__)

PREFIX = "copydesk/"


class _NoStats:
    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        pass


class CopydeskPipeline:
    """Cleans ``fields`` of every item with a copydesk pipeline; see the module's documentation for settings.

    Until :meth:`open_spider` opens the seen-paragraph index, only the cleaning steps run:

    >>> pipe = CopydeskPipeline(fields=["text"])
    >>> pipe.process_item({"text": "Caf\\u00c3\\u00a9\\u00a0au lait, said the owner of the corner shop."})
    {'text': 'Café au lait, said the owner of the corner shop.'}
    """

    def __init__(
        self,
        fields: Sequence[str] = ("text",),
        *,
        store: str | None = None,
        threshold: float = 0.9,
        containment: bool = False,
        profile: str | None = None,
        drop_duplicates: bool = False,
        explain_field: str | None = None,
        pipeline: Pipeline | None = None,
        stats: Any = None,
    ) -> None:
        if not fields:
            raise ValueError("COPYDESK_FIELDS names no field")
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"COPYDESK_THRESHOLD must be in (0, 1], got {threshold}")
        self.fields = tuple(fields)
        self.store = store
        self.threshold = threshold
        self.containment = containment
        self.profile = profile
        self.drop_duplicates = drop_duplicates
        self.explain_field = explain_field or None
        self.stats = stats if stats is not None else _NoStats()
        self._given_pipeline = pipeline
        self.pipeline: Pipeline = pipeline if pipeline is not None else default_pipeline()
        self.index: NearDuplicateIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CopydeskPipeline:
        """Build the pipeline from the crawler's settings and give it the crawler's stats."""
        try:
            import numpy  # noqa: F401  (the seen-paragraph index needs it)
        except ImportError as error:
            raise NotConfigured("copydesk's Scrapy pipeline needs numpy: pip install 'copydesk[scrapy]'") from error
        settings = crawler.settings
        return cls(
            settings.getlist("COPYDESK_FIELDS", ["text"]),
            store=settings.get("COPYDESK_STORE") or None,
            threshold=settings.getfloat("COPYDESK_THRESHOLD", 0.9),
            containment=settings.getbool("COPYDESK_CONTAINMENT", False),
            profile=settings.get("COPYDESK_PROFILE") or None,
            drop_duplicates=settings.getbool("COPYDESK_DROP_DUPLICATES", False),
            explain_field=settings.get("COPYDESK_EXPLAIN_FIELD") or None,
            stats=crawler.stats,
        )

    # -- spider life cycle ------------------------------------------------------------

    def open_spider(self, spider: Any = None) -> None:
        """Open the seen-paragraph index (``COPYDESK_STORE``, or one in memory) and add the dedup step.

        A pipeline given to the constructor is used as it is.
        """
        if self._given_pipeline is not None:
            return
        from copydesk import steps

        cleaning = default_pipeline()
        if self.profile is not None:
            cleaning = cleaning.replace("boilerplate", steps.boilerplate(profile=self.profile))
        self.index = NearDuplicateIndex(self.store, threshold=self.threshold, containment=self.containment)
        dedup = steps.dedup(self.index, threshold=self.threshold, containment=self.containment)
        self.pipeline = cleaning + [dedup]

    def close_spider(self, spider: Any = None) -> None:
        """Close the seen-paragraph index, so everything seen is on disk for the next crawl."""
        if self.index is not None:
            self.index.close()
            self.index = None

    # -- items --------------------------------------------------------------------------

    def _inc(self, key: str, count: int = 1) -> None:
        self.stats.inc_value(PREFIX + key, count)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the configured fields of ``item`` and return it (or raise ``DropItem`` for a duplicate)."""
        adapter = ItemAdapter(item)
        self._inc("items")
        docs: dict[str, Document] = {}
        url = adapter.get("url") if "url" in adapter else None
        for path in self.fields:
            ident = None if not isinstance(url, str) else (url if len(self.fields) == 1 else f"{url} {path}")
            doc = self._clean_field(adapter, path, ident)
            if doc is not None:
                docs[path] = doc
        if self.explain_field and docs:
            explained = (
                explanation(next(iter(docs.values())))
                if len(self.fields) == 1
                else {path: explanation(doc) for path, doc in docs.items()}
            )
            try:
                adapter[self.explain_field] = explained
            except KeyError as error:
                self._inc("errors/explain_field")
                raise DropItem(
                    f"copydesk: cannot write COPYDESK_EXPLAIN_FIELD {self.explain_field!r} on "
                    f"{type(item).__name__}: declare the field on the item class ({error})"
                ) from error
        if self.drop_duplicates and docs and all(_all_seen(doc) for doc in docs.values()):
            self._inc("dropped_duplicates")
            raise DropItem(f"copydesk: every paragraph of {', '.join(docs)} was seen before")
        return item

    def _clean_field(self, adapter: ItemAdapter, path: str, ident: str | None) -> Document | None:
        head, _, rest = path.partition(".")
        if head not in adapter or adapter.get(head) is None:
            self._inc("missing_field")
            return None
        try:
            value = get_path(adapter[head], rest) if rest else adapter[head]
        except FieldError:
            self._inc("missing_field")
            return None
        if isinstance(value, str):
            text, as_list = value, False
        elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            text, as_list = "\n".join(value), True
        else:
            self._inc("errors/not_text")
            logger.warning("copydesk: field %r is %s, not text; left as it is", path, type(value).__name__)
            return None
        # The document id names its paragraphs in the index: the item's URL, else a hash of the text.
        doc = self.pipeline(Document.from_text(text).with_fields(meta={"id": ident} if ident else {}))
        cleaned: str | list[str] = [s.text for s in doc.kept] if as_list else doc.body
        if rest:
            set_path(adapter[head], rest, cleaned)
        else:
            adapter[head] = cleaned
        self._inc("fields")
        removed = doc.removed
        if removed:
            self._inc("removed_lines", len(removed))
            for seg in removed:
                self._inc(f"removed/{seg.kind}")
        return doc


def _all_seen(doc: Document) -> bool:
    """Nothing left in the body, and at least one paragraph removed as a duplicate."""
    return not doc.kept and any(seg.kind == "duplicate" for seg in doc.segments)


class CopydeskAddon:
    """The Scrapy add-on: puts :class:`CopydeskPipeline` into ``ITEM_PIPELINES``.

    ``ADDONS = {"copydesk.integrations.scrapy.CopydeskAddon": 0}``, then the
    ``COPYDESK_*`` settings configure it.
    """

    def update_settings(self, settings: Any) -> None:
        """Enable the pipeline at ``COPYDESK_PIPELINE_PRIORITY`` (400) unless it is already enabled."""
        priority = settings.getint("COPYDESK_PIPELINE_PRIORITY", 400)
        if hasattr(settings, "setdefault_in_component_priority_dict"):
            settings.setdefault_in_component_priority_dict("ITEM_PIPELINES", CopydeskPipeline, priority)
        else:  # Scrapy 2.10
            pipelines = settings.getdict("ITEM_PIPELINES")
            path = f"{CopydeskPipeline.__module__}.{CopydeskPipeline.__qualname__}"
            if CopydeskPipeline not in pipelines and path not in pipelines:
                pipelines[CopydeskPipeline] = priority
                settings.set("ITEM_PIPELINES", pipelines, settings.getpriority("ITEM_PIPELINES") or 0)
