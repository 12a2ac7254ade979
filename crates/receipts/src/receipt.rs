//! Card-to-card receipts: what a payer sends, and where it is in its review.

use kernel::{BankCardId, Money, OrderId, ReceiptId, TrackingCode, UserId};
use time::OffsetDateTime;

use crate::ReceiptFlags;

/// Where a receipt is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReceiptStatus {
    /// Waiting for an admin.
    Pending,
    /// Approved; the wallet was credited.
    Approved,
    /// Rejected by an admin.
    Rejected,
    /// Not reviewed before its deadline.
    Expired,
    /// Cancelled by the payer before anyone decided it.
    Cancelled,
}

impl ReceiptStatus {
    /// Every status.
    pub const ALL: [ReceiptStatus; 5] = [
        Self::Pending,
        Self::Approved,
        Self::Rejected,
        Self::Expired,
        Self::Cancelled,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
        }
    }

    /// The status for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether a receipt that is `self` may become `to`: an open request is decided (approved,
    /// rejected, expired, cancelled); a superadmin approves a closed one or takes an approval
    /// back (rejected). Nothing else, and nothing becomes pending again.
    pub fn can_become(self, to: ReceiptStatus) -> bool {
        use ReceiptStatus::*;
        matches!(
            (self, to),
            (Pending, Approved | Rejected | Expired | Cancelled)
                | (Rejected | Expired | Cancelled, Approved)
                | (Approved, Rejected)
        )
    }
}

impl std::fmt::Display for ReceiptStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a receipt's text, photo or rejection reason was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptInputError {
    /// Neither text nor photo.
    #[error("send the receipt as a photo or as text")]
    Empty,
    /// Text too long.
    #[error("the text is too long ({0} characters; at most {max})", max = ReceiptText::MAX_CHARS)]
    TextTooLong(usize),
    /// Not a Telegram file id.
    #[error("that is not a Telegram photo")]
    BadPhoto,
    /// Reason missing or too long.
    #[error("a reason has 1 to {max} characters", max = RejectReason::MAX_CHARS)]
    BadReason,
}

