"""Postings (the index's in-memory multimap): held against a plain dict of lists."""

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.dedup.postings import ID_BITS, KEY_BITS, Postings, pack

# a few keys (so that they repeat), some in the top bits, some at the edges of the key range
keys = st.one_of(st.integers(0, 40), st.integers(2**KEY_BITS - 3, 2**KEY_BITS - 1), st.integers(0, 2**KEY_BITS - 1))
# batches of (key, id) entries; ids grow from batch to batch, sometimes by a jump past 2**ID_BITS
batches = st.lists(
    st.tuples(st.lists(st.tuples(keys, st.integers(0, 50)), max_size=30), st.sampled_from([0, 1, 7, 2**ID_BITS + 5])),
    max_size=12,
)


@settings(max_examples=80, deadline=None)
@given(batches, st.lists(keys, max_size=20), st.one_of(st.none(), st.integers(0, 4)))
def test_lookup_finds_what_a_dict_finds(batch_list, queries, limit):
    postings = Postings()
    truth: defaultdict[int, list[int]] = defaultdict(list)
    base = 0
    for entries, jump in batch_list:
        base += jump
        added = sorted({(k, base + i) for k, i in entries})  # one entry per (key, id), as the index adds them
        postings.add(np.array([k for k, _ in added], dtype=np.uint64), np.array([i for _, i in added]))
        for k, i in added:
            truth[k].append(i)
        base += 51
    assert len(postings) == sum(map(len, truth.values()))
    rows = postings.lookup(np.array(queries, dtype=np.uint64), np.arange(len(queries)), limit)
    expected = sorted(
        (owner, i) for owner, k in enumerate(queries) if limit is None or len(truth[k]) <= limit for i in truth[k]
    )
    assert sorted(map(tuple, rows.tolist())) == expected


def test_segments_stay_few_and_ids_may_spread_wide():
    postings = Postings()
    for b in range(64):
        postings.add(np.array([b % 5, 7], dtype=np.uint64), np.array([2 * b, 2 * b + 1]))
    assert len(postings._segments) == 1  # 64 batches of one size: merged like a binary counter
    postings.add(np.array([7], dtype=np.uint64), np.array([2**ID_BITS + 100]))  # too far to share a base
    postings.add(np.array([7], dtype=np.uint64), np.array([2**ID_BITS + 200]))
    assert len(postings._segments) == 2  # the two far ones merged together, not with the first
    found = postings.lookup(np.array([7], dtype=np.uint64), np.array([0]))[:, 1].tolist()
    assert sorted(found) == [2 * b + 1 for b in range(64)] + [2**ID_BITS + 100, 2**ID_BITS + 200]


def test_one_add_with_ids_too_far_apart_for_one_segment():
    postings = Postings()
    far = [0, 5, 2**ID_BITS + 10, 3 * 2**ID_BITS, 3 * 2**ID_BITS + 1]
    postings.add(np.array([4, 4, 4, 9, 4], dtype=np.uint64), np.array(far))
    rows = postings.lookup(np.array([4, 9, 1], dtype=np.uint64), np.array([0, 1, 2]))
    assert sorted(map(tuple, rows.tolist())) == [
        (0, 0),
        (0, 5),
        (0, 2**ID_BITS + 10),
        (0, 3 * 2**ID_BITS + 1),
        (1, 3 * 2**ID_BITS),
    ]


def test_bad_entries_raise():
    with pytest.raises(ValueError, match="keys must be below"):
        Postings().add(np.array([2**KEY_BITS], dtype=np.uint64), np.array([1]))
    with pytest.raises(ValueError, match="ids must be >= 0"):
        Postings().add(np.array([1], dtype=np.uint64), np.array([-1]))
    with pytest.raises(ValueError, match="ids must be in"):
        pack(np.array([1]), np.array([2**ID_BITS]))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 30)), min_size=0, max_size=200),
    st.sampled_from([None, 2, 5]),
)
def test_grouped_pairs_of_packed_keys_needs_no_second_sort(rows: list[tuple[int, int]], limit: int | None) -> None:
    from copydesk.dedup.minhash import grouped_pairs

    entries = pack(np.array([k for k, _ in rows], dtype=np.uint64), np.array([i for _, i in rows], dtype=np.int64))
    keys = entries >> np.uint64(ID_BITS)
    owners = (entries & np.uint64(2**ID_BITS - 1)).astype(np.int64)
    expected = grouped_pairs(keys, limit, owners=owners, size=31)
    assert grouped_pairs(keys, limit, owners=owners, size=31, is_sorted=True).tolist() == expected.tolist()
    assert grouped_pairs(keys, limit, is_sorted=True).tolist() == grouped_pairs(keys, limit).tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 7, 2**63, 2**64 - 1]) | st.integers(0, 2**64 - 1), st.integers(0, 9))))
def test_distinct_anchor_pairs_are_numpys_unique_rows(rows: list[tuple[int, int]]) -> None:
    from copydesk.dedup.minhash import distinct_pairs

    hashes = np.array([h for h, _ in rows], dtype=np.uint64)
    owners = np.array([o for _, o in rows], dtype=np.int64)
    expected = np.unique(np.stack([hashes, owners.astype(np.uint64)], axis=1).reshape(-1, 2), axis=0)
    got_hashes, got_owners = distinct_pairs(hashes, owners)
    assert got_hashes.dtype == np.uint64 and got_owners.dtype == np.int64
    assert got_hashes.tolist() == expected[:, 0].tolist()
    assert got_owners.tolist() == expected[:, 1].astype(np.int64).tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 7, 2**63, 2**64 - 1]) | st.integers(0, 2**64 - 1), st.integers(0, 9))))
def test_grouped_pairs_of_distinct_anchors_needs_no_second_sort(rows: list[tuple[int, int]]) -> None:
    # anchors come out of distinct_pairs sorted by hash; the index reads them as int64, where hashes
    # of 2**63 and above turn negative: still sorted runs of equal values, which is all is_sorted needs
    from copydesk.dedup.minhash import distinct_pairs, grouped_pairs

    hashes, owners = distinct_pairs(np.array([h for h, _ in rows], dtype=np.uint64), np.array([o for _, o in rows]))
    for values in (hashes, hashes.view(np.int64)):
        expected = grouped_pairs(values, 3, owners=owners, size=10)
        assert grouped_pairs(values, 3, owners=owners, size=10, is_sorted=True).tolist() == expected.tolist()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([0, 3, 2**KEY_BITS - 1]) | keys, st.integers(1, 60)), min_size=1, max_size=8),
    st.lists(st.sampled_from([0, 3, 2**KEY_BITS - 1]) | keys, max_size=6),
)
def test_long_posting_lists_are_read_whole(runs: list[tuple[int, int]], queries: list[int]) -> None:
    # keys held by many ids (a text added many times): runs longer than the lookup's steps, split over segments
    postings = Postings()
    truth: defaultdict[int, list[int]] = defaultdict(list)
    item = 0
    for key, copies in runs:
        for _ in range(copies):
            postings.add(np.array([key, 5], dtype=np.uint64), np.array([item, item]))
            truth[key].append(item)
            truth[5].append(item)
            item += 1
    queries = queries + [key for key, _ in runs]
    rows = postings.lookup(np.array(queries, dtype=np.uint64), np.arange(len(queries)))
    assert sorted(map(tuple, rows.tolist())) == sorted((o, i) for o, k in enumerate(queries) for i in truth[k])
