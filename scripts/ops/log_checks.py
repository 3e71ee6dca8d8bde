#!/usr/bin/env python3
"""Checks against a real log store fed by a real shipper from the real service (started by scripts/ops/live-logs.sh).

  log_checks.py run <klang url> <store url> <klang log file> <kibana saved objects> <grafana dashboards dir>
                    <results file>

Sends GraphQL requests with known X-Request-Id headers (a sign-in, a `Me` query, a malformed request), then:
  logs-e2e:       the `Me` request's response line is searchable by its request id within seconds; every line the
                  service wrote for that request is in the store, each with the same fields and values as the file
                  (after the ingest pipeline's documented renames); the fields an operator searches by are there:
                  graphql.operation.name, user.id (the signed-in user), http.response.status_code, event.outcome,
                  klang.latency_ms and event.duration (ns); the malformed request is stored as a failure.
  saved-searches: every Kibana saved search's query (deploy/kibana/saved-objects.ndjson) is valid for the store
                  (_validate/query; a broken query must be refused, which proves the validation can fail), runs,
                  and finds what it is for: "errors by operation" the malformed request, "a request end to end"
                  with the documented per-request query every line of the `Me` request in time order; the
                  visualization's terms aggregation runs on the errors search.
  grafana-log-queries: every panel of the Grafana dashboards on the Elasticsearch data source: its Lucene query
                  (with $request_id set to the `Me` request's id) is valid, and its metrics and bucket aggregations,
                  translated as Grafana sends them, run and return data; the request panel returns that request.
Writes "<check> ok|FAIL <detail>" lines to the results file.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ADMIN = ("admin@klang.local", "Klang-demo-2026")
DATA_STREAM = "logs-klang-default"
# Within this many seconds of the response, the request's line must be searchable.
SEARCHABLE_WITHIN = 10.0
# Raw field -> stored field: the renames of deploy/elasticsearch/ingest-pipeline.json (and Logstash's filter).
RENAMED = {"status": "http.response.status_code", "latency": "klang.latency_ms", "error": "error.message"}


def request(url: str, body: object | None = None, headers: dict | None = None, method: str | None = None,
            raw: bytes | None = None) -> tuple[int, dict, dict]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    call = urllib.request.Request(url, data=data, method=method,
                                  headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(call, timeout=15) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, dict(error.headers), json.loads(text or b"{}")
        except json.JSONDecodeError:
            return error.code, dict(error.headers), {"text": text.decode(errors="replace")}


def graphql(klang: str, request_id: str, query: str, operation: str, variables: dict | None = None,
            token: str | None = None) -> dict:
    headers = {"x-request-id": request_id}
    if token:
        headers["authorization"] = f"Bearer {token}"
    status, answer_headers, answer = request(f"{klang}/graphql", {"query": query, "operationName": operation,
                                                                  "variables": variables or {}}, headers)
    echoed = {key.lower(): value for key, value in answer_headers.items()}.get("x-request-id")
    if status != 200 or echoed != request_id:
        raise RuntimeError(f"{operation}: HTTP {status}, X-Request-Id {echoed!r}: {answer}")
    return answer


def search(store: str, query: dict, size: int = 100, **extra) -> dict:
    status, _, answer = request(f"{store}/{DATA_STREAM}/_search", {"query": query, "size": size, **extra})
    if status != 200:
        raise RuntimeError(f"search {query}: HTTP {status}: {answer}")
    return answer


def by_request_id(store: str, request_id: str) -> list[dict]:
    answer = search(store, {"term": {"http.request.id": request_id}}, sort=[{"@timestamp": "asc"}])
    return [hit["_source"] for hit in answer["hits"]["hits"]]


def flatten(value: object, prefix: str = "") -> dict:
    """Dotted paths of a stored document, whether its keys were dotted or nested."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat: dict = {}
    for key, item in value.items():
        flat.update(flatten(item, f"{prefix}.{key}" if prefix else key))
    return flat


def file_lines(log_file: Path, request_id: str) -> list[dict]:
    lines = []
    for line in log_file.read_text(errors="replace").splitlines():
        if request_id in line:
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return lines


