#!/usr/bin/env python3
"""Third-party images pinned by digest: deploy/images.lock against docker-compose*.yml and the Dockerfiles.

deploy/images.lock lists every image the repository pulls (Compose services without `build:`, and the FROM
lines of every Dockerfile) as `<name>:<tag> <digest>`, the digest being `sha256:<64 hex>` or `-` while not yet
resolved. Digests can only be read from a registry, which our own machines cannot reach: a machine with Docker
fills them in with scripts/delivery/pin-images.sh (which calls `apply` below to write them into the files).

  images.py list                      the image references found in the files
  images.py check                     the lock lists exactly those images, well-formed; every digest written in a
                                      file equals the lock's (pending digests allowed: development and CI)
  images.py check --require-digests   also: no pending digest, and every reference carries its digest
                                      (`name:tag@sha256:...`): the Jenkins release path runs this
  images.py apply                     writes the lock's digests into docker-compose*.yml and the Dockerfiles
  images.py set REF DIGEST            records one digest in the lock (pin-images.sh)
Common option: --root DIR (default: this repository). Standard library only (runs on any Jenkins agent).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys

LOCK = os.path.join("deploy", "images.lock")
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
PENDING = "-"
# name[:tag][@sha256:...]; names may carry a registry host and path.
REFERENCE = re.compile(r"^(?P<name>[a-z0-9][a-z0-9._/-]*(?::\d+/[a-z0-9._/-]+)?)(?::(?P<tag>[\w][\w.-]{0,127}))?"
                       r"(?:@(?P<digest>sha256:[0-9a-f]{64}))?$")


def compose_files(root: str) -> list[str]:
    return sorted(glob.glob(os.path.join(root, "docker-compose*.yml"))
                  + glob.glob(os.path.join(root, "docker-compose*.yaml")))


def dockerfiles(root: str) -> list[str]:
    found = []
    for here, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("node_modules", "target", ".git", "reports") and
                   not d.startswith(".next")]
        found += [os.path.join(here, name) for name in names
                  if name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile")]
    return sorted(found)


def compose_images(path: str) -> list[tuple[int, str]]:
    """(line index, image) of each service that pulls its image (no `build:`), read by indentation so that the
    script needs no YAML library: services at two spaces under `services:`, their keys at four."""
    lines = open(path, encoding="utf-8").read().splitlines()
    result: list[tuple[int, str]] = []
    in_services = False
    service_image: tuple[int, str] | None = None
    service_builds = False

    def flush() -> None:
        if service_image and not service_builds:
            result.append(service_image)

    for index, line in enumerate(lines):
        if re.match(r"^\S", line):
            if in_services:
                flush()
                service_image, service_builds = None, False
            in_services = line.rstrip() == "services:"
            continue
        if not in_services:
            continue
        if re.match(r"^  [A-Za-z0-9_.-]+:\s*$", line):
            flush()
            service_image, service_builds = None, False
        elif match := re.match(r"^    image:\s*['\"]?([^'\"\s#]+)['\"]?\s*(#.*)?$", line):
            service_image = (index, match.group(1))
        elif re.match(r"^    build:", line):
            service_builds = True
    if in_services:
        flush()
    return result


def dockerfile_images(path: str) -> list[tuple[int, str]]:
    """(line index, image) of each FROM that names an image (not an earlier stage or scratch)."""
    stages: set[str] = set()
    result = []
    for index, line in enumerate(open(path, encoding="utf-8").read().splitlines()):
        words = line.split()
        if len(words) < 2 or words[0].upper() != "FROM":
            continue
        args = [word for word in words[1:] if not word.startswith("--")]
        image = args[0]
        if len(args) >= 3 and args[1].upper() == "AS":
            stages.add(args[2].lower())
        if image.lower() in stages or image == "scratch" or "$" in image:
            continue
        result.append((index, image))
    return result


def references(root: str) -> list[tuple[str, int, str]]:
    """(file, line index, image reference) for every pulled image."""
    found = []
    for path in compose_files(root):
        found += [(path, index, image) for index, image in compose_images(path)]
    for path in dockerfiles(root):
        found += [(path, index, image) for index, image in dockerfile_images(path)]
    return found


def split(reference: str) -> tuple[str, str | None]:
    """`name:tag@digest` -> (`name:tag`, digest or None)."""
    base, _, digest = reference.partition("@")
    return base, digest or None


def read_lock(root: str) -> tuple[dict[str, str], list[str]]:
    entries: dict[str, str] = {}
    problems = []
    path = os.path.join(root, LOCK)
    if not os.path.exists(path):
        return entries, [f"{LOCK} is missing"]
    for number, raw in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        if len(words) != 2:
            problems.append(f"{LOCK}:{number}: expected `<name>:<tag> <sha256:...|->`, got {raw!r}")
            continue
        reference, digest = words
        match = REFERENCE.match(reference)
        if not match or not match.group("tag") or match.group("digest"):
            problems.append(f"{LOCK}:{number}: {reference!r} is not `name:tag`")
        if digest != PENDING and not DIGEST.match(digest):
            problems.append(f"{LOCK}:{number}: {digest!r} is neither `sha256:<64 hex>` nor `-`")
        if reference in entries:
            problems.append(f"{LOCK}:{number}: {reference} listed twice")
        entries[reference] = digest
    return entries, problems


def write_lock(root: str, entries: dict[str, str]) -> None:
    """Rewrites the digests in place, keeping comments and order."""
    path = os.path.join(root, LOCK)
    lines = open(path, encoding="utf-8").read().splitlines()
    out = []
    for raw in lines:
        body, hash_, comment = raw.partition("#")
        words = body.split()
        if len(words) == 2 and words[0] in entries:
            width = max(len(words[0]) + 2, 56)
            raw = f"{words[0]:<{width}}{entries[words[0]]}" + (f"  #{comment}" if hash_ else "")
        out.append(raw)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out) + "\n")


def check(root: str, require_digests: bool) -> list[str]:
    entries, problems = read_lock(root)
    found = references(root)
    used: set[str] = set()
    for path, index, reference in found:
        where = f"{os.path.relpath(path, root)}:{index + 1}"
        match = REFERENCE.match(reference)
        if not match or not match.group("tag") or match.group("tag") == "latest":
            problems.append(f"{where}: {reference!r} has no pinned tag (name:tag, not latest)")
            continue
        base, digest = split(reference)
        used.add(base)
        if base not in entries:
            problems.append(f"{where}: {base} is not listed in {LOCK}")
            continue
        locked = entries[base]
        if digest and digest != locked:
            problems.append(f"{where}: {base} carries {digest}, {LOCK} says {locked}")
        if require_digests:
            if locked == PENDING:
                problems.append(f"{where}: {base} has no digest in {LOCK} (run scripts/delivery/pin-images.sh "
                                "on a machine with Docker)")
            elif not digest:
                problems.append(f"{where}: {base} is not pinned in the file (run scripts/delivery/images.py apply)")
    for stale in sorted(set(entries) - used):
        problems.append(f"{LOCK}: {stale} is used by no compose file or Dockerfile")
    return problems


def apply(root: str) -> list[str]:
    entries, problems = read_lock(root)
    if problems:
        return problems
    changed = []
    by_file: dict[str, list[tuple[int, str]]] = {}
    for path, index, reference in references(root):
        by_file.setdefault(path, []).append((index, reference))
    for path, items in by_file.items():
        lines = open(path, encoding="utf-8").read().split("\n")
        touched = False
        for index, reference in items:
            base, _ = split(reference)
            digest = entries.get(base, PENDING)
            wanted = base if digest == PENDING else f"{base}@{digest}"
            if wanted != reference:
                lines[index] = re.sub(re.escape(reference) + r"(?=\s|$|['\"])", wanted, lines[index], count=1)
                touched = True
        if touched:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines))
            changed.append(os.path.relpath(path, root))
    for name in changed:
        print(f"pinned: {name}")
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    check_parser = sub.add_parser("check")
    check_parser.add_argument("--require-digests", action="store_true")
    sub.add_parser("apply")
    set_parser = sub.add_parser("set")
    set_parser.add_argument("reference")
    set_parser.add_argument("digest")
    args = parser.parse_args()
    root = os.path.abspath(args.root)

    if args.command == "list":
        for base in sorted({split(reference)[0] for _, _, reference in references(root)}):
            print(base)
        return 0
    if args.command == "set":
        entries, problems = read_lock(root)
        if args.reference not in entries:
            problems.append(f"{args.reference} is not listed in {LOCK}")
        if not DIGEST.match(args.digest):
            problems.append(f"{args.digest!r} is not sha256:<64 hex>")
        if not problems:
            entries[args.reference] = args.digest
            write_lock(root, entries)
    elif args.command == "apply":
        problems = apply(root)
    else:
        problems = check(root, args.require_digests)
        if not problems:
            entries, _ = read_lock(root)
            pinned = sum(1 for digest in entries.values() if digest != PENDING)
            print(f"images: {len(entries)} images in {LOCK}, {pinned} with a digest, {len(entries) - pinned} "
                  f"pending" + ("" if args.require_digests else
                                " (allowed outside the release path; nothing resolved against a registry here)"))
    for problem in problems:
        print(f"FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
