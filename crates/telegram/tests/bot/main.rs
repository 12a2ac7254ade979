//! The bot against the fake Bot API (`testkit::telegram::FakeTelegram`) and a real SQLite
//! store: what a user sees, and what the bot does when Telegram misbehaves.

mod admin_support;
mod shop;
mod support;

mod admin_access;
mod admin_audit;
mod admin_balance;
mod admin_broadcasts;
mod admin_catalog;
mod admin_catalog_codes;
mod admin_catalog_e2e;
mod admin_catalog_plans;
mod admin_catalog_refusals;
mod admin_catalog_uses;
mod admin_extend;
mod admin_inbound_sale;
mod admin_menu;
mod admin_message;
mod admin_orders;
mod admin_panel_add;
mod admin_panel_edit;
mod admin_panel_manage;
mod admin_payments;
mod admin_services;
mod admin_settings;
mod admin_stats;

mod buying;
mod callbacks;
mod delivery;
mod flood;
mod free_test;
mod menus;
mod my_services;
mod notices;
mod ordering;
mod payment_outcomes;
mod persian;
mod plan_description;
mod reminders;
mod restart;
mod screens;
mod service_screens;
mod settings;
mod setup_checklist;
mod stale;
mod stars;
mod start;
mod topup;
mod topup_review;
mod topup_statuses;
mod transport;
mod wallet;
mod webhook;
mod white_label;
