"""Clusters of near-duplicates: union-find over matched pairs, the earliest member as representative.

>>> clusters([(0, 2), (2, 5), (3, 4)])
[Cluster(representative=0, members=(0, 2, 5)), Cluster(representative=3, members=(3, 4))]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Cluster", "UnionFind", "clusters"]

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Cluster(Generic[T]):
    """Members of one cluster, in order; ``representative`` is the first (earliest) of them."""

    representative: T
    members: tuple[T, ...]


class UnionFind(Generic[T]):
    """Disjoint sets over hashable items; each set remembers its earliest-seen item as root.

    >>> uf = UnionFind[str]()
    >>> uf.union("b", "a"); uf.union("c", "a")
    >>> uf.find("c"), len(uf.groups())
    ('b', 1)
    """

    def __init__(self) -> None:
        self._parent: dict[T, T] = {}
        self._order: dict[T, int] = {}

    def add(self, item: T) -> None:
        """Make ``item`` known (its own set unless already in one)."""
        if item not in self._parent:
            self._parent[item] = item
            self._order[item] = len(self._order)

    def find(self, item: T) -> T:
        """The root of ``item``'s set (path halving)."""
        self.add(item)
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        """Merge the sets of ``a`` and ``b``; the root seen first stays root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._order[rb] < self._order[ra]:
            ra, rb = rb, ra
        self._parent[rb] = ra

    def groups(self, min_size: int = 2) -> list[Cluster[T]]:
        """Sets of at least ``min_size`` items, members in the order first seen, in order of their roots."""
        found: dict[T, list[T]] = {}
        for item in self._order:
            found.setdefault(self.find(item), []).append(item)
        return [Cluster(root, tuple(members)) for root, members in found.items() if len(members) >= min_size]


def clusters(pairs: Iterable[tuple[T, T] | tuple[T, T, float, str]]) -> list[Cluster[T]]:
    """Clusters of the items joined by ``pairs`` (``(a, b)`` or ``Match`` tuples), sorted by representative.

    Items are ordered by value when they can be (positions), else by first appearance.
    """
    uf: UnionFind[T] = UnionFind()
    edges = [(pair[0], pair[1]) for pair in pairs]
    items = {item for edge in edges for item in edge}
    try:
        ordered: list[T] = sorted(items)  # type: ignore[type-var]
    except TypeError:
        ordered = list(dict.fromkeys(item for edge in edges for item in edge))
    for item in ordered:
        uf.add(item)
    for a, b in edges:
        uf.union(a, b)
    return uf.groups()
