#!/usr/bin/env bash
# Installs the system packages the project needs (Debian/Ubuntu, apt).
# Idempotent: returns at once when everything is already installed.
set -euo pipefail

packages=(
  redis-server
  postgresql postgresql-contrib
  maven
  # Native build of librdkafka (rdkafka's cmake-build feature); its cmake
  # build includes curl/curl.h even with curl disabled.
  build-essential cmake pkg-config libcurl4-openssl-dev libsasl2-dev
  # Optional client for poking Kafka by hand.
  kcat
)

# Kafka 4 needs Java 17 or newer; keep any such JDK/JRE that is already there.
java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  packages+=(default-jdk-headless)
fi

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install: all packages present"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

echo "install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
