"""The pipeline's own pieces that run without Jenkins or AWS: the Jenkinsfile structure check (and that it
catches broken pipelines), version naming per branch, the failure notification webhook call, and the argument
checks of the deploy scripts, and the Thai docs of docs/cicd and docs/process (links, anchors, paths)."""

from __future__ import annotations

import http.server
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DELIVERY = os.path.join(ROOT, "scripts", "delivery")
CHECKER = os.path.join(DELIVERY, "check_jenkinsfile.py")
JENKINSFILE = open(os.path.join(ROOT, "Jenkinsfile"), encoding="utf-8").read()


def check_jenkinsfile(text: str) -> subprocess.CompletedProcess:
    # Written beside the real one so that the "scripts exist" assertion resolves the same paths.
    with tempfile.NamedTemporaryFile("w", dir=ROOT, prefix=".Jenkinsfile.test.", delete=False) as handle:
        handle.write(text)
    try:
        return subprocess.run(["python3", CHECKER, handle.name], capture_output=True, text=True)
    finally:
        os.unlink(handle.name)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


class JenkinsfileStructure(unittest.TestCase):
    def test_the_real_jenkinsfile_passes(self):
        result = check_jenkinsfile(JENKINSFILE)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertRegex(result.stdout.splitlines()[-1], r"^jenkinsfile: \d+ passed, 0 failed$")

    def assert_caught(self, text: str, expected: str) -> None:
        result = check_jenkinsfile(text)
        self.assertEqual(result.returncode, 1, result.stdout)
        failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
        self.assertTrue(any(expected in line for line in failures), "\n".join(failures))

    def test_misspelled_post_is_caught(self):
        # npm-groovy-lint accepts this: it is valid Groovy.
        self.assert_caught(JENKINSFILE.replace("\n    post {\n        always", "\n    posts {\n        always"),
                           "only known declarative sections")

    def test_production_without_approval_is_caught(self):
        start = JENKINSFILE.index("stage('Approve production')")
        input_start = JENKINSFILE.index("            input {", start)
        input_end = JENKINSFILE.index("            steps {", input_start)
        self.assert_caught(JENKINSFILE[:input_start] + JENKINSFILE[input_end:],
                           "main: an input approval runs before the production deploy")

    def test_feature_branch_deploying_is_caught(self):
        broken = replace_once(JENKINSFILE, "                    expression { params.ROLLBACK_ENV == 'none' }\n"
                                           "                    branch 'develop'\n",
                              "                    expression { params.ROLLBACK_ENV == 'none' }\n")
        self.assert_caught(broken, "feature/*: deploys to nothing")

    def test_release_without_the_digest_gate_is_caught(self):
        self.assert_caught(JENKINSFILE.replace("scripts/delivery/pin-images.sh --verify", "true"),
                           "develop: image digests verified (pin-images.sh --verify) before the image is built")

    def test_coverage_without_its_report_is_caught(self):
        self.assert_caught(JENKINSFILE.replace("scripts/coverage.sh", "scripts/test.sh"),
                           "a stage collects Rust coverage (scripts/coverage.sh)")
        self.assert_caught(JENKINSFILE.replace("archiveArtifacts artifacts: 'reports/coverage/**'",
                                               "archiveArtifacts artifacts: 'reports/other/**'"),
                           "stage 'Coverage' archives reports/coverage")

    def test_missing_rollback_on_failed_deploy_is_caught(self):
        broken = JENKINSFILE.replace("sh 'scripts/delivery/rollback.sh --env production || true'", "echo 'no'")
        self.assert_caught(broken, "stage 'Deploy production' rolls back on failure")

    def test_missing_timeout_is_caught(self):
        broken = JENKINSFILE.replace("        timeout(time: 90, unit: 'MINUTES')\n", "", 1)
        self.assert_caught(broken, "pipeline-level timeout")

    def test_missing_script_is_caught(self):
        broken = JENKINSFILE.replace("scripts/delivery/notify.sh failure", "scripts/delivery/notfy.sh failure")
        self.assert_caught(broken, "scripts called")


