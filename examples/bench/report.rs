//! The results as Markdown, written between two markers in `docs/performance.md` so the hand-written text
//! around them stays.

use std::{fmt::Write as _, path::Path};

use crate::{
    live::LiveResult,
    load::Row,
    machine::{command, cpu_model, memory_gib},
};

/// The generated section starts after this line.
pub const BEGIN: &str = "<!-- bench:results:begin -->";
/// The generated section ends before this line.
pub const END: &str = "<!-- bench:results:end -->";

/// Everything one run measured, and where.
pub struct Report {
    /// The throughput rows, baselines first.
    pub rows: Vec<Row>,
    /// The hostile clients of the attack scenario (empty when it did not run).
    pub attackers: Vec<Row>,
    /// The live (subscription) measurement, if it ran.
    pub live: Option<LiveResult>,
    /// The git commit measured.
    pub commit: String,
    /// How the service ran (build, log level, pool size).
    pub service: String,
    /// Seconds of warm-up and measurement per scenario.
    pub warmup_seconds: u64,
    /// Seconds measured per scenario.
    pub seconds: u64,
    /// `/proc/loadavg` when the run started.
    pub load_before: String,
    /// Average cores used during the run by the measured processes and by everything else.
    pub cpu: (f64, f64),
}

impl Report {
    /// The generated section (without the markers).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M %:z");
        let _ = writeln!(out, "### เครื่องและการตั้งค่า\n");
        let _ = writeln!(out, "| | |\n|---|---|");
        let _ = writeln!(out, "| วันที่ | {now} |");
        let _ = writeln!(out, "| commit | `{}` |", self.commit);
        let _ = writeln!(out, "| CPU | {} |", cpu_model());
        let _ = writeln!(out, "| `nproc` | {} |", command("nproc", &[]));
        let _ = writeln!(out, "| RAM (`free -g`, total) | {} GiB |", memory_gib());
        let _ = writeln!(out, "| `uname -r` | {} |", command("uname", &["-r"]));
        let _ = writeln!(
            out,
            "| load average ก่อนเริ่ม (1, 5, 15 นาที) | {} |",
            self.load_before
        );
        let _ = writeln!(
            out,
            "| CPU ระหว่างรัน (เฉลี่ย, core) | ที่ถูกวัด (klang, bench, PostgreSQL, Redis, Kafka) {:.2}; งานอื่นบนเครื่อง {:.2} |",
            self.cpu.0, self.cpu.1
        );
        let _ = writeln!(out, "| service | {} |", self.service);
        let _ = writeln!(
            out,
            "| ต่อ scenario | warm-up {} s แล้ววัด {} s (closed loop: client แต่ละตัวส่งคำขอถัดไปเมื่อได้คำตอบ) |",
            self.warmup_seconds, self.seconds
        );
        let _ = writeln!(out, "\n### Throughput และ latency\n");
        let _ = writeln!(
            out,
            "| scenario | clients | requests | errors | req/s | p50 ms | p99 ms | req/s ÷ axum | p50 ÷ axum | req/s ÷ pgbench | req/s ÷ redis |"
        );
        let _ = writeln!(
            out,
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let baseline = |id: &str| self.rows.iter().find(|row| row.id == id);
        let (axum, pgbench, redis) = (baseline("axum"), baseline("pgbench"), baseline("redis"));
        for row in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.2} | {:.2} | {} | {} | {} | {} |",
                row.label,
                row.concurrency,
                row.requests,
                row.errors,
                group(row.throughput),
                row.p50_ms,
                row.p99_ms,
                ratio(row.throughput, axum.map(|b| b.throughput)),
                ratio(row.p50_ms, axum.map(|b| b.p50_ms)),
                ratio(row.throughput, pgbench.map(|b| b.throughput)),
                ratio(row.throughput, redis.map(|b| b.throughput)),
            );
        }
        let notes: Vec<_> = self
            .rows
            .iter()
            .filter(|row| !row.note.is_empty())
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "\nหมายเหตุรายแถว:\n");
            for row in notes {
                let _ = writeln!(out, "- **{}**: {}", row.label, row.note);
            }
        }
        if !self.attackers.is_empty() {
            self.attack_section(&mut out);
        }
        if let Some(live) = &self.live {
            let _ = writeln!(
                out,
                "\n### `stockChanged` end-to-end (ทีละ mutation, 1 subscriber)\n"
            );
            let _ = writeln!(out, "| วัดช่วง | samples | p50 ms | p99 ms | max ms |");
            let _ = writeln!(out, "|---|---:|---:|---:|---:|");
            for row in &live.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.2} | {:.2} | {:.2} |",
                    row.label,
                    row.samples.latencies.len(),
                    row.samples.percentile_ms(0.50),
                    row.samples.percentile_ms(0.99),
                    row.samples.max_ms(),
                );
            }
            let _ = writeln!(
                out,
                "\nข้อความที่ไม่มาภายใน 10 s: {}; ข้อความที่มาถึงก่อนคำตอบ HTTP ของ mutation: {} (นับเป็น 0 ms ในแถวที่สอง)",
                live.lost, live.early
            );
        }
        out
    }

    fn attack_section(&self, out: &mut String) {
        let _ = writeln!(out, "\n### ภายใต้การโจมตี\n");
        let normal = |id: &str| self.rows.iter().find(|row| row.id == id);
        if let (Some(alone), Some(attacked)) = (normal("normal-alone"), normal("normal-attacked")) {
            let _ = writeln!(
                out,
                "traffic ปกติ (`me` / `product(id)`, {} client): p99 เมื่ออยู่ลำพัง {:.2} ms → ระหว่างถูกโจมตี {:.2} ms \
                 ({}), throughput {} → {} req/s\n",
                alone.concurrency,
                alone.p99_ms,
                attacked.p99_ms,
                ratio(attacked.p99_ms, Some(alone.p99_ms)),
                group(alone.throughput),
                group(attacked.throughput),
            );
        }
        let _ = writeln!(
            out,
            "| attack | clients | ถูกปฏิเสธ | ไม่ถูกปฏิเสธ | req/s | p50 ms | p99 ms | หมายเหตุ |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|");
        for row in &self.attackers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.2} | {:.2} | {} |",
                row.label,
                row.concurrency,
                row.requests,
                row.errors,
                group(row.throughput),
                row.p50_ms,
                row.p99_ms,
                row.note,
            );
        }
    }

    /// Replaces the generated section of `path` (or appends one with its markers).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let existing = std::fs::read_to_string(path).unwrap_or_default();
        let section = format!(
            "{BEGIN}\n<!-- generated by scripts/bench.sh: edits here are overwritten -->\n\n{}\n{END}",
            self.markdown()
        );
        let updated = match (existing.find(BEGIN), existing.find(END)) {
            (Some(begin), Some(end)) if begin < end => {
                format!(
                    "{}{section}{}",
                    &existing[..begin],
                    &existing[end + END.len()..]
                )
            }
            _ => format!("{existing}\n{section}\n"),
        };
        std::fs::write(path, updated)
            .map_err(|error| format!("writing {}: {error}", path.display()))
    }
}

fn ratio(value: f64, baseline: Option<f64>) -> String {
    match baseline {
        Some(baseline) if baseline > 0.0 => format!("{:.3}×", value / baseline),
        _ => "–".to_owned(),
    }
}

/// `12345.6` as `12,346`.
fn group(value: f64) -> String {
    let digits = format!("{:.0}", value);
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(1234567.4), "1,234,567");
        assert_eq!(group(999.0), "999");
    }
}
