//! The panel's in-memory database: inbounds with their clients, traffic rows, sessions,
//! recorded requests. Every method mirrors one service function of the real panel.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::auth::LoginLimit;
use super::config::{FakePanelConfig, Fault, Generation};
use super::model::{ClientTraffic, Inbound, client_key_field, str_field};
use super::recorded::RecordedRequest;

/// Why a service call failed, as the real panel would report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fail {
    /// A Go error; its text goes into `msg` as `"<context> (<text>)"`.
    Msg(String),
    /// A Go panic recovered by gin: `500` with an empty body.
    Panic,
}

/// `common.NewError(a...)`: `fmt.Sprintln`, so the words are joined by spaces and end in `\n`.
pub(crate) fn go_error(parts: &[&str]) -> Fail {
    Fail::Msg(format!("{}\n", parts.join(" ")))
}

/// The gorm "not found" error text.
pub(crate) fn not_found() -> Fail {
    Fail::Msg("record not found".to_owned())
}

/// One cookie session.
#[derive(Debug, Clone, Default)]
pub(crate) struct Session {
    /// The v3 CSRF token stored in the session.
    pub csrf: Option<String>,
    /// Whether an admin logged in with this session.
    pub logged_in: bool,
}

/// Everything the fake panel knows. Guarded by one mutex in [`super::Shared`].
#[derive(Debug)]
pub(crate) struct State {
    pub config: FakePanelConfig,
    pub generation: Generation,
    pub inbounds: BTreeMap<i64, Inbound>,
    pub traffic: BTreeMap<i64, ClientTraffic>,
    pub traffic_by_email: HashMap<String, i64>,
    pub record_ids: HashMap<String, i64>,
    pub onlines: Option<BTreeSet<String>>,
    pub fault: Option<Fault>,
    pub sessions: HashMap<String, Session>,
    pub requests: Vec<RecordedRequest>,
    pub logins: usize,
    pub login_limits: HashMap<String, LoginLimit>,
    pub xray_running: bool,
    pub sub_port: Option<u16>,
    next_inbound_id: i64,
    next_traffic_id: i64,
    next_record_id: i64,
}

impl State {
    pub(crate) fn new(config: FakePanelConfig) -> Self {
        State {
            generation: config.generation,
            config,
            inbounds: BTreeMap::new(),
            traffic: BTreeMap::new(),
            traffic_by_email: HashMap::new(),
            record_ids: HashMap::new(),
            onlines: None,
            fault: None,
            sessions: HashMap::new(),
            requests: Vec::new(),
            logins: 0,
            login_limits: HashMap::new(),
            xray_running: true,
            sub_port: None,
            next_inbound_id: 1,
            next_traffic_id: 1,
            next_record_id: 1,
        }
    }

    // ----- inbounds -------------------------------------------------------------------------

    /// Port clash rule of `checkPortExist`.
    pub(crate) fn port_taken(&self, listen: &str, port: i64, ignore_id: i64) -> bool {
        self.inbounds.values().any(|i| {
            i.id != ignore_id && i.port == port && (is_any_addr(listen) || is_any_addr(&i.listen) || i.listen == listen)
        })
    }

    /// Stores a new inbound (id and tag assigned here) and creates traffic rows for its clients.
    pub(crate) fn insert_inbound(&mut self, mut inbound: Inbound) -> i64 {
        let id = self.next_inbound_id;
        self.next_inbound_id += 1;
        inbound.id = id;
        inbound.tag = compute_tag(&inbound.listen, inbound.port);
        let emails: Vec<Map<String, Value>> = inbound.clients.clone().unwrap_or_default();
        self.inbounds.insert(id, inbound);
        for client in &emails {
            self.add_client_stat(id, client);
        }
        id
    }

    /// Removes an inbound and its clients' traffic rows.
    pub(crate) fn delete_inbound(&mut self, id: i64) -> Result<(), Fail> {
        if self.inbounds.remove(&id).is_none() {
            return Err(not_found());
        }
        let rows: Vec<(i64, String)> = self
            .traffic
            .values()
            .filter(|t| t.inbound_id == id)
            .map(|t| (t.id, t.email.clone()))
            .collect();
        for (row, email) in rows {
            self.traffic.remove(&row);
            self.traffic_by_email.remove(&email);
            self.forget_record_if_gone(&email);
        }
        Ok(())
    }

