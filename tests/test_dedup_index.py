"""NearDuplicateIndex: incremental adds and queries, in memory and in SQLite, crashes included."""

import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import copydesk
from copydesk import NearDuplicateIndex
from copydesk.dedup import Hit, LSHOptions, find_near_duplicates

PARAGRAPHS = [
    "The central bank kept its key rate unchanged on Monday, López said.",
    "Die Zentralbank ließ den Leitzins am Montag unverändert, sagte Müller.",
    "La banque centrale a maintenu son taux directeur inchangé lundi, a déclaré Lefèvre.",
    "Oil output averaged 1.2 million barrels per day in March, up from February levels.",
    "Grain shipments from the port were delayed by a strike of dock workers that lasted nine days.",
]


def test_add_returns_hits_against_earlier_texts():
    index = NearDuplicateIndex()
    assert [index.add(f"p{i}", text) for i, text in enumerate(PARAGRAPHS)] == [[]] * 5
    hits = index.add("copy", "THE CENTRAL BANK KEPT ITS KEY RATE UNCHNAGED ON MONDAY, LOPEZ SAID")
    assert [h.key for h in hits] == ["p0"] and hits[0].kind == "near" and 0.9 <= hits[0].score < 1
    assert index.add("same", "the central bank kept its key rate unchanged on monday lopez said") == [
        Hit("p0", 1.0, "exact"),
        Hit("copy", hits[0].score, "near"),
    ]
    assert len(index) == 7 and "copy" in index and "nope" not in index and 3 not in index
    assert list(index)[:2] == ["p0", "p1"]
    assert [c.members for c in index.clusters()] == [("p0", "copy", "same")]


def test_query_does_not_add():
    index = NearDuplicateIndex()
    index.add_many([(f"p{i}", t) for i, t in enumerate(PARAGRAPHS)])
    assert index.query("Oil output averaged 1.2 mln barrels per day in March, up from February levels.")[0].key == "p3"
    assert index.query("Something else entirely, about football.") == []
    assert len(index) == 5
    assert [len(h) for h in index.query_many(PARAGRAPHS[:2] + ["x y z"])] == [1, 1, 0]


def test_add_many_matches_within_the_batch_like_the_batch_function():
    texts = PARAGRAPHS + [p.upper() for p in PARAGRAPHS] + [p.replace("a", "e", 1) for p in PARAGRAPHS]
    index = NearDuplicateIndex()
    results = index.add_many((str(i), t) for i, t in enumerate(texts))
    from_index = {(int(h.key), j, h.score, h.kind) for j, hits in enumerate(results) for h in hits}
    assert from_index == set(find_near_duplicates(texts))


def test_key_added_twice_raises_unless_replace():
    index = NearDuplicateIndex()
    index.add("a", PARAGRAPHS[0])
    index.add("b", PARAGRAPHS[0])
    with pytest.raises(ValueError, match="'a' is already in the index; pass replace=True"):
        index.add("a", PARAGRAPHS[1])
    with pytest.raises(ValueError, match="appears twice in one batch"):
        index.add_many([("c", "x"), ("c", "y")])
    assert len(index) == 2
    index.add("a", PARAGRAPHS[3], replace=True)
    assert len(index) == 2
    assert index.query(PARAGRAPHS[3]) == [Hit("a", 1.0, "exact")]
    assert index.query(PARAGRAPHS[0]) == [Hit("b", 1.0, "exact")]
    assert index.clusters() == [] and list(index.matches()) == []  # "a" was the earlier one of a match
    index.add("c", PARAGRAPHS[0].upper())
    index.add("c", PARAGRAPHS[4], replace=True)  # the later one of a match
    assert list(index.matches()) == []


def test_bad_input_and_skipped_texts():
    index = NearDuplicateIndex()
    with pytest.raises(TypeError, match="text of item 1 is NoneType"):
        index.add_many([("a", "x"), ("b", None)])
    with pytest.raises(TypeError, match="key of item 0 is int"):
        index.add_many([(1, "x")])
    with pytest.raises(TypeError, match="item 0 is str"):
        index.add_many(["just a text"])
    with pytest.raises(TypeError, match="item 0 is bytes"):
        index.query_many([b"x"])
    assert len(index) == 0
    hits = index.add("blank", "  \n ")
    assert hits == [] and hits.skipped and "blank" not in index
    assert not index.add("real", "Real text.").skipped
    with pytest.raises(TypeError, match="KeyOptions"):
        NearDuplicateIndex(key=str.lower)  # type: ignore[arg-type]


def test_containment_index_finds_truncated_copies():
    index = NearDuplicateIndex(containment=True)
    index.add("full", PARAGRAPHS[4] + " Talks resume on Friday, the union said.")
    assert index.query(PARAGRAPHS[4]) == [Hit("full", 1.0, "contained")]
    assert NearDuplicateIndex().query(PARAGRAPHS[4]) == []


