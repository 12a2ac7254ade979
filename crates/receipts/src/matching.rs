//! Verified matching: an admin forwards a card's bank notification; its deposit is matched
//! against the open requests by their unique amounts (unique among every open request, so
//! the amount alone names the request whichever card it went to). One exact match is
//! offered for one-tap approval, or approved at once when its card allows it; anything
//! else changes nothing and is reported. Every match is audited, refusals too.

use kernel::{BankCardId, Money, PageRequest, ReceiptId, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry, Role};

use crate::{BankCard, Receipt, ReceiptError, ReceiptQuery, ReceiptService, ReceiptStatus, SmsDeposit, read_deposit};

/// What a forwarded notification led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsVerdict {
    /// No deposit could be read from the text (or it reports a withdrawal).
    Unreadable,
    /// A deposit, but no open request asks for that amount.
    NoMatch {
        /// What was read.
        deposit: SmsDeposit,
        /// The amount in the shop's currency, when it converts exactly.
        amount: Option<Money>,
    },
    /// Several open requests ask for that amount; nobody is guessed.
    Ambiguous {
        /// What was read.
        deposit: SmsDeposit,
        /// The candidates.
        receipts: Vec<ReceiptId>,
    },
    /// Exactly one open request: offered for one-tap approval.
    Suggested {
        /// What was read.
        deposit: SmsDeposit,
        /// The request.
        receipt: Receipt,
    },
    /// Exactly one open request, approved because its card allows automatic approval.
    Approved {
        /// What was read.
        deposit: SmsDeposit,
        /// The approved receipt.
        receipt: Receipt,
    },
}

impl SmsVerdict {
    /// The verdict's code, as the audit log and `--json` name it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::NoMatch { .. } => "no_match",
            Self::Ambiguous { .. } => "ambiguous",
            Self::Suggested { .. } => "suggested",
            Self::Approved { .. } => "approved",
        }
    }
}

/// How many candidates are looked at per card (more than one is already ambiguous).
const CANDIDATES: u64 = 10;

impl ReceiptService {
    /// Audit action of a bank notification matched by an admin.
    pub const SMS_MATCH: AuditAction = AuditAction::new("receipt.sms_match");

    /// Matches a bank notification `text` for `card` against its open requests (admins only).
    /// Only an exact, unique match approves, and only when the card's `auto_approve` is on;
    /// the approval is the same audited, exactly-once approval as a tap.
    pub async fn match_sms(&self, admin: UserId, card: BankCardId, text: &str) -> Result<SmsVerdict, ReceiptError> {
        self.sms_staff(admin, AuditTarget::bank_card(card)).await?;
        let card = self.cards.get(card).await?.ok_or(ReceiptError::UnknownCard(card))?;
        self.match_on(admin, &[card], text).await
    }

    /// Like [`Self::match_sms`] when the admin does not say which card the notification is
    /// about (a text forwarded to the bot): each card's pattern reads the text, and the
    /// deposit is matched against the open requests of the cards that read it. The unique
    /// amounts make a match across cards as exact as a match on one.
    pub async fn match_sms_any(&self, admin: UserId, text: &str) -> Result<SmsVerdict, ReceiptError> {
        self.sms_staff(admin, AuditTarget::new("bank_card", "any")).await?;
        let cards = self.cards.list().await?;
        self.match_on(admin, &cards, text).await
    }

    async fn sms_staff(&self, admin: UserId, target: AuditTarget) -> Result<(), ReceiptError> {
        match self.access.require(admin, Role::Admin).await {
            Ok(_) => Ok(()),
            Err(members::AccessError::Storage(e)) => Err(e.into()),
            Err(refusal) => {
                let detail = serde_json::json!({ "action": "sms_match", "needed": Role::Admin.to_string() });
                let entry = NewAuditEntry::by(admin, Self::REFUSED, target, detail, self.clock.now());
                self.receipts.record_audit(entry).await?;
                Err(refusal.into())
            }
        }
    }

    async fn match_on(&self, admin: UserId, cards: &[BankCard], text: &str) -> Result<SmsVerdict, ReceiptError> {
        let mut read: Option<(SmsDeposit, Option<Money>)> = None;
        let mut found: Vec<(Receipt, bool)> = Vec::new();
        for card in cards {
            let Some(deposit) = read_deposit(text, card.sms_pattern.as_ref()) else {
                continue;
            };
            let amount = self.shop_amount(deposit);
            read.get_or_insert((deposit, amount));
            let Some(amount) = amount else {
                continue;
            };
            let query = ReceiptQuery {
                status: Some(ReceiptStatus::Pending),
                card: Some(card.id),
                amount: Some(amount),
                ..ReceiptQuery::default()
            };
            let page = self.receipts.list(query, PageRequest::new(0, CANDIDATES)).await?;
            found.extend(page.items.into_iter().map(|r| (r, card.auto_approve)));
        }
        let Some((deposit, amount)) = read else {
            return Ok(SmsVerdict::Unreadable);
        };
        let verdict = match found.len() {
            0 => SmsVerdict::NoMatch { deposit, amount },
            1 => {
                let (receipt, auto) = found.remove(0);
                if auto {
                    let receipt = self.approve(admin, receipt.id, None).await?;
                    SmsVerdict::Approved { deposit, receipt }
                } else {
                    SmsVerdict::Suggested { deposit, receipt }
                }
            }
            _ => SmsVerdict::Ambiguous {
                deposit,
                receipts: found.into_iter().map(|(r, _)| r.id).collect(),
            },
        };
        self.audit_match(admin, &verdict).await?;
        Ok(verdict)
    }

    /// The deposit in the shop's minor units, when the bank's units convert exactly.
    fn shop_amount(&self, deposit: SmsDeposit) -> Option<Money> {
        let per = self.config.sms_units_per_minor.max(1);
        (deposit.amount % per == 0)
            .then(|| Money::from_minor(deposit.amount / per).ok())
            .flatten()
    }

    /// Writes what a match found (an unreadable text is not worth an entry).
    async fn audit_match(&self, admin: UserId, verdict: &SmsVerdict) -> Result<(), ReceiptError> {
        let (deposit, target, receipts) = match verdict {
            SmsVerdict::Unreadable => return Ok(()),
            SmsVerdict::NoMatch { deposit, .. } => (deposit, AuditTarget::new("bank_card", "any"), Vec::new()),
            SmsVerdict::Ambiguous { deposit, receipts } => (
                deposit,
                AuditTarget::new("bank_card", "any"),
                receipts.iter().map(|r| r.get()).collect(),
            ),
            SmsVerdict::Suggested { deposit, receipt } | SmsVerdict::Approved { deposit, receipt } => {
                (deposit, AuditTarget::receipt(receipt.id), vec![receipt.id.get()])
            }
        };
        let detail = serde_json::json!({
            "verdict": verdict.code(),
            "deposit": deposit.amount,
            "receipts": receipts,
        });
        let entry = NewAuditEntry::by(admin, Self::SMS_MATCH, target, detail, self.clock.now());
        Ok(self.receipts.record_audit(entry).await?)
    }
}
