"""Git-flow conventions: the commit-message rule (script, hook and range check) and scripts/release.sh, each on a
throw-away Git repository."""

from __future__ import annotations

import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
COMMIT_MSG = os.path.join(ROOT, "scripts", "delivery", "commit-msg.sh")
CHECK_COMMITS = os.path.join(ROOT, "scripts", "delivery", "check-commits.sh")
RELEASE = os.path.join(ROOT, "scripts", "release.sh")

GOOD = [
    "feat(inventory): reserve stock for delivery orders",
    "fix: ปัดเศษราคาต่อหน่วยให้ถูกต้อง",
    "feat(users)!: require a display name",
    "perf(reports): stream CSV rows",
    "docs(delivery): explain the rollback stage",
    "chore(deps): bump sqlx to 0.9",
    "ci: cache the delivery venv",
    "refactor(platform/outbox): split the relay loop",
    "fix(auth): refresh earlier\n\nThe web app now refreshes two minutes ahead.\n\nRefs: #42",
    "feat(api)!: remove the v1 endpoint\n\nBREAKING CHANGE: clients must use /graphql",
    "Merge branch 'develop' into feature/KLANG-12-stock",
    'Revert "feat(inventory): reserve stock"',
    "# a comment line git adds\nfeat(inventory): ignore git's comment lines",
]
BAD = {
    "Added stock reservations": "header must be",
    "Feat: capitalised type": "unknown type 'Feat'",
    "feature(inventory): wrong type": "unknown type 'feature'",
    "feat(Inventory): upper-case scope": "header must be",
    "fix:no space": "header must be",
    "fix: ends with a period.": "ends with a period",
    "docs: " + "x" * 70: "at most 72",
    "feat: body without a blank line\nsecond line": "blank line",
    "fixup! feat(inventory): reserve": "fixup!/squash!",
    "": "empty message",
}


def git(cwd: str, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, GIT_AUTHOR_NAME="Somchai", GIT_AUTHOR_EMAIL="somchai@klang.local",
                    GIT_COMMITTER_NAME="Somchai", GIT_COMMITTER_EMAIL="somchai@klang.local", **env)
    return subprocess.run(["git", *args], cwd=cwd, env=full_env, capture_output=True, text=True, check=check)


def new_repo() -> str:
    path = tempfile.mkdtemp(prefix="klang-git-")
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit(repo: str, message: str, name: str | None = None) -> None:
    name = name or f"file{len(os.listdir(repo))}"
    with open(os.path.join(repo, name), "w") as handle:
        handle.write(message)
    git(repo, "add", name)
    git(repo, "commit", "-q", "--no-verify", "-m", message)


