//! The receipt decides each change: only legal moves, each with its money effect.

use crate::receipt::tests::pending;
use crate::*;
use kernel::{IdempotencyKey, Money, UserId};
use time::Duration;
use time::OffsetDateTime;
use time::macros::datetime;

const AT: OffsetDateTime = datetime!(2026-11-21 12:10 UTC);
const ADMIN: UserId = UserId::new(1);

fn money(m: i64) -> Money {
    Money::from_minor(m).unwrap()
}

#[test]
fn approval_moves_pending_to_approved_and_credits_the_whole_unique_amount_once() {
    let r = pending(7);
    let t = r
        .plan(
            &ReceiptChange::Approve {
                admin: ADMIN,
                credit: None,
            },
            AT,
        )
        .unwrap();
    assert_eq!((t.from(), t.to()), (ReceiptStatus::Pending, ReceiptStatus::Approved));
    assert_eq!(t.deadline(), DeadlineGuard::Ahead);
    assert_eq!(t.credited(), Some(money(500_037)));
    assert_eq!(
        t.money(),
        &MoneyEffect::Credit {
            user: r.user,
            requested: money(500_037),
            credited: money(500_037),
            key: IdempotencyKey::new("receipt:7:approve").unwrap(),
        }
    );
}

#[test]
fn an_admin_may_correct_the_credited_amount_and_both_amounts_are_kept() {
    let r = pending(7);
    let change = ReceiptChange::Approve {
        admin: ADMIN,
        credit: Some(money(450_000)),
    };
    let t = r.plan(&change, AT).unwrap();
    assert!(matches!(
        t.money(),
        MoneyEffect::Credit { requested, credited, .. } if *requested == money(500_037) && *credited == money(450_000)
    ));
    let zero = ReceiptChange::Approve {
        admin: ADMIN,
        credit: Some(Money::ZERO),
    };
    assert_eq!(r.plan(&zero, AT), Err(Undecidable::ZeroCredit));
}

#[test]
fn decided_or_overdue_receipts_cannot_be_approved_or_rejected() {
    let mut r = pending(1);
    let late = r.expires_at + Duration::seconds(1);
    let approve = ReceiptChange::Approve {
        admin: ADMIN,
        credit: None,
    };
    assert_eq!(r.plan(&approve, late), Err(Undecidable::Expired));
    r.status = ReceiptStatus::Rejected;
    assert_eq!(
        r.plan(&approve, AT),
        Err(Undecidable::AlreadyDecided(ReceiptStatus::Rejected))
    );
}

#[test]
fn expiry_needs_a_pending_receipt_past_its_deadline() {
    let r = pending(1);
    assert_eq!(r.plan(&ReceiptChange::Expire, AT), Err(Undecidable::NotDue));
    let t = r.plan(&ReceiptChange::Expire, r.expires_at).unwrap();
    assert_eq!(
        (t.to(), t.deadline(), t.money()),
        (ReceiptStatus::Expired, DeadlineGuard::Passed, &MoneyEffect::None)
    );
}

#[test]
fn only_the_payer_cancels_and_only_an_open_request() {
    let r = pending(1);
    assert_eq!(
        r.plan(&ReceiptChange::Cancel { user: ADMIN }, AT),
        Err(Undecidable::NotYours)
    );
    let t = r.plan(&ReceiptChange::Cancel { user: r.user }, AT).unwrap();
    assert_eq!((t.to(), t.money()), (ReceiptStatus::Cancelled, &MoneyEffect::None));
    let mut done = pending(1);
    done.status = ReceiptStatus::Approved;
    assert_eq!(
        done.plan(&ReceiptChange::Cancel { user: r.user }, AT),
        Err(Undecidable::AlreadyDecided(ReceiptStatus::Approved))
    );
}