    /// `inbounds/update`: overwrite everything, then sync traffic rows for added/removed emails.
    pub(crate) fn replace_inbound(&mut self, mut new: Inbound) -> Result<Inbound, Fail> {
        let Some(old) = self.inbounds.get(&new.id) else {
            return Err(not_found());
        };
        if self.port_taken(&new.listen, new.port, new.id) {
            return Err(go_error(&["Port already exists:", &new.port.to_string()]));
        }
        let old_emails: BTreeSet<String> = old.emails().into_iter().collect();
        let new_clients = new.clients.clone().unwrap_or_default();
        let new_emails: BTreeSet<String> = new.emails().into_iter().collect();
        for email in &new_emails {
            if !old_emails.contains(email) && self.traffic_by_email.contains_key(email) {
                return Err(Fail::Msg("UNIQUE constraint failed: client_traffics.email".to_owned()));
            }
        }
        new.tag = compute_tag(&new.listen, new.port);
        let id = new.id;
        self.inbounds.insert(id, new.clone());
        for email in old_emails.difference(&new_emails) {
            self.remove_client_stat(email);
            self.forget_record_if_gone(email);
        }
        for client in &new_clients {
            let email = str_field(client, "email");
            if !email.is_empty() && !old_emails.contains(email) {
                self.add_client_stat(id, client);
            }
        }
        Ok(new)
    }

    // ----- email rules ----------------------------------------------------------------------

    /// `checkEmailsExistForClients`: the first email of `clients` that clashes (case-insensitively)
    /// with the panel or with an earlier client of the batch. Gen D lets one identity (same subId)
    /// sit on several inbounds.
    pub(crate) fn duplicate_email(&self, clients: &[Map<String, Value>]) -> Option<String> {
        let existing: HashMap<String, String> = self.all_email_sub_ids();
        let mut seen: HashMap<String, String> = HashMap::new();
        for client in clients {
            let email = str_field(client, "email");
            if email.is_empty() {
                continue;
            }
            let key = email.to_lowercase();
            let sub = str_field(client, "subId").to_owned();
            if self.generation == Generation::D {
                if let Some(prev) = seen.get(&key) {
                    if *prev != sub || sub.is_empty() {
                        return Some(email.to_owned());
                    }
                    continue;
                }
                seen.insert(key.clone(), sub.clone());
                if let Some(existing_sub) = existing.get(&key)
                    && (sub.is_empty() || existing_sub.is_empty() || *existing_sub != sub)
                {
                    return Some(email.to_owned());
                }
            } else {
                if seen.contains_key(&key) || existing.contains_key(&key) {
                    return Some(email.to_owned());
                }
                seen.insert(key, sub);
            }
        }
        None
    }

