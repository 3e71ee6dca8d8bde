"""Image pinning and build contexts, without Docker: deploy/images.lock against the files (images.py), the pinning
script end to end with a stand-in `docker` on a copy of the repository (pin-images.sh --write / --verify), and the
.dockerignore matcher and check (check_dockerignore.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DELIVERY = os.path.join(ROOT, "scripts", "delivery")
IMAGES = os.path.join(DELIVERY, "images.py")
PIN = os.path.join(DELIVERY, "pin-images.sh")
sys.path.insert(0, DELIVERY)
import check_dockerignore  # noqa: E402  (the module under test lives beside the scripts)

# A stand-in for the docker CLI: an engine that answers, and a registry whose digest for a reference is the
# sha256 of its name (FAKE_DOCKER_FAIL makes `imagetools inspect` of a pinned reference fail). Logs every call.
FAKE_DOCKER = r"""#!/usr/bin/env bash
echo "$*" >> "$FAKE_DOCKER_LOG"
case "$1" in
  info) [ "${FAKE_DOCKER_NO_ENGINE:-0}" = 1 ] && exit 1; exit 0 ;;
  buildx)
    ref="$4"
    if [[ "$ref" == *@* ]]; then [ "${FAKE_DOCKER_FAIL:-0}" = 1 ] && exit 1; echo "Name: $ref"; exit 0; fi
    printf '"sha256:%s"\n' "$(printf '%s' "$ref" | sha256sum | cut -d' ' -f1)" ;;
  *) exit 2 ;;
