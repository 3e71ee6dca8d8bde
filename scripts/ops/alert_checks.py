#!/usr/bin/env python3
"""A real Alertmanager (Debian 0.25) with the repository's routing tree, notifying a local webhook receiver
(scripts/ops/webhook_receiver.py), both started by scripts/ops/live-scrape.sh.

  alert_checks.py config <repo alertmanager.yml> <receiver port> <out file> [<n8n url>]
      Writes the Alertmanager config for the run: the repository's file with every webhook URL's scheme, host and
      port replaced by the local receiver (the path, which names the n8n workflow, is kept) and every group_wait /
      group_interval shortened to 1 s, so a run takes seconds. Routes, matchers, grouping and inhibit rules are
      untouched. With an n8n URL, every webhook is also sent to the real n8n at the same path (its production
      webhook URL, POST /webhook/<path>): Alertmanager notifies both integrations of a receiver.

  alert_checks.py run <alertmanager url> <receiver file> <results file>
      alert-routing: the alert Prometheus fired for real (KlangLowStockCrossings after a real low-stock crossing)
      reaches the warehouse webhook; alerts posted to Alertmanager's API show the configured behaviour:
        severity routing  a critical alert reaches /webhook/klang-alerts-critical, a warning /webhook/klang-alerts;
        grouping          two KlangTargetDown alerts of one job (two instances) arrive as ONE notification;
        inhibition        KlangServiceDown silences KlangNotReady of the same job (never delivered) but not of
                          another job (delivered); KlangDependencyDown{dependency="kafka"} silences the Kafka
                          consumer lag alert of its job but not KlangRedisErrors (another dependency's symptom).
      Writes "alert-routing ok|FAIL <detail>" to the results file.

  alert_checks.py n8n <alertmanager url> <n8n url> <n8n database> <receiver file> <results file>
      n8n: the real n8n running deploy/n8n/workflows/alerts.json received and processed every notification the
      receiver got (same webhook path, same alert fingerprints and status), each execution succeeded, and its Thai
      message per alert carries the alert's name, severity, summary and runbook link: for the alert the real
      Prometheus fired (KlangLowStockCrossings, warehouse channel), for a critical one (on-call channel) and for a
      resolved one (an alert posted, then resolved through Alertmanager's API: send_resolved). A direct POST of a
      resolved alert to the production webhook URL answers with its message. Reads the executions from n8n's
      SQLite database. Appends "n8n ok|FAIL <detail>" to the results file.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

REAL_ALERT = "KlangLowStockCrossings"
PATHS = {"critical": "/webhook/klang-alerts-critical", "warning": "/webhook/klang-alerts",
         "warehouse": "/webhook/klang-low-stock"}


def write_config(source: Path, receiver_port: int, out: Path, n8n: str | None = None) -> None:
    config = yaml.safe_load(source.read_text())
    for receiver in config["receivers"]:
        copies = []
        for webhook in receiver.get("webhook_configs", []):
            url = urllib.parse.urlsplit(webhook["url"])
            webhook["url"] = urllib.parse.urlunsplit(("http", f"127.0.0.1:{receiver_port}", url.path, "", ""))
            if n8n:
                copies.append({**webhook, "url": n8n.rstrip("/") + url.path})
        receiver.get("webhook_configs", []).extend(copies)

    def shorten(route: dict) -> None:
        for key in ("group_wait", "group_interval"):
            if key in route:
                route[key] = "1s"
        for child in route.get("routes", []):
            shorten(child)

    config["route"]["group_wait"] = config["route"]["group_interval"] = "1s"
    shorten(config["route"])
    out.write_text(yaml.safe_dump(config, sort_keys=False))


def post_alerts(alertmanager: str, alerts: list[dict]) -> None:
    request = urllib.request.Request(f"{alertmanager}/api/v2/alerts", data=json.dumps(alerts).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise RuntimeError(f"POST /api/v2/alerts answered {response.status}")


def alert(name: str, severity: str, job: str, instance: str = "ops-check:8080", **labels: str) -> dict:
    return {"labels": {"alertname": name, "severity": severity, "job": job, "instance": instance, **labels},
            "annotations": {"summary": f"{name} posted by scripts/ops/alert_checks.py"}}


def notifications(receiver_file: Path) -> list[dict]:
    if not receiver_file.exists():
        return []
    return [json.loads(line) for line in receiver_file.read_text().splitlines() if line.strip()]


def delivered(receiver_file: Path, name: str, job: str | None = None) -> list[dict]:
    """The notifications that carry a firing alert with this name (and job)."""
    found = []
    for note in notifications(receiver_file):
        for item in note["body"]["alerts"]:
            if item["status"] == "firing" and item["labels"]["alertname"] == name and \
                    (job is None or item["labels"].get("job") == job):
                found.append(note)
                break
    return found


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def check(alertmanager: str, receiver_file: Path) -> tuple[list[str], str]:
    problems: list[str] = []
    if not wait_until(lambda: delivered(receiver_file, REAL_ALERT, "klang"), 20):
        problems.append(f"{REAL_ALERT} fired in Prometheus but reached no webhook within 20 s")
    real = delivered(receiver_file, REAL_ALERT, "klang")
    if real and real[0]["path"] != PATHS["warehouse"]:
        problems.append(f"{REAL_ALERT} went to {real[0]['path']}, not {PATHS['warehouse']}")

    # The inhibitor first, so it is known when the targets arrive; both in the same group_wait anyway.
    post_alerts(alertmanager, [alert("KlangServiceDown", "critical", "ops-inhibit"),
                               alert("KlangDependencyDown", "critical", "ops-dependency", dependency="kafka")])
    post_alerts(alertmanager, [
        alert("KlangNotReady", "warning", "ops-inhibit"),
        alert("KlangNotReady", "warning", "ops-other"),
        alert("KlangOutboxStuck", "critical", "ops-severity"),
        alert("KlangRedisErrors", "warning", "ops-severity"),
        alert("KlangTargetDown", "warning", "ops-group", "replica-1:8080"),
        alert("KlangTargetDown", "warning", "ops-group", "replica-2:8080"),
        alert("KlangKafkaConsumerLagHigh", "warning", "ops-dependency", topic="klang.inventory"),
        alert("KlangRedisErrors", "warning", "ops-dependency"),
    ])
    expected = [("KlangServiceDown", "ops-inhibit", "critical"), ("KlangNotReady", "ops-other", "warning"),
                ("KlangOutboxStuck", "ops-severity", "critical"), ("KlangRedisErrors", "ops-severity", "warning"),
                ("KlangTargetDown", "ops-group", "warning"), ("KlangDependencyDown", "ops-dependency", "critical"),
                ("KlangRedisErrors", "ops-dependency", "warning")]
    wait_until(lambda: all(delivered(receiver_file, name, job) for name, job, _ in expected), 15)
    for name, job, route in expected:
        notes = delivered(receiver_file, name, job)
        if not notes:
            problems.append(f"{name} ({job}) was not delivered")
        elif notes[0]["path"] != PATHS[route]:
            problems.append(f"{name} ({job}) went to {notes[0]['path']}, not {PATHS[route]}")
    grouped = delivered(receiver_file, "KlangTargetDown", "ops-group")
    if grouped:
        instances = sorted(item["labels"]["instance"] for item in grouped[0]["body"]["alerts"])
        if len(grouped) != 1 or instances != ["replica-1:8080", "replica-2:8080"]:
            problems.append(f"KlangTargetDown of one job: {len(grouped)} notifications, first with {instances}; "
                            "one notification with both instances expected (group_by alertname, job)")
    # Inhibited alerts are never sent: give Alertmanager two more group intervals to prove it.
    time.sleep(2.5)
    if delivered(receiver_file, "KlangNotReady", "ops-inhibit"):
        problems.append("KlangNotReady was delivered although KlangServiceDown of the same job fires (inhibit rule)")
    if delivered(receiver_file, "KlangKafkaConsumerLagHigh", "ops-dependency"):
        problems.append("KlangKafkaConsumerLagHigh was delivered although KlangDependencyDown{dependency=\"kafka\"} "
                        "of the same job fires (inhibit rule)")
    detail = (f"{REAL_ALERT} from the real Prometheus reached {PATHS['warehouse']}; critical -> "
              f"{PATHS['critical']}, warning -> {PATHS['warning']}; 2 KlangTargetDown of one job in 1 notification; "
              "KlangServiceDown inhibits KlangNotReady of its job only; KlangDependencyDown{kafka} inhibits the "
              "consumer lag alert, not KlangRedisErrors "
              f"({len(notifications(receiver_file))} notifications received)")
    return problems, detail


def run(alertmanager: str, receiver_file: Path, results: Path) -> int:
    try:
        problems, detail = check(alertmanager, receiver_file)
    except (OSError, RuntimeError, ValueError, KeyError) as error:
        problems, detail = [f"{type(error).__name__}: {error}"], ""
    for problem in problems:
        print(f"alert-routing: {problem}")
    line = f"alert-routing {'FAIL ' + problems[0] if problems else 'ok ' + detail}"
    print(line)
    with results.open("a") as out:
        out.write(line + "\n")
    return 1 if problems else 0


# --- n8n ----------------------------------------------------------------------------------------------------------

WORKFLOW_ID = "KlangAlertsN8n01"
CHANNELS = {"klang-alerts-critical": "on-call", "klang-alerts": "ทีมปฏิบัติการ", "klang-low-stock": "ทีมคลังสินค้า"}


def unflatten(text: str):
    """n8n stores execution data in the `flatted` format: a JSON array whose first entry is the root and where
    every object, array and string is an entry referred to by its index (written as a string)."""
    values = json.loads(text)
    revived: dict[int, object] = {}

    def revive(index: int):
        if index in revived:
            return revived[index]
        value = values[index]
        if isinstance(value, list):
            out: object = []
            revived[index] = out
            out.extend(resolve(item) for item in value)  # type: ignore[attr-defined]
        elif isinstance(value, dict):
            out = {}
            revived[index] = out
            for key, item in value.items():
                out[key] = resolve(item)  # type: ignore[index]
        else:
            out = value
        return out

    def resolve(item):
        return revive(int(item)) if isinstance(item, str) else item

    return revive(0)


def formatted_items(node) -> list[dict]:
    """Every item the workflow's "Format Thai messages" node produced, wherever it sits in the execution data."""
    found = []
    if isinstance(node, dict):
        if {"channel", "fingerprint", "message", "status"} <= node.keys():
            found.append(node)
        else:
            for value in node.values():
                found += formatted_items(value)
    elif isinstance(node, list):
        for value in node:
            found += formatted_items(value)
    return found


