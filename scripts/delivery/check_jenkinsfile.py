#!/usr/bin/env python3
"""Structure check of the declarative Jenkinsfile (Jenkins itself cannot run on our machines).

npm-groovy-lint proves the Groovy syntax only: a misspelled section such as `post` -> `posts` still passes it.
This script parses the pipeline's blocks, rejects unknown declarative sections, then simulates a build per
Git-flow branch type (evaluating each stage's `when`) and asserts what runs:

  feature/*, PR     tests only: no image push, no deploy
  develop           staging deploy, automatically (no input)
  release/*         release-candidate deploy only
  hotfix/*          rc deploy, then production after an input
  main, tag v*      production deploy after an input
  ROLLBACK_ENV set  only the Rollback stage, after an input

plus: every build that builds and pushes an image first runs the digest gate (`pin-images.sh --verify`); every
build except a rollback collects Rust coverage (scripts/coverage.sh) in a stage with its own timeout that publishes
the Cobertura XML and archives reports/coverage, while scripts/test.sh and .ci/run stay without it; and
timeouts (pipeline, deploy and approval stages), `post` handlers (reports archived, JUnit, notification
on failure, rollback on a failed deploy), a parallel stage, and that every script the pipeline calls exists.

    python3 scripts/delivery/check_jenkinsfile.py [Jenkinsfile]
Prints one line per assertion and `jenkinsfile: N passed, N failed`; exit 1 on any failure.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field

PIPELINE_SECTIONS = {"agent", "options", "parameters", "environment", "stages", "post", "triggers", "tools",
                     "libraries"}
STAGE_SECTIONS = {"agent", "options", "when", "input", "steps", "post", "parallel", "stages", "environment",
                  "tools", "failFast", "matrix"}
POST_CONDITIONS = {"always", "changed", "fixed", "regression", "aborted", "failure", "success", "unstable",
                   "unsuccessful", "cleanup"}
WHEN_CONDITIONS = {"branch", "buildingTag", "expression", "anyOf", "allOf", "not", "changeRequest", "tag",
                   "environment", "beforeAgent", "beforeInput", "beforeOptions", "changelog", "changeset",
                   "equals", "triggeredBy"}


@dataclass
class Node:
    name: str
    args: str = ""
    children: list["Node"] = field(default_factory=list)
    body: str | None = None  # raw text between the braces, when the node has a block
    line: int = 0

    def find(self, name: str) -> list["Node"]:
        return [child for child in self.children if child.name == name]

    def one(self, name: str) -> "Node | None":
        found = self.find(name)
        return found[0] if found else None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Parser:
    """A small scanner for the declarative subset: `name(args) { ... }` blocks and one-line statements."""

    def __init__(self, text: str):
        self.text = text
        self.i = 0

    def line(self) -> int:
        return self.text.count("\n", 0, self.i) + 1

    def skip_string(self) -> None:
        text, i = self.text, self.i
        for quote in ("'''", '"""'):
            if text.startswith(quote, i):
                end = text.find(quote, i + 3)
                self.i = len(text) if end < 0 else end + 3
                return
        quote = text[i]
        i += 1
        while i < len(text) and text[i] != quote:
            i += 2 if text[i] == "\\" else 1
        self.i = i + 1

    def skip_space_and_comments(self, newlines: bool = True) -> None:
        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif text.startswith("//", self.i):
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            elif text.startswith("/*", self.i):
                end = text.find("*/", self.i)
                self.i = len(text) if end < 0 else end + 2
            else:
                return

    def balanced(self, opening: str, closing: str) -> str:
        """Reads from an opening bracket to its match; returns the inner text."""
        start = self.i + 1
        depth = 0
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in "'\"":
                self.skip_string()
                continue
            if self.text.startswith("//", self.i) or self.text.startswith("/*", self.i):
                self.skip_space_and_comments()
                continue
            if c == opening:
                depth += 1
            elif c == closing:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.text[start:self.i - 1]
            self.i += 1
        raise SyntaxError(f"unbalanced {opening} from line {self.text.count(chr(10), 0, start) + 1}")

    def rest_of_statement(self) -> str:
        start = self.i
        depth = 0
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in "'\"":
                self.skip_string()
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif c == "\n" and depth == 0:
                break
            self.i += 1
        return self.text[start:self.i].strip()

    def block(self) -> list[Node]:
        nodes: list[Node] = []
        while True:
            self.skip_space_and_comments()
            if self.i >= len(self.text) or self.text[self.i] == "}":
                return nodes
            match = re.compile(r"[A-Za-z_$][\w$.]*").match(self.text, self.i)
            if not match:
                self.rest_of_statement()
                if self.i < len(self.text) and self.text[self.i] not in "}":
                    self.i += 1
                continue
            node = Node(match.group(0), line=self.line())
            self.i = match.end()
            self.skip_space_and_comments(newlines=False)
            if self.i < len(self.text) and self.text[self.i] == "(":
                node.args = self.balanced("(", ")")
                self.skip_space_and_comments(newlines=False)
            if self.i < len(self.text) and self.text[self.i] == "{":
                start = self.i
                self.i += 1
                node.children = self.block()
                if self.i >= len(self.text):
                    raise SyntaxError(f"block {node.name} from line {node.line} is not closed")
                self.i += 1
                node.body = self.text[start + 1:self.i - 1]
            else:
                rest = self.rest_of_statement()
                node.args = (node.args + " " + rest).strip()
            nodes.append(node)


