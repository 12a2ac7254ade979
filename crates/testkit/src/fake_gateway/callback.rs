//! A callback a fake provider delivers, and the ways a test can change it.

use super::provider::{Kind, md5_hex};

/// How the provider calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Transport {
    /// A form-urlencoded POST body.
    PostForm,
    /// A GET with the fields in the query.
    Get,
}

/// One callback: its fields in order, how it travels and the answer that stops retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    kind: Kind,
    transport: Transport,
    fields: Vec<(String, String)>,
    ack: String,
}

/// What the shop answered to each try of one delivery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Status and body of each try, in order.
    pub answers: Vec<(u16, String)>,
    /// Whether the last answer was the provider's expected acknowledgement.
    pub acknowledged: bool,
}

impl Delivery {
    /// The last answer's status (0 when nothing was sent).
    pub fn last_status(&self) -> u16 {
        self.answers.last().map_or(0, |a| a.0)
    }
}

impl Callback {
    pub(super) fn new(kind: Kind, transport: Transport, fields: Vec<(String, String)>, ack: String) -> Self {
        Self {
            kind,
            transport,
            fields,
            ack,
        }
    }

    /// The acknowledgement the provider waits for.
    pub fn expected_ack(&self) -> &str {
        &self.ack
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn set(&mut self, name: &str, value: String) {
        if let Some(slot) = self.fields.iter_mut().find(|(k, _)| k == name) {
            slot.1 = value;
        }
    }

    fn sign_field(&self) -> &'static str {
        match self.kind {
            Kind::Robokassa { .. } => "SignatureValue",
            Kind::FreeKassa { .. } => "SIGN",
        }
    }

    fn amount_field(&self) -> &'static str {
        match self.kind {
            Kind::Robokassa { .. } => "OutSum",
            Kind::FreeKassa { .. } => "AMOUNT",
        }
    }

    /// The same callback with a signature nobody holding the secret would make.
    #[must_use]
    pub fn forged(mut self) -> Self {
        let sign = self.sign_field();
        let forged = md5_hex(&format!("forged:{}", self.field(sign).unwrap_or_default()));
        self.set(sign, forged);
        self
    }

    /// The same callback with the amount changed and the signature left as it was (tampering
    /// on the way).
    #[must_use]
    pub fn tampered_amount(mut self, amount: &str) -> Self {
        self.set(self.amount_field(), amount.to_owned());
        self
    }

    /// The same callback with another amount, correctly signed with the real second secret:
    /// the provider itself says it collected `amount`.
    #[must_use]
    pub fn signed_amount(mut self, amount: &str) -> Self {
        self.set(self.amount_field(), amount.to_owned());
        let sign = match &self.kind {
            Kind::Robokassa { password2, .. } => {
                let inv = self.field("InvId").unwrap_or_default();
                md5_hex(&format!("{amount}:{inv}:{password2}")).to_ascii_uppercase()
            }
            Kind::FreeKassa {
                merchant_id,
                secret_word_2,
                ..
            } => {
                let order = self.field("MERCHANT_ORDER_ID").unwrap_or_default();
                md5_hex(&format!("{merchant_id}:{amount}:{secret_word_2}:{order}"))
            }
        };
        self.set(self.sign_field(), sign);
        self
    }

    /// The callback as the shop's route receives it: the method, the query string and the
    /// body (form-encoded for a POST, empty for a GET), for a test that hands it to the
    /// payments service without an HTTP server.
    pub fn wire(&self) -> (&'static str, String, Vec<u8>) {
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.fields)
            .finish();
        match self.transport {
            Transport::PostForm => ("POST", String::new(), encoded.into_bytes()),
            Transport::Get => ("GET", encoded, Vec::new()),
        }
    }

    /// Sends it once; a network failure is status 0.
    pub(super) async fn send_once(&self, client: &reqwest::Client, url: &str) -> (u16, String) {
        let request = match self.transport {
            Transport::PostForm => client.post(url).form(&self.fields),
            Transport::Get => {
                let mut with_query = url::Url::parse(url).expect("a valid callback URL");
                with_query.query_pairs_mut().extend_pairs(&self.fields);
                client.get(with_query)
            }
        };
        match request.send().await {
            Ok(r) => {
                let status = r.status().as_u16();
                (status, r.text().await.unwrap_or_default())
            }
            Err(e) => (0, e.to_string()),
        }
    }
}