    fn all_email_sub_ids(&self) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for inbound in self.inbounds.values() {
            for client in inbound.clients.iter().flatten() {
                let email = str_field(client, "email");
                if !email.is_empty() {
                    out.insert(email.to_lowercase(), str_field(client, "subId").to_owned());
                }
            }
        }
        out
    }

    // ----- clients --------------------------------------------------------------------------

    /// `AddInboundClient`: append clients to an inbound after the real checks, in the real order.
    pub(crate) fn add_clients(&mut self, inbound_id: i64, mut clients: Vec<Map<String, Value>>) -> Result<(), Fail> {
        let now = now_ms() / 1000 * 1000;
        for client in &mut clients {
            client.entry("created_at").or_insert(Value::from(now));
            client.insert("updated_at".into(), Value::from(now));
        }
        if let Some(email) = self.duplicate_email(&clients) {
            return Err(go_error(&["Duplicate email:", &email]));
        }
        let Some(inbound) = self.inbounds.get(&inbound_id) else {
            return Err(not_found());
        };
        let protocol = inbound.protocol.clone();
        for client in &clients {
            if self.generation == Generation::D && str_field(client, "email").trim().is_empty() {
                return Err(go_error(&["client email is required"]));
            }
            if str_field(client, client_key_field(&protocol)).is_empty() {
                return Err(go_error(&["empty client ID"]));
            }
        }
        let Some(inbound) = self.inbounds.get_mut(&inbound_id) else {
            return Err(not_found());
        };
        let Some(list) = inbound.clients.as_mut() else {
            return Err(Fail::Panic);
        };
        list.extend(clients.iter().cloned());
        for client in &clients {
            self.add_client_stat(inbound_id, client);
        }
        Ok(())
    }

    /// Appends a client verbatim (no checks), creating its traffic row. For seeding.
    pub(crate) fn add_client_raw(&mut self, inbound_id: i64, client: Map<String, Value>) -> bool {
        let Some(inbound) = self.inbounds.get_mut(&inbound_id) else {
            return false;
        };
        inbound.clients.get_or_insert_with(Vec::new).push(client.clone());
        self.add_client_stat(inbound_id, &client);
        true
    }

    /// `UpdateInboundClient`: replace the client whose key is `client_id` with `new`.
    pub(crate) fn update_client(
        &mut self,
        inbound_id: i64,
        client_id: &str,
        mut new: Map<String, Value>,
    ) -> Result<(), Fail> {
        let Some(inbound) = self.inbounds.get(&inbound_id) else {
            return Err(not_found());
        };
        let key = client_key_field(&inbound.protocol);
        let clients = inbound.clients.clone().unwrap_or_default();
        let index = clients.iter().position(|c| str_field(c, key) == client_id);
        let new_id = if clients.is_empty() { "" } else { str_field(&new, key) };
        let Some(index) = index.filter(|_| !new_id.is_empty()) else {
            return Err(go_error(&["empty client ID"]));
        };
        let old = clients[index].clone();
        let old_email = str_field(&old, "email").to_owned();
        let new_email = str_field(&new, "email").to_owned();
        if !new_email.is_empty()
            && new_email != old_email
            && let Some(email) = self.duplicate_email(std::slice::from_ref(&new))
        {
            return Err(go_error(&["Duplicate email:", &email]));
        }
        let now = now_ms() / 1000 * 1000;
        let created = old.get("created_at").cloned().unwrap_or(Value::from(now));
        new.insert("created_at".into(), created);
        new.insert("updated_at".into(), Value::from(now));
        if let Some(list) = self.inbounds.get_mut(&inbound_id).and_then(|i| i.clients.as_mut()) {
            list[index] = new.clone();
        }
        if new_email.is_empty() {
            self.remove_client_stat(&old_email);
        } else if old_email.is_empty() {
            self.add_client_stat(inbound_id, &new);
        } else {
            self.update_client_stat(&old_email, &new);
        }
        if old_email != new_email {
            self.forget_record_if_gone(&old_email);
        }
        Ok(())
    }

    /// `DelInboundClient`. Legacy generations refuse to empty an inbound and ignore unknown ids;
    /// gen D reports unknown ids and allows an empty inbound.
    pub(crate) fn delete_client(&mut self, inbound_id: i64, client_id: &str) -> Result<(), Fail> {
        let generation = self.generation;
        let Some(inbound) = self.inbounds.get_mut(&inbound_id) else {
            return Err(not_found());
        };
        let key = client_key_field(&inbound.protocol);
        let Some(list) = inbound.clients.as_mut() else {
            return Err(Fail::Panic);
        };
        let found = list.iter().position(|c| str_field(c, key) == client_id);
        let remaining = list.len() - usize::from(found.is_some());
        if generation == Generation::D {
            if found.is_none() {
                return Err(go_error(&["Client Not Found In Inbound For ID:", client_id]));
            }
        } else if remaining == 0 {
            return Err(go_error(&["no client remained in Inbound"]));
        }
        let Some(index) = found else {
            return Ok(());
        };
        let removed = list.remove(index);
        let email = str_field(&removed, "email").to_owned();
        if !email.is_empty() {
            self.remove_client_stat(&email);
            self.forget_record_if_gone(&email);
        }
        Ok(())
    }

    /// `DelInboundClientByEmail` (v2.8+ legacy route).
    pub(crate) fn delete_client_by_email(&mut self, inbound_id: i64, email: &str) -> Result<(), Fail> {
        let Some(inbound) = self.inbounds.get_mut(&inbound_id) else {
            return Err(not_found());
        };
        let Some(list) = inbound.clients.as_mut() else {
            return Err(go_error(&["invalid clients format in inbound settings"]));
        };
        let Some(index) = list.iter().position(|c| str_field(c, "email") == email) else {
            return Err(go_error(&[&format!("client with email {email} not found")]));
        };
        if list.len() == 1 {
            return Err(go_error(&["no client remained in Inbound"]));
        }
        list.remove(index);
        self.remove_client_stat(email);
        self.forget_record_if_gone(email);
        Ok(())
    }

    /// Every (inbound id, client) pair whose email equals `email` exactly, in inbound order.
    pub(crate) fn clients_by_email(&self, email: &str) -> Vec<(i64, &Map<String, Value>)> {
        let mut out = Vec::new();
        for inbound in self.inbounds.values() {
            for client in inbound.clients.iter().flatten() {
                if str_field(client, "email") == email {
                    out.push((inbound.id, client));
                }
            }
        }
        out
    }

    /// Sets the `enable` flag of every settings entry with this email.
    pub(crate) fn set_settings_enable(&mut self, email: &str, enable: bool) {
        for inbound in self.inbounds.values_mut() {
            for client in inbound.clients.iter_mut().flatten() {
                if str_field(client, "email") == email {
                    client.insert("enable".into(), Value::Bool(enable));
                }
            }
        }
    }

    /// Gen D client record id for an email, assigned on first use.
    pub(crate) fn record_id(&mut self, email: &str) -> i64 {
        if let Some(id) = self.record_ids.get(email) {
            return *id;
        }
        let id = self.next_record_id;
        self.next_record_id += 1;
        self.record_ids.insert(email.to_owned(), id);
        id
    }

    fn forget_record_if_gone(&mut self, email: &str) {
        if self.clients_by_email(email).is_empty() {
            self.record_ids.remove(email);
        }
    }

    // ----- traffic rows ---------------------------------------------------------------------

    /// `AddClientStat`; a row that already exists for the email is left alone (unique index).
    fn add_client_stat(&mut self, inbound_id: i64, client: &Map<String, Value>) {
        let email = str_field(client, "email");
        if email.is_empty() || self.traffic_by_email.contains_key(email) {
            return;
        }
        let id = self.next_traffic_id;
        self.next_traffic_id += 1;
        let row = ClientTraffic::for_client(id, inbound_id, client);
        self.traffic_by_email.insert(row.email.clone(), id);
        self.traffic.insert(id, row);
    }

    /// `UpdateClientStat`: limits and enable follow the client; up/down are kept.
    fn update_client_stat(&mut self, old_email: &str, client: &Map<String, Value>) {
        let Some(id) = self.traffic_by_email.remove(old_email) else {
            return;
        };
        if let Some(row) = self.traffic.get_mut(&id) {
            row.apply_limits(client);
            self.traffic_by_email.insert(row.email.clone(), id);
        }
    }

    fn remove_client_stat(&mut self, email: &str) {
        if let Some(id) = self.traffic_by_email.remove(email) {
            self.traffic.remove(&id);
        }
    }

    /// The traffic row of an email (exact match).
    pub(crate) fn traffic_row(&self, email: &str) -> Option<&ClientTraffic> {
        self.traffic_by_email.get(email).and_then(|id| self.traffic.get(id))
    }

    /// Mutable traffic row of an email (exact match).
    pub(crate) fn traffic_row_mut(&mut self, email: &str) -> Option<&mut ClientTraffic> {
        let id = *self.traffic_by_email.get(email)?;
        self.traffic.get_mut(&id)
    }

    /// What one traffic-job poll does with new counters for one client.
    pub(crate) fn add_traffic(&mut self, email: &str, up: u64, down: u64) {
        let up = i64::try_from(up).unwrap_or(i64::MAX);
        let down = i64::try_from(down).unwrap_or(i64::MAX);
        let now = now_ms();
        let generation = self.generation;
        let Some(row) = self.traffic_row_mut(email) else {
            return;
        };
        row.up = row.up.saturating_add(up);
        row.down = row.down.saturating_add(down);
        row.all_time = row.all_time.saturating_add(up.saturating_add(down));
        row.last_online = now;
        let inbound_id = row.inbound_id;
        let depleted = row.is_depleted(now);
        if depleted {
            row.enable = false;
        }
        if let Some(inbound) = self.inbounds.get_mut(&inbound_id) {
            inbound.up = inbound.up.saturating_add(up);
            inbound.down = inbound.down.saturating_add(down);
            inbound.all_time = inbound.all_time.saturating_add(up.saturating_add(down));
        }
        if depleted && generation == Generation::D {
            self.set_settings_enable(email, false);
        }
    }

    /// `resetClientTraffic`: zero up/down and re-enable the row (gen D also re-enables settings).
    pub(crate) fn reset_client_traffic(&mut self, email: &str) -> Result<(), Fail> {
        let generation = self.generation;
        let Some(row) = self.traffic_row_mut(email) else {
            return Err(match generation {
                Generation::A => Fail::Panic,
                _ => go_error(&["Inbound Not Found For Email:", email]),
            });
        };
        row.up = 0;
        row.down = 0;
        row.enable = true;
        if generation == Generation::D {
            self.set_settings_enable(email, true);
        }
        Ok(())
    }

    /// `ResetAllClientTraffics(id)`; `-1` means every inbound.
    pub(crate) fn reset_all_client_traffics(&mut self, inbound_id: i64) {
        let now = now_ms();
        for row in self.traffic.values_mut() {
            if inbound_id == -1 || row.inbound_id == inbound_id {
                row.up = 0;
                row.down = 0;
                row.enable = true;
            }
        }
        for inbound in self.inbounds.values_mut() {
            if inbound_id == -1 || inbound.id == inbound_id {
                inbound.last_traffic_reset_time = now;
            }
        }
    }

    /// `DelDepletedClients(id)`: drop depleted clients with `reset == 0`; an emptied inbound is deleted.
    pub(crate) fn delete_depleted(&mut self, inbound_id: i64) -> usize {
        let now = now_ms();
        let depleted: Vec<(i64, String)> = self
            .traffic
            .values()
            .filter(|t| (inbound_id == -1 || t.inbound_id == inbound_id) && t.reset == 0 && t.is_depleted(now))
            .map(|t| (t.inbound_id, t.email.clone()))
            .collect();
        let mut emptied = Vec::new();
        for (ib, email) in &depleted {
            if let Some(list) = self.inbounds.get_mut(ib).and_then(|i| i.clients.as_mut()) {
                list.retain(|c| str_field(c, "email") != email);
                if list.is_empty() {
                    emptied.push(*ib);
                }
            }
            self.remove_client_stat(email);
            self.forget_record_if_gone(email);
        }
        for ib in emptied {
            self.inbounds.remove(&ib);
        }
        depleted.len()
    }

    /// Total number of clients across all inbounds.
    pub(crate) fn client_count(&self) -> usize {
        self.inbounds
            .values()
            .map(|i| i.clients.as_ref().map_or(0, Vec::len))
            .sum()
    }
}

/// `""`, `0.0.0.0`, `::` and `::0` all mean "every address".
pub(crate) fn is_any_addr(listen: &str) -> bool {
    matches!(listen, "" | "0.0.0.0" | "::" | "::0")
}

/// The server-computed inbound tag.
pub(crate) fn compute_tag(listen: &str, port: i64) -> String {
    if is_any_addr(listen) {
        format!("inbound-{port}")
    } else {
        format!("inbound-{listen}:{port}")
    }
}

/// Unix epoch milliseconds now.
pub(crate) fn now_ms() -> i64 {
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
    i64::try_from(nanos).unwrap_or(i64::MAX)
}
