#!/usr/bin/env python3
"""Checks against a real Prometheus scraping a real klang (both started by scripts/ops/live-scrape.sh).

  live_checks.py config <repo prometheus.yml> <rules dir> <klang host:port> <out file> [<alertmanager host:port>]
      Writes the Prometheus config for the run: the repository's file with the klang job pointed at the local
      instance, 1 s scrape and evaluation intervals, the rule files by absolute path and the local Alertmanager
      (none when not given).

  live_checks.py run <klang url> <prometheus url> <dashboards dir> <results file>
      Waits for the first scrape, drives a little traffic (a good sign-in, a `me` query, a bad sign-in, a warehouse
      and product with stock movements, a refused issue and a low-stock crossing, product reads, an anonymous query,
      a WebSocket connection kept open with a subscription on it), waits for the live consumer's Kafka lag gauge
      (librdkafka statistics every 15 s) and at least two more scrapes and rule evaluations, then:
        scrape:           up{job="klang"} == 1; the key series exist with the expected labels; no label value
                          looks like an id, a UUID or an e-mail; every recording rule evaluates without error and
                          produces series; every alert rule evaluates; KlangLowStockCrossings fires after the real
                          low-stock crossing and no other alert fires.
        dashboard-promql: every panel query of every dashboard (Grafana macros substituted) runs as a range query
                          without error and returns data (except any listed in EXPECTED_EMPTY); every query
                          variable returns values.
      Writes "<check> ok|FAIL <detail>" lines to the results file.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

ADMIN = ("admin@klang.local", "Klang-demo-2026")
BOUNDED_LABELS = {"job", "instance", "operation", "outcome", "route", "method", "status", "state", "le", "limiter",
                  "type", "result", "version", "code", "dependency", "topic", "partition"}
SUSPICIOUS_VALUE = re.compile(
    r"@|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|^\d{6,}$|\?", re.IGNORECASE
)
# Series the traffic below must have produced, with their labels.
EXPECTED_SERIES = [
    'klang_http_requests_total{job="klang", route="/graphql", method="POST", status="200"}',
    'klang_http_requests_total{job="klang", route="/readyz", method="GET", status="200"}',
    'klang_http_request_duration_seconds_bucket{job="klang", route="/graphql", method="POST", le="+Inf"}',
    'klang_graphql_operations_total{job="klang", operation="SignIn", outcome="success"}',
    'klang_graphql_operations_total{job="klang", operation="SignIn", outcome="error"}',
    'klang_graphql_operations_total{job="klang", operation="Me", outcome="success"}',
    'klang_graphql_operations_total{job="klang", operation="anonymous", outcome="success"}',
    'klang_graphql_operation_duration_seconds_bucket{job="klang", operation="Me", le="+Inf"}',
    'klang_db_pool_connections{job="klang", state="idle"}',
    'klang_db_pool_connections{job="klang", state="in_use"}',
    'klang_outbox_pending_events{job="klang"}',
    'klang_outbox_oldest_pending_age_seconds{job="klang"}',
    'klang_sign_in_total{job="klang", outcome="success"}',
    'klang_sign_in_total{job="klang", outcome="failure"}',
    'klang_websocket_connections{job="klang"} >= 1',
    'klang_stock_movements_total{job="klang", type="RECEIVE"}',
    'klang_stock_movements_total{job="klang", type="ISSUE"}',
    'klang_stock_refusals_total{job="klang", type="ISSUE"}',
    'klang_low_stock_crossings_total{job="klang"}',
    'klang_product_cache_total{job="klang", result="miss"}',
    'klang_product_cache_total{job="klang", result="hit"}',
    'klang_ready{job="klang"}',
    'klang_dependency_up{job="klang", dependency="postgres"}',
    'klang_db_pool_acquire_probe_seconds{job="klang"}',
    'process_resident_memory_bytes{job="klang"}',
    'klang_dependency_up{job="klang", dependency="redis"}',
    'klang_dependency_up{job="klang", dependency="kafka"}',
    'klang_ready{job="klang"} == 1',
    'klang_graphql_errors_total{job="klang", operation="SignIn", code=~".+"}',
    'klang_graphql_errors_total{job="klang", operation="IssueStock", code="INSUFFICIENT_STOCK"}',
    'klang_graphql_subscriptions{job="klang"} >= 1',
    'klang_kafka_consumer_lag_messages{job="klang", topic=~".+", partition=~"[0-9]+"}',
    'process_cpu_seconds_total{job="klang"}',
    'process_open_fds{job="klang"}',
    'process_max_fds{job="klang"}',
    'process_threads{job="klang"}',
    'process_start_time_seconds{job="klang"}',
    # Webhooks (counters start at 0; the histogram exists after the first POST to the n8n registered by
    # live-scrape.sh, which receives the traffic's stock events).
    'klang_webhook_deliveries_total{job="klang", outcome="delivered"} > 0',
    'klang_webhook_deliveries_total{job="klang", outcome="retry"}',
    'klang_webhook_deliveries_total{job="klang", outcome="failed"}',
    'klang_webhook_pending{job="klang"}',
    'klang_webhook_delivery_duration_seconds_bucket{job="klang", le="+Inf"}',
]
# The one alert the traffic makes fire on purpose (a real low-stock crossing); every other alert must stay quiet.
EXPECTED_FIRING = "KlangLowStockCrossings"
# Dashboard queries that are empty on a healthy service, and why.
EXPECTED_EMPTY: dict[str, str] = {}
MACROS = {
    "$__rate_interval": "1m",
    "${__rate_interval}": "1m",
    "$__interval": "15s",
    "${__interval}": "15s",
    "$__range": "5m",
    "${__range}": "5m",
}


# --- HTTP -------------------------------------------------------------------------------------------------------

def http_json(url: str, body: dict | None = None, headers: dict | None = None, timeout: float = 10) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"{}")


def graphql(klang: str, query: str, operation: str | None = None, token: str | None = None) -> dict:
    body: dict = {"query": query}
    if operation:
        body["operationName"] = operation
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return http_json(f"{klang}/graphql", body, headers)


def prom(prometheus: str, path: str, **params: str) -> dict:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{prometheus}{path}?{query}", timeout=10) as response:
        return json.loads(response.read())


def prom_post(prometheus: str, path: str, params: dict[str, str]) -> dict:
    data = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(f"{prometheus}{path}", data=data)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"{}")


def instant(prometheus: str, expr: str) -> list:
    answer = prom(prometheus, "/api/v1/query", query=expr)
    if answer.get("status") != "success":
        raise RuntimeError(f"{expr}: {answer.get('error')}")
    return answer["data"]["result"]


# --- A minimal graphql-transport-ws client (the standard library has no WebSocket) -------------------------------

class Socket:
    def __init__(self, klang: str, token: str):
        url = urllib.parse.urlparse(klang)
        self.sock = socket.create_connection((url.hostname, url.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /graphql/ws HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
             "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n").encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("WebSocket handshake: connection closed")
            head += chunk
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(f"WebSocket handshake refused: {head.splitlines()[0]!r}")
        self.send({"type": "connection_init", "payload": {"accessToken": token}})
        reply = self.receive()
        if reply.get("type") != "connection_ack":
            raise RuntimeError(f"WebSocket connection_init: {reply}")

    def subscribe(self, query: str) -> None:
        """Starts a subscription and leaves it open (klang_graphql_subscriptions counts it)."""
        self.send({"id": "ops-check-1", "type": "subscribe", "payload": {"query": query}})

    def send(self, message: dict) -> None:
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise RuntimeError("WebSocket closed")
            data += chunk
        return data

    def receive(self) -> dict:
        first, second = self._exact(2)
        size = second & 0x7F
        if size == 126:
            size = int.from_bytes(self._exact(2), "big")
        elif size == 127:
            size = int.from_bytes(self._exact(8), "big")
        payload = self._exact(size)
        if first & 0x0F == 0x8:
            raise RuntimeError(f"WebSocket closed by the server: {payload[2:]!r}")
        return json.loads(payload)

    def close(self) -> None:
        try:
            mask = os.urandom(4)
            code = (1000).to_bytes(2, "big")
            self.sock.sendall(bytes([0x88, 0x80 | 2]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(code)))
        finally:
            self.sock.close()


# --- config -----------------------------------------------------------------------------------------------------

def write_config(source: Path, rules_dir: Path, target: str, out: Path, alertmanager: str | None) -> None:
    config = yaml.safe_load(source.read_text())
    config["global"].update({"scrape_interval": "1s", "scrape_timeout": "1s", "evaluation_interval": "1s"})
    config["rule_files"] = [str((rules_dir / Path(name).name).resolve()) for name in config["rule_files"]]
    config.pop("alerting", None)
    if alertmanager:
        config["alerting"] = {"alertmanagers": [{"static_configs": [{"targets": [alertmanager]}]}]}
    jobs = [job for job in config["scrape_configs"] if job["job_name"] == "klang"]
    if len(jobs) != 1:
        raise SystemExit("prometheus.yml must have exactly one job named klang")
    klang = jobs[0]
    for key in [key for key in klang if key.endswith("_sd_configs")]:
        del klang[key]
    klang["static_configs"] = [{"targets": [target]}]
    config["scrape_configs"] = [klang]
    out.write_text(yaml.safe_dump(config, sort_keys=False))


# --- run --------------------------------------------------------------------------------------------------------

def wait_for(description: str, predicate, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, RuntimeError, ValueError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"timed out waiting for {description}")


def scrape_count(prometheus: str) -> float:
    """How many times klang has been scraped in the last 10 minutes."""
    result = instant(prometheus, 'count_over_time(up{job="klang"}[10m])')
    return float(result[0]["value"][1]) if result else 0.0


def mutation(klang: str, token: str, operation: str, field: str, input_type: str, values: dict,
             selection: str = "{ __typename }") -> dict:
    query = f"mutation {operation}($input: {input_type}!) {{ {field}(input: $input) {selection} }}"
    body = {"query": query, "operationName": operation, "variables": {"input": values}}
    return http_json(f"{klang}/graphql", body, {"authorization": f"Bearer {token}"})


def moves(klang: str, token: str, ids: dict, steps: list) -> None:
    for operation, field, input_type, values, selection, succeeds in steps:
        answer = mutation(klang, token, operation, field, input_type, {**ids, **values}, selection)
        if bool(answer.get("errors")) == succeeds:
            raise RuntimeError(f"warehouse traffic: {operation} {values}: {answer}")


def warehouse_setup(klang: str, token: str) -> dict:
    """A warehouse and a product with a reorder point of 5 (the empty level is below it: the first low-stock
    crossing, which creates the counter), then receive 10."""
    created = mutation(klang, token, "CreateWarehouse", "createWarehouse", "CreateWarehouseInput",
                       {"code": "OPS-CHECK", "nameTh": "คลังตรวจระบบ"}, "{ id }")
    product = mutation(klang, token, "CreateProduct", "createProduct", "CreateProductInput",
                       {"sku": "OPS-CHECK-1", "nameTh": "สินค้าตรวจระบบ", "unit": "ชิ้น", "price": "10.00"}, "{ id }")
    try:
        ids = {"warehouseId": created["data"]["createWarehouse"]["id"],
               "productId": product["data"]["createProduct"]["id"]}
    except (KeyError, TypeError) as error:
        raise RuntimeError(f"warehouse traffic: {created} {product}") from error
    moves(klang, token, ids, [
        ("SetReorderPoint", "setReorderPoint", "SetReorderPointInput", {"reorderPoint": 5, "reorderQuantity": 10},
         "{ onHand }", True),
        ("ReceiveStock", "receiveStock", "MoveStockInput", {"quantity": 10}, "{ level { onHand } }", True),
    ])
    return ids


def warehouse_crossing(klang: str, token: str, ids: dict) -> None:
    """Issue 8 (2 left, below 5: a low-stock crossing), issue 100 (refused: insufficient stock); read the product
    twice (cache miss, then hit)."""
    moves(klang, token, ids, [
        ("IssueStock", "issueStock", "MoveStockInput", {"quantity": 8}, "{ level { onHand } }", True),
        ("IssueStock", "issueStock", "MoveStockInput", {"quantity": 100}, "{ level { onHand } }", False),
    ])
    for _ in range(2):
        read = http_json(f"{klang}/graphql", {"query": "query Product($id: UUID!) { product(id: $id) { sku } }",
                                             "operationName": "Product", "variables": {"id": ids["productId"]}},
                         {"authorization": f"Bearer {token}"})
        if (read.get("data") or {}).get("product", {}).get("sku") != "OPS-CHECK-1":
            raise RuntimeError(f"warehouse traffic: product query: {read}")


def firing(prometheus: str) -> set[str]:
    alerts = prom(prometheus, "/api/v1/alerts")["data"]["alerts"]
    return {alert["labels"]["alertname"] for alert in alerts if alert["state"] == "firing"}


def drive_traffic(klang: str) -> tuple[Socket, str]:
    body = {
        "query": "mutation SignIn($email: String!, $password: String!) "
                 "{ signIn(input: {email: $email, password: $password}) { accessToken } }",
        "operationName": "SignIn",
        "variables": {"email": ADMIN[0], "password": ADMIN[1]},
    }
    signed_in = http_json(f"{klang}/graphql", body)
    token = (signed_in.get("data") or {}).get("signIn", {}).get("accessToken")
    if not token:
        raise RuntimeError(f"sign-in failed: {signed_in}")
    me = graphql(klang, "query Me { me { id email } }", "Me", token)
    if (me.get("data") or {}).get("me", {}).get("email") != ADMIN[0]:
        raise RuntimeError(f"me query failed: {me}")
    body["variables"] = {"email": ADMIN[0], "password": "not-the-password"}
    bad = http_json(f"{klang}/graphql", body)
    if not bad.get("errors"):
        raise RuntimeError(f"a wrong password was accepted: {bad}")
    anonymous = graphql(klang, "{ __typename }")
    if anonymous.get("errors"):
        raise RuntimeError(f"anonymous query failed: {anonymous}")
    for path in ("/readyz", "/healthz"):
        with urllib.request.urlopen(f"{klang}{path}", timeout=5) as response:
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
    socket_ = Socket(klang, token)
    socket_.subscribe("subscription OpsCheckStock { stockChanged { __typename } }")
    return socket_, token


def check_scrape(prometheus: str) -> tuple[list[str], str]:
    problems: list[str] = []
    up = instant(prometheus, 'up{job="klang"}')
    if [sample["value"][1] for sample in up] != ["1"]:
        problems.append(f'up{{job="klang"}} is {up}, expected one target with value 1')
    for selector in EXPECTED_SERIES:
        if not instant(prometheus, selector):
            problems.append(f"no series {selector}")
    series = prom(prometheus, "/api/v1/series", **{"match[]": '{__name__=~"klang_.+", job="klang"}'})["data"]
    names = sorted({item["__name__"] for item in series})
    for item in series:
        for label, value in item.items():
            if label in ("__name__", "job", "instance"):
                continue
            if label not in BOUNDED_LABELS:
                problems.append(f"{item['__name__']}: unexpected label {label}={value!r}")
            elif SUSPICIOUS_VALUE.search(value):
                problems.append(f"{item['__name__']}: label {label}={value!r} looks unbounded (id, e-mail, query)")
    groups = prom(prometheus, "/api/v1/rules")["data"]["groups"]
    recorded = alerts = 0
    for group in groups:
        for rule in group["rules"]:
            name = rule.get("name")
            if rule.get("health") != "ok" or rule.get("lastError"):
                problems.append(f"rule {name}: health {rule.get('health')} {rule.get('lastError', '')}")
            if rule["type"] == "recording":
                recorded += 1
                if not instant(prometheus, name):
                    problems.append(f"recording rule {name} produced no series")
            else:
                alerts += 1
                if name == EXPECTED_FIRING and rule.get("state") != "firing":
                    problems.append(f"alert {name} does not fire after a real low-stock crossing")
                if name != EXPECTED_FIRING and rule.get("state") == "firing":
                    problems.append(f"alert {name} fires on a healthy service: {rule.get('alerts')}")
    if recorded == 0 or alerts == 0:
        problems.append(f"Prometheus loaded {recorded} recording and {alerts} alert rules")
    detail = (f"up==1; {len(EXPECTED_SERIES)} key series present; {len(series)} klang series ({len(names)} metrics) "
              f"with bounded labels; {recorded} recording rules produce series; {alerts} alert rules ok, only "
              f"{EXPECTED_FIRING} fires (after a real low-stock crossing)")
    return problems, detail


def substitute(expr: str) -> str:
    for macro, value in MACROS.items():
        expr = expr.replace(macro, value)
    expr = re.sub(r"\$\{?(instance|operation|code)\}?", ".*", expr)
    if "$" in expr:
        raise ValueError(f"unsubstituted variable in {expr}")
    return expr


def dashboard_type(dashboard: dict) -> str:
    """The data source type of the dashboard's ${datasource} variable."""
    variables = dashboard.get("templating", {}).get("list", [])
    return next((v["query"] for v in variables if v.get("name") == "datasource"), "prometheus")