#[test]
fn an_override_approves_a_closed_receipt_once_and_takes_an_approval_back_once() {
    let root = UserId::new(9);
    let mut r = pending(3);
    r.status = ReceiptStatus::Expired;
    let approve = ReceiptChange::OverrideApprove {
        superadmin: root,
        credit: None,
    };
    let t = r.plan(&approve, AT + Duration::hours(5)).unwrap();
    assert_eq!(
        (t.from(), t.to(), t.deadline()),
        (ReceiptStatus::Expired, ReceiptStatus::Approved, DeadlineGuard::Any)
    );

    r.status = ReceiptStatus::Approved;
    r.credited = Some(money(400));
    let reject = ReceiptChange::OverrideReject {
        superadmin: root,
        reason: RejectReason::new("forged").unwrap(),
    };
    let t = r.plan(&reject, AT).unwrap();
    assert_eq!(
        t.money(),
        &MoneyEffect::Reverse {
            user: r.user,
            amount: money(400),
            key: IdempotencyKey::new("receipt:3:reverse").unwrap(),
        }
    );
    // once reversed, never credited again
    r.status = ReceiptStatus::Rejected;
    assert_eq!(
        r.plan(&approve, AT),
        Err(Undecidable::NotOverridable(ReceiptStatus::Rejected))
    );
    assert_eq!(
        r.plan(&reject, AT),
        Err(Undecidable::NotOverridable(ReceiptStatus::Rejected))
    );
    assert_eq!(
        pending(3).plan(&approve, AT),
        Err(Undecidable::NotOverridable(ReceiptStatus::Pending))
    );
}

#[test]
fn every_decided_transition_is_a_legal_move_and_every_legal_move_is_decidable() {
    let root = UserId::new(9);
    let reason = RejectReason::new("forged").unwrap();
    let changes = [
        ReceiptChange::Approve {
            admin: ADMIN,
            credit: None,
        },
        ReceiptChange::Reject {
            admin: ADMIN,
            reason: reason.clone(),
        },
        ReceiptChange::Expire,
        ReceiptChange::Cancel { user: pending(1).user },
        ReceiptChange::OverrideApprove {
            superadmin: root,
            credit: None,
        },
        ReceiptChange::OverrideReject {
            superadmin: root,
            reason,
        },
    ];
    let mut decided = std::collections::BTreeSet::new();
    for from in ReceiptStatus::ALL {
        for credited in [None, Some(money(500_037))] {
            let mut r = pending(1);
            (r.status, r.credited) = (from, credited);
            for at in [AT, r.expires_at] {
                for change in &changes {
                    if let Ok(t) = r.plan(change, at) {
                        assert!(from.can_become(t.to()), "{from} -> {} was decided", t.to());
                        decided.insert((from.code(), t.to().code()));
                    }
                }
            }
        }
    }
    let legal: std::collections::BTreeSet<_> = ReceiptStatus::ALL
        .into_iter()
        .flat_map(|from| ReceiptStatus::ALL.into_iter().map(move |to| (from, to)))
        .filter(|(from, to)| from.can_become(*to))
        .map(|(from, to)| (from.code(), to.code()))
        .collect();
    assert_eq!(decided, legal);
    assert!(
        ReceiptStatus::ALL
            .into_iter()
            .all(|s| !s.can_become(ReceiptStatus::Pending))
    );
}

#[test]
fn the_override_on_offer_is_the_one_the_plan_accepts() {
    let root = UserId::new(9);
    let mut r = pending(4);
    assert_eq!(r.overridable(), None, "a pending receipt is reviewed, not overridden");
    for status in [
        ReceiptStatus::Rejected,
        ReceiptStatus::Expired,
        ReceiptStatus::Cancelled,
    ] {
        r.status = status;
        assert_eq!(r.overridable(), Some(OverrideKind::Approve));
        let change = ReceiptChange::OverrideApprove {
            superadmin: root,
            credit: None,
        };
        assert!(r.plan(&change, AT).is_ok());
    }
    r.status = ReceiptStatus::Approved;
    r.credited = Some(money(500_037));
    assert_eq!(r.overridable(), Some(OverrideKind::TakeBack));
    r.status = ReceiptStatus::Rejected;
    assert_eq!(r.overridable(), None, "a credit taken back is never given again");
}
