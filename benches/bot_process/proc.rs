//! What `/proc` says about one process (Linux): CPU time used and resident memory.

use std::time::Duration;

/// CPU time (user + system) `pid` used so far; zero when it cannot be read.
pub fn cpu_time(pid: u32) -> Duration {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return Duration::ZERO;
    };
    // Fields after the command name (which may hold spaces) start at field 3; utime and
    // stime are fields 14 and 15.
    let Some(after_name) = stat.rsplit_once(") ").map(|(_, rest)| rest) else {
        return Duration::ZERO;
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    let total = ticks(11) + ticks(12);
    Duration::from_secs_f64(total as f64 / clock_ticks() as f64)
}

/// Kernel clock ticks per second (`getconf CLK_TCK`, 100 on Linux), asked once: a `getconf`
/// process per reading would run beside the phase being measured (one per `postgres` process
/// at every [`CpuSplit::read`]) and block the harness's runtime while it runs.
fn clock_ticks() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .filter(|t| *t > 0)
            .unwrap_or(100)
    })
}

/// `(VmRSS, VmHWM)` of `pid` in KiB: resident memory now and its peak.
pub fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The machine's load averages (1, 5, 15 minutes) as written in `/proc/loadavg`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// `perf record -g` attached to a process until dropped (then it writes its file).
pub struct Profiler(Option<std::process::Child>);

impl Profiler {
    /// Starts recording `pid` into `file`; without a working `perf`, records nothing.
    pub fn attach(pid: u32, file: &str) -> Self {
        let child = std::process::Command::new("perf")
            .args(["record", "-F", "499", "-g", "-o", file, "-p", &pid.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| eprintln!("perf record could not start: {e}"))
            .ok();
        std::thread::sleep(Duration::from_millis(300));
        Self(child)
    }
}

impl Drop for Profiler {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            // SIGINT makes perf write its file and exit.
            let _ = std::process::Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

/// CPU time (user + system) used so far by every process whose command name is `comm`
/// (e.g. `postgres`: the server and each connection's backend).
pub fn cpu_time_of_all(comm: &str) -> Duration {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Duration::ZERO;
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .filter(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == comm))
        .map(cpu_time)
        .sum()
}

/// The machine's CPU time so far: `(busy, total)` in clock ticks over all cores, from the
/// first line of `/proc/stat` (idle and iowait count as not busy).
pub fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = fields.iter().take(8).sum();
    let idle = fields.get(3).copied().unwrap_or(0) + fields.get(4).copied().unwrap_or(0);
    (total.saturating_sub(idle), total)
}

/// The share of the machine's CPU that was busy between two [`machine_ticks`] readings.
pub fn busy_share(before: (u64, u64), after: (u64, u64)) -> f64 {
    let busy = after.0.saturating_sub(before.0) as f64;
    let total = after.1.saturating_sub(before.1) as f64;
    if total > 0.0 { busy / total } else { 0.0 }
}

/// CPU used so far by the bot, the database server, this harness (the fakes and the simulated
/// users run in it) and the whole machine: read before and after a phase to split its cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuSplit {
    /// The bot process.
    pub bot: Duration,
    /// Every `postgres` process (zero on SQLite, which runs inside the bot).
    pub database: Duration,
    /// This benchmark's own process.
    pub harness: Duration,
    /// The machine's `(busy, total)` ticks ([`machine_ticks`]).
    machine: (u64, u64),
    /// Share of the machine busy over the phase (set by [`CpuSplit::since`]).
    pub busy: f64,
}

impl CpuSplit {
    /// The counters now, for the bot `pid`.
    pub fn read(pid: u32) -> Self {
        Self {
            bot: cpu_time(pid),
            database: cpu_time_of_all("postgres"),
            harness: cpu_time(std::process::id()),
            machine: machine_ticks(),
            busy: 0.0,
        }
    }

    /// What was used between `earlier` and this reading.
    pub fn since(&self, earlier: &Self) -> Self {
        Self {
            bot: self.bot.saturating_sub(earlier.bot),
            database: self.database.saturating_sub(earlier.database),
            harness: self.harness.saturating_sub(earlier.harness),
            machine: self.machine,
            busy: busy_share(earlier.machine, self.machine),
        }
    }
}