def test_batch_block_is_one_transaction(tmp_path):
    index = NearDuplicateIndex(tmp_path / "seen.sqlite")
    with index.batch():
        index.add("a", PARAGRAPHS[0])
        assert index.add("b", PARAGRAPHS[0].upper()) == [Hit("a", 1.0, "exact")]
    with pytest.raises(RuntimeError), index.batch():
        index.add("c", PARAGRAPHS[1])
        raise RuntimeError("the scraper fell over")
    assert list(index) == ["a", "b"]
    # the rolled-back text is not found either, even by this process
    assert index.query(PARAGRAPHS[1]) == []


def test_persistent_index_survives_reopen(tmp_path):
    path = tmp_path / "seen.sqlite"
    with NearDuplicateIndex(path) as index:
        index.add_many([(f"p{i}", t) for i, t in enumerate(PARAGRAPHS)])
        index.add("copy", PARAGRAPHS[1].upper())
    with NearDuplicateIndex(str(path)) as again:
        assert len(again) == 6 and list(again)[-1] == "copy"
        assert again.query(PARAGRAPHS[2])[0] == Hit("p2", 1.0, "exact")
        assert again.add("later", PARAGRAPHS[3] + "!")[0].key == "p3"
        assert [c.members for c in again.clusters()] == [("p1", "copy"), ("p3", "later")]
    with pytest.raises(ValueError, match="other settings"):
        NearDuplicateIndex(path, lsh=LSHOptions(bands=24))
    with pytest.raises(ValueError, match="other settings"):
        NearDuplicateIndex(path, containment=True)
    with NearDuplicateIndex(path, threshold=0.95) as stricter:  # the threshold may change
        assert len(stricter) == 7


def test_reader_sees_committed_batches_only(tmp_path):
    path = tmp_path / "seen.sqlite"
    writer = NearDuplicateIndex(path)
    writer.add("a", PARAGRAPHS[0])
    reader = NearDuplicateIndex(path, readonly=True)
    assert reader.query(PARAGRAPHS[0]) == [Hit("a", 1.0, "exact")]
    with writer.batch():
        writer.add("b", PARAGRAPHS[1])
        assert reader.query(PARAGRAPHS[1]) == []  # not committed yet
        assert len(reader) == 1
    assert reader.query(PARAGRAPHS[1]) == [Hit("b", 1.0, "exact")]
    writer.add("a", PARAGRAPHS[3], replace=True)  # the reader cached the old "a": it must not report it
    assert reader.query(PARAGRAPHS[0]) == []
    assert reader.query(PARAGRAPHS[3]) == [Hit("a", 1.0, "exact")]
    with pytest.raises(Exception, match="readonly"):
        reader.add("c", PARAGRAPHS[2])
    with pytest.raises(FileNotFoundError):
        NearDuplicateIndex(tmp_path / "missing.sqlite", readonly=True)


_WRITER = textwrap.dedent(
    """
    import sys, time
    from copydesk import NearDuplicateIndex
    index = NearDuplicateIndex(sys.argv[1])
    for batch in range(100):
        with index.batch():
            for n in range(50):
                index.add(f"b{batch}-{n}", f"Paragraph {n} of batch {batch}: the council met and voted {n * batch}.")
                if batch == 3 and n == 25:
                    print("inside batch 3", flush=True)
                    time.sleep(60)
        print(f"committed {batch}", flush=True)
    """
)


def test_killed_writer_loses_only_the_open_batch(tmp_path):
    path = tmp_path / "seen.sqlite"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    watchdog = threading.Timer(60, child.kill)  # reading its lines has no timeout of its own
    watchdog.start()
    lines = []
    try:
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith("inside"):
                break
    finally:
        watchdog.cancel()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert lines == ["committed 0", "committed 1", "committed 2", "inside batch 3"]
    with NearDuplicateIndex(path) as index:
        assert len(index) == 150
        assert set(index) == {f"b{b}-{n}" for b in range(3) for n in range(50)}
        assert index.query("Paragraph 7 of batch 2: the council met and voted 14.")[0].key == "b2-7"
        index.add("after", "The file is still usable after the crash.")
        assert len(index) == 151


def test_public_api():
    assert copydesk.NearDuplicateIndex is NearDuplicateIndex


