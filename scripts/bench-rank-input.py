#!/usr/bin/env python3
"""Writes a `rank` input of random tallies: bench-rank-input.py PROJECTS [GRADES] [MAX_COUNT] [SEED] > tallies.json"""
import json
import random
import sys

projects = int(sys.argv[1])
grades = int(sys.argv[2]) if len(sys.argv) > 2 else 7
max_count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)

tallies = {f"P{i:06d}": [rng.randint(0, max_count) for _ in range(grades)] for i in range(projects)}
json.dump({"grades": grades, "tallies": tallies, "balancing": {"default": "static:0"}}, sys.stdout)
sys.stdout.write("\n")