def n8n_executions(database: Path) -> list[dict]:
    """The workflow's webhook executions: status, and the Thai messages they formatted."""
    if not database.exists():
        return []
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT e.id, e.status, e.mode, d.data FROM execution_entity e "
            "LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id",
            (WORKFLOW_ID,)).fetchall()
    finally:
        connection.close()
    executions = []
    for execution_id, status, mode, data in rows:
        items = {}
        if data:
            for item in formatted_items(unflatten(data)):
                items[(item["channel"], item["fingerprint"], item["status"])] = item
        executions.append({"id": execution_id, "status": status, "mode": mode, "items": items})
    return executions


def expected_deliveries(receiver_file: Path) -> dict[tuple, dict]:
    """(webhook path, fingerprint, status) of every alert in every notification the local receiver got."""
    expected = {}
    for note in notifications(receiver_file):
        for item in note["body"]["alerts"]:
            expected[(note["path"].rsplit("/", 1)[-1], item["fingerprint"], item["status"])] = item
    return expected


def n8n_items(database: Path) -> dict[tuple, dict]:
    items = {}
    for execution in n8n_executions(database):
        items.update(execution["items"])
    return items


def message_problems(item: dict, alert: dict, path: str) -> list[str]:
    labels, annotations = alert["labels"], alert.get("annotations", {})
    message = item["message"]
    name = labels["alertname"]
    severity = labels.get("severity")
    heading = ("✅ กลับสู่ปกติ" if alert["status"] == "resolved"
               else "🔴 แจ้งเตือน" if severity == "critical" else "🟠 แจ้งเตือน")
    wanted = [f"{heading}: {name}", f"สรุป: {annotations.get('summary')}", f"ส่งถึง: {CHANNELS[path]}"]
    wanted.append({"critical": "ความรุนแรง: วิกฤต (critical)", "warning": "ความรุนแรง: เตือน (warning)"}
                  .get(severity, "ความรุนแรง: ไม่ระบุ"))
    runbook = annotations.get("runbook_url")
    wanted.append(f"คู่มือแก้ไข: {runbook}" if runbook else "คู่มือแก้ไข: ไม่มี")
    if annotations.get("description"):
        wanted.append(f"รายละเอียด: {annotations['description']}")
    if alert["status"] == "resolved":
        wanted.append("สิ้นสุดเมื่อ: ")
    return [f"n8n message for {name} ({alert['status']}, {path}) lacks {part!r}: {message!r}"
            for part in wanted if part not in message]


