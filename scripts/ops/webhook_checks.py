#!/usr/bin/env python3
"""Klang's webhooks reaching a real n8n (both started by scripts/ops/live-scrape.sh): n8n is the architecture's
first webhook subscriber, running deploy/n8n/workflows/klang-events.json.

  webhook_checks.py register <klang url> <n8n webhook url> <out file>
      Signs in as the seeded administrator and registers the n8n workflow's production webhook URL through GraphQL
      (createWebhook, low_stock and stock_changed events); writes {"id", "secret"} to <out file> (mode 0600): the
      secret is shown once, and n8n is started with it in KLANG_WEBHOOK_SECRET afterwards.

  webhook_checks.py run <klang url> <n8n url> <prometheus url> <n8n database> <registration file> <results file>
      webhooks: after the stock movements of live_checks.py (receive 10, issue 8 below the reorder point):
        Klang     webhookDeliveries of the subscription are all DELIVERED in one attempt, stock_changed and
                  low_stock among them;
        n8n       for every delivered event a webhook execution of the workflow verified Klang-Signature and
                  composed its Thai message (product, warehouse, available as in the event); read from n8n's SQLite;
        refusals  POSTs with a wrong secret, without a signature, with a correct but 10-minute-old signature and with
                  a changed body are answered 401; a new event signed correctly and posted twice is answered 200
                  with its message, then 200 as a repeat;
        metrics   the real Prometheus sees klang_webhook_deliveries_total{outcome="delivered"} grow by as many
                  deliveries, the recording rules have them, and nothing is pending or failed.
      Appends "webhooks ok|FAIL <detail>" to the results file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from alert_checks import unflatten
from live_checks import ADMIN, http_json, instant

WORKFLOW_ID = "KlangEventsN8n01"
EVENT_TYPES = ["klang.inventory.low_stock.v1", "klang.inventory.stock_changed.v1"]
DELIVERY_FIELDS = "id eventId eventType status attempts lastStatusCode lastError payload"


def sign_in(klang: str) -> str:
    answer = http_json(f"{klang}/graphql", {
        "query": "mutation SignIn($email: String!, $password: String!) "
                 "{ signIn(input: {email: $email, password: $password}) { accessToken } }",
        "operationName": "SignIn", "variables": {"email": ADMIN[0], "password": ADMIN[1]}})
    token = ((answer.get("data") or {}).get("signIn") or {}).get("accessToken")
    if not token:
        raise RuntimeError(f"sign-in failed: {answer}")
    return token


def gql(klang: str, token: str, operation: str, query: str, variables: dict | None = None) -> dict:
    answer = http_json(f"{klang}/graphql", {"query": query, "operationName": operation, "variables": variables or {}},
                       {"authorization": f"Bearer {token}"})
    if answer.get("errors") or not answer.get("data"):
        raise RuntimeError(f"{operation}: {answer}")
    return answer["data"]


def register(klang: str, url: str, out: Path) -> int:
    token = sign_in(klang)
    created = gql(klang, token, "CreateWebhook",
                  "mutation CreateWebhook($input: CreateWebhookInput!) "
                  "{ createWebhook(input: $input) { secret webhook { id url eventTypes isActive } } }",
                  {"input": {"name": "n8n: klang-events (ops check)", "url": url, "eventTypes": EVENT_TYPES}})
    payload = created["createWebhook"]
    out.touch(mode=0o600)
    out.write_text(json.dumps({"id": payload["webhook"]["id"], "secret": payload["secret"]}))
    print(f"webhook {payload['webhook']['id']} registered for {url}: {', '.join(payload['webhook']['eventTypes'])}")
    return 0


# --- checks ---------------------------------------------------------------------------------------------------

def deliveries(klang: str, token: str, webhook_id: str) -> list[dict]:
    data = gql(klang, token, "WebhookDeliveries",
               "query WebhookDeliveries($filter: WebhookDeliveryFilter) "
               f"{{ webhookDeliveries(filter: $filter, first: 100) {{ edges {{ node {{ {DELIVERY_FIELDS} }} }} }} }}",
               {"filter": {"webhookId": webhook_id}})
    return [edge["node"] for edge in data["webhookDeliveries"]["edges"]]


def n8n_messages(database: Path) -> tuple[list[dict], dict[str, dict]]:
    """The workflow's webhook executions and, by event id, the first (not repeated) Thai message composed."""
    if not database.exists():
        return [], {}
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT e.id, e.status, e.mode, d.data FROM execution_entity e "
            "LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id",
            (WORKFLOW_ID,)).fetchall()
    finally:
        connection.close()
    executions, messages = [], {}

    def found(node) -> list[dict]:
        if isinstance(node, dict):
            if {"eventId", "eventType", "duplicate", "message"} <= node.keys():
                return [node]
            return [item for value in node.values() for item in found(value)]
        if isinstance(node, list):
            return [item for value in node for item in found(value)]
        return []

    for execution_id, status, mode, data in rows:
        items = found(unflatten(data)) if data else []
        executions.append({"id": execution_id, "status": status, "mode": mode})
        for item in items:
            if not item["duplicate"]:
                messages.setdefault(item["eventId"], item)
    return executions, messages


