#!/usr/bin/env python3
"""A real Alertmanager (Debian 0.25) with the repository's routing tree, notifying a local webhook receiver
(scripts/ops/webhook_receiver.py), both started by scripts/ops/live-scrape.sh.

  alert_checks.py config <repo alertmanager.yml> <receiver port> <out file>
      Writes the Alertmanager config for the run: the repository's file with every webhook URL's scheme, host and
      port replaced by the local receiver (the path, which names the n8n workflow, is kept) and every group_wait /
      group_interval shortened to 1 s, so a run takes seconds. Routes, matchers, grouping and inhibit rules are
      untouched.

  alert_checks.py run <alertmanager url> <receiver file> <results file>
      alert-routing: the alert Prometheus fired for real (KlangLowStockCrossings after a real low-stock crossing)
      reaches the warehouse webhook; alerts posted to Alertmanager's API show the configured behaviour:
        severity routing  a critical alert reaches /webhook/klang-alerts-critical, a warning /webhook/klang-alerts;
        grouping          two KlangTargetDown alerts of one job (two instances) arrive as ONE notification;
        inhibition        KlangServiceDown silences KlangNotReady of the same job (never delivered) but not of
                          another job (delivered); KlangDependencyDown{dependency="kafka"} silences the Kafka
                          consumer lag alert of its job but not KlangRedisErrors (another dependency's symptom).
      Writes "alert-routing ok|FAIL <detail>" to the results file.
"""

from __future__ import annotations

import json
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


def write_config(source: Path, receiver_port: int, out: Path) -> None:
    config = yaml.safe_load(source.read_text())
    for receiver in config["receivers"]:
        for webhook in receiver.get("webhook_configs", []):
            url = urllib.parse.urlsplit(webhook["url"])
            webhook["url"] = urllib.parse.urlunsplit(("http", f"127.0.0.1:{receiver_port}", url.path, "", ""))

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


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "config":
        write_config(Path(args[0]), int(args[1]), Path(args[2]))
        return 0
    if command == "run":
        return run(args[0].rstrip("/"), Path(args[1]), Path(args[2]))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
