//! The layering rule from DESIGN.md, checked on the real dependency graph: domain crates never
//! depend (directly or through anything else) on a database, HTTP, Telegram or config crate.

use std::process::Command;

const DOMAIN_CRATES: &[&str] = &[
    "moonvpn-kernel",
    "moonvpn-members",
    "moonvpn-notify",
    "moonvpn-wallet",
    "moonvpn-inventory",
    "moonvpn-orders",
    "moonvpn-receipts",
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