def expected_stored(raw: dict) -> dict:
    """What the ingest pipeline must make of one raw line."""
    expected = {RENAMED.get(key, key): value for key, value in raw.items()}
    if "latency" in raw:
        milliseconds = int(str(raw["latency"]).removesuffix(" ms"))
        expected["klang.latency_ms"] = milliseconds
        expected["event.duration"] = milliseconds * 1_000_000
    if "status" in raw:
        expected["event.outcome"] = "success" if raw["status"] < 400 else "failure"
    return expected


def compare(raw_lines: list[dict], stored: list[dict]) -> list[str]:
    problems = []
    if len(stored) != len(raw_lines):
        problems.append(f"{len(raw_lines)} lines in the file, {len(stored)} in the store")
    stored_flat = [flatten(doc) for doc in stored]
    for raw in raw_lines:
        expected = expected_stored(raw)
        match = next((doc for doc in stored_flat if doc.get("message") == raw.get("message")
                      and doc.get("@timestamp") == raw.get("@timestamp")), None)
        if match is None:
            problems.append(f"line not in the store: {raw}")
            continue
        for key, value in expected.items():
            if match.get(key) != value:
                problems.append(f"{raw.get('message')!r}: {key} is {match.get(key)!r} in the store, {value!r} expected")
        if "tags" in match:
            problems.append(f"{raw.get('message')!r}: tagged {match['tags']}")
    return problems


def drive(klang: str, run: str) -> dict:
    ids = {name: f"ops-logs-{run}-{name}" for name in ("signin", "me", "malformed")}
    signed_in = graphql(klang, ids["signin"],
                        "mutation SignIn($email: String!, $password: String!) "
                        "{ signIn(input: {email: $email, password: $password}) { accessToken } }",
                        "SignIn", {"email": ADMIN[0], "password": ADMIN[1]})
    token = ((signed_in.get("data") or {}).get("signIn") or {}).get("accessToken")
    if not token:
        raise RuntimeError(f"sign-in failed: {signed_in}")
    me = graphql(klang, ids["me"], "query Me { me { id email } }", "Me", token=token)
    user_id = ((me.get("data") or {}).get("me") or {}).get("id")
    if not user_id:
        raise RuntimeError(f"me query failed: {me}")
    status, _, _ = request(f"{klang}/graphql", headers={"x-request-id": ids["malformed"]}, raw=b"{not json")
    if status < 400:
        raise RuntimeError(f"a malformed body was answered with HTTP {status}")
    return {"ids": ids, "user_id": user_id, "sent": time.monotonic()}


def check_end_to_end(store: str, log_file: Path, traffic: dict) -> tuple[list[str], str]:
    me_id = traffic["ids"]["me"]
    deadline = traffic["sent"] + 30
    stored: list[dict] = []
    while time.monotonic() < deadline:
        stored = by_request_id(store, me_id)
        if any(doc.get("message") == "finished processing request" for doc in stored):
            break
        time.sleep(0.1)
    found_after = time.monotonic() - traffic["sent"]
    problems = []
    if not stored:
        return [f"request {me_id} not in the store after 30 s"], ""
    if found_after > SEARCHABLE_WITHIN:
        problems.append(f"request {me_id} searchable only after {found_after:.1f} s (> {SEARCHABLE_WITHIN:.0f} s)")
    # The shipper may still be writing the request's other lines: give it a moment, then compare all of them.
    time.sleep(1.5)
    raw_lines = file_lines(log_file, me_id)
    stored = by_request_id(store, me_id)
    problems += compare(raw_lines, stored)
    response = next((flatten(doc) for doc in stored if doc.get("message") == "finished processing request"), {})
    wanted = {"graphql.operation.name": "Me", "user.id": traffic["user_id"], "http.response.status_code": 200,
              "event.outcome": "success", "trace.id": me_id, "service.name": "klang"}
    for key, value in wanted.items():
        if response.get(key) != value:
            problems.append(f"response line: {key} is {response.get(key)!r}, {value!r} expected")
    if not isinstance(response.get("klang.latency_ms"), int):
        problems.append(f"response line: klang.latency_ms {response.get('klang.latency_ms')!r} is not a number")
    malformed = [flatten(doc) for doc in by_request_id(store, traffic["ids"]["malformed"])]
    if not any(doc.get("event.outcome") == "failure" and doc.get("http.response.status_code", 0) >= 400
               for doc in malformed):
        problems.append(f"the malformed request is not stored as a failure: {malformed}")
    detail = (f"request {me_id} searchable {found_after:.2f} s after the response; {len(raw_lines)} of its lines "
              f"match the file field by field; operation {response.get('graphql.operation.name')}, user.id, "
              f"status {response.get('http.response.status_code')}, outcome {response.get('event.outcome')}, "
              f"latency {response.get('klang.latency_ms')} ms; the malformed request stored as a failure")
    return problems, detail


