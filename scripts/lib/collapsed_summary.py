"""Summarises async-profiler collapsed stacks recorded with `threads` (first frame = thread name).

Usage: collapsed_summary.py FILE... [--thread REGEX]   (with --thread: inclusive frames of the matching threads)
"""
import collections
import re
import sys


def parse(path):
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        if stack:
            yield stack.split(";"), int(n)


def thread_kind(name):
    return re.sub(r"\d+", "#", re.sub(r"\s*tid=\d+\]", "]", name))


def category(leaf):
    if leaf.endswith("_[k]"):
        return "kernel"
    if "rocksdb" in leaf.lower():
        return "rocksdb"
    if "/" in leaf or leaf.endswith("stub"):
        return "java"
    return "jvm/native"


def summary(path):
    threads, leaves, cats, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for frames, n in parse(path):
        total += n
        threads[thread_kind(frames[0])] += n
        leaves[frames[-1]] += n
        cats[category(frames[-1])] += n
    if not total:
        print(f"== {path}: no samples")
        return
    print(f"== {path}: {total} samples")
    print("  " + ", ".join(f"{k} {v * 100 / total:.0f}%" for k, v in cats.most_common()))
    print("  busiest threads:")
    for k, v in threads.most_common(12):
        print(f"    {v * 100 / total:5.1f}% {k}")
    print("  hottest leaf frames:")
    for k, v in leaves.most_common(12):
        print(f"    {v * 100 / total:5.1f}% {k[:120]}")


def inclusive(paths, pattern, depth=40):
    frames_seen, total = collections.Counter(), 0
    for path in paths:
        for frames, n in parse(path):
            if not re.search(pattern, frames[0]):
                continue
            total += n
            for f in set(frames[1:]):
                frames_seen[f] += n
    print(f"== threads matching {pattern!r}: {total} samples; inclusive share per frame")
    for k, v in frames_seen.most_common(depth):
        print(f"  {v * 100 / max(total, 1):5.1f}% {k[:120]}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--thread" in args:
        i = args.index("--thread")
        pattern = args[i + 1]
        inclusive(args[:i] + args[i + 2:], pattern)
    else:
        for p in args:
            summary(p)