def post(n8n: str, body: bytes, signature: str | None, event_id: str) -> tuple[int, dict]:
    headers = {"content-type": "application/json", "Klang-Event-Id": event_id,
               "Klang-Event-Type": "klang.inventory.stock_changed.v1"}
    if signature:
        headers["Klang-Signature"] = signature
    request = urllib.request.Request(f"{n8n}/webhook/klang-events", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def signature(secret: str, body: bytes, at: int) -> str:
    return f"t={at},v1={hmac.new(secret.encode(), f'{at}.'.encode() + body, hashlib.sha256).hexdigest()}"


def wait_until(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


def message_problems(delivery: dict, item: dict | None) -> list[str]:
    event = delivery["payload"]
    data = event.get("data") or {}
    level = data.get("level") or {}
    if item is None:
        return [f"n8n composed no message for {delivery['eventType']} {delivery['eventId']}"]
    wanted = [f"สินค้า: {level.get('productId')}", f"คลัง: {level.get('warehouseId')}",
              f"พร้อมใช้: {data.get('available')} (คงคลัง {level.get('onHand')}, จองไว้ {level.get('reserved')})",
              f"event: {event.get('id')}"]
    if delivery["eventType"].endswith("low_stock.v1"):
        wanted.append("⚠️ สต็อกต่ำกว่าจุดสั่งซื้อ")
    else:
        movement = data.get("movement") or {}
        verb = {"RECEIVE": "รับเข้า", "ISSUE": "จ่ายออก"}.get(movement.get("movementType"), "")
        wanted.append(f"📦 สต็อกเปลี่ยน: {verb} {movement.get('quantity')}")
    return [f"n8n message for {delivery['eventType']} {delivery['eventId']} lacks {part!r}: {item['message']!r}"
            for part in wanted if part not in item["message"]]


def check(klang: str, n8n: str, prometheus: str, database: Path, registration: dict) -> tuple[list[str], str]:
    problems: list[str] = []
    token = sign_in(klang)
    webhook_id, secret = registration["id"], registration["secret"]

    # Klang: every delivery of the subscription DELIVERED (live_checks.py moved stock before this runs).
    def settled() -> list[dict] | None:
        rows = deliveries(klang, token, webhook_id)
        types = {row["eventType"] for row in rows}
        done = rows and all(row["status"] == "DELIVERED" for row in rows) and set(EVENT_TYPES) <= types
        return rows if done else None

    rows = wait_until(settled, 30) or deliveries(klang, token, webhook_id)
    types = sorted({row["eventType"] for row in rows})
    if set(EVENT_TYPES) - set(types):
        problems.append(f"webhookDeliveries has no {sorted(set(EVENT_TYPES) - set(types))} (has {types})")
    for row in rows:
        if row["status"] != "DELIVERED" or row["attempts"] != 1 or row["lastStatusCode"] != 200:
            problems.append(f"delivery {row['id']} ({row['eventType']}): {row['status']} after {row['attempts']} "
                            f"attempt(s), last {row['lastStatusCode']} {row['lastError']}")

    # n8n: one verified, successful execution per delivered event, with its Thai message.
    wait_until(lambda: {row["eventId"] for row in rows} <= set(n8n_messages(database)[1]), 15)
    executions, messages = n8n_messages(database)
    for row in rows:
        problems += message_problems(row, messages.get(row["eventId"]))
    failed = [e for e in executions if e["status"] != "success"]
    if failed:
        problems.append(f"n8n executions of {WORKFLOW_ID} not successful: {failed}")

    # Refusals (401): the body of a delivered event with a forged, missing or stale signature, or changed.
    refusals = 0
    if rows:
        body = json.dumps(rows[0]["payload"], ensure_ascii=False).encode()
        event_id = rows[0]["eventId"]
        now = int(time.time())
        for what, sig in (("a wrong secret", signature("0" * 64, body, now)), ("no signature", None),
                          ("a 10-minute-old signature", signature(secret, body, now - 600)),
                          ("a changed body", signature(secret, body, now))):
            sent = body + b" " if what == "a changed body" else body
            status, answer = post(n8n, sent, sig, event_id)
            if status != 401 or answer.get("verified") is not False:
                problems.append(f"n8n answered a POST with {what} {status} {answer} (expected 401)")
            else:
                refusals += 1
        # A new event, correctly signed, posted twice in a row: a message, then recognised as a repeat. (Repeats
        # are remembered in workflow static data, which concurrent executions overwrite: best effort, see
        # docs/domains/webhooks.md.)
        repeat = {**rows[0]["payload"], "id": str(uuid.uuid4())}
        body = json.dumps(repeat, ensure_ascii=False).encode()
        answers = [post(n8n, body, signature(secret, body, int(time.time())), repeat["id"]) for _ in range(2)]
        if [(status, answer.get("duplicate")) for status, answer in answers] != [(200, False), (200, True)]:
            problems.append(f"n8n answered a correctly signed event posted twice {answers} (expected 200, then 200 "
                            "as a duplicate)")

    # Prometheus scraped the deliveries.
    def scraped() -> bool:
        result = instant(prometheus, 'sum(klang_webhook_deliveries_total{job="klang", outcome="delivered"})')
        return bool(result) and float(result[0]["value"][1]) >= len(rows)

    if not wait_until(scraped, 15):
        problems.append(f'klang_webhook_deliveries_total{{outcome="delivered"}} did not reach {len(rows)} in Prometheus')
    for expr in ('job_outcome:klang_webhook_deliveries:rate5m{outcome="delivered"} > 0',
                 'job:klang_webhook_deliveries_failed:increase15m == 0', 'job:klang_webhook_pending:max == 0',
                 'klang_webhook_delivery_duration_seconds_count{job="klang"} > 0'):
        if not wait_until(lambda expr=expr: instant(prometheus, expr), 10):
            problems.append(f"Prometheus: no result for {expr}")

    shown = set()
    for row in rows:
        item = messages.get(row["eventId"])
        if item and row["eventType"] not in shown:
            shown.add(row["eventType"])
            print(f"n8n message ({row['eventType']}):\n{item['message']}\n")
    detail = (f"{len(rows)} deliveries ({', '.join(t.split('.')[2] for t in types)}) DELIVERED in one attempt; "
              f"{len(messages)} verified n8n executions of {WORKFLOW_ID} composed their Thai messages (product, "
              f"warehouse, available); {refusals} forged/stale POSTs refused 401, a signed event posted twice answered 200, "
              "then 200 as a repeat; Prometheus counts the deliveries")
    return problems, detail


def run(klang: str, n8n: str, prometheus: str, database: Path, registration_file: Path, results: Path) -> int:
    try:
        registration = json.loads(registration_file.read_text())
        problems, detail = check(klang, n8n, prometheus, database, registration)
    except (OSError, RuntimeError, ValueError, KeyError, sqlite3.Error) as error:
        problems, detail = [f"{type(error).__name__}: {error}"], ""
    for problem in problems:
        print(f"webhooks: {problem}")
    line = f"webhooks {'FAIL ' + problems[0] if problems else 'ok ' + detail}"
    print(line)
    with results.open("a") as out:
        out.write(line + "\n")
    return 1 if problems else 0


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "register":
        return register(args[0].rstrip("/"), args[1], Path(args[2]))
    if command == "run":
        return run(args[0].rstrip("/"), args[1].rstrip("/"), args[2].rstrip("/"), Path(args[3]), Path(args[4]),
                   Path(args[5]))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    os.umask(0o077)
    sys.exit(main())
