//! `moonvpn panel list|sync|health|reconcile`: what the panels hold, read live.

use inventory::Panel;
use kernel::PanelId;

use super::{CliError, failures, report, table};
use crate::cli::common::{Output, acting_admin, to_json};
use crate::config::Config;
use crate::wiring::Services;

pub(super) async fn list(s: &Services, json: bool) -> Result<Output, CliError> {
    let overviews = s.fleet.panel_overviews().await.map_err(CliError::failed)?;
    let locations = s.placement.locations().await.map_err(CliError::failed)?;
    let text = if json {
        to_json(&report::ListJson {
            panels: overviews
                .iter()
                .map(|o| report::PanelJson::new(o, &locations))
                .collect(),
        })?
    } else {
        table::panels(&overviews, &locations)
    };
    Ok(Output::ok(text))
}

/// The stored panels with these ids (every panel when `ids` is empty); an unknown id is an
/// error.
async fn chosen(s: &Services, ids: &[PanelId]) -> Result<Vec<Panel>, CliError> {
    let all = s.fleet.panels().await.map_err(CliError::failed)?;
    if ids.is_empty() {
        return Ok(all);
    }
    ids.iter()
        .map(|id| {
            all.iter()
                .find(|p| p.id == *id)
                .cloned()
                .ok_or_else(|| CliError::failed(format!("there is no panel {id}; see `moonvpn panel list`")))
        })
        .collect()
}

fn name_of(panels: &[Panel], id: PanelId) -> String {
    panels
        .iter()
        .find(|p| p.id == id)
        .map_or_else(String::new, |p| p.name.to_string())
}

pub(super) async fn sync(s: &Services, ids: &[PanelId], json: bool) -> Result<Output, CliError> {
    let panels = chosen(s, ids).await?;
    let ids: Vec<PanelId> = panels.iter().map(|p| p.id).collect();
    let results = s.fleet.sync_panels(&ids).await.map_err(CliError::failed)?;
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let text = if json {
        to_json(&report::SyncListJson {
            panels: results.iter().map(|(id, r)| report::SyncJson::new(*id, r)).collect(),
        })?
    } else {
        let headers = [
            "ID",
            "NAME",
            "INBOUNDS +/~/-",
            "CLIENTS",
            "ACCOUNTS",
            "CHANGED",
            "EXPIRED",
            "MISSING",
            "RESULT",
        ];
        let mut t = table::Table::new(&headers);
        for (id, r) in &results {
            let mut row = vec![id.to_string(), name_of(&panels, *id)];
            match r {
                Ok(r) => row.extend([
                    format!("{}/{}/{}", r.inbounds.added, r.inbounds.refreshed, r.inbounds.vanished),
                    r.clients_read.to_string(),
                    r.usage.accounts.to_string(),
                    r.usage.changed.to_string(),
                    r.usage.expired.to_string(),
                    r.usage.missing.to_string(),
                    "ok".to_owned(),
                ]),
                Err(e) => {
                    row.extend(std::iter::repeat_n("-".to_owned(), 6));
                    row.push(format!("failed: {e}"));
                }
            }
            t.row(row);
        }
        t.render()
    };
    Ok(Output {
        text,
        failure: failures(failed, results.len(), "could not be synced"),
    })
}

pub(super) async fn health(s: &Services, ids: &[PanelId], json: bool) -> Result<Output, CliError> {
    let checks = if ids.is_empty() {
        s.fleet.check_all_health().await.map_err(CliError::failed)?
    } else {
        let mut checks = Vec::new();
        for panel in chosen(s, ids).await? {
            let check = s.fleet.check_health(panel.id).await.map_err(CliError::failed)?;
            checks.push((panel, check));
        }
        checks
    };
    let down = checks.iter().filter(|(_, c)| !c.is_up()).count();
    let text = if json {
        to_json(&report::HealthListJson {
            panels: checks
                .iter()
                .map(|(p, c)| report::PanelHealthJson {
                    id: p.id.get(),
                    name: p.name.to_string(),
                    health: c.into(),
                })
                .collect(),
        })?
    } else {
        let mut t = table::Table::new(&["ID", "NAME", "STATUS", "LATENCY", "XRAY", "CPU", "MEMORY", "PROBLEM"]);
        for (p, c) in &checks {
            let (xray, cpu, memory) = match &c.result {
                Ok(st) => (
                    st.xray_version.clone().unwrap_or_else(|| "?".into()),
                    format!("{:.1}%", st.cpu_percent),
                    format!("{} / {}", table::bytes(st.memory_used), table::bytes(st.memory_total)),
                ),
                Err(_) => ("-".into(), "-".into(), "-".into()),
            };
            t.row(vec![
                p.id.to_string(),
                p.name.to_string(),
                if c.is_up() { "up" } else { "down" }.to_owned(),
                format!("{} ms", c.latency_ms),
                xray,
                cpu,
                memory,
                c.problem().unwrap_or_default(),
            ]);
        }
        let mut text = t.render();
        for (p, _) in checks.iter().filter(|(p, _)| p.is_plain_http()) {
            text.push_str(&format!("panel {} ({}):\n{}", p.id, p.name, table::transport_notes(p)));
        }
        text
    };
    Ok(Output {
        text,
        failure: failures(down, checks.len(), "down"),
    })
}

pub(super) async fn reconcile(
    s: &Services,
    config: &Config,
    ids: &[PanelId],
    repair: bool,
    json: bool,
) -> Result<Output, CliError> {
    let panels = chosen(s, ids).await?;
    let admin = acting_admin(config, s).await?;
    let mut results = Vec::with_capacity(panels.len());
    for p in &panels {
        results.push((p.id, s.fleet.reconcile_as(admin, p.id, repair).await));
    }
    let unreadable = results.iter().filter(|(_, r)| r.is_err()).count();
    let not_repaired: usize = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(|r| r.failed.len())
        .sum();
    let failure = match (unreadable, not_repaired) {
        (0, 0) => None,
        (0, n) => Some(format!("{n} lost account(s) could not be created again")),
        (n, _) => failures(n, results.len(), "could not be read"),
    };
    let text = if json {
        to_json(&report::ReconcileListJson {
            panels: results
                .iter()
                .map(|(id, r)| report::ReconcileJson::new(*id, r))
                .collect(),
        })?
    } else {
        let mut text = String::new();
        for (id, r) in &results {
            let name = name_of(&panels, *id);
            match r {
                Err(e) => text.push_str(&format!("panel {id} ({name}): could not be read: {e}\n")),
                Ok(r) => {
                    text.push_str(&format!(
                        "panel {id} ({name}): {} unknown client(s), {} lost account(s){}\n",
                        r.unknown.len(),
                        r.lost.len(),
                        if repair {
                            format!(", {} repaired", r.repaired.len())
                        } else {
                            String::new()
                        }
                    ));
                    for u in &r.unknown {
                        text.push_str(&format!("  unknown  inbound {}  {}\n", u.inbound_remote_id, u.email));
                    }
                    for l in &r.lost {
                        let what = if r.repaired.contains(&l.account) {
                            "created again".to_owned()
                        } else if let Some(f) = r.failed.iter().find(|f| f.account == l.account) {
                            format!("not repaired: {}", f.reason)
                        } else {
                            "lost (repair with --repair)".to_owned()
                        };
                        text.push_str(&format!("  lost     account {}  {}  {what}\n", l.account, l.email));
                    }
                }
            }
        }
        if results.is_empty() {
            text.push_str("no panels yet\n");
        }
        text
    };
    Ok(Output { text, failure })
}
