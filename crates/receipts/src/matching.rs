//! Verified matching: an admin forwards a card's bank notification; its deposit is matched
//! against the open requests for that card by their unique amounts. One exact match is
//! offered for one-tap approval, or approved at once when the card allows it; anything
//! else changes nothing and is reported.

use kernel::{BankCardId, Money, PageRequest, ReceiptId, UserId};
use members::Role;

use crate::{Receipt, ReceiptError, ReceiptQuery, ReceiptService, ReceiptStatus, SmsDeposit, read_deposit};

/// What a forwarded notification led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsVerdict {
    /// No deposit could be read from the text (or it reports a withdrawal).
    Unreadable,
    /// A deposit, but no open request for this card asks for that amount.
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
    /// Exactly one open request, approved because the card allows automatic approval.
    Approved {
        /// What was read.
        deposit: SmsDeposit,
        /// The approved receipt.
        receipt: Receipt,
    },
}

/// How many candidates are looked at (more than one is already ambiguous).
const CANDIDATES: u64 = 10;

impl ReceiptService {
    /// Matches a bank notification `text` for `card` against its open requests (admins only).
    /// Only an exact, unique match approves, and only when the card's `auto_approve` is on;
    /// the approval is the same audited, exactly-once approval as a tap.
    pub async fn match_sms(&self, admin: UserId, card: BankCardId, text: &str) -> Result<SmsVerdict, ReceiptError> {
        self.access.require(admin, Role::Admin).await?;
        let card = self.cards.get(card).await?.ok_or(ReceiptError::UnknownCard(card))?;
        let Some(deposit) = read_deposit(text, card.sms_pattern.as_ref()) else {
            return Ok(SmsVerdict::Unreadable);
        };
        let per = self.config.sms_units_per_minor.max(1);
        let amount = (deposit.amount % per == 0)
            .then(|| Money::from_minor(deposit.amount / per).ok())
            .flatten();
        let Some(amount) = amount else {
            return Ok(SmsVerdict::NoMatch { deposit, amount: None });
        };
        let query = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            card: Some(card.id),
            amount: Some(amount),
            ..ReceiptQuery::default()
        };
        let mut found = self.receipts.list(query, PageRequest::new(0, CANDIDATES)).await?.items;
        match found.len() {
            0 => Ok(SmsVerdict::NoMatch {
                deposit,
                amount: Some(amount),
            }),
            1 => {
                let receipt = found.remove(0);
                if !card.auto_approve {
                    return Ok(SmsVerdict::Suggested { deposit, receipt });
                }
                let receipt = self.approve(admin, receipt.id, None).await?;
                Ok(SmsVerdict::Approved { deposit, receipt })
            }
            _ => Ok(SmsVerdict::Ambiguous {
                deposit,
                receipts: found.into_iter().map(|r| r.id).collect(),
            }),
        }
    }
}
