#!/usr/bin/env python3
"""The plain comparison for `rank`: sorts the profiles of a `static:0` rank input by majority value, best first.

A profile's majority value is the sequence of lower medians taken by removing one median judgment at a
time. With the judgments sorted into positions 0..N-1, that removal visits the positions from the centre
outwards, lower side first, so the key is the sorted judgments read in that order.
"""
import json
import operator
import sys


def removal_order(n):
    """Positions in the order the lower median takes them: m, m-1, m+1, ... (odd n) or m, m+1, m-1, ... (even n)."""
    remaining = list(range(n))
    order = []
    while remaining:
        order.append(remaining.pop((len(remaining) - 1) // 2))
    return order


with open(sys.argv[1]) as f:
    data = json.load(f)
tallies = data["tallies"]
judges = max((sum(c) for c in tallies.values()), default=0)

picker = operator.itemgetter(*removal_order(judges)) if judges > 1 else None


def majority_value(counts):
    balanced = [counts[0] + judges - sum(counts)] + counts[1:]
    judgments = [grade for grade, count in enumerate(balanced) for _ in range(count)]
    return picker(judgments) if picker else tuple(judgments)


ranking = sorted(sorted(tallies), key=lambda p: majority_value(tallies[p]), reverse=True)
sys.stdout.write("\n".join(ranking) + "\n")
