"""Near-duplicate paragraphs: matching keys, scores, MinHash/LSH candidates, clusters, the index.

>>> from copydesk.dedup import find_near_duplicates
>>> find_near_duplicates(["Rain in Spain.", "rain in spain"])[0].kind
'exact'
"""

from copydesk.dedup.batch import BRUTE_FORCE_LIMIT, Matches, find_near_duplicates
from copydesk.dedup.clusters import Cluster, UnionFind, clusters
from copydesk.dedup.index import Hit, Hits, NearDuplicateIndex
from copydesk.dedup.keys import KeyOptions, matching_key, matching_keys
from copydesk.dedup.minhash import LSHOptions
from copydesk.dedup.scores import Containment, Match, containment, similarity

__all__ = [
    "BRUTE_FORCE_LIMIT",
    "Cluster",
    "Containment",
    "Hit",
    "Hits",
    "KeyOptions",
    "LSHOptions",
    "Match",
    "Matches",
    "NearDuplicateIndex",
    "UnionFind",
    "clusters",
    "containment",
    "find_near_duplicates",
    "matching_key",
    "matching_keys",
    "similarity",
]
