# syntax=docker/dockerfile:1
# Multi-stage build of the klang service: a full Rust toolchain to build, a slim Debian to run as non-root.
FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake libcurl4-openssl-dev libsasl2-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY .sqlx ./.sqlx
COPY migrations ./migrations
COPY src ./src
ENV SQLX_OFFLINE=true
RUN cargo build --release --bin klang

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl libcurl4 libsasl2-2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /nonexistent --shell /usr/sbin/nologin klang
COPY --from=build /src/target/release/klang /usr/local/bin/klang
USER 10001
ENV KLANG_LISTEN=0.0.0.0:8080
EXPOSE 8080
# Liveness only (the process answers); docker-compose.yml overrides it with /readyz (dependencies reachable).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/klang"]
CMD ["serve"]