def check_dashboards(prometheus: str, dashboards: Path) -> tuple[list[str], str]:
    problems: list[str] = []
    queries = with_data = empty_ok = variables = elasticsearch = 0
    now = time.time()
    for file in sorted(dashboards.glob("*.json")):
        dashboard = json.loads(file.read_text())
        for variable in dashboard.get("templating", {}).get("list", []):
            if variable.get("type") != "query" or dashboard_type(dashboard) != "prometheus":
                continue
            variables += 1
            query = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
            match = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", query.strip())
            if not match:
                problems.append(f"{file.name}: variable {variable['name']}: unsupported query {query}")
                continue
            answer = prom(prometheus, f"/api/v1/label/{match.group(2)}/values", **{"match[]": match.group(1)})
            if answer.get("status") != "success" or not answer.get("data"):
                problems.append(f"{file.name}: variable {variable['name']} has no values ({query})")

        def panels(items):
            for panel in items:
                yield panel
                yield from panels(panel.get("panels", []))

        for panel in panels(dashboard.get("panels", [])):
            if (panel.get("datasource") or {}).get("type") == "elasticsearch":
                elasticsearch += 1
                continue
            for target in panel.get("targets", []):
                queries += 1
                where = f"{file.name}: panel \"{panel['title']}\" {target.get('refId')}"
                try:
                    expr = substitute(target["expr"])
                except ValueError as error:
                    problems.append(f"{where}: {error}")
                    continue
                answer = prom_post(prometheus, "/api/v1/query_range",
                                   {"query": expr, "start": str(now - 120), "end": str(now), "step": "5"})
                if answer.get("status") != "success":
                    problems.append(f"{where}: {answer.get('errorType')}: {answer.get('error')}")
                elif answer["data"]["result"]:
                    with_data += 1
                elif panel["title"] in EXPECTED_EMPTY:
                    empty_ok += 1
                else:
                    problems.append(f"{where}: no data for {expr}")
    expected = f" ({'; '.join(f'{k}: {v}' for k, v in EXPECTED_EMPTY.items())})" if EXPECTED_EMPTY else ""
    detail = (f"{queries} panel queries run without error, {with_data} with data, {empty_ok} empty as expected"
              f"{expected}; {variables} variables have values ({elasticsearch} Elasticsearch panels: checked by "
              "live-logs.sh)")
    return problems, detail