class VersionNaming(unittest.TestCase):
    def version(self, **env: str) -> dict[str, str]:
        base = {k: v for k, v in os.environ.items()
                if k not in ("BRANCH_NAME", "TAG_NAME", "CHANGE_ID", "CHANGE_TARGET", "BUILD_NUMBER")}
        out = subprocess.run([os.path.join(DELIVERY, "version.sh")], capture_output=True, text=True,
                             env={**base, **env}, check=True).stdout
        return dict(line.split("=", 1) for line in out.split())

    def test_names_per_branch_type(self):
        self.assertEqual(self.version(TAG_NAME="v1.4.0", BRANCH_NAME="v1.4.0")["IMAGE_TAG"], "1.4.0")
        self.assertEqual(self.version(BRANCH_NAME="release/1.4.0", BUILD_NUMBER="7")["IMAGE_TAG"], "1.4.0-rc.7")
        self.assertEqual(self.version(BRANCH_NAME="hotfix/1.4.1", BUILD_NUMBER="3")["IMAGE_TAG"], "1.4.1-rc.3")
        self.assertRegex(self.version(BRANCH_NAME="develop", BUILD_NUMBER="12")["IMAGE_TAG"],
                         r"^\d+\.\d+\.\d+-develop\.12\.[0-9a-f]{8}$")
        self.assertRegex(self.version(BRANCH_NAME="main")["IMAGE_TAG"], r"^\d+\.\d+\.\d+-main\.[0-9a-f]{8}$")
        self.assertEqual(self.version(BRANCH_NAME="PR-9", CHANGE_ID="9", CHANGE_TARGET="develop")["COMMIT_RANGE"],
                         "origin/develop..HEAD")

    def test_malformed_tag_is_refused(self):
        result = subprocess.run([os.path.join(DELIVERY, "version.sh")], capture_output=True, text=True,
                                env=dict(os.environ, TAG_NAME="release-1"))
        self.assertNotEqual(result.returncode, 0)


class Notification(unittest.TestCase):
    def test_failure_posts_json_to_the_webhook(self):
        received: list[dict] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                received.append({"path": self.path, "body": json.loads(self.rfile.read(
                    int(self.headers["Content-Length"])))})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = None
        for port in range(15690, 15700):  # below 32768, away from the project's service ports
            try:
                server = http.server.HTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        self.assertIsNotNone(server, "no free port in 15690-15699")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            env = dict(os.environ, KLANG_NOTIFY_WEBHOOK_URL=f"http://127.0.0.1:{server.server_port}/webhook/klang-ci",
                       JOB_NAME="klang/develop", BUILD_NUMBER="41", BRANCH_NAME="develop",
                       BUILD_URL="https://jenkins.example/job/klang/41/", IMAGE_TAG="0.1.0-develop.41.abcdef12")
            result = subprocess.run([os.path.join(DELIVERY, "notify.sh"), "failure"], capture_output=True,
                                    text=True, env=env)
        finally:
            server.shutdown()
            server.server_close()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(received), 1)
        self.assertEqual(received[0]["path"], "/webhook/klang-ci")
        body = received[0]["body"]
        self.assertEqual((body["event"], body["job"], body["build"], body["branch"]),
                         ("failure", "klang/develop", "41", "develop"))
        self.assertEqual(body["version"], "0.1.0-develop.41.abcdef12")

    def test_unreachable_webhook_does_not_fail_the_build(self):
        with socket.socket() as probe:  # a port that nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = dict(os.environ, KLANG_NOTIFY_WEBHOOK_URL=f"http://127.0.0.1:{port}/webhook/x")
        result = subprocess.run([os.path.join(DELIVERY, "notify.sh"), "failure"], capture_output=True, text=True,
                                env=env)
        self.assertEqual(result.returncode, 0)
        self.assertIn("did not answer", result.stderr)