class CommitMessages(unittest.TestCase):
    def check(self, message: str, *flags: str) -> subprocess.CompletedProcess:
        with tempfile.NamedTemporaryFile("w", suffix=".msg", delete=False) as handle:
            handle.write(message + "\n")
        return subprocess.run([COMMIT_MSG, *flags, handle.name], capture_output=True, text=True)

    def test_good_messages_pass(self):
        for message in GOOD:
            with self.subTest(message=message):
                result = self.check(message)
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_bad_messages_fail_with_a_reason(self):
        for message, reason in BAD.items():
            with self.subTest(message=message):
                result = self.check(message)
                self.assertEqual(result.returncode, 1, message)
                self.assertIn(reason, result.stderr)
                self.assertIn("docs/process/git-flow.md", result.stderr)

    def test_fixup_allowed_only_locally(self):
        self.assertEqual(self.check("fixup! feat: x", "--allow-fixup").returncode, 0)

    def test_hook_blocks_a_bad_commit(self):
        repo = new_repo()
        hooks = os.path.join(repo, ".githooks")
        os.makedirs(os.path.join(repo, "scripts", "delivery"))
        os.symlink(COMMIT_MSG, os.path.join(repo, "scripts", "delivery", "commit-msg.sh"))
        os.makedirs(hooks)
        with open(os.path.join(ROOT, ".githooks", "commit-msg")) as source:
            hook = os.path.join(hooks, "commit-msg")
            with open(hook, "w") as target:
                target.write(source.read())
        os.chmod(hook, 0o755)
        git(repo, "config", "core.hooksPath", ".githooks")
        with open(os.path.join(repo, "a.txt"), "w") as handle:
            handle.write("a")
        git(repo, "add", "a.txt")
        refused = git(repo, "commit", "-q", "-m", "added a file", check=False)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("commit message rejected", refused.stderr)
        accepted = git(repo, "commit", "-q", "-m", "feat(files): add a", check=False)
        self.assertEqual(accepted.returncode, 0, accepted.stderr)

    def test_range_check_counts_each_commit(self):
        repo = new_repo()
        commit(repo, "chore: start")
        base = git(repo, "rev-parse", "HEAD").stdout.strip()
        commit(repo, "feat(inventory): reserve stock")
        commit(repo, "wip")
        commit(repo, "fix(shipping): label size")
        result = subprocess.run([CHECK_COMMITS, f"{base}..HEAD"], cwd=repo, capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("FAIL", result.stdout)
        self.assertIn(" wip", result.stdout)
        self.assertEqual(result.stdout.strip().splitlines()[-1], "commits: 2 passed, 1 failed")
        clean = subprocess.run([CHECK_COMMITS, f"{base}..HEAD~2"], cwd=repo, capture_output=True, text=True)
        self.assertEqual(clean.returncode, 0, clean.stdout)
        self.assertEqual(clean.stdout.strip().splitlines()[-1], "commits: 1 passed, 0 failed")


CARGO_TOML = '[package]\nname = "klang"\nversion = "{version}"\nedition = "2024"\n\n[dependencies]\nserde = {{ version = "1" }}\n'
CARGO_LOCK = ('version = 4\n\n[[package]]\nname = "anyhow"\nversion = "1.0.100"\n\n'
              '[[package]]\nname = "klang"\nversion = "{version}"\ndependencies = [\n "anyhow",\n]\n')


class Release(unittest.TestCase):
    def project(self, version: str = "0.1.0", tag: bool = True) -> str:
        repo = new_repo()
        with open(os.path.join(repo, "Cargo.toml"), "w") as handle:
            handle.write(CARGO_TOML.format(version=version))
        with open(os.path.join(repo, "Cargo.lock"), "w") as handle:
            handle.write(CARGO_LOCK.format(version=version))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "Foundation (before Conventional Commits)")
        if tag:
            git(repo, "tag", "-a", f"v{version}", "-m", version)
        return repo

    def release(self, repo: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([RELEASE, *args], cwd=repo, capture_output=True, text=True,
                              env=dict(os.environ, GIT_AUTHOR_NAME="R", GIT_AUTHOR_EMAIL="r@klang.local",
                                       GIT_COMMITTER_NAME="R", GIT_COMMITTER_EMAIL="r@klang.local"))

    def read(self, repo: str, name: str) -> str:
        with open(os.path.join(repo, name)) as handle:
            return handle.read()

    def test_dry_run_prints_and_changes_nothing(self):
        repo = self.project()
        commit(repo, "feat(inventory): reserve stock")
        commit(repo, "fix(auth): keep the refresh cookie")
        commit(repo, "docs: explain transfers")
        head = git(repo, "rev-parse", "HEAD").stdout
        result = self.release(repo, "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("release: 0.1.0 -> 0.2.0 (minor; 3 commits since v0.1.0)", result.stdout)
        self.assertIn("### Features\n\n- **inventory:** reserve stock", result.stdout)
        self.assertIn("### Bug fixes\n\n- **auth:** keep the refresh cookie", result.stdout)
        self.assertIn("- docs: explain transfers", result.stdout)
        self.assertIn("git tag -a v0.2.0", result.stdout)
        self.assertIn("dry run: nothing changed", result.stdout)
        self.assertEqual(git(repo, "rev-parse", "HEAD").stdout, head)
        self.assertEqual(git(repo, "tag").stdout.split(), ["v0.1.0"])
        self.assertIn('version = "0.1.0"', self.read(repo, "Cargo.toml"))
        self.assertFalse(os.path.exists(os.path.join(repo, "CHANGELOG.md")))
        self.assertEqual(git(repo, "status", "--porcelain").stdout, "")

    def test_release_bumps_writes_changelog_and_tags(self):
        repo = self.project()
        commit(repo, "fix(shipping): Kerry label size")
        result = self.release(repo)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("0.1.0 -> 0.1.1 (patch", result.stdout)
        self.assertIn('version = "0.1.1"', self.read(repo, "Cargo.toml"))
        self.assertIn('name = "klang"\nversion = "0.1.1"', self.read(repo, "Cargo.lock"))
        self.assertIn('name = "anyhow"\nversion = "1.0.100"', self.read(repo, "Cargo.lock"))
        changelog = self.read(repo, "CHANGELOG.md")
        self.assertTrue(changelog.startswith("# Changelog"))
        self.assertIn("## [0.1.1] - ", changelog)
        self.assertIn("- **shipping:** Kerry label size", changelog)
        self.assertEqual(git(repo, "log", "-1", "--format=%s").stdout.strip(), "chore(release): v0.1.1")
        self.assertEqual(git(repo, "describe", "--tags", "--exact-match").stdout.strip(), "v0.1.1")
        self.assertEqual(git(repo, "status", "--porcelain").stdout, "")
        # The next release lists only what came after v0.1.1, above the older section.
        commit(repo, "feat(reports): Thai fonts in PDF")
        second = self.release(repo)
        self.assertEqual(second.returncode, 0, second.stderr)
        changelog = self.read(repo, "CHANGELOG.md")
        self.assertLess(changelog.index("## [0.2.0]"), changelog.index("## [0.1.1]"))
        section = changelog[changelog.index("## [0.2.0]"):changelog.index("## [0.1.1]")]
        self.assertIn("Thai fonts in PDF", section)
        self.assertNotIn("Kerry", section)
        self.assertNotIn("chore(release)", section)

    def test_breaking_change_bumps_major_after_1_0(self):
        repo = self.project("1.4.2")
        commit(repo, "feat(api): new field")
        commit(repo, "refactor(users): rename roles\n\nBREAKING CHANGE: role VIEWER is now READER")
        result = self.release(repo, "--dry-run")
        self.assertIn("1.4.2 -> 2.0.0 (major", result.stdout)
        self.assertIn("### BREAKING CHANGES\n\n- role VIEWER is now READER", result.stdout)

    def test_breaking_change_before_1_0_bumps_minor(self):
        repo = self.project("0.3.0")
        commit(repo, "feat(api)!: drop the legacy login")
        self.assertIn("0.3.0 -> 0.4.0", self.release(repo, "--dry-run").stdout)

    def test_explicit_version_and_first_release_without_tag(self):
        repo = self.project("0.1.0", tag=False)
        commit(repo, "feat: first feature")
        result = self.release(repo, "--dry-run", "1.0.0")
        self.assertIn("0.1.0 -> 1.0.0", result.stdout)
        self.assertIn("since the first commit", result.stdout)
        self.assertIn("- Foundation (before Conventional Commits)", result.stdout)

    def test_refuses_a_dirty_tree_and_an_empty_release(self):
        repo = self.project()
        empty = self.release(repo, "--dry-run")
        self.assertNotEqual(empty.returncode, 0)
        self.assertIn("nothing to release", empty.stderr)
        commit(repo, "fix: one")
        with open(os.path.join(repo, "Cargo.toml"), "a") as handle:
            handle.write("# edited\n")
        dirty = self.release(repo)
        self.assertNotEqual(dirty.returncode, 0)
        self.assertIn("uncommitted changes", dirty.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