fn clean(input: &str) -> String {
    input.trim().chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

/// What the payer typed (transfer reference, time, last digits of their card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptText(String);

impl ReceiptText {
    /// The longest text kept: a reference number, a time and a few words fit many times
    /// over, and the review post (which quotes it) stays within one Telegram message.
    pub const MAX_CHARS: usize = 1024;

    /// Cleans the text; `Ok(None)` when nothing is left.
    pub fn new(input: &str) -> Result<Option<Self>, ReceiptInputError> {
        let text = clean(input);
        let count = text.chars().count();
        if count > Self::MAX_CHARS {
            return Err(ReceiptInputError::TextTooLong(count));
        }
        Ok((count > 0).then_some(Self(text)))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Telegram `file_id` of the receipt photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFileId(String);

impl PhotoFileId {
    /// The longest file id accepted.
    pub const MAX_LEN: usize = 255;

    /// Checks a file id: 1 to 255 characters of URL-safe base64 (what Telegram sends).
    pub fn new(input: &str) -> Result<Self, ReceiptInputError> {
        let ok = !input.is_empty()
            && input.len() <= Self::MAX_LEN
            && input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok {
            return Err(ReceiptInputError::BadPhoto);
        }
        Ok(Self(input.to_owned()))
    }

    /// The file id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The evidence of a payment: text, a photo, or both (never neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptProof {
    text: Option<ReceiptText>,
    photo: Option<PhotoFileId>,
}

impl ReceiptProof {
    /// Combines text and photo; refuses when both are missing.
    pub fn new(text: Option<ReceiptText>, photo: Option<PhotoFileId>) -> Result<Self, ReceiptInputError> {
        if text.is_none() && photo.is_none() {
            return Err(ReceiptInputError::Empty);
        }
        Ok(Self { text, photo })
    }

    /// This proof completed by a later message: what the later one carries wins, what it
    /// lacks is kept (a photo first, then its text).
    pub fn merged_with(&self, later: &ReceiptProof) -> ReceiptProof {
        ReceiptProof {
            text: later.text.clone().or_else(|| self.text.clone()),
            photo: later.photo.clone().or_else(|| self.photo.clone()),
        }
    }

    /// The text, if any.
    pub fn text(&self) -> Option<&ReceiptText> {
        self.text.as_ref()
    }

    /// The photo, if any.
    pub fn photo(&self) -> Option<&PhotoFileId> {
        self.photo.as_ref()
    }
}

/// An admin's reason for rejecting a receipt, shown to the payer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectReason(String);

impl RejectReason {
    /// The longest reason.
    pub const MAX_CHARS: usize = 512;

    /// Checks a reason: 1 to 512 characters after trimming.
    pub fn new(input: &str) -> Result<Self, ReceiptInputError> {
        let text = clean(input);
        let count = text.chars().count();
        if count == 0 || count > Self::MAX_CHARS {
            return Err(ReceiptInputError::BadReason);
        }
        Ok(Self(text))
    }

    /// The reason.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a receipt cannot be decided now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecidable {
    /// Someone decided it already.
    AlreadyDecided(ReceiptStatus),
    /// Its deadline passed.
    Expired,
    /// Its deadline has not passed yet (for an expiry).
    NotDue,
    /// Only the payer may do this.
    NotYours,
    /// A superadmin override does not apply to a receipt in this state (or it was credited
    /// and taken back already).
    NotOverridable(ReceiptStatus),
    /// The credited amount would be zero.
    ZeroCredit,
}

/// A card-to-card receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// Its id.
    pub id: ReceiptId,
    /// Who sent it.
    pub user: UserId,
    /// The card paid into.
    pub card: BankCardId,
    /// The amount the payer asked to top up (never zero).
    pub requested: Money,
    /// The exact amount to transfer: `requested` plus a few units that make it unique among
    /// open requests, so a bank notification identifies the request. Credited in full.
    pub amount: Money,
    /// Text and/or photo; `None` until the payer sends it.
    pub proof: Option<ReceiptProof>,
    /// Telegram's `file_unique_id` of the photo (the same for the same picture sent twice).
    pub photo_unique: Option<PhotoFileId>,
    /// Where it is in review.
    pub status: ReceiptStatus,
    /// Its tracking code (`RC-…`).
    pub tracking: TrackingCode,
    /// When it was sent.
    pub submitted_at: OffsetDateTime,
    /// When it expires unless decided.
    pub expires_at: OffsetDateTime,
    /// The admin who decided it.
    pub decided_by: Option<UserId>,
    /// When it was decided (or expired).
    pub decided_at: Option<OffsetDateTime>,
    /// Why it was rejected.
    pub reject_reason: Option<RejectReason>,
    /// What approval credited (the admin may correct `amount`); kept after a reversal.
    pub credited: Option<Money>,
    /// What a reviewer should look at twice.
    pub flags: ReceiptFlags,
    /// The order this payment is for (its purchase continues once approved); `None` for a
    /// plain top-up.
    pub order: Option<OrderId>,
}

impl Receipt {
    /// Whether an admin may still approve or reject it at `now`: only pending receipts
    /// whose deadline has not passed.
    pub fn check_decidable(&self, now: OffsetDateTime) -> Result<(), Undecidable> {
        if self.status != ReceiptStatus::Pending {
            return Err(Undecidable::AlreadyDecided(self.status));
        }
        if now >= self.expires_at {
            return Err(Undecidable::Expired);
        }
        Ok(())
    }
}

/// A top-up request about to be stored (pending, no proof yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// Who pays.
    pub user: UserId,
    /// The card to pay into.
    pub card: BankCardId,
    /// The amount asked for (never zero).
    pub requested: Money,
    /// The unique amount to transfer (see [`Receipt::amount`]).
    pub amount: Money,
    /// Flags raised when the request was opened.
    pub flags: ReceiptFlags,
    /// Its tracking code.
    pub tracking: TrackingCode,
    /// Now.
    pub submitted_at: OffsetDateTime,
    /// Its deadline.
    pub expires_at: OffsetDateTime,
    /// The order it pays for, if any.
    pub order: Option<OrderId>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use kernel::TrackingKind;
    use time::macros::datetime;

    /// A pending receipt sent at 12:00, expiring at 12:30.
    pub(crate) fn pending(id: i64) -> Receipt {
        let at = datetime!(2026-11-21 12:00 UTC);
        Receipt {
            id: ReceiptId::new(id),
            user: UserId::new(2),
            card: BankCardId::new(1),
            requested: Money::from_minor(500_000).unwrap(),
            amount: Money::from_minor(500_037).unwrap(),
            proof: Some(ReceiptProof::new(ReceiptText::new("ref 123").unwrap(), None).unwrap()),
            photo_unique: None,
            status: ReceiptStatus::Pending,
            tracking: TrackingCode::random(TrackingKind::Receipt, at),
            submitted_at: at,
            expires_at: at + time::Duration::minutes(30),
            decided_by: None,
            decided_at: None,
            reject_reason: None,
            credited: None,
            flags: ReceiptFlags::default(),
            order: None,
        }
    }

    #[test]
    fn a_receipt_needs_text_or_a_photo() {
        assert_eq!(
            ReceiptProof::new(ReceiptText::new("   ").unwrap(), None),
            Err(ReceiptInputError::Empty)
        );
        let photo = PhotoFileId::new("AgACAgIAAxkBAAIB").unwrap();
        let proof = ReceiptProof::new(None, Some(photo.clone())).unwrap();
        assert_eq!(proof.photo(), Some(&photo));
        assert_eq!(proof.text(), None);
    }

    #[test]
    fn receipt_inputs_are_checked() {
        assert!(matches!(
            ReceiptText::new(&"x".repeat(4097)),
            Err(ReceiptInputError::TextTooLong(4097))
        ));
        assert_eq!(
            ReceiptText::new(" paid\u{0} at 10:05 ").unwrap().unwrap().as_str(),
            "paid at 10:05"
        );
        assert_eq!(PhotoFileId::new("bad id"), Err(ReceiptInputError::BadPhoto));
        assert_eq!(PhotoFileId::new(""), Err(ReceiptInputError::BadPhoto));
        assert_eq!(RejectReason::new("  "), Err(ReceiptInputError::BadReason));
        assert_eq!(RejectReason::new(" wrong amount ").unwrap().as_str(), "wrong amount");
    }

    #[test]
    fn statuses_round_trip_through_their_codes() {
        for s in ReceiptStatus::ALL {
            assert_eq!(ReceiptStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(ReceiptStatus::from_code("lost"), None);
    }

    #[test]
    fn only_pending_receipts_before_their_deadline_can_be_decided() {
        let r = pending(1);
        assert_eq!(r.check_decidable(datetime!(2026-11-21 12:29:59 UTC)), Ok(()));
        assert_eq!(
            r.check_decidable(datetime!(2026-11-21 12:30 UTC)),
            Err(Undecidable::Expired)
        );
        let mut approved = pending(1);
        approved.status = ReceiptStatus::Approved;
        assert_eq!(
            approved.check_decidable(datetime!(2026-11-21 12:01 UTC)),
            Err(Undecidable::AlreadyDecided(ReceiptStatus::Approved))
        );
    }
}
