#!/usr/bin/env python3
"""Checks that promtool, amtool and tsc cannot make.

  ops_lint.py rules <repo root>
      Every alert has a severity (critical | warning), a summary, a Thai description and a runbook_url
      `docs/operations/monitoring.md#<anchor>` whose anchor is a heading of that file; every range or subquery
      window in rules and dashboards is at least 2x the scrape interval of deploy/prometheus/prometheus.yml;
      aggregations keep only bounded labels; the alert names Alertmanager's inhibit rules mention exist.

  ops_lint.py grafana <repo root>
      The provisioned data source, the dashboards and docker-compose.yml agree: the dashboards' datasource
      variable defaults to the provisioned uid, the provider reads the folder Compose mounts the dashboards at,
      the data source URL is the Compose Prometheus service and its timeInterval is Prometheus' scrape interval.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

SEVERITIES = {"critical", "warning"}
BOUNDED_LABELS = {"job", "instance", "operation", "outcome", "route", "method", "status", "state", "le", "limiter",
                  "type", "result", "alertname", "severity"}
THAI = re.compile(r"[\u0E00-\u0E7F]")
WINDOW = re.compile(r"\[(\d+)([smhd])(?::(\d+)([smhd]))?\]")
BY_CLAUSE = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")
RUNBOOK = re.compile(r"^docs/operations/monitoring\.md#([a-z0-9-]+)$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(text: str) -> int:
    match = re.fullmatch(r"(\d+)([smhd])", text)
    if not match:
        raise ValueError(f"unsupported duration {text}")
    return int(match.group(1)) * UNITS[match.group(2)]


def github_anchors(markdown: str) -> set[str]:
    """Anchors GitHub generates for the headings of a Markdown file (ASCII-safe approximation)."""
    anchors = set()
    for line in markdown.splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            text = re.sub(r"<[^>]+>", "", match.group(1)).strip().lower()
            text = re.sub(r"[^\w\- \u0E00-\u0E7F]", "", text)
            anchors.add(text.replace(" ", "-"))
        for explicit in re.findall(r'<a (?:id|name)="([^"]+)"', line):
            anchors.add(explicit)
    return anchors


def window_problems(where: str, expr: str, minimum: int) -> list[str]:
    problems = []
    for match in WINDOW.finditer(expr):
        size = int(match.group(1)) * UNITS[match.group(2)]
        if size < minimum:
            problems.append(f"{where}: window {match.group(0)} is shorter than 2x the scrape interval ({minimum}s)")
    return problems


def label_problems(where: str, expr: str) -> list[str]:
    problems = []
    for clause in BY_CLAUSE.findall(expr):
        for label in (label.strip() for label in clause.split(",")):
            if label and label not in BOUNDED_LABELS:
                problems.append(f"{where}: aggregates by label {label!r}, not in the bounded set")
    return problems


def lint_rules(root: Path) -> list[str]:
    problems: list[str] = []
    prometheus = yaml.safe_load((root / "deploy/prometheus/prometheus.yml").read_text())
    minimum = 2 * seconds(prometheus["global"]["scrape_interval"])
    anchors = github_anchors((root / "docs/operations/monitoring.md").read_text())
    alert_names: set[str] = set()
    counts = {"alert": 0, "record": 0}
    for rule_file in sorted((root / "deploy/prometheus/rules").glob("*.yml")):
        for group in yaml.safe_load(rule_file.read_text())["groups"]:
            for rule in group["rules"]:
                kind = "alert" if "alert" in rule else "record"
                counts[kind] += 1
                name = rule[kind]
                where = f"{rule_file.name}: {name}"
                problems += window_problems(where, rule["expr"], minimum)
                problems += label_problems(where, rule["expr"])
                if kind == "record":
                    continue
                alert_names.add(name)
                labels = rule.get("labels", {})
                annotations = rule.get("annotations", {})
                if labels.get("severity") not in SEVERITIES:
                    problems.append(f"{where}: severity {labels.get('severity')!r} not in {sorted(SEVERITIES)}")
                if set(labels) - {"severity"}:
                    problems.append(f"{where}: extra labels {sorted(set(labels) - {'severity'})}")
                if not annotations.get("summary"):
                    problems.append(f"{where}: no summary")
                if not THAI.search(annotations.get("description", "")):
                    problems.append(f"{where}: description is not in Thai")
                match = RUNBOOK.match(annotations.get("runbook_url", ""))
                if not match:
                    problems.append(f"{where}: runbook_url must be docs/operations/monitoring.md#<anchor>")
                elif match.group(1) not in anchors:
                    problems.append(f"{where}: docs/operations/monitoring.md has no heading for #{match.group(1)}")
                elif match.group(1) != name.lower():
                    problems.append(f"{where}: runbook anchor #{match.group(1)} should be #{name.lower()}")
    for dashboard in sorted((root / "deploy/grafana/dashboards").glob("*.json")):
        for panel in json.loads(dashboard.read_text()).get("panels", []):
            for target in panel.get("targets", []):
                where = f"{dashboard.name}: {panel['title']}"
                problems += window_problems(where, target.get("expr", ""), minimum)
                problems += label_problems(where, target.get("expr", ""))
    alertmanager = yaml.safe_load((root / "deploy/alertmanager/alertmanager.yml").read_text())
    for rule in alertmanager.get("inhibit_rules", []):
        for matcher in rule.get("source_matchers", []) + rule.get("target_matchers", []):
            match = re.fullmatch(r'\s*alertname\s*(=~|=)\s*"([^"]*)"\s*', matcher)
            if not match:
                continue
            operator, value = match.groups()
            if operator == "=" and value not in alert_names:
                problems.append(f"alertmanager inhibit rule names unknown alert {value}")
            if operator == "=~":
                for part in value.split("|"):
                    if not any(re.fullmatch(part, name) for name in alert_names):
                        problems.append(f"alertmanager inhibit regex part {part!r} matches no alert")
    if not problems:
        print(f"{counts['alert']} alerts with severity, summary, Thai description and a runbook anchor that exists; "
              f"{counts['record']} recording rules; windows >= {minimum}s; bounded labels; inhibit rules name "
              "existing alerts")
    return problems


def lint_grafana(root: Path) -> list[str]:
    problems: list[str] = []
    provisioning = root / "deploy/grafana/provisioning"
    datasources = yaml.safe_load((provisioning / "datasources/prometheus.yml").read_text())["datasources"]
    providers = yaml.safe_load((provisioning / "dashboards/klang.yml").read_text())["providers"]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    prometheus = yaml.safe_load((root / "deploy/prometheus/prometheus.yml").read_text())
    grafana = compose["services"]["grafana"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in grafana["volumes"] if ":" in volume}
    prometheus_sources = [source for source in datasources if source["type"] == "prometheus"]
    if len(prometheus_sources) != 1:
        problems.append("exactly one Prometheus data source expected")
        return problems
    source = prometheus_sources[0]
    if source["url"] != "http://prometheus:9090" or "prometheus" not in compose["services"]:
        problems.append(f"data source URL {source['url']} is not the Compose service prometheus:9090")
    if source.get("jsonData", {}).get("timeInterval") != prometheus["global"]["scrape_interval"]:
        problems.append("data source timeInterval differs from Prometheus' scrape_interval")
    if mounts.get("/etc/grafana/provisioning") != "./deploy/grafana/provisioning":
        problems.append("Compose does not mount deploy/grafana/provisioning at /etc/grafana/provisioning")
    for provider in providers:
        path = provider["options"]["path"]
        if mounts.get(path) != "./deploy/grafana/dashboards":
            problems.append(f"dashboard provider reads {path}, where Compose mounts no deploy/grafana/dashboards")
    dashboards = sorted((root / "deploy/grafana/dashboards").glob("*.json"))
    for dashboard_file in dashboards:
        dashboard = json.loads(dashboard_file.read_text())
        variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
        datasource = variables.get("datasource")
        if not datasource or datasource.get("query") != "prometheus":
            problems.append(f"{dashboard_file.name}: no Prometheus datasource variable")
        elif datasource.get("current", {}).get("value") != source["uid"]:
            problems.append(f"{dashboard_file.name}: datasource variable does not default to uid {source['uid']}")
    if not problems:
        print(f"data source uid {source['uid']} -> {source['url']} (timeInterval {source['jsonData']['timeInterval']}); "
              f"{len(dashboards)} dashboard(s) default to it; provider path matches the Compose mount "
              "(Grafana itself is not run here)")
    return problems


def main() -> int:
    command, root = sys.argv[1], Path(sys.argv[2]).resolve()
    problems = {"rules": lint_rules, "grafana": lint_grafana}[command](root)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