def run(klang: str, prometheus: str, dashboards: Path, results: Path) -> int:
    lines: list[str] = []
    socket_ = None
    try:
        wait_for("Prometheus to scrape klang once", lambda: instant(prometheus, 'up{job="klang"} == 1'), 60)
        socket_, token = drive_traffic(klang)
        ids = warehouse_setup(klang, token)
        # The low-stock counter now exists; once it has been scraped, the next crossing is a real increase, which
        # the KlangLowStockCrossings alert (no `for`) must turn into a firing alert.
        start = scrape_count(prometheus)
        wait_for("a scrape after the warehouse setup", lambda: scrape_count(prometheus) >= start + 1, 30)
        warehouse_crossing(klang, token, ids)
        start = scrape_count(prometheus)
        # Two more scrapes after the traffic, then a few rule evaluations on top (1 s each).
        wait_for("two scrapes after the traffic", lambda: scrape_count(prometheus) >= start + 2, 30)
        wait_for(f"{EXPECTED_FIRING} to fire", lambda: firing(prometheus) >= {EXPECTED_FIRING}, 30)
        # The live consumer reports its lag with librdkafka's statistics, every 15 s from its start.
        wait_for("the Kafka consumer lag gauge (every 15 s)",
                 lambda: instant(prometheus, 'klang_kafka_consumer_lag_messages{job="klang"}'), 45)
        time.sleep(2)
        for name, check in (("scrape", lambda: check_scrape(prometheus)),
                            ("dashboard-promql", lambda: check_dashboards(prometheus, dashboards))):
            try:
                problems, detail = check()
            except (OSError, RuntimeError, ValueError, KeyError) as error:
                problems, detail = [f"{type(error).__name__}: {error}"], ""
            problems = list(dict.fromkeys(problems))
            for problem in problems:
                print(f"{name}: {problem}")
            lines.append(f"{name} {'FAIL' if problems else 'ok'} {detail if not problems else problems[0]}")
    except (OSError, RuntimeError, ValueError, KeyError) as error:
        print(f"live checks could not run: {type(error).__name__}: {error}")
        lines = [f"scrape FAIL {error}", f"dashboard-promql FAIL not run: {error}"]
    finally:
        if socket_:
            socket_.close()
    results.write_text("\n".join(lines) + "\n")
    for line in lines:
        print(line)
    return 0 if all(" ok " in f"{line} " for line in lines) else 1


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "config":
        write_config(Path(args[0]), Path(args[1]), args[2], Path(args[3]), args[4] if len(args) > 4 else None)
        return 0
    if command == "run":
        return run(args[0].rstrip("/"), args[1].rstrip("/"), Path(args[2]), Path(args[3]))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
