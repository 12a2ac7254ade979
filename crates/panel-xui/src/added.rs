//! Clients this driver has just added, remembered for the links that follow: a sale adds its
//! client and asks for its links at once, and without this the links would read the whole
//! inbound again (every client on it) only to find the client just written. Each entry serves
//! once, only for the inbound it was added to, and only for [`ADDED_FOR`]; any other write to
//! that client drops it.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::wire::WireClient;

/// How long a remembered client serves its links.
pub(crate) const ADDED_FOR: Duration = Duration::from_secs(30);

/// The most clients remembered per panel; past it the stale ones go, then all.
const MOST: usize = 1024;

/// A client as this driver added it.
#[derive(Debug, Clone)]
pub(crate) struct AddedClient {
    /// The inbound's id on the panel.
    pub inbound: i64,
    /// The inbound's protocol.
    pub protocol: String,
    /// The client object as it was written.
    pub client: WireClient,
    /// When the panel took it.
    pub at: Instant,
}

/// One panel's recently added clients, by email.
#[derive(Debug, Default)]
pub(crate) struct AddedClients {
    by_email: HashMap<String, AddedClient>,
}

impl AddedClients {
    /// Remembers `added` under its email.
    pub fn remember(&mut self, added: AddedClient) {
        if self.by_email.len() >= MOST {
            let now = Instant::now();
            self.by_email
                .retain(|_, a| now.saturating_duration_since(a.at) < ADDED_FOR);
            if self.by_email.len() >= MOST {
                self.by_email.clear();
            }
        }
        self.by_email.insert(added.client.email.clone(), added);
    }

    /// Takes the client added as `email` to `inbound` less than [`ADDED_FOR`] before `now`.
    pub fn take(&mut self, email: &str, inbound: i64, now: Instant) -> Option<AddedClient> {
        let added = self.by_email.remove(email)?;
        (added.inbound == inbound && now.saturating_duration_since(added.at) < ADDED_FOR).then_some(added)
    }

    /// Forgets `email` (the client was changed or removed).
    pub fn forget(&mut self, email: &str) {
        self.by_email.remove(email);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(email: &str, inbound: i64, at: Instant) -> AddedClient {
        AddedClient {
            inbound,
            protocol: "vless".into(),
            client: WireClient {
                email: email.into(),
                ..WireClient::default()
            },
            at,
        }
    }

    #[test]
    fn a_remembered_client_serves_once_for_its_inbound_while_fresh() {
        let now = Instant::now();
        let mut clients = AddedClients::default();
        clients.remember(added("a", 1, now));
        assert!(clients.take("a", 2, now).is_none(), "another inbound");
        clients.remember(added("a", 1, now));
        assert!(clients.take("a", 1, now).is_some());
        assert!(clients.take("a", 1, now).is_none(), "once");
        clients.remember(added("b", 1, now));
        assert!(clients.take("b", 1, now + ADDED_FOR).is_none(), "too old");
        clients.remember(added("c", 1, now));
        clients.forget("c");
        assert!(clients.take("c", 1, now).is_none(), "changed since");
    }

    #[test]
    fn the_memory_stays_bounded() {
        let now = Instant::now();
        let mut clients = AddedClients::default();
        for n in 0..(MOST * 3) {
            clients.remember(added(&format!("c{n}"), 1, now));
        }
        assert!(clients.by_email.len() <= MOST);
    }
}
