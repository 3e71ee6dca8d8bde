//! Normal traffic (`me` and `product(id)`) measured alone, then again while a few hostile clients send
//! fragment bombs, alias floods or oversized bodies (each kind alone, then all at once) as fast as they are
//! answered. The p99s side by side show whether hostile input slows other users down.

use std::{
    fmt::Write as _,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use serde_json::json;

use crate::{
    api::Api,
    load::{Row, Samples, Window, closed_loop},
};

const ME: &str = "query Me { me { id email roles } }";

/// The loopback address hostile clients connect from (normal traffic comes from 127.0.0.1).
const ATTACKER_ADDRESS: std::net::IpAddr =
    std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 2));

/// One kind of hostile request.
struct Attack {
    id: &'static str,
    label: &'static str,
    body: String,
}

/// The hostile requests: each must be refused with a typed error, quickly.
fn attacks() -> Vec<Attack> {
    // 24 fragments, each spreading the previous one twice: ~1 KB that expands to 2^23 selections.
    let mut bomb = String::from("fragment F0 on Query { __typename }\n");
    for level in 1..24 {
        let _ = writeln!(
            bomb,
            "fragment F{level} on Query {{ ...F{0} ...F{0} }}",
            level - 1
        );
    }
    bomb.push_str("query Bomb { ...F23 }");
    let aliases: String = (0..5_000).map(|n| format!("a{n}: __typename ")).collect();
    vec![
        Attack {
            id: "fragment-bomb",
            label: "fragment bomb (24 nested fragments, ~1 KB)",
            body: Api::body(&bomb, json!({})),
        },
        Attack {
            id: "alias-flood",
            label: "alias flood (5,000 aliases of __typename)",
            body: Api::body(&format!("{{ {aliases}}}"), json!({})),
        },
        Attack {
            id: "oversized-body",
            label: "oversized body (1 MiB variable)",
            body: Api::body(ME, json!({"pad": "x".repeat(1 << 20)})),
        },
    ]
}

/// What the attack scenario measured.
pub struct AttackResult {
    /// Normal traffic alone, under each attack, then under all (rows for the main table).
    pub normal: Vec<Row>,
    /// One row per kind of attack: how many were sent and how fast they were refused.
    pub attackers: Vec<Row>,
}

/// Runs normal traffic alone, then with `attackers_per_kind` clients of one kind of attack at a time, then of
/// all kinds at once.
pub async fn under_attack(
    api: &Api,
    product_bodies: &[String],
    concurrency: usize,
    attackers_per_kind: usize,
    window: Window,
) -> Result<AttackResult, String> {
    let mut normal_bodies = vec![Api::body(ME, json!({}))];
    normal_bodies.extend(product_bodies.iter().cloned());
    // Every cached product read once, so every phase measures the same warm path.
    for body in &normal_bodies {
        api.send(body.clone()).await?;
    }
    let label = "me / product(id) cached (mixed)";
    let alone = normal(api, &normal_bodies, concurrency, window).await;
    let mut rows = vec![alone.row("normal-alone", format!("{label}, alone"), concurrency)];

    // Hostile clients get connections of their own (a connection the server closed after a refusal must not be
    // handed to a normal request), from an address of their own: the service's penalty box holds off an
    // address that sends mostly refused requests, and the normal traffic must not share it.
    let http = &Api::client_from(attackers_per_kind * 3, Some(ATTACKER_ADDRESS))?;
    let attacks = attacks();
    let mut answers = Vec::new();
    for attack in &attacks {
        answers.push(probe(http, api.base(), &attack.body).await);
    }
    let mut phases: Vec<Vec<&Attack>> = attacks.iter().map(|attack| vec![attack]).collect();
    phases.push(attacks.iter().collect());
    let mut attackers = Vec::new();
    for phase in phases {
        let closed = Arc::new(AtomicU64::new(0));
        let url = format!("{}/graphql", api.base());
        let hostile = phase.iter().map(|attack| {
            let (http, url, body, closed) = (
                http.clone(),
                url.clone(),
                attack.body.clone(),
                closed.clone(),
            );
            closed_loop(attackers_per_kind, window, move |_, _| {
                let (http, url, body, closed) =
                    (http.clone(), url.clone(), body.clone(), closed.clone());
                async move { refused(&http, &url, body, &closed).await }
            })
        });
        let (attacked, hostile) = tokio::join!(
            normal(api, &normal_bodies, concurrency, window),
            futures::future::join_all(hostile)
        );
        let all = phase.len() == attacks.len();
        let under = if all {
            format!(
                "all three ({} hostile clients)",
                attackers_per_kind * attacks.len()
            )
        } else {
            format!("{} ({attackers_per_kind} clients)", phase[0].label)
        };
        rows.push(attacked.row(
            if all { "normal-attacked" } else { phase[0].id },
            format!("{label}, under attack: {under}"),
            concurrency,
        ));
        if all {
            let closed = closed.load(Ordering::Relaxed);
            for ((attack, samples), answer) in phase.iter().zip(hostile).zip(&answers) {
                let mut row = samples.row(attack.id, attack.label, attackers_per_kind);
                row.note = join(&format!("answered {answer}"), &row.note);
                if attack.id == "oversized-body" && closed > 0 {
                    row.note = join(
                        &row.note,
                        &format!(
                            "{closed} closed by the server before the body was sent (counted as refused)"
                        ),
                    );
                }
                attackers.push(row);
            }
        }
    }
    Ok(AttackResult {
        normal: rows,
        attackers,
    })
}

async fn normal(api: &Api, bodies: &[String], concurrency: usize, window: Window) -> Samples {
    let (client, bodies) = (api.clone(), bodies.to_vec());
    closed_loop(concurrency, window, move |worker, iteration| {
        let api = client.clone();
        let body = bodies[(worker + iteration as usize * concurrency) % bodies.len()].clone();
        async move { crate::load::timed(api.send(body)).await }
    })
    .await
}

/// Sends one hostile request; succeeds when it was refused (an HTTP error status, or a GraphQL error with
/// no data), fails when it was run.
/// A connection the server closed before the whole request was sent (an oversized body cut off) counts as
/// refused, and in `closed`.
async fn refused(
    http: &reqwest::Client,
    url: &str,
    body: String,
    closed: &AtomicU64,
) -> Result<std::time::Duration, String> {
    let began = std::time::Instant::now();
    let sent = http
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(error) if error.is_request() || error.is_body() => {
            closed.fetch_add(1, Ordering::Relaxed);
            return Ok(began.elapsed());
        }
        Err(error) => return Err(format!("no answer: {error}")),
    };
    let status = response.status();
    let bytes = response.bytes().await.map_err(|error| error.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    if status.is_success() && !text.contains("\"errors\"") {
        return Err(format!("accepted: HTTP {status}"));
    }
    Ok(began.elapsed())
}

/// The status and error code one hostile request gets, for the report.
async fn probe(http: &reqwest::Client, base: &str, body: &str) -> String {
    let response = http
        .post(format!("{base}/graphql"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await;
    let Ok(response) = response else {
        return "with no HTTP answer".to_owned();
    };
    let status = response.status().as_u16();
    let code = response
        .json::<serde_json::Value>()
        .await
        .ok()
        .and_then(|body| {
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "no error code".to_owned());
    format!("HTTP {status} {code}")
}

fn join(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_owned(),
        (_, true) => first.to_owned(),
        _ => format!("{first}; {second}"),
    }
}
