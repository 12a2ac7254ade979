//! Server status and xray restart.

use std::time::Duration;

use inventory::{PanelConnection, PanelError, ServerStatus, XrayState};
use serde_json::Value;

use super::parse;
use crate::call::Mode;
use crate::driver::XuiDriver;
use crate::routes::Op;
use crate::wire::WireStatus;

/// The domain view of a status answer.
fn to_status(wire: WireStatus) -> ServerStatus {
    let xray = wire.xray.unwrap_or_default();
    let state = match xray.state.as_str() {
        "running" => XrayState::Running,
        "stop" | "stopped" => XrayState::Stopped,
        "error" if !xray.error_msg.trim().is_empty() => XrayState::Failed(xray.error_msg.trim().to_owned()),
        "error" => XrayState::Failed("xray failed without a message".into()),
        other => XrayState::Failed(format!("unknown xray state {other:?}")),
    };
    let mem = wire.mem.unwrap_or_default();
    ServerStatus {
        xray: state,
        xray_version: Some(xray.version).filter(|v| !v.is_empty()),
        cpu_percent: wire.cpu.unwrap_or(0.0).clamp(0.0, 100.0),
        memory_used: u64::try_from(mem.current).unwrap_or(0),
        memory_total: u64::try_from(mem.total).unwrap_or(0),
        uptime: Duration::from_secs(u64::try_from(wire.uptime).unwrap_or(0)),
    }
}

/// The panel's server status. Right after the panel starts it has none for ~2 s; that is
/// waited out within the retry budget.
pub(crate) async fn status(driver: &XuiDriver, conn: &PanelConnection) -> Result<ServerStatus, PanelError> {
    let mut attempt = 0;
    loop {
        match driver.call(conn, &Op::Status, Mode::Repeatable).await? {
            Value::Null if attempt < driver.http.config.retries => {
                attempt += 1;
                tokio::time::sleep(driver.http.config.backoff_for(attempt)).await;
            }
            Value::Null => {
                return Err(PanelError::BadResponse(
                    "the panel has no status yet; try again in a few seconds".into(),
                ));
            }
            obj => return Ok(to_status(parse("server status", obj)?)),
        }
    }
}

/// Restarts xray.
pub(crate) async fn restart_xray(driver: &XuiDriver, conn: &PanelConnection) -> Result<(), PanelError> {
    driver.call(conn, &Op::RestartXray, Mode::Repeatable).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_status_answer_gives_xray_state_cpu_memory_and_uptime() {
        let wire: WireStatus = serde_json::from_value(json!({
            "cpu": 12.5, "cpuCores": 2, "mem": {"current": 1024, "total": 4096},
            "xray": {"state": "running", "errorMsg": "", "version": "25.1.1"}, "uptime": 3600
        }))
        .unwrap();
        let s = to_status(wire);
        assert_eq!(s.xray, XrayState::Running);
        assert_eq!(s.xray_version.as_deref(), Some("25.1.1"));
        assert_eq!((s.memory_used, s.memory_total), (1024, 4096));
        assert_eq!(s.uptime, Duration::from_secs(3600));
        assert!((s.cpu_percent - 12.5).abs() < f64::EPSILON);
    }

    #[test]
    fn a_failed_xray_carries_its_error() {
        let wire: WireStatus =
            serde_json::from_value(json!({"xray": {"state": "error", "errorMsg": "bad config\n"}})).unwrap();
        assert_eq!(to_status(wire).xray, XrayState::Failed("bad config".into()));
        let stopped: WireStatus = serde_json::from_value(json!({"xray": {"state": "stop"}})).unwrap();
        assert_eq!(to_status(stopped).xray, XrayState::Stopped);
    }
}