def saved_objects(path: Path) -> dict[str, dict]:
    objects = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {obj["id"]: obj for obj in objects}


def search_query(obj: dict) -> str:
    source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    if source["query"]["language"] != "lucene":
        raise ValueError(f"{obj['id']}: query language {source['query']['language']} (only lucene can be validated)")
    return source["query"]["query"]


def validate(store: str, query: str) -> bool:
    status, _, answer = request(f"{store}/{DATA_STREAM}/_validate/query?explain=true",
                                {"query": {"query_string": {"query": query}}}, method="POST")
    return status == 200 and answer.get("valid") is True


def check_saved_searches(store: str, objects_file: Path, traffic: dict) -> tuple[list[str], str]:
    problems = []
    objects = saved_objects(objects_file)
    searches = {oid: obj for oid, obj in objects.items() if obj["type"] == "search"}
    if validate(store, 'http.request.id:"unclosed'):
        problems.append("_validate/query accepted a broken query: the validation proves nothing")
    for oid, obj in searches.items():
        if not validate(store, search_query(obj)):
            problems.append(f"{oid}: query {search_query(obj)!r} is not valid for the store")
    errors = search(store, {"query_string": {"query": search_query(searches["klang-errors-by-operation"])}})
    error_ids = {flatten(hit["_source"]).get("http.request.id") for hit in errors["hits"]["hits"]}
    if traffic["ids"]["malformed"] not in error_ids:
        problems.append("errors by operation: does not find the malformed request")
    if traffic["ids"]["me"] in error_ids:
        problems.append("errors by operation: finds the successful Me request")
    request_search = searches["klang-request-end-to-end"]
    if not search(store, {"query_string": {"query": search_query(request_search)}})["hits"]["hits"]:
        problems.append("a request end to end: its saved query finds nothing")
    per_request = f'http.request.id:"{traffic["ids"]["me"]}"'
    if 'http.request.id:"<id>"' not in request_search["attributes"]["description"]:
        problems.append("a request end to end: the description no longer documents http.request.id:\"<id>\"")
    sort = request_search["attributes"]["sort"][0]
    lines = search(store, {"query_string": {"query": per_request}}, sort=[{sort[0]: sort[1]}])["hits"]["hits"]
    stamps = [hit["_source"]["@timestamp"] for hit in lines]
    if not lines or stamps != sorted(stamps):
        problems.append(f"a request end to end: {per_request} found {len(lines)} lines, not in time order")
    charts = [obj for obj in objects.values() if obj["type"] == "visualization"]
    for chart in charts:
        state = json.loads(chart["attributes"]["visState"])
        terms = next(agg for agg in state["aggs"] if agg["type"] == "terms")
        ref = next(ref for ref in chart["references"] if ref["name"] == chart["attributes"]["savedSearchRefName"])
        answer = search(store, {"query_string": {"query": search_query(objects[ref["id"]])}}, size=0,
                        aggs={"by": {"terms": {"field": terms["params"]["field"], "missing": "(no operation)"}}})
        if not answer["aggregations"]["by"]["buckets"]:
            problems.append(f"{chart['id']}: terms on {terms['params']['field']} returned no bucket")
    detail = (f"{len(searches)} saved search queries valid (a broken one refused); errors by operation finds the "
              f"malformed request and not the good one; {per_request} returns its {len(lines)} lines in time order; "
              f"{len(charts)} visualization aggregation(s) return buckets; Kibana itself is not run here")
    return problems, detail


