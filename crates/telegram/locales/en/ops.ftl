# en: shop operations in the admin menu: stats, audit log, backups

## Stats

ops-btn-stats = 📊 Stats
ops-btn-stats-refresh = 🔄 Refresh
ops-stats-title = 📊 <b>Shop stats</b>
ops-stats-users = 👥 Users: <b>{ $total }</b> · new today { $today } · in 7 days { $week }
ops-stats-sales = 💰 Sales: today <b>{ $today }</b> · 7 days <b>{ $week }</b> · 30 days <b>{ $month }</b>
ops-stats-money-in = 📥 Money in, last 30 days:
ops-stats-money-in-none = 📥 No money came in in the last 30 days.
ops-method-card = 💳 Card to card
ops-method-adjustment = ✍️ Admin adjustments
ops-method-other = Other
ops-stats-services = 🟢 Active services: <b>{ $count }</b>
ops-stats-receipts = 🧾 Receipts waiting for review: <b>{ $count }</b>
ops-stats-panels-ok = 🖥 No panel is failing its health check.
ops-stats-panels-failing = 🔴 Panels failing their health check:
ops-stats-chart = Sales per day, last { $days } days (today in green): <b>{ $total }</b>

## Audit log

ops-btn-audit = 📜 Audit log
ops-audit-title = 📜 <b>Audit log</b> · { $total ->
        [one] { $total } entry
       *[other] { $total } entries
    } (newest first, { $zone })
ops-audit-empty = Nothing matches these filters.
ops-audit-system = system
ops-audit-period-all = All time
ops-audit-period-today = Today
ops-audit-period-week = 7 days
ops-audit-period-month = 30 days
ops-audit-newer = « Newer
ops-audit-older = Older »
ops-audit-filter-actor = 👤 By { $actor }
ops-audit-filter-action = 🏷 Action: <code>{ $action }</code>
ops-audit-filter-day = 📅 On { $day }
ops-audit-filter-days = 📅 From { $from } to { $to }
ops-audit-filter-since = 📅 Since { $from }
ops-audit-filter-until = 📅 Until { $to }
ops-audit-btn-actor = 👤 Actor
ops-audit-btn-action = 🏷 Action
ops-audit-btn-days = 📅 Days
ops-audit-btn-clear = ✖️ Clear filters
ops-audit-actions-ask = 🏷 Which actions? Pick a family (then all of it or one action), or an action.
ops-audit-family-ask = 🏷 Which actions of <code>{ $family }</code>?
ops-audit-family-all = All { $family }…
ops-audit-all-actions = Every action
ops-audit-actor-ask = 👤 Whose actions? Send their Telegram id, @username, a tracking code from their wallet, or #id.
ops-audit-actor-none = Nobody matches “{ $query }”. Send a Telegram id, @username, tracking code or #id, or tap Cancel.
ops-audit-days-ask = 📅 Which days? Send one day, or two for a range: 2026-12-07 or Persian 1405-09-16 (days in { $zone }, both included).
ops-audit-days-invalid = “{ $text }” is not a day. Send 2026-12-07 or 1405-09-16, or two of them for a range, or tap Cancel.

## Scheduled backups (sent to superadmins as a document)

backup-caption = 🗄 <b>Backup</b> of { $date }, { $time } UTC · { $rows } rows · { $size } MB
    Restore it on the server with <code>moonvpn restore FILE</code>. It holds every user's data: keep it private.
backup-too-big = 🗄 Today's backup is { $size } MB, over the { $limit } MB Telegram lets a bot send, so it was not sent. Take it on the server with <code>moonvpn backup</code>.
