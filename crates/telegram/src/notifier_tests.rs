//! Unit tests of `notifier.rs`.

use kernel::{ClientAccountId, Currency, Money, OrderId, ReceiptId};

use super::*;

#[test]
fn a_persian_notice_writes_the_order_number_in_persian_digits() {
    let i18n = I18n::new(Currency::from_code("IRT").unwrap()).unwrap();
    let notice = Notice::OrderFulfilled {
        order: OrderId::new(1006),
        account: ClientAccountId::new(6),
        tracking: None,
    };
    let text = render(&i18n, Language::Fa, &notice);
    assert!(text.contains("#\u{2068}۱۰۰۶\u{2069}"), "{text:?}");
    assert!(!text.contains("1006"), "{text:?}");
    let english = render(&i18n, Language::En, &notice);
    assert!(english.contains("#1006"), "{english:?}");
}

#[test]
fn every_notice_has_its_own_text_in_every_language() {
    let i18n = I18n::new(Currency::from_code("USD").unwrap()).unwrap();
    let m = Money::from_minor(1250).unwrap();
    let notices = [
        Notice::WalletCredited {
            amount: m,
            tracking: "W-1".into(),
        },
        Notice::BalanceAdjusted {
            delta_minor: -1250,
            reason: "<refund>".into(),
            tracking: "A-1".into(),
        },
        Notice::BalanceAdjusted {
            delta_minor: 1250,
            reason: "gift".into(),
            tracking: "A-2".into(),
        },
        Notice::OrderFulfilled {
            order: OrderId::new(5),
            account: ClientAccountId::new(6),
            tracking: None,
        },
        Notice::OrderFulfilled {
            order: OrderId::new(5),
            account: ClientAccountId::new(6),
            tracking: Some("OR-1".into()),
        },
        Notice::OrderRefunded {
            order: OrderId::new(5),
            tracking: Some("OR-1".into()),
            amount: m,
            reason: "panel down".into(),
        },
        Notice::OrderNeedsAttention {
            order: OrderId::new(5),
            tracking: Some("OR-1".into()),
            reason: "delivery kept failing".into(),
        },
        Notice::ReceiptSubmitted {
            receipt: ReceiptId::new(7),
            tracking: "R-1".into(),
            amount: m,
        },
        Notice::ReceiptApproved {
            receipt: ReceiptId::new(7),
            amount: m,
        },
        Notice::ReceiptRejected {
            receipt: ReceiptId::new(7),
            reason: "blurry".into(),
        },
        Notice::ReceiptExpired {
            receipt: ReceiptId::new(7),
        },
        Notice::Reminder {
            account: ClientAccountId::new(6),
            name: "FR-MoonVPN-1001".into(),
            reminder: notify::ReminderKind::Expires3Days,
            expires_at: Some(time::OffsetDateTime::UNIX_EPOCH),
        },
        Notice::Reminder {
            account: ClientAccountId::new(6),
            name: "FR-MoonVPN-1001".into(),
            reminder: notify::ReminderKind::Traffic100,
            expires_at: None,
        },
        Notice::LowBalance { balance: m, price: m },
        Notice::OrderPaid {
            order: OrderId::new(5),
            tracking: "OR-1".into(),
            amount: m,
            renewal: false,
        },
        Notice::OrderPaid {
            order: OrderId::new(5),
            tracking: "OR-1".into(),
            amount: m,
            renewal: true,
        },
        Notice::PanelDown {
            panel: kernel::PanelId::new(1),
            name: "<Paris>".into(),
            problem: kernel::PanelProblem::Rejected("<refund>".into()),
        },
        Notice::PanelUp {
            panel: kernel::PanelId::new(1),
            name: "Paris".into(),
        },
        Notice::PanelSyncFailed {
            panel: kernel::PanelId::new(1),
            name: "Paris".into(),
            error: "<refund>".into(),
        },
        Notice::PaymentFailed {
            payment: 12,
            provider: "robokassa".into(),
            amount: m,
            expired: false,
            order: None,
        },
        Notice::PaymentFailed {
            payment: 12,
            provider: "stars".into(),
            amount: m,
            expired: true,
            order: Some(OrderId::new(5)),
        },
        Notice::PaymentOrderNotPaid {
            order: OrderId::new(5),
            tracking: Some("OR-1".into()),
            amount: m,
        },
        Notice::PaymentOrderNotPaid {
            order: OrderId::new(5),
            tracking: None,
            amount: m,
        },
        Notice::PaymentsReconciled {
            settled: 1,
            failed: 0,
            expired: 2,
            unreachable: 0,
        },
        Notice::ReconcileDrift {
            panels: vec![notify::PanelDrift {
                panel: kernel::PanelId::new(1),
                name: "<refund>".into(),
                unknown: 2,
                lost: 1,
            }],
        },
    ];
    for lang in Language::ALL {
        let generic = i18n.t(*lang, "notice-generic");
        for notice in &notices {
            let text = render(&i18n, *lang, notice);
            assert_ne!(text, generic, "{notice:?} in {lang}");
            assert!(!text.contains("<refund>"), "reasons are escaped");
        }
    }
    assert_eq!(
        render(&i18n, Language::En, notices.last().unwrap()),
        "🔍 The daily check of the panels found differences:\n\
         • <b>&lt;refund&gt;</b>: 2 client(s) MoonVPN does not know, 1 account(s) missing on the panel\n\
         Nothing was changed. To create missing accounts again: <code>moonvpn panel reconcile --repair</code>"
    );
    assert_eq!(
        render(&i18n, Language::En, &notices[1]),
        "Your balance was decreased by 12.50 USD. Reason: &lt;refund&gt;. Tracking code: <code>A-1</code>"
    );
}
