#!/usr/bin/env python3
"""Checks that promtool, amtool and tsc cannot make.

  ops_lint.py rules <repo root>
      Every alert has a severity (critical | warning), a summary, a Thai description and a runbook_url
      `docs/operations/runbook.md#<anchor>` whose anchor is a heading of that file; every range or subquery
      window in rules and dashboards is at least 2x the scrape interval of deploy/prometheus/prometheus.yml;
      aggregations keep only bounded labels; the alert names Alertmanager's inhibit rules mention exist.

  ops_lint.py grafana <repo root>
      The provisioned data sources, the dashboards and docker-compose.yml agree: each dashboard's datasource
      variable defaults to the provisioned uid of its type, the provider reads the folder Compose mounts the
      dashboards at, the Prometheus data source URL is the Compose service and its timeInterval is Prometheus'
      scrape interval; the Elasticsearch one reads the Compose service, the index template's pattern and its
      password from Grafana's environment.

  ops_lint.py n8n <repo root>
      The n8n workflows (deploy/n8n/workflows/*.json) and Alertmanager agree: every workflow has the id Compose and
      scripts/ops/n8n.sh publish it by; every webhook path of deploy/alertmanager/alertmanager.yml is served by
      exactly one Webhook node (POST), each of which answers only after the workflow ran (responseMode
      responseNode, so Alertmanager retries when the workflow fails) and leads to a Respond to Webhook node; every
      connection names an existing node. The Klang events workflow (/webhook/klang-events, Klang's webhook
      subscriber) keeps the raw body, verifies Klang-Signature with $env.KLANG_WEBHOOK_SECRET in a Code node
      (HMAC-SHA256, constant-time comparison, 5-minute limit), answers 200, 401 and 500, and routes its Code nodes'
      errors to the 500 answer.

  ops_lint.py logs <repo root>
      The log artefacts that cannot run here agree with the ones that do (deploy/elasticsearch, deploy/logstash,
      deploy/kibana, deploy/rsyslog): the ILM policy uses only known phases and actions, and the lifecycle
      component names it; setup.sh puts every name the index template refers to; Logstash and rsyslog write to a
      data stream the template matches, Logstash skips the default pipeline it replaces and listens on the GELF
      port Compose sends to; every Kibana saved object parses, its references resolve inside the file, the data
      view matches the template, and every field a search or visualization shows is mapped by the template.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

SEVERITIES = {"critical", "warning"}
BOUNDED_LABELS = {"job", "instance", "operation", "outcome", "route", "method", "status", "state", "le", "limiter",
                  "type", "result", "alertname", "severity", "code", "dependency", "topic"}
THAI = re.compile(r"[\u0E00-\u0E7F]")
WINDOW = re.compile(r"\[(\d+)([smhd])(?::(\d+)([smhd]))?\]")
BY_CLAUSE = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")
RUNBOOK = re.compile(r"^docs/operations/runbook\.md#([a-z0-9-]+)$")
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
    anchors = github_anchors((root / "docs/operations/runbook.md").read_text())
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
                    problems.append(f"{where}: runbook_url must be docs/operations/runbook.md#<anchor>")
                elif match.group(1) not in anchors:
                    problems.append(f"{where}: docs/operations/runbook.md has no heading for #{match.group(1)}")
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
    logs = yaml.safe_load((provisioning / "datasources/elasticsearch.yml").read_text())["datasources"][0]
    template = json.loads((root / "deploy/elasticsearch/index-template.json").read_text())
    if logs["url"] != "http://elasticsearch:9200" or "elasticsearch" not in compose["services"]:
        problems.append(f"log data source URL {logs['url']} is not the Compose service elasticsearch:9200")
    if logs["jsonData"]["index"] not in template["index_patterns"]:
        problems.append(f"log data source index {logs['jsonData']['index']} is not the index template's pattern")
    password = logs.get("secureJsonData", {}).get("basicAuthPassword", "")
    if password != "$ELASTIC_PASSWORD" or "ELASTIC_PASSWORD" not in (grafana.get("environment") or {}):
        problems.append("log data source password is not $ELASTIC_PASSWORD from Grafana's Compose environment")
    defaults = {"prometheus": source["uid"], "elasticsearch": logs["uid"]}
    dashboards = sorted((root / "deploy/grafana/dashboards").glob("*.json"))
    for dashboard_file in dashboards:
        dashboard = json.loads(dashboard_file.read_text())
        variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
        datasource = variables.get("datasource")
        if not datasource or datasource.get("query") not in defaults:
            problems.append(f"{dashboard_file.name}: no Prometheus or Elasticsearch datasource variable")
        elif datasource.get("current", {}).get("value") != defaults[datasource["query"]]:
            problems.append(f"{dashboard_file.name}: datasource variable does not default to uid "
                            f"{defaults[datasource['query']]}")
    if not problems:
        print(f"data sources {source['uid']} -> {source['url']} (timeInterval {source['jsonData']['timeInterval']}), "
              f"{logs['uid']} -> {logs['url']} ({logs['jsonData']['index']}); {len(dashboards)} dashboard(s) default "
              "to theirs; provider path matches the Compose mount (Grafana itself is not run here)")
    return problems


ILM_ACTIONS = {
    "hot": {"rollover", "set_priority", "forcemerge", "shrink", "readonly", "unfollow", "downsample"},
    "warm": {"set_priority", "allocate", "migrate", "forcemerge", "shrink", "readonly", "unfollow", "downsample"},
    "cold": {"set_priority", "allocate", "migrate", "readonly", "searchable_snapshot", "unfollow", "downsample"},
    "frozen": {"searchable_snapshot", "unfollow"},
    "delete": {"wait_for_snapshot", "delete"},
}


def mapped_fields(mapping: dict, prefix: str = "") -> set[str]:
    fields = set()
    for name, spec in mapping.get("properties", {}).items():
        path = f"{prefix}{name}"
        if "properties" in spec:
            fields |= mapped_fields(spec, f"{path}.")
        else:
            fields.add(path)
    return fields


def lint_logs(root: Path) -> list[str]:
    problems: list[str] = []
    es = root / "deploy/elasticsearch"
    setup = (es / "setup.sh").read_text()
    policy = json.loads((es / "ilm-policy.json").read_text())["policy"]
    for phase, spec in policy["phases"].items():
        if phase not in ILM_ACTIONS:
            problems.append(f"ilm-policy.json: unknown phase {phase}")
            continue
        for action in spec.get("actions", {}):
            if action not in ILM_ACTIONS[phase]:
                problems.append(f"ilm-policy.json: action {action} is not allowed in phase {phase}")
    policy_name = re.search(r"_ilm/policy/([\w-]+)", setup)
    lifecycle = json.loads((es / "lifecycle-component.json").read_text())
    if not policy_name or lifecycle["template"]["settings"].get("index.lifecycle.name") != policy_name.group(1):
        problems.append("lifecycle-component.json does not name the ILM policy setup.sh puts")
    template = json.loads((es / "index-template.json").read_text())
    settings = template["template"]["settings"]
    if f"/_ingest/pipeline/{settings.get('index.default_pipeline')} " not in setup:
        problems.append(f"setup.sh does not put the default pipeline {settings.get('index.default_pipeline')}")
    for component in template.get("composed_of", []):
        if f"/_component_template/{component} " not in setup:
            problems.append(f"setup.sh does not put the component template {component}")
    patterns = [re.compile(p.replace(".", r"\.").replace("*", ".*") + "$") for p in template["index_patterns"]]
    fields = mapped_fields(template["template"]["mappings"])

    logstash = (root / "deploy/logstash/pipeline/klang.conf").read_text()
    stream = "-".join(re.search(rf'data_stream_{part} => "([^"]+)"', logstash).group(1)
                      for part in ("type", "dataset", "namespace"))
    if not any(p.match(stream) for p in patterns):
        problems.append(f"Logstash writes {stream}, which the index template does not match")
    if 'pipeline => "_none"' not in logstash:
        problems.append("Logstash parses already but does not skip the default ingest pipeline (pipeline => \"_none\")")
    gelf_port = re.search(r"gelf\s*{[^}]*port => (\d+)", logstash)
    compose = (root / "docker-compose.yml").read_text()
    if not gelf_port or f"udp://127.0.0.1:{gelf_port.group(1)}" not in compose:
        problems.append("docker-compose.yml does not send the GELF logs to Logstash's gelf port")
    rsyslog = (root / "deploy/rsyslog/klang-shipper.conf").read_text()
    index = re.search(r'searchIndex="([^"]+)"', rsyslog)
    if not index or not any(p.match(index.group(1)) for p in patterns):
        problems.append("rsyslog writes to an index the template does not match")
    if 'writeoperation="create"' not in rsyslog or 'esVersion.major="8"' not in rsyslog:
        problems.append('rsyslog must use writeoperation="create" (data stream) and esVersion.major="8" (no _type)')

    objects = [json.loads(line) for line in (root / "deploy/kibana/saved-objects.ndjson").read_text().splitlines()
               if line.strip()]
    by_id = {(obj["type"], obj["id"]): obj for obj in objects}
    if len(by_id) != len(objects):
        problems.append("saved-objects.ndjson: duplicate ids")
    titles = {obj["attributes"]["title"] for obj in objects}
    for wanted in ("Klang: errors by operation", "Klang: a request end to end"):
        if wanted not in titles:
            problems.append(f"saved-objects.ndjson: no saved search {wanted!r}")
    if not any(obj["type"] == "dashboard" for obj in objects):
        problems.append("saved-objects.ndjson: no dashboard")
    for obj in objects:
        where = f"saved object {obj['type']}/{obj['id']}"
        names = set()
        for ref in obj["references"]:
            names.add(ref["name"])
            if (ref["type"], ref["id"]) not in by_id:
                problems.append(f"{where}: reference {ref['name']} -> {ref['type']}/{ref['id']} is not in the file")
        attributes = obj["attributes"]
        if obj["type"] == "index-pattern" and not any(p.match(attributes["title"].replace("*", "x"))
                                                      for p in patterns):
            problems.append(f"{where}: data view {attributes['title']} is not matched by the index template")
        meta = attributes.get("kibanaSavedObjectMeta", {}).get("searchSourceJSON")
        source = json.loads(meta) if meta else {}
        if "indexRefName" in source and source["indexRefName"] not in names:
            problems.append(f"{where}: indexRefName {source['indexRefName']} has no reference")
        shown = list(attributes.get("columns", [])) + [sort[0] for sort in attributes.get("sort", [])]
        if "visState" in attributes:
            state = json.loads(attributes["visState"])
            shown += [agg["params"]["field"] for agg in state["aggs"] if "field" in agg.get("params", {})]
            if attributes.get("savedSearchRefName") not in names:
                problems.append(f"{where}: savedSearchRefName has no reference")
        for field in shown:
            if field not in fields:
                problems.append(f"{where}: field {field} is not mapped by the index template")
        if "panelsJSON" in attributes:
            for panel in json.loads(attributes["panelsJSON"]):
                if panel.get("panelRefName") not in names:
                    problems.append(f"{where}: panel {panel.get('panelIndex')} has no reference")
    if not problems:
        print(f"ILM policy ({len(policy['phases'])} phases) named by the lifecycle component; setup.sh puts every "
              f"name the template uses; Logstash ({stream}, pipeline _none, GELF port {gelf_port.group(1)}) and "
              f"rsyslog ({index.group(1)}) write to the template's data stream; {len(objects)} Kibana saved objects: "
              "references resolve, shown fields mapped (Logstash and Kibana are not run here)")
    return problems


KLANG_EVENTS_PATH = "klang-events"
# What the Klang events workflow's Code nodes must do (docs/domains/webhooks.md, section 5).
KLANG_EVENTS_CODE = ["klang-signature", "$env.KLANG_WEBHOOK_SECRET", "createHmac('sha256'", "getBinaryDataBuffer",
                     "timingSafeEqual", "MAX_AGE_SECONDS = 5 * 60", "klang.inventory.low_stock.v1",
                     "klang.inventory.stock_changed.v1", "พร้อมใช้"]


def klang_events_problems(name: str, nodes: dict, connections: dict) -> list[str]:
    """The Klang webhook subscriber: raw body kept (the signature covers the exact bytes), signature checked in a
    Code node, 401 for a forged or stale request, 500 (never n8n's empty 200) when a Code node fails."""
    problems = []
    webhook = next(node for node in nodes.values() if node["type"] == "n8n-nodes-base.webhook"
                   and node["parameters"].get("path") == KLANG_EVENTS_PATH)
    if webhook["parameters"].get("options", {}).get("rawBody") is not True:
        problems.append(f"{name}: webhook {KLANG_EVENTS_PATH} must keep the raw body (options.rawBody: true)")
    code = [node for node in nodes.values() if node["type"] == "n8n-nodes-base.code"]
    text = "\n".join(node["parameters"].get("jsCode", "") for node in code)
    problems += [f"{name}: no Code node has {part!r}" for part in KLANG_EVENTS_CODE if part not in text]
    codes = {node["parameters"].get("options", {}).get("responseCode"): node["name"] for node in nodes.values()
             if node["type"] == "n8n-nodes-base.respondToWebhook"}
    for status in (200, 401, 500):
        if status not in codes:
            problems.append(f"{name}: no Respond to Webhook node answers {status}")
    for node in code:
        outputs = connections.get(node["name"], {}).get("main", [])
        errors = [link["node"] for link in (outputs[1] if len(outputs) > 1 else []) or []]
        if node.get("onError") != "continueErrorOutput" or codes.get(500) not in errors:
            problems.append(f"{name}: Code node {node['name']!r} must route its errors (onError: continueErrorOutput) "
                            "to the 500 answer: n8n answers a failed execution 200 with no body")
    return problems


def lint_n8n(root: Path) -> list[str]:
    problems: list[str] = []
    alertmanager = yaml.safe_load((root / "deploy/alertmanager/alertmanager.yml").read_text())
    paths = set()
    for receiver in alertmanager["receivers"]:
        for webhook in receiver.get("webhook_configs", []):
            match = re.fullmatch(r"https?://[^/]+/webhook/([\w-]+)", webhook["url"])
            if not match:
                problems.append(f"alertmanager receiver {receiver['name']}: {webhook['url']} is not an n8n "
                                "production webhook URL (http://<n8n>/webhook/<path>)")
            else:
                paths.add(match.group(1))
    served: dict[str, str] = {}
    workflows = sorted((root / "deploy/n8n/workflows").glob("*.json"))
    if not workflows:
        problems.append("no workflow in deploy/n8n/workflows")
    for file in workflows:
        workflow = json.loads(file.read_text())
        if not re.fullmatch(r"[A-Za-z0-9]{16}", str(workflow.get("id", ""))):
            problems.append(f"{file.name}: id must be 16 letters or digits (publish:workflow --id=...)")
        nodes = {node["name"]: node for node in workflow["nodes"]}
        connections = workflow.get("connections", {})
        for source, outputs in connections.items():
            targets = [link["node"] for output in outputs.get("main", []) for link in output or []]
            for name in [source, *targets]:
                if name not in nodes:
                    problems.append(f"{file.name}: connection names unknown node {name!r}")

        def reaches_response(name: str, seen: set[str]) -> bool:
            if nodes.get(name, {}).get("type") == "n8n-nodes-base.respondToWebhook":
                return True
            seen.add(name)
            return any(reaches_response(link["node"], seen) for output in connections.get(name, {}).get("main", [])
                       for link in output or [] if link["node"] not in seen)

        for node in nodes.values():
            if node["type"] != "n8n-nodes-base.webhook":
                continue
            parameters = node["parameters"]
            path = parameters.get("path")
            where = f"{file.name}: webhook node {node['name']!r}"
            if path in served:
                problems.append(f"{where}: path {path} also served by {served[path]}")
            served[path] = f"{file.name}: {node['name']}"
            if parameters.get("httpMethod") != "POST":
                problems.append(f"{where}: httpMethod must be POST (Alertmanager posts)")
            if parameters.get("responseMode") != "responseNode":
                problems.append(f"{where}: responseMode must be responseNode (answer after the workflow ran)")
            if not node.get("webhookId"):
                problems.append(f"{where}: no webhookId")
            if not reaches_response(node["name"], set()):
                problems.append(f"{where}: no Respond to Webhook node after it")
        if any(node["type"] == "n8n-nodes-base.webhook" and node["parameters"].get("path") == KLANG_EVENTS_PATH
               for node in nodes.values()):
            problems += klang_events_problems(file.name, nodes, connections)
    for path in sorted(paths - set(served)):
        problems.append(f"alertmanager notifies /webhook/{path}, which no workflow serves")
    if KLANG_EVENTS_PATH not in served:
        problems.append(f"no workflow serves /webhook/{KLANG_EVENTS_PATH} (the Klang webhook subscriber)")
    if not problems:
        print(f"{len(workflows)} workflow(s) serve every Alertmanager webhook path ({', '.join(sorted(paths))}) with "
              "a POST Webhook node that answers after the workflow ran; ids publishable; "
              f"/webhook/{KLANG_EVENTS_PATH} keeps the raw body, verifies Klang-Signature and answers 401/500/200")
    return problems


def main() -> int:
    command, root = sys.argv[1], Path(sys.argv[2]).resolve()
    problems = {"rules": lint_rules, "grafana": lint_grafana, "logs": lint_logs, "n8n": lint_n8n}[command](root)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
