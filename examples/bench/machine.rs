//! The machine the figures come from, and how much of its CPU other work took during the run (the cores are
//! shared: a build or a browser test running meanwhile lowers every figure).

use std::{collections::HashMap, process::Command};

/// Processes that are part of the measurement: the service, this program and its baselines, and the
/// infrastructure the service uses.
const OURS: &[&str] = &[
    "klang",
    "bench",
    "postgres",
    "pgbench",
    "redis-server",
    "redis-benchmark",
    "java",
];

/// CPU counters at one moment, in clock ticks.
pub struct CpuSnapshot {
    busy: u64,
    ours: HashMap<u32, u64>,
}

impl CpuSnapshot {
    /// Reads `/proc/stat` and every process of ours.
    pub fn take() -> Self {
        let busy = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|text| {
                let line = text.lines().next()?.strip_prefix("cpu ")?.to_owned();
                let fields: Vec<u64> = line
                    .split_whitespace()
                    .filter_map(|field| field.parse().ok())
                    .collect();
                // user nice system idle iowait irq softirq steal: everything but idle and iowait.
                Some(fields.iter().take(8).sum::<u64>() - fields.get(3)? - fields.get(4)?)
            })
            .unwrap_or(0);
        let mut ours = HashMap::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|name| name.parse::<u32>().ok())
            else {
                continue;
            };
            if let Some(ticks) = process_ticks(pid) {
                ours.insert(pid, ticks);
            }
        }
        Self { busy, ours }
    }

    /// Average cores used since `self` (`later` taken `seconds` after it): by our processes, and by the rest
    /// of the machine. Ticks are Linux's USER_HZ (100 per second).
    pub fn usage_since(&self, later: &CpuSnapshot, seconds: f64) -> (f64, f64) {
        let busy = later.busy.saturating_sub(self.busy);
        let ours: u64 = later
            .ours
            .iter()
            .map(|(pid, ticks)| ticks.saturating_sub(self.ours.get(pid).copied().unwrap_or(0)))
            .sum();
        let cores = |ticks: u64| ticks as f64 / 100.0 / seconds.max(0.001);
        (cores(ours.min(busy)), cores(busy.saturating_sub(ours)))
    }
}

/// utime + stime + cutime + cstime of `pid`, if it is one of ours.
fn process_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1;
    if !OURS.contains(&name) {
        return None;
    }
    // Fields after the name: state(3) ... utime(14) stime(15) cutime(16) cstime(17).
    let fields: Vec<&str> = rest.split_whitespace().collect();
    (11..=14)
        .map(|index| fields.get(index)?.parse::<u64>().ok())
        .sum()
}

/// The CPU model from `/proc/cpuinfo`.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                line.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, model)| model.trim().to_owned())
            })
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Total memory in GiB, as `free -g` prints it.
pub fn memory_gib() -> String {
    command("free", &["-g"])
        .lines()
        .find_map(|line| {
            line.strip_prefix("Mem:")?
                .split_whitespace()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "?".to_owned())
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "?".to_owned())
}

/// A command's trimmed stdout, `?` when it cannot run.
pub fn command(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_else(|| "?".to_owned())
}