esac
"""


def digest_of(reference: str) -> str:
    return "sha256:" + hashlib.sha256(reference.encode()).hexdigest()


def run(*command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), capture_output=True, text=True, env=env)


class RepositoryCopy(unittest.TestCase):
    """A copy of the files that name images, with a stand-in docker first on PATH."""

    def setUp(self) -> None:
        self.work = tempfile.mkdtemp(prefix="klang-images-test.")
        self.root = os.path.join(self.work, "repo")
        for path in ("docker-compose.yml", "Dockerfile", "web/Dockerfile", "deploy/images.lock"):
            os.makedirs(os.path.dirname(os.path.join(self.root, path)), exist_ok=True)
            shutil.copy(os.path.join(ROOT, path), os.path.join(self.root, path))
        bin_dir = os.path.join(self.work, "bin")
        os.makedirs(bin_dir)
        with open(os.path.join(bin_dir, "docker"), "w") as handle:
            handle.write(FAKE_DOCKER)
        os.chmod(os.path.join(bin_dir, "docker"), 0o755)
        self.log = os.path.join(self.work, "docker.log")
        self.env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", FAKE_DOCKER_LOG=self.log)

    def tearDown(self) -> None:
        shutil.rmtree(self.work)

    def images(self, *args: str) -> subprocess.CompletedProcess:
        return run("python3", IMAGES, "--root", self.root, *args)

    def pin(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return run("bash", PIN, "--root", self.root, *args, env=dict(self.env, **env))

    def read(self, path: str) -> str:
        with open(os.path.join(self.root, path), encoding="utf-8") as handle:
            return handle.read()

    def write(self, path: str, text: str) -> None:
        with open(os.path.join(self.root, path), "w", encoding="utf-8") as handle:
            handle.write(text)


class LockAgainstFiles(RepositoryCopy):
    def test_the_real_repository_is_in_step(self):
        result = run("python3", IMAGES, "check")
        self.assertEqual(result.returncode, 0, result.stdout)
        listed = run("python3", IMAGES, "list").stdout.split()
        self.assertIn("postgres:15", listed)
        self.assertIn("rust:1.95-bookworm", listed)  # Dockerfile FROM
        self.assertIn("node:20-bookworm-slim", listed)  # web/Dockerfile FROM
        self.assertNotIn("klang:local", listed)  # built, not pulled

    def test_release_gate_matches_the_lock(self):
        # Fails while any digest is pending (the state on machines without a registry), passes once all are set.
        pending = any(line.split()[1] == "-" for line in self.read("deploy/images.lock").splitlines()
                      if line.strip() and not line.startswith("#"))
        result = run("python3", IMAGES, "check", "--require-digests")
        self.assertEqual(result.returncode, 1 if pending else 0, result.stdout)
        if pending:
            self.assertIn("has no digest in deploy/images.lock", result.stdout)

    def test_unlisted_stale_and_latest_images_are_caught(self):
        compose = self.read("docker-compose.yml")
        self.write("docker-compose.yml", compose.replace("image: redis:7\n", "image: redis:7.4\n", 1)
                   .replace("image: curlimages/curl:8.11.1\n", "image: curlimages/curl:latest\n", 1))
        result = self.images("check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("redis:7.4 is not listed in deploy/images.lock", result.stdout)
        self.assertIn("deploy/images.lock: redis:7 is used by no compose file or Dockerfile", result.stdout)
        self.assertIn("'curlimages/curl:latest' has no pinned tag", result.stdout)

    def test_digest_in_a_file_must_equal_the_lock(self):
        other = digest_of("something else")
        self.write("Dockerfile", self.read("Dockerfile").replace("FROM debian:bookworm-slim",
                                                                 f"FROM debian:bookworm-slim@{other}", 1))
        result = self.images("check")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"debian:bookworm-slim carries {other}, deploy/images.lock says -", result.stdout)

    def test_malformed_lock_lines_are_caught(self):
        self.write("deploy/images.lock", self.read("deploy/images.lock").replace(
            "redis:7 ", "redis:7 sha256:abc ", 1))
        result = self.images("check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("expected `<name>:<tag> <sha256:...|->`", result.stdout)


class PinScript(RepositoryCopy):
    def test_write_pins_every_image_then_verify_passes(self):
        result = self.pin("--write")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lock = self.read("deploy/images.lock")
        compose = self.read("docker-compose.yml")
        for reference in self.images("list").stdout.split():
            self.assertIn(digest_of(reference), lock, reference)
        self.assertIn(f"image: postgres:15@{digest_of('postgres:15')}\n", compose)
        self.assertIn(f"image: docker.elastic.co/kibana/kibana:8.19.0@{digest_of('docker.elastic.co/kibana/kibana:8.19.0')}\n",
                      compose)
        self.assertIn(f"FROM rust:1.95-bookworm@{digest_of('rust:1.95-bookworm')} AS build\n", self.read("Dockerfile"))
        self.assertEqual(self.read("web/Dockerfile").count(f"node:20-bookworm-slim@{digest_of('node:20-bookworm-slim')}"), 3)
        self.assertIn("image: klang:local\n", compose)  # built images are left alone
        self.assertEqual(self.images("check", "--require-digests").returncode, 0)

        # Idempotent: a second run resolves nothing and changes nothing.
        before = (compose, lock)
        open(self.log, "w").close()
        self.assertEqual(self.pin("--write").returncode, 0)
        self.assertEqual((self.read("docker-compose.yml"), self.read("deploy/images.lock")), before)
        with open(self.log, encoding="utf-8") as handle:
            self.assertNotIn("imagetools inspect postgres:15 ", handle.read())

        verify = self.pin("--verify")
        self.assertEqual(verify.returncode, 0, verify.stderr)
        self.assertIn(f"exists   postgres:15@{digest_of('postgres:15')}", verify.stderr)

        # A digest the registry no longer serves fails the release gate.
        refused = self.pin("--verify", FAKE_DOCKER_FAIL="1")
        self.assertEqual(refused.returncode, 1)
        self.assertIn("is not served by its registry", refused.stderr)

    def test_verify_fails_while_digests_are_pending(self):
        result = self.pin("--verify", FAKE_DOCKER_NO_ENGINE="1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("has no digest in deploy/images.lock", result.stdout)
        self.assertIn("images not pinned by digest", result.stderr)

    def test_write_refuses_without_a_docker_engine(self):
        original = self.read("deploy/images.lock")
        result = self.pin("--write", FAKE_DOCKER_NO_ENGINE="1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no Docker engine here", result.stderr)
        self.assertEqual(self.read("deploy/images.lock"), original)

    @unittest.skipUnless(os.path.exists(os.path.expanduser("~/.cache/klang/ops-venv/bin/docker-compose")),
                         "docker-compose binary of scripts/ops/check.sh not installed")
    def test_pinned_compose_file_is_still_valid_for_compose(self):
        self.assertEqual(self.pin("--write").returncode, 0)
        shutil.copy(os.path.join(ROOT, ".env.example"), os.path.join(self.root, ".env.example"))
        result = run(os.path.expanduser("~/.cache/klang/ops-venv/bin/docker-compose"), "-f",
                     os.path.join(self.root, "docker-compose.yml"), "--project-directory", self.root, "--env-file",
                     os.path.join(self.root, ".env.example"), "--profile", "*", "config", "--images")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"postgres:15@{digest_of('postgres:15')}", result.stdout)


class DockerIgnore(unittest.TestCase):
    def patterns(self, text: str):
        with tempfile.NamedTemporaryFile("w", suffix=".dockerignore", delete=False) as handle:
            handle.write(text)
        try:
            return check_dockerignore.read_patterns(handle.name)
        finally:
            os.unlink(handle.name)

    def test_docker_matching_rules(self):
        allowlist = self.patterns("*\n!src/\n!Cargo.toml\n**/*.rs.bk\n")
        self.assertTrue(check_dockerignore.ignored("target/release/klang", allowlist))
        self.assertTrue(check_dockerignore.ignored("web/node_modules/x", allowlist))
        self.assertFalse(check_dockerignore.ignored("src/main.rs", allowlist))
        self.assertFalse(check_dockerignore.ignored("Cargo.toml", allowlist))
        self.assertTrue(check_dockerignore.ignored("src/lib.rs.bk", allowlist))  # last match wins
        deny = self.patterns("node_modules\n.next-*\n/.env\n!.env.example\n")
        self.assertTrue(check_dockerignore.ignored("node_modules/next/package.json", deny))
        self.assertFalse(check_dockerignore.ignored("src/node_modules/x", deny))  # anchored at the context root
        self.assertTrue(check_dockerignore.ignored(".next-dev/cache/x", deny))
        self.assertTrue(check_dockerignore.ignored(".env", deny))
        self.assertFalse(check_dockerignore.ignored(".env.example", deny))

    def test_the_real_contexts_pass(self):
        result = run("python3", os.path.join(DELIVERY, "check_dockerignore.py"), ROOT)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertRegex(result.stdout.splitlines()[-1], r"^dockerignore: \d+ passed, 0 failed$")

    def test_an_ignored_copy_source_and_a_missing_file_are_caught(self):
        work = tempfile.mkdtemp(prefix="klang-dockerignore-test.")
        try:
            tracked = ["Dockerfile", "Cargo.toml", "Cargo.lock", "src/main.rs", "migrations/0001_init.sql",
                       ".sqlx/query-1.json", "web/Dockerfile", "web/package.json", "web/package-lock.json",
                       "web/.npmrc", "web/src/app/page.tsx"]
            for path in tracked:
                os.makedirs(os.path.dirname(os.path.join(work, path)) or work, exist_ok=True)
                source = os.path.join(ROOT, path)
                shutil.copy(source, os.path.join(work, path)) if path.endswith("Dockerfile") else \
                    open(os.path.join(work, path), "w").close()
            shutil.copy(os.path.join(ROOT, ".dockerignore"), work)
            with open(os.path.join(work, ".dockerignore"), "a") as handle:
                handle.write("src/main.rs\n")
            subprocess.run(["git", "init", "-q", work], check=True)
            subprocess.run(["git", "-C", work, "add", "-A"], check=True)
            result = run("python3", os.path.join(DELIVERY, "check_dockerignore.py"), work)
            self.assertEqual(result.returncode, 1, result.stdout)
            self.assertIn("ignored by mistake: ['src/main.rs']", result.stdout)
            self.assertIn("FAIL web/Dockerfile (context web): web/.dockerignore exists", result.stdout)
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    unittest.main()