def grafana_search(target: dict, request_id: str) -> tuple[str, dict]:
    """The search Grafana's Elasticsearch data source makes of a panel target (last 15 minutes)."""
    query = target["query"].replace("$request_id", request_id)
    body: dict = {"query": {"bool": {"filter": [{"range": {"@timestamp": {"gte": "now-15m"}}},
                                                {"query_string": {"query": query}}]}}}
    metric = target["metrics"][0]
    if metric["type"] == "logs":
        body.update(size=int(metric.get("settings", {}).get("limit", 500)), sort=[{"@timestamp": "asc"}])
        return query, body
    leaf: dict = {}
    if metric["type"] == "percentiles":
        percents = [float(p) for p in metric["settings"]["percents"]]
        leaf = {"m": {"percentiles": {"field": metric["field"], "percents": percents}}}
    elif metric["type"] != "count":
        raise ValueError(f"metric {metric['type']} is not translated by this check")
    aggs = leaf
    for bucket in reversed(target["bucketAggs"]):
        settings = bucket.get("settings", {})
        if bucket["type"] == "terms":
            spec = {"terms": {"field": bucket["field"], "size": int(settings.get("size", 10)),
                              **({"missing": settings["missing"]} if "missing" in settings else {})}}
        elif bucket["type"] == "date_histogram":
            spec = {"date_histogram": {"field": bucket["field"], "fixed_interval": "10s", "min_doc_count": 1}}
        else:
            raise ValueError(f"bucket aggregation {bucket['type']} is not translated by this check")
        aggs = {"b": {**spec, **({"aggs": aggs} if aggs else {})}}
    body.update(size=0, aggs=aggs)
    return query, body


def check_grafana(store: str, dashboards: Path, traffic: dict) -> tuple[list[str], str]:
    problems, panels = [], 0
    for file in sorted(dashboards.glob("*.json")):
        for panel in json.loads(file.read_text()).get("panels", []):
            if (panel.get("datasource") or {}).get("type") != "elasticsearch":
                continue
            panels += 1
            where = f"{file.name}: panel {panel['title']!r}"
            for target in panel["targets"]:
                query, body = grafana_search(target, traffic["ids"]["me"])
                if not validate(store, query):
                    problems.append(f"{where}: query {query!r} is not valid for the store")
                    continue
                status, _, answer = request(f"{store}/{DATA_STREAM}/_search", body)
                if status != 200:
                    problems.append(f"{where}: HTTP {status}: {answer}")
                elif "aggs" in body and not answer["aggregations"]["b"]["buckets"]:
                    problems.append(f"{where}: no buckets for {query!r}")
                elif "aggs" not in body and not answer["hits"]["hits"]:
                    problems.append(f"{where}: no log lines for {query!r}")
                elif "$request_id" in target["query"] and {
                        flatten(hit["_source"]).get("http.request.id") for hit in answer["hits"]["hits"]
                } != {traffic["ids"]["me"]}:
                    problems.append(f"{where}: does not return exactly the lines of request {traffic['ids']['me']}")
    if not panels:
        problems.append(f"no Grafana panel on an Elasticsearch data source in {dashboards}")
    return problems, (f"{panels} Grafana panels on the Elasticsearch data source: queries valid, aggregations "
                      "return data, the request panel returns exactly the Me request; Grafana itself is not run here")


def run(klang: str, store: str, log_file: Path, objects_file: Path, dashboards: Path, results: Path) -> int:
    lines = []
    try:
        traffic = drive(klang, uuid.uuid4().hex[:8])
        for name, check in (("logs-e2e", lambda: check_end_to_end(store, log_file, traffic)),
                            ("saved-searches", lambda: check_saved_searches(store, objects_file, traffic)),
                            ("grafana-log-queries", lambda: check_grafana(store, dashboards, traffic))):
            try:
                problems, detail = check()
            except (OSError, RuntimeError, ValueError, KeyError, StopIteration) as error:
                problems, detail = [f"{type(error).__name__}: {error}"], ""
            for problem in problems:
                print(f"{name}: {problem}")
            lines.append(f"{name} {'FAIL ' + problems[0] if problems else 'ok ' + detail}")
    except (OSError, RuntimeError, ValueError, KeyError) as error:
        print(f"log checks could not run: {type(error).__name__}: {error}")
        lines = [f"logs-e2e FAIL {error}", f"saved-searches FAIL not run: {error}",
                 f"grafana-log-queries FAIL not run: {error}"]
    results.write_text("\n".join(lines) + "\n")
    for line in lines:
        print(line)
    return 0 if all(line.split()[1] == "ok" for line in lines) else 1


def main() -> int:
    if len(sys.argv) != 8 or sys.argv[1] != "run":
        raise SystemExit(__doc__)
    return run(sys.argv[2].rstrip("/"), sys.argv[3].rstrip("/"), Path(sys.argv[4]), Path(sys.argv[5]),
               Path(sys.argv[6]), Path(sys.argv[7]))


if __name__ == "__main__":
    sys.exit(main())
