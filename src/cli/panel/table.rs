//! Plain-text tables for people (the `--json` documents are for scripts).

use inventory::{HealthCheck, Inbound, Location, Panel, PanelOverview};

/// Columns padded to their widest cell, two spaces apart.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these headers.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            rows: vec![headers.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines of text.
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    let pad = widths[c].saturating_sub(cell.chars().count()) + 2;
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `up 87 ms`, `down: <why>` or `never checked`.
pub fn health_cell(health: Option<&HealthCheck>) -> String {
    match health {
        None => "never checked".to_owned(),
        Some(h) => match h.problem() {
            None => format!("up {} ms", h.latency_ms),
            Some(problem) => format!("down: {problem}"),
        },
    }
}

/// Bytes in the one spelling the bot uses too (`50 GB`, `1.5 GB`, `750 MB`).
pub fn bytes(n: u64) -> String {
    kernel::DataSize::of(n).to_string()
}

/// The inbounds of one panel.
pub fn inbounds(inbounds: &[Inbound]) -> String {
    let mut t = Table::new(&[
        "  INBOUND",
        "REMOTE",
        "PROTOCOL",
        "PORT",
        "REMARK",
        "STATUS",
        "CLIENTS",
        "SALE",
    ]);
    for i in inbounds {
        let clients = match i.max_clients.amount() {
            Some(max) => format!("{}/{max}", i.client_count),
            None => i.client_count.to_string(),
        };
        t.row(vec![
            format!("  {}", i.id),
            i.remote_id.to_string(),
            i.spec.protocol.to_string(),
            i.spec.port.to_string(),
            i.spec.remark.clone(),
            i.status.to_string(),
            clients,
            if i.on_sale { "on" } else { "off" }.to_owned(),
        ]);
    }
    t.render()
}

/// `panel list`.
/// What an admin must know about how MoonVPN reaches `panel`: a warning for plain `http://`
/// (its password and the links cross the network unencrypted) and the fingerprint of a
/// pinned self-signed certificate, one indented line each; empty when neither applies.
pub fn transport_notes(panel: &Panel) -> String {
    let mut out = String::new();
    if panel.is_plain_http() {
        out.push_str(
            "  warning: plain http:// - the panel password and the links it hands out travel unencrypted; put the panel behind https\n",
        );
    }
    if let Some(pin) = panel.tls_pin {
        out.push_str(&format!("  self-signed certificate pinned: {pin}\n"));
    } else if panel.needs_pin() {
        out.push_str("  self-signed certificate not pinned yet: run `moonvpn panel health` to pin it\n");
    }
    out
}

pub fn panels(overviews: &[PanelOverview], locations: &[Location]) -> String {
    if overviews.is_empty() {
        return "no panels yet; connect one with `moonvpn panel add`\n".to_owned();
    }
    let mut t = Table::new(&["ID", "NAME", "LOCATION", "URL", "SALES", "GEN", "ACCOUNTS", "HEALTH"]);
    for o in overviews {
        let p = &o.panel;
        let location = locations
            .iter()
            .find(|l| l.id == p.location)
            .map_or_else(|| p.location.to_string(), |l| format!("{} ({})", l.name, l.prefix));
        t.row(vec![
            p.id.to_string(),
            p.name.to_string(),
            location,
            p.url.to_string(),
            if p.active { "on" } else { "off" }.to_owned(),
            o.pinned_generation.map_or("auto", |g| g.as_str()).to_owned(),
            o.accounts.live.to_string(),
            health_cell(o.health.as_ref()),
        ]);
    }
    let mut out = t.render();
    for o in overviews {
        out.push_str(&format!(
            "\npanel {} ({}): {} inbound(s)\n",
            o.panel.id,
            o.panel.name,
            o.inbounds.len()
        ));
        out.push_str(&transport_notes(&o.panel));
        if !o.inbounds.is_empty() {
            out.push_str(&inbounds(&o.inbounds));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_whatever_the_cell_widths() {
        let mut t = Table::new(&["ID", "NAME"]);
        t.row(vec!["12".into(), "Paris".into()]);
        assert_eq!(t.render(), "ID  NAME\n12  Paris\n");
    }

    #[test]
    fn sizes_are_spelled_as_the_bot_spells_them() {
        assert_eq!(bytes(512), "1 MB");
        assert_eq!(bytes(750 * 1024 * 1024), "750 MB");
        assert_eq!(bytes(3 * 1024 * 1024 * 1024), "3 GB");
        assert_eq!(bytes(50 * 1024 * 1024 * 1024), "50 GB");
    }
}
