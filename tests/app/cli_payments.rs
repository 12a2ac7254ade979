//! The real `moonvpn` binary: `payment list|refund|reconcile` on a SQLite file (#11).

use std::path::Path;
use std::process::Output;

use crate::cli_support;

fn moonvpn(dir: &Path, args: &[&str]) -> Output {
    cli_support::output(cli_support::moonvpn(dir).args(args))
}

#[test]
fn payments_are_listed_reconciled_and_an_unknown_one_is_not_refunded() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(moonvpn(dir.path(), &["migrate"]).status.code(), Some(0));

    let listed = moonvpn(dir.path(), &["payment", "list"]);
    assert_eq!(listed.status.code(), Some(0), "{}", cli_support::stderr(&listed));
    assert_eq!(String::from_utf8_lossy(&listed.stdout), "no payments\n");

    let json = moonvpn(dir.path(), &["payment", "list", "--status", "paid", "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc, serde_json::json!([]));

    let bad = moonvpn(dir.path(), &["payment", "list", "--status", "lost"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(cli_support::stderr(&bad).contains("--status: unknown status"));

    let reconciled = moonvpn(dir.path(), &["payment", "reconcile"]);
    assert_eq!(
        reconciled.status.code(),
        Some(0),
        "{}",
        cli_support::stderr(&reconciled)
    );
    assert_eq!(
        String::from_utf8_lossy(&reconciled.stdout),
        "settled: none\nfailed: none\nexpired: none\n"
    );

    let refund = moonvpn(dir.path(), &["payment", "refund", "999"]);
    assert_eq!(refund.status.code(), Some(2));
    assert_eq!(cli_support::stderr(&refund).trim(), "error: no payment 999");
}