def strings(text: str) -> list[str]:
    """The string literals of a piece of Groovy, in order."""
    return [a or b or c for a, b, c in re.findall(r"'''(.*?)'''|'([^']*)'|\"([^\"]*)\"", text, re.S)]


@dataclass
class Stage:
    name: str
    node: Node
    parents: list["Stage"]

    @property
    def when(self) -> Node | None:
        return self.node.one("when")

    def steps_text(self) -> str:
        steps = self.node.one("steps")
        return steps.body or "" if steps else ""


def stage_name(node: Node) -> str:
    found = strings(node.args)
    return found[0] if found else node.args


def collect_stages(container: Node, parents: list[Stage]) -> list[Stage]:
    result: list[Stage] = []
    for node in container.find("stage"):
        stage = Stage(stage_name(node), node, parents)
        result.append(stage)
        for inner in ("stages", "parallel"):
            for group in node.find(inner):
                result.extend(collect_stages(group, parents + [stage]))
    return result


@dataclass
class Build:
    """What Jenkins knows when it evaluates `when`: the branch (or tag) name and the build parameters."""
    branch: str
    tag: bool = False
    change_request: bool = False
    rollback_env: str = "none"


def evaluate(condition: Node, build: Build) -> bool:
    name = condition.name
    if name in ("beforeAgent", "beforeInput", "beforeOptions"):
        return True
    if name == "branch":
        pattern = strings(condition.args)[0]
        return not build.tag and fnmatch.fnmatchcase(build.branch, pattern)
    if name == "buildingTag":
        return build.tag
    if name == "tag":
        pattern = strings(condition.args)[0] if strings(condition.args) else "*"
        return build.tag and fnmatch.fnmatchcase(build.branch, pattern)
    if name == "changeRequest":
        return build.change_request
    if name == "anyOf":
        return any(evaluate(child, build) for child in condition.children)
    if name == "allOf":
        return all(evaluate(child, build) for child in condition.children)
    if name == "not":
        return not all(evaluate(child, build) for child in condition.children)
    if name == "expression":
        body = (condition.body or "").strip()
        match = re.fullmatch(r"params\.ROLLBACK_ENV\s*(==|!=)\s*'none'", body)
        if not match:
            raise ValueError(f"line {condition.line}: expression the check cannot evaluate: {body}")
        return (build.rollback_env == "none") == (match.group(1) == "==")
    raise ValueError(f"line {condition.line}: unsupported when condition {name}")


def runs(stage: Stage, build: Build) -> bool:
    for each in stage.parents + [stage]:
        when = each.when
        if when is not None and not all(evaluate(child, build) for child in when.children):
            return False
    return True


class Checker:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, message: str) -> None:
        if ok:
            self.passed += 1
            print(f"ok   {message}")
        else:
            self.failed += 1
            print(f"FAIL {message}")


def conditions(when: Node):
    """The conditions of a `when`, nested ones included, but not the Groovy inside `expression { }`."""
    for child in when.children:
        yield child
        if child.name in ("anyOf", "allOf", "not"):
            yield from conditions(child)


def has_timeout(node: Node) -> bool:
    options = node.one("options")
    return bool(options and options.find("timeout"))