class ScriptArguments(unittest.TestCase):
    def run_script(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), capture_output=True, text=True, cwd=ROOT,
                              env=dict(os.environ, AWS_ENDPOINT_URL="http://127.0.0.1:9"))

    def test_deploy_refuses_bad_arguments_before_touching_aws(self):
        deploy = os.path.join(DELIVERY, "deploy.sh")
        self.assertIn("--env must be", self.run_script(deploy, "--env", "prod", "--version", "1.0.0").stderr)
        self.assertIn("--version", self.run_script(deploy, "--env", "staging", "--version", "1 0").stderr)
        self.assertIn("--bundle", self.run_script(deploy, "--env", "staging", "--version", "1.0.0").stderr)

    def test_package_requires_a_digest(self):
        result = self.run_script(os.path.join(DELIVERY, "package-release.sh"), "--version", "1.0.0",
                                 "--image", "klang/service:latest")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("pinned by digest", result.stderr)

    def test_image_build_dry_run_lints_and_prints(self):
        result = self.run_script(os.path.join(DELIVERY, "build-image.sh"), "--tag", "0.1.0-dev.test", "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("hadolint: Dockerfile ok", result.stdout)
        self.assertIn("DRY-RUN docker build --pull", result.stdout)
        self.assertIn("--tag klang/service:0.1.0-dev.test", result.stdout)


class DeliveryDocs(unittest.TestCase):
    """The Thai docs of CI/CD (docs/cicd) and of the team's process (docs/process) name real files: every page
    has a Mermaid diagram, every relative link and every repository path it mentions in backticks exists, and the
    old docs/delivery folder is gone (one place per topic)."""

    PAGES = {
        os.path.join(ROOT, "docs", "cicd"): {"README.md", "jenkins.md", "docker.md", "aws.md"},
        os.path.join(ROOT, "docs", "process"): {"README.md", "git-flow.md", "comment-templates.md",
                                                "task-management.md"},
    }
    # Paths in backticks that must exist: folders and top-level files of the repository the docs point at.
    PATH = re.compile(r"`((?:scripts|deploy|migrations|schema|robot|\.githooks|\.github|\.vscode|\.ci)/[\w./-]+?"
                      r"|Jenkinsfile|Dockerfile|docker-compose\.yml|\.env\.example|\.hadolint\.yaml|CHANGELOG\.md)`")
    LINK = re.compile(r"\]\(([^)#\s]+)(?:#([^)]*))?\)")

    @staticmethod
    def anchors(path: str) -> set[str]:
        """GitHub's heading anchors: lower case, only letters, marks, digits, '_', '-' and spaces kept, spaces to '-'."""
        import unicodedata

        found = set()
        with open(path, encoding="utf-8") as handle:
            in_code = False
            for line in handle:
                if line.startswith("```"):
                    in_code = not in_code
                elif not in_code and line.startswith("#"):
                    title = line.lstrip("#").strip().lower()
                    kept = "".join(ch for ch in title if unicodedata.category(ch)[0] in "LMN" or ch in " -_")
                    found.add(kept.replace(" ", "-"))
        return found

    def test_links_and_paths_exist(self):
        missing = []
        for folder, expected in self.PAGES.items():
            pages = {name for name in os.listdir(folder) if name.endswith(".md")}
            self.assertGreaterEqual(pages, expected, folder)
            for page in sorted(pages):
                with open(os.path.join(folder, page), encoding="utf-8") as handle:
                    text = handle.read()
                where = os.path.relpath(os.path.join(folder, page), ROOT)
                if page != "README.md":
                    self.assertIn("```mermaid", text, f"{where} has a Mermaid diagram")
                for target, anchor in self.LINK.findall(text):
                    if "://" in target:
                        continue
                    resolved = os.path.join(folder, target)
                    if not os.path.exists(resolved):
                        missing.append(f"{where}: link {target}")
                    elif anchor and target.endswith(".md") and anchor not in self.anchors(resolved):
                        missing.append(f"{where}: anchor {target}#{anchor}")
                for path in set(self.PATH.findall(text)):
                    if not os.path.exists(os.path.join(ROOT, path)):
                        missing.append(f"{where}: path {path}")
        self.assertEqual(missing, [])

    def test_old_delivery_docs_are_gone(self):
        self.assertFalse(os.path.exists(os.path.join(ROOT, "docs", "delivery")),
                         "docs/delivery moved to docs/cicd and docs/process")

    def test_scale_out_uses_measured_numbers(self):
        with open(os.path.join(ROOT, "docs", "cicd", "aws.md"), encoding="utf-8") as handle:
            text = handle.read()
        section = text.split("## 7. Scale-out", 1)[1].split("\n## ", 1)[0]
        self.assertNotIn("TODO", section)
        self.assertIn("docs/performance.md", section)
        self.assertTrue(os.path.exists(os.path.join(ROOT, "docs", "performance.md")))

    def test_editor_snippets_are_valid_json(self):
        with open(os.path.join(ROOT, ".vscode", "klang.code-snippets"), encoding="utf-8") as handle:
            snippets = json.load(handle)
        self.assertIn("Rust public function doc", snippets)
        for name, snippet in snippets.items():
            for path in re.findall(r"docs/[\w./-]+\.md", snippet.get("description", "")):
                self.assertTrue(os.path.exists(os.path.join(ROOT, path)), f"snippet {name}: {path}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