def test_files_with_the_earlier_8_byte_band_hashes_still_open(tmp_path):
    import sqlite3

    import numpy as np

    path = tmp_path / "seen.sqlite"
    with NearDuplicateIndex(path) as index:
        index.add_many([(f"p{i}", t) for i, t in enumerate(PARAGRAPHS)])
        index.add("copy", PARAGRAPHS[1].upper())
        expected = index.query_many(PARAGRAPHS)
    db = sqlite3.connect(path)
    bands = LSHOptions().bands
    for item, blob in db.execute("SELECT id, postings FROM items WHERE id <= 3").fetchall():
        hashes = np.frombuffer(blob, dtype=np.uint32).astype(np.int64) | (np.arange(bands, dtype=np.int64) << 32)
        db.execute("UPDATE items SET postings = ? WHERE id = ?", (hashes.tobytes(), item))  # the old format
    db.commit()
    db.close()
    with NearDuplicateIndex(path) as again:
        assert again.query_many(PARAGRAPHS) == expected
        assert [h.key for h in again.add("late", PARAGRAPHS[0] + " ")] == ["p0"]


def test_first_per_key_hits_keep_the_clusters_with_linear_matches(tmp_path):
    stock = "Reporting by Jane Doe; Editing by John Smith and the rest of the desk"
    texts = [stock, PARAGRAPHS[0], stock.upper(), stock + "!", PARAGRAPHS[0].replace("rate", "rtae"), stock]
    texts += [PARAGRAPHS[0], stock, PARAGRAPHS[0].upper()]
    every = NearDuplicateIndex()
    first = NearDuplicateIndex(tmp_path / "first.sqlite", all_pairs=False)
    got_every = every.add_many((str(n), t) for n, t in enumerate(texts[:5]))
    got_first = first.add_many((str(n), t) for n, t in enumerate(texts[:5]))
    got_every += every.add_many((str(n), t) for n, t in enumerate(texts[5:], start=5))
    got_first += first.add_many((str(n), t) for n, t in enumerate(texts[5:], start=5))
    assert [[h.key for h in hits] for hits in got_first] == [
        [],
        [],
        ["0"],
        ["0"],
        ["1"],
        ["0"],
        ["1", "4"],
        ["0"],
        ["1", "4"],
    ]
    assert [len(hits) for hits in got_every] == [0, 0, 1, 2, 1, 3, 2, 4, 3]
    for a, b in zip(got_first, got_every, strict=True):
        assert set(a) <= set(b)
        assert {(h.score, h.kind) for h in a} == {(h.score, h.kind) for h in b}
    assert first.clusters() == every.clusters()
    assert len(list(first.matches())) == 9 and len(list(every.matches())) == 16
    assert [h.key for h in first.query(stock)] == ["0"]
    with NearDuplicateIndex(tmp_path / "first.sqlite") as again:  # the choice is not saved: all pairs
        assert [h.key for h in again.query(stock)] == ["0", "2", "3", "5", "7"]


def test_replaced_and_rolled_back_ids_are_never_hits(tmp_path):
    path = tmp_path / "seen.sqlite"
    writer = NearDuplicateIndex(path)
    writer.add_many([(f"p{i}", t) for i, t in enumerate(PARAGRAPHS)])  # ids 1-5
    writer.add("p1", PARAGRAPHS[3].upper(), replace=True)  # id 2 removed: a gap
    with pytest.raises(RuntimeError), writer.batch():
        writer.add("x", PARAGRAPHS[2].upper())  # id 7, rolled back: its postings stay in memory
        raise RuntimeError("the scraper fell over")
    assert writer.add("y", PARAGRAPHS[4]) == [Hit("p4", 1.0, "exact")]  # id 7 again, another text
    reader = NearDuplicateIndex(path, readonly=True)  # loads the file with its gap
    for index in (writer, reader):
        assert index.query(PARAGRAPHS[1]) == []
        assert index.query(PARAGRAPHS[2]) == [Hit("p2", 1.0, "exact")]
        assert index.query(PARAGRAPHS[3]) == [Hit("p1", 1.0, "exact"), Hit("p3", 1.0, "exact")]
    writer.add("z", PARAGRAPHS[1].lower())
    assert reader.query(PARAGRAPHS[1]) == [Hit("z", 1.0, "exact")]  # topped up past the gap
    assert len(reader) == 7


@pytest.mark.parametrize("where", [None, "seen.sqlite"])
def test_a_rolled_back_replace_keeps_the_earlier_text(tmp_path, where):
    index = NearDuplicateIndex(None if where is None else tmp_path / where)
    index.add("a", PARAGRAPHS[0])
    with pytest.raises(RuntimeError), index.batch():
        index.add("a", PARAGRAPHS[1], replace=True)
        raise RuntimeError("the scraper fell over")
    assert list(index) == ["a"]
    assert index.query(PARAGRAPHS[0]) == [Hit("a", 1.0, "exact")]  # this process still finds it
    assert index.query(PARAGRAPHS[1]) == []
    assert index.add("b", PARAGRAPHS[0].upper()) == [Hit("a", 1.0, "exact")]
