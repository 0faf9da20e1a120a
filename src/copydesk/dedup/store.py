"""Where a :class:`~copydesk.dedup.index.NearDuplicateIndex` keeps what it has seen: SQLite.

One schema serves both stores: ``":memory:"`` (the default, gone with the
process) and a file (persistent). A file database runs in WAL mode, so one
process can write while others read, and every batch is one transaction: a
process killed mid-batch loses that batch and nothing else.

>>> store = Store(":memory:", {"version": 1})
>>> with store.transaction():
...     ids = store.insert([("a", "some key", b"postings", b"")])
>>> ids, len(store), "a" in store, store.names_of([1])
([1], 1, True, {1: 'a'})
>>> [(item, key, blob) for item, key, blob, _ in store.rows_since(0)]
[(1, 'some key', b'postings')]
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["Store"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    postings BLOB NOT NULL,
    anchors BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS matches (a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS matches_b ON matches (b);
"""

#: Parameters per ``IN (...)`` query (SQLite allows 32766 since 3.32).
_CHUNK = 30_000


class Store:
    """An SQLite database of items (name, matching key, LSH postings and anchors as blobs) and matches.

    The postings are stored with their item (one row per text, so writing is
    fast) and looked up in memory (:class:`~copydesk.dedup.postings.Postings`),
    loaded when the index opens and topped up from :meth:`rows_since`.

    ``settings`` are written on creation and checked on every later opening: an
    index built with other key or LSH settings cannot be extended with these.
    ``readonly=True`` opens an existing file for queries only (any number of
    readers may run beside one writer).
    """

    def __init__(self, path: str | os.PathLike[str], settings: Mapping[str, Any], *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        memory = self.path == ":memory:"
        if readonly:
            if memory or not os.path.exists(self.path):
                raise FileNotFoundError(f"no index at {self.path!r} to open read-only")
            uri = "file:" + os.path.abspath(self.path) + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.readonly = readonly
        self.db.execute("PRAGMA busy_timeout = 10000")
        if not memory and not readonly:
            self.db.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a killed process never loses a committed batch (only a power cut can).
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA cache_size = -262144")  # 256 MB
        self.db.execute("PRAGMA temp_store = MEMORY")
        if not readonly:
            self.db.executescript(_SCHEMA)
        stored = self._settings()
        wanted = json.loads(json.dumps(dict(settings)))
        if stored is None:
            if readonly:
                raise ValueError(f"{self.path!r} is not a copydesk index")
            self.db.execute("INSERT INTO meta VALUES ('settings', ?)", (json.dumps(wanted, sort_keys=True),))
        elif stored != wanted:
            changed = sorted(k for k in set(stored) | set(wanted) if stored.get(k) != wanted.get(k))
            raise ValueError(
                f"the index at {self.path!r} was built with other settings ({', '.join(changed)}): "
                f"stored {[stored.get(k) for k in changed]}, asked {[wanted.get(k) for k in changed]}"
            )
        self._depth = 0

    def _settings(self) -> dict[str, Any] | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'settings'").fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else dict(json.loads(row[0]))

    # -- transactions ---------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (nested uses join the outer one); rolled back on error."""
        if self._depth == 0:
            self.db.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.db.execute("COMMIT")

    # -- reads ----------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM items").fetchone()[0])

    def __contains__(self, name: object) -> bool:
        return (
            isinstance(name, str)
            and self.db.execute("SELECT 1 FROM items WHERE name = ?", (name,)).fetchone() is not None
        )

    def existing(self, names: Sequence[str]) -> dict[str, int]:
        """The ids of those ``names`` that are stored."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(names)):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT name, id FROM items WHERE name IN ({marks})", chunk).fetchall())
        return out

    def last_id(self) -> int:
        """The largest id ever given (0 for an empty store)."""
        row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'items'").fetchone()
        return 0 if row is None else int(row[0])

    def rows_since(self, last: int) -> Iterator[tuple[int, str, bytes, bytes]]:
        """``(id, key, postings, anchors)`` of the items with ids above ``last``, in id order."""
        yield from self.db.execute("SELECT id, key, postings, anchors FROM items WHERE id > ? ORDER BY id", (last,))

    def names_of(self, ids: Sequence[int]) -> dict[int, str]:
        """``id -> name`` for those of these ids that are stored."""
        out: dict[int, str] = {}
        for chunk in _chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, name FROM items WHERE id IN ({marks})", chunk).fetchall())
        return out

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open."""
        return self._depth > 0

    def names(self) -> Iterator[str]:
        """Stored names in the order they were added."""
        for (name,) in self.db.execute("SELECT name FROM items ORDER BY id"):
            yield name

    def matches(self) -> Iterator[tuple[str, str, float, str]]:
        """Stored matches as ``(earlier name, later name, score, kind)``, in the order they were found."""
        sql = (
            "SELECT x.name, y.name, m.score, m.kind FROM matches m "
            "JOIN items x ON x.id = m.a JOIN items y ON y.id = m.b ORDER BY m.rowid"
        )
        yield from self.db.execute(sql)

    # -- writes ---------------------------------------------------------------------

    def insert(self, items: Sequence[tuple[str, str, bytes, bytes]]) -> list[int]:
        """Add ``(name, key, postings, anchors)`` items; returns their new ids (never reused)."""
        first = self.last_id() + 1
        self.db.executemany("INSERT INTO items (name, key, postings, anchors) VALUES (?, ?, ?, ?)", items)
        return list(range(first, first + len(items)))

    def add_matches(self, rows: Sequence[tuple[int, int, float, str]]) -> None:
        """Record matches ``(earlier id, later id, score, kind)``."""
        self.db.executemany("INSERT INTO matches (a, b, score, kind) VALUES (?, ?, ?, ?)", rows)

    def remove(self, ids: Sequence[int]) -> None:
        """Forget these items and their matches.

        The matches in which a removed item is the later one are deleted; those in which it is the
        earlier one stay in the table, unseen (:meth:`matches` joins both items, and ids are never
        reused): an index on the earlier ids, whose pages every batch would touch all over, would
        make every commit slower as the file grows.
        """
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for sql in (
                f"DELETE FROM matches WHERE b IN ({marks})",
                f"DELETE FROM items WHERE id IN ({marks})",
            ):
                self.db.execute(sql, chunk)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back)."""
        self.db.close()


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
