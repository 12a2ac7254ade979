//! The layering rule from DESIGN.md, checked on the real dependency graph: domain crates never
//! depend (directly or through anything else) on a database, HTTP, Telegram or config crate;
//! and docs/architecture.md draws the crate graph the `Cargo.toml` files really have.

use std::collections::BTreeMap;
use std::process::Command;

const DOMAIN_CRATES: &[&str] = &[
    "moonvpn-kernel",
    "moonvpn-members",
    "moonvpn-notify",
    "moonvpn-wallet",
    "moonvpn-inventory",
    "moonvpn-orders",
    "moonvpn-receipts",
    "moonvpn-payments",
];

const FORBIDDEN: &[&str] = &[
    "sea-orm",
    "sea-orm-migration",
    "sqlx",
    "reqwest",
    "frankenstein",
    "axum",
    "figment",
];

/// Every package in `cargo tree -p <krate> -e normal`, with all features on.
fn normal_dependencies(krate: &str) -> Vec<String> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--manifest-path", manifest, "-p", krate])
        .args(["-e", "normal", "--all-features", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {krate} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn domain_crates_depend_on_no_database_http_telegram_or_config_crate() {
    let mut violations = Vec::new();
    for krate in DOMAIN_CRATES {
        let deps = normal_dependencies(krate);
        assert!(
            deps.iter().any(|d| d == krate),
            "cargo tree did not list {krate} itself: {deps:?}"
        );
        for forbidden in FORBIDDEN {
            if deps.iter().any(|d| d == forbidden) {
                violations.push(format!("{krate} depends on {forbidden}"));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "layering broken (see DESIGN.md): {violations:#?}"
    );
}

/// Our crates and the crates of ours each depends on (normal dependencies), from
/// `cargo metadata`, without the `moonvpn-` prefix.
fn crate_graph() -> BTreeMap<String, Vec<String>> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--offline",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
            manifest,
        ])
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let ours: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let short = |name: &str| name.strip_prefix("moonvpn-").unwrap_or(name).to_owned();
    packages
        .iter()
        .map(|p| {
            let mut deps: Vec<String> = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|d| ours.contains(d))
                .map(short)
                .collect();
            deps.sort();
            deps.dedup();
            (short(p["name"].as_str().expect("name")), deps)
        })
        .collect()
}

/// The graph drawn in docs/architecture.md: the `name → a, b` lines of the block under
/// "The crate graph as it is".
fn documented_graph() -> BTreeMap<String, Vec<String>> {
    let doc = include_str!("../../docs/architecture.md");
    let section = doc
        .split("## The crate graph as it is")
        .nth(1)
        .expect("docs/architecture.md has the crate graph section");
    let block = section
        .split("```text")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has a text block");
    block
        .lines()
        .filter_map(|line| line.split_once('→'))
        .map(|(name, deps)| {
            let deps = match deps.trim() {
                "(none)" => Vec::new(),
                list => list.split(',').map(|d| d.trim().to_owned()).collect(),
            };
            (name.trim().to_owned(), deps)
        })
        .collect()
}

#[test]
fn the_documented_crate_graph_is_the_real_one() {
    let real = crate_graph();
    assert!(real.len() > 10, "cargo metadata listed our crates: {real:?}");
    let documented = documented_graph();
    let mut differences = Vec::new();
    for (name, deps) in &real {
        match documented.get(name) {
            Some(drawn) if drawn == deps => {}
            Some(drawn) => differences.push(format!("{name}: drawn → {drawn:?}, really → {deps:?}")),
            None => differences.push(format!("{name} → {deps:?} is not drawn")),
        }
    }
    for name in documented.keys().filter(|n| !real.contains_key(*n)) {
        differences.push(format!("{name} is drawn but is no crate of ours"));
    }
    assert!(
        differences.is_empty(),
        "docs/architecture.md's crate graph is out of date:\n{}",
        differences.join("\n")
    );
}