def post_direct(n8n: str) -> list[dict]:
    """A resolved alert posted straight to the production webhook URL: the workflow answers with its messages."""
    body = {"version": "4", "status": "resolved", "receiver": "n8n-warning", "alerts": [{
        "status": "resolved", "labels": {"alertname": "KlangOpsCheckDirect", "severity": "warning", "job": "ops-n8n"},
        "annotations": {"summary": "Posted straight to n8n by scripts/ops/alert_checks.py",
                        "description": "ทดสอบ workflow โดยตรง", "runbook_url": "docs/operations/runbook.md#klangtargetdown"},
        "startsAt": "2026-01-01T01:00:00Z", "endsAt": "2026-01-01T01:05:00Z", "fingerprint": "ops0direct0check"}]}
    request = urllib.request.Request(f"{n8n}/webhook/klang-alerts", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    return answer if isinstance(answer, list) else [answer]


def post_broken(n8n: str) -> int:
    """An alert the workflow cannot format (null): the status n8n answers, which must be 500 so that Alertmanager
    retries (n8n 2.8 answers a failed execution 200 with an empty body unless the error goes to a response node)."""
    request = urllib.request.Request(f"{n8n}/webhook/klang-alerts", data=json.dumps({"alerts": [None]}).encode(),
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_n8n(alertmanager: str, n8n: str, database: Path, receiver_file: Path) -> tuple[list[str], str]:
    problems: list[str] = []
    broken = post_broken(n8n)
    if broken != 500:
        problems.append(f"an alert the workflow cannot format was answered {broken}, not 500 (Alertmanager would not retry)")
    direct = post_direct(n8n)
    if len(direct) != 1 or "✅ กลับสู่ปกติ: KlangOpsCheckDirect" not in direct[0].get("message", "") or \
            "เริ่มเมื่อ: 1 ม.ค. 2569 08:00:00" not in direct[0].get("message", ""):
        problems.append(f"direct POST to /webhook/klang-alerts answered {direct}")

    # Fire, then resolve, one alert through Alertmanager: the resolved notification must reach n8n too.
    resolved = alert("KlangRedisErrors", "warning", "ops-n8n-resolved")
    resolved["annotations"].update({"description": "ทดสอบการแจ้งว่ากลับสู่ปกติ",
                                    "runbook_url": "docs/operations/runbook.md#klangrediserrors"})
    post_alerts(alertmanager, [resolved])
    wait_until(lambda: delivered(receiver_file, "KlangRedisErrors", "ops-n8n-resolved"), 15)
    resolved["endsAt"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    post_alerts(alertmanager, [resolved])

    def resolved_seen() -> bool:
        return any(item["status"] == "resolved" and item["labels"].get("job") == "ops-n8n-resolved"
                   for item in expected_deliveries(receiver_file).values())

    if not wait_until(resolved_seen, 15):
        problems.append("Alertmanager sent no resolved notification for the alert resolved through its API")
    # Every alert of every notification the receiver got, also processed by n8n (same path, fingerprint, status).
    expected = expected_deliveries(receiver_file)
    wait_until(lambda: set(expected) <= set(n8n_items(database)), 30)
    items = n8n_items(database)
    missing = sorted(set(expected) - set(items))
    for path, fingerprint, status in missing[:5]:
        problems.append(f"n8n has no execution for {expected[(path, fingerprint, status)]['labels']['alertname']} "
                        f"({status}) sent to /webhook/{path}")
    executions = [e for e in n8n_executions(database) if e["mode"] == "webhook"]
    failed = [e for e in executions if e["status"] != "success"]
    if failed:
        problems.append(f"n8n executions not successful: {[(e['id'], e['status']) for e in failed]}")
    checked = {"real": 0, "critical": 0, "resolved": 0}
    for key, alert_ in expected.items():
        if key not in items:
            continue
        path = key[0]
        labels = alert_["labels"]
        kind = ("real" if labels["alertname"] == REAL_ALERT and labels.get("job") == "klang"
                else "resolved" if alert_["status"] == "resolved"
                else "critical" if labels.get("severity") == "critical" else None)
        problems += message_problems(items[key], alert_, path)
        if kind:
            if checked[kind] == 0:
                print(f"n8n message ({kind}, /webhook/{path}):\n{items[key]['message']}\n")
            checked[kind] += 1
    for kind, count in checked.items():
        if count == 0:
            problems.append(f"no {kind} alert reached n8n to check its message")
    paths = sorted({path for path, _, _ in expected})
    detail = (f"{len(executions)} webhook executions of {WORKFLOW_ID}, all successful; all {len(expected)} alerts of "
              f"Alertmanager's notifications to {len(paths)} webhook paths processed by n8n into Thai messages "
              f"(name, severity, summary, runbook link): {REAL_ALERT} fired by the real Prometheus -> warehouse "
              "channel, critical -> on-call, a resolved alert -> กลับสู่ปกติ; a direct POST answered with its message")
    return problems, detail


def run_n8n(alertmanager: str, n8n: str, database: Path, receiver_file: Path, results: Path) -> int:
    try:
        problems, detail = check_n8n(alertmanager, n8n, database, receiver_file)
    except (OSError, RuntimeError, ValueError, KeyError, sqlite3.Error) as error:
        problems, detail = [f"{type(error).__name__}: {error}"], ""
    for problem in problems:
        print(f"n8n: {problem}")
    line = f"n8n {'FAIL ' + problems[0] if problems else 'ok ' + detail}"
    print(line)
    with results.open("a") as out:
        out.write(line + "\n")
    return 1 if problems else 0


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "config":
        write_config(Path(args[0]), int(args[1]), Path(args[2]), args[3] if len(args) > 3 else None)
        return 0
    if command == "run":
        return run(args[0].rstrip("/"), Path(args[1]), Path(args[2]))
    if command == "n8n":
        return run_n8n(args[0].rstrip("/"), args[1].rstrip("/"), Path(args[2]), Path(args[3]), Path(args[4]))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