def main(path: str) -> int:
    text = open(path, encoding="utf-8").read()
    root_dir = os.path.dirname(os.path.abspath(path))
    checker = Checker()
    check = checker.check
    try:
        top = Parser(text).block()
    except SyntaxError as error:
        check(False, f"parse: {error}")
        print(f"jenkinsfile: {checker.passed} passed, {checker.failed} failed")
        return 1
    pipelines = [node for node in top if node.name == "pipeline"]
    check(len(pipelines) == 1, "one declarative pipeline { } block")
    if not pipelines:
        print(f"jenkinsfile: {checker.passed} passed, {checker.failed} failed")
        return 1
    pipeline = pipelines[0]

    # ---- known sections only (what groovy-lint cannot see)
    unknown = [f"{child.name} (line {child.line})" for child in pipeline.children
               if child.name not in PIPELINE_SECTIONS]
    stages_node = pipeline.one("stages")
    check(stages_node is not None, "pipeline has stages")
    stages = collect_stages(stages_node, []) if stages_node else []
    for stage in stages:
        unknown += [f"stage '{stage.name}': {child.name} (line {child.line})" for child in stage.node.children
                    if child.name not in STAGE_SECTIONS]
        if stage.when:
            unknown += [f"when of '{stage.name}': {cond.name}" for cond in conditions(stage.when)
                        if cond.name not in WHEN_CONDITIONS]
        for post in stage.node.find("post"):
            unknown += [f"post of '{stage.name}': {cond.name}" for cond in post.children
                        if cond.name not in POST_CONDITIONS]
    for post in pipeline.find("post"):
        unknown += [f"pipeline post: {cond.name}" for cond in post.children if cond.name not in POST_CONDITIONS]
    check(not unknown, "only known declarative sections" + (f": unknown {unknown}" if unknown else ""))
    for stage in stages:
        body_sections = {"steps", "parallel", "stages", "matrix"} & {c.name for c in stage.node.children}
        if len(body_sections) != 1:
            check(False, f"stage '{stage.name}' has exactly one of steps/parallel/stages (has {body_sections})")

    # ---- pipeline-level options and post
    check(pipeline.one("agent") is not None, "pipeline has an agent")
    check(has_timeout(pipeline), "pipeline-level timeout")
    post = pipeline.one("post")
    check(post is not None, "pipeline has a post section")
    always = post.one("always") if post else None
    always_body = (always.body or "") if always else ""
    check("archiveArtifacts" in always_body and "reports/**" in always_body,
          "post always archives reports/**")
    check("junit" in always_body, "post always publishes JUnit results")
    check("robot" in always_body, "post always publishes the Robot Framework log")
    failure = post.one("failure") if post else None
    check(bool(failure and "notify.sh" in (failure.body or "")), "post failure sends a notification (notify.sh)")
    check(any(group for stage in stages for group in stage.node.find("parallel")), "a parallel stage exists")

    # ---- scripts the pipeline calls exist and are executable
    called = sorted(set(re.findall(r"\b(scripts/[\w./-]+\.(?:sh|py))", text)))
    missing = [script for script in called
               if not os.access(os.path.join(root_dir, script), os.X_OK)]
    check(bool(called) and not missing,
          f"{len(called)} scripts called, all exist and are executable" + (f" (missing {missing})" if missing else ""))

    # ---- classify stages by what they do
    def doing(pattern: str) -> list[Stage]:
        return [stage for stage in stages if re.search(pattern, stage.steps_text())]

    tests = doing(r"scripts/test\.sh")
    push = doing(r"push-image\.sh")
    image_builds = doing(r"build-image\.sh\s+--tag")
    digest_gate = doing(r"pin-images\.sh\s+--verify")
    coverage = doing(r"scripts/coverage\.sh")
    check(bool(coverage), "a stage collects Rust coverage (scripts/coverage.sh)")
    for stage in coverage:
        check(has_timeout(stage.node), f"stage '{stage.name}' has its own timeout")
        stage_post = stage.node.one("post")
        kept = (stage_post.one("always") if stage_post else None)
        kept_body = (kept.body or "") if kept else ""
        check("recordCoverage" in kept_body and "cobertura.xml" in kept_body.lower(),
              f"stage '{stage.name}' publishes the Cobertura XML (recordCoverage) in post always")
        check(bool(re.search(r"archiveArtifacts[^\n]*reports/coverage", kept_body)),
              f"stage '{stage.name}' archives reports/coverage (HTML, lcov, XML) in post always")
    for script in ("scripts/test.sh", ".ci/run"):
        path = os.path.join(root_dir, script)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                check("coverage.sh" not in handle.read(), f"{script} does not collect coverage (CI time budget)")
    deploy = {env: doing(rf"deploy\.sh\s+--env\s+{env}\b") for env in ("staging", "rc", "production")}
    rollback = doing(r"rollback\.sh")
    approvals = [stage for stage in stages if stage.node.one("input") is not None]
    check(bool(tests), "a stage runs scripts/test.sh")
    check(all(deploy.values()), "a deploy stage per environment (staging, rc, production)")

    for stage in [s for env in deploy.values() for s in env] + approvals:
        check(has_timeout(stage.node), f"stage '{stage.name}' has its own timeout")
    for env, env_stages in deploy.items():
        for stage in env_stages:
            stage_post = stage.node.one("post")
            failure_post = stage_post.one("failure") if stage_post else None
            check(bool(failure_post and "rollback.sh" in (failure_post.body or "")),
                  f"stage '{stage.name}' rolls back on failure")

    # ---- simulate builds per branch type
    expectations = {
        # name: (build, runs tests, pushes image, deploys to, needs approval before production)
        "feature/*": (Build("feature/KLANG-12-stock-reservations"), True, False, set()),
        "bugfix/*": (Build("bugfix/KLANG-40-thai-sort"), True, False, set()),
        "pull request": (Build("PR-17", change_request=True), True, False, set()),
        "develop": (Build("develop"), True, True, {"staging"}),
        "release/*": (Build("release/1.4.0"), True, True, {"rc"}),
        "hotfix/*": (Build("hotfix/1.4.1"), True, True, {"rc", "production"}),
        "main": (Build("main"), True, True, {"production"}),
        "tag v*": (Build("v1.4.0", tag=True), True, True, {"production"}),
    }
    order = {id(stage.node): index for index, stage in enumerate(stages)}
    for label, (build, want_tests, want_push, want_envs) in expectations.items():
        try:
            running = [stage for stage in stages if runs(stage, build)]
        except ValueError as error:
            check(False, f"{label}: {error}")
            continue
        names = {id(stage.node) for stage in running}
        got_envs = {env for env, env_stages in deploy.items() if any(id(s.node) in names for s in env_stages)}
        check(any(id(s.node) in names for s in tests) == want_tests, f"{label}: tests run")
        check(any(id(s.node) in names for s in push) == want_push,
              f"{label}: image {'pushed' if want_push else 'not pushed'}")
        check(got_envs == want_envs, f"{label}: deploys to {sorted(want_envs) or 'nothing'} (got {sorted(got_envs)})")
        check(any(id(s.node) in names for s in coverage), f"{label}: coverage collected")
        if want_push:
            gates = [order[id(s.node)] for s in digest_gate if id(s.node) in names]
            first_image = min([order[id(s.node)] for s in image_builds + push if id(s.node) in names] or [0])
            check(bool(gates) and min(gates) < first_image,
                  f"{label}: image digests verified (pin-images.sh --verify) before the image is built")
        check(not any(id(s.node) in names for s in rollback if s.node.one("input") is not None),
              f"{label}: manual Rollback stage does not run")
        if "production" in got_envs:
            first_prod = min(order[id(s.node)] for s in deploy["production"] if id(s.node) in names)
            gate = [s for s in approvals if id(s.node) in names and order[id(s.node)] < first_prod]
            check(bool(gate), f"{label}: an input approval runs before the production deploy")
            messages = " ".join((s.node.one("input").body or "") for s in gate)
            check("submitter" in messages, f"{label}: the approval is limited to a submitter group")
        for env in ("staging", "rc"):
            if env in got_envs:
                env_first = min(order[id(s.node)] for s in deploy[env] if id(s.node) in names)
                gated = [s for s in approvals if id(s.node) in names and order[id(s.node)] < env_first]
                check(not gated, f"{label}: {env} deploys without waiting for an approval")

    rollback_build = Build("main", rollback_env="production")
    running = [stage for stage in stages if runs(stage, rollback_build)]
    check([s.name for s in running] and all(s in rollback for s in running)
          and all(s.node.one("input") is not None for s in running),
          f"ROLLBACK_ENV set: only the approved Rollback stage runs (got {[s.name for s in running]})")

    print(f"jenkinsfile: {checker.passed} passed, {checker.failed} failed")
    return 0 if checker.failed == 0 else 1


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Jenkinsfile")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
