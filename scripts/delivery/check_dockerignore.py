#!/usr/bin/env python3
"""Checks the build contexts of the images without a Docker engine.

For each image (the service: context `.`, Dockerfile; the web app: context `web/`, web/Dockerfile):
  1. the context has a .dockerignore;
  2. the big or private paths are left out (target/, node_modules, .git, reports/, web/.next*, .env, ...);
  3. every file the Dockerfile COPYs from the context is still sent (a .dockerignore that drops a COPY source
     breaks the build, which we would otherwise only learn on a Jenkins agent with Docker);
  4. the context that would really be sent, walked on this checkout, stays under a size budget.

The matcher follows Docker's .dockerignore rules (moby/patternmatcher): patterns are cleaned paths relative to the
context, `*` and `?` stop at `/`, `**` spans directories, a pattern that matches a parent directory excludes
everything below it, `!` re-includes, and the last matching pattern wins.

    python3 scripts/delivery/check_dockerignore.py [repo root]
Prints one line per assertion and `dockerignore: N passed, N failed`; exit 1 on any failure.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass

# (context, Dockerfile, paths that must be left out, size budget of the context in MB)
IMAGES = [
    (".", "Dockerfile", [
        "target/release/klang", "target/debug/deps/klang-0123", ".git/HEAD", "reports/ops/scrape.log",
        "node_modules/x/index.js", "web/node_modules/next/package.json", "web/.next/BUILD_ID",
        "web/.next-dev/cache/x", "frontend-codegen/node_modules/x/index.js", ".env", "dist/klang-1.0.0.tar.gz",
        ".cache/klang/x", "robot/results/output.xml", "web/test-results/x.png",
    ], 50),
    ("web", "web/Dockerfile", [
        "node_modules/next/package.json", ".next/BUILD_ID", ".next-check/cache/x", ".next-dev/x",
        "test-results/shot.png", "playwright-report/index.html", "coverage/lcov.info", ".env", ".env.local",
        "tsconfig.tsbuildinfo", ".git/HEAD",
    ], 50),
]
# Files a `COPY . .` may leave behind on purpose (the build does not read them).
NOT_NEEDED_IN_IMAGE = {"Dockerfile", ".dockerignore", ".gitignore"}


@dataclass
class Pattern:
    text: str
    exclusion: bool
    regex: re.Pattern


def compile_pattern(pattern: str) -> re.Pattern:
    out = ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                out += "(.*/)?"
                i += 1
            else:
                out += ".*"
            continue
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out += re.escape(c)
            else:
                body = pattern[i + 1:end]
                out += "[" + ("^" + body[1:] if body.startswith("^") else body) + "]"
                i = end
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(c)
        i += 1
    return re.compile("^" + out + "$")


def read_patterns(path: str) -> list[Pattern]:
    patterns = []
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclusion = line.startswith("!")
        if exclusion:
            line = line[1:].strip()
        line = posixpath.normpath(line).lstrip("/")
        if line in ("", "."):
            continue
        patterns.append(Pattern(line, exclusion, compile_pattern(line)))
    return patterns


def ignored(path: str, patterns: list[Pattern]) -> bool:
    """True when Docker leaves `path` (relative to the context) out of the build context."""
    path = posixpath.normpath(path)
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    result = False
    for pattern in patterns:
        if any(pattern.regex.match(candidate) for candidate in candidates):
            result = not pattern.exclusion
    return result


def may_reinclude_below(directory: str, patterns: list[Pattern]) -> bool:
    """Whether an exception pattern could match something inside an excluded directory (else the walk prunes it)."""
    depth = len(directory.split("/"))
    for pattern in patterns:
        if not pattern.exclusion:
            continue
        if "**" in pattern.text:
            return True
        prefix = "/".join(pattern.text.split("/")[:depth])
        if len(pattern.text.split("/")) > depth and compile_pattern(prefix).match(directory):
            return True
    return False


def context_size(context: str, patterns: list[Pattern]) -> tuple[int, int]:
    files = size = 0
    for here, dirs, names in os.walk(context):
        rel_here = os.path.relpath(here, context)
        rel_here = "" if rel_here == "." else rel_here
        keep = []
        for name in dirs:
            rel = posixpath.join(rel_here, name) if rel_here else name
            if not ignored(rel, patterns) or may_reinclude_below(rel, patterns):
                keep.append(name)
        dirs[:] = keep
        for name in names:
            rel = posixpath.join(rel_here, name) if rel_here else name
            if not ignored(rel, patterns):
                full = os.path.join(here, name)
                if os.path.isfile(full) and not os.path.islink(full):
                    files += 1
                    size += os.path.getsize(full)
    return files, size


def copy_sources(dockerfile: str) -> list[str]:
    """The context paths of every COPY/ADD without --from (continuation lines joined)."""
    text = open(dockerfile, encoding="utf-8").read().replace("\\\n", " ")
    sources = []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].upper() not in ("COPY", "ADD"):
            continue
        args = [word for word in words[1:] if not word.startswith("--")]
        if any(word.startswith("--from") for word in words[1:]) or len(args) < 2:
            continue
        sources.extend(args[:-1])
    return sources


def tracked_files(root: str, context: str) -> list[str]:
    answer = subprocess.run(["git", "-C", root, "ls-files", "--", context], capture_output=True, text=True,
                            check=True)
    prefix = "" if context == "." else context.rstrip("/") + "/"
    return [line[len(prefix):] for line in answer.stdout.splitlines()
            if line and os.path.exists(os.path.join(root, line))]


def main(root: str) -> int:
    passed = failed = 0

    def check(ok: bool, message: str) -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {message}")

    for context, dockerfile, must_ignore, budget_mb in IMAGES:
        context_dir = os.path.join(root, context)
        ignore_file = os.path.join(context_dir, ".dockerignore")
        label = f"{dockerfile} (context {context})"
        check(os.path.isfile(ignore_file), f"{label}: {posixpath.normpath(posixpath.join(context, '.dockerignore'))} exists")
        if not os.path.isfile(ignore_file):
            continue
        patterns = read_patterns(ignore_file)
        kept = [path for path in must_ignore if not ignored(path, patterns)]
        check(not kept, f"{label}: {len(must_ignore)} big or private paths left out"
              + (f" (still sent: {kept})" if kept else ""))

        tracked = tracked_files(root, context)
        missing: list[str] = []
        sources = copy_sources(os.path.join(root, dockerfile))
        for source in sources:
            source = posixpath.normpath(source)
            if source == ".":
                wanted = [path for path in tracked if posixpath.basename(path) not in NOT_NEEDED_IN_IMAGE]
            else:
                wanted = [path for path in tracked if path == source or path.startswith(source + "/")] or [source]
            missing += [path for path in wanted if ignored(path, patterns)]
        check(bool(sources) and not missing,
              f"{label}: every COPY source is sent ({', '.join(sources)})"
              + (f"; ignored by mistake: {missing[:10]}" if missing else ""))

        files, size = context_size(context_dir, patterns)
        check(size <= budget_mb * 1024 * 1024,
              f"{label}: context of this checkout is {files} files, {size / 1024 / 1024:.1f} MB "
              f"(budget {budget_mb} MB)")

    print(f"dockerignore: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    sys.exit(main(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default)))
