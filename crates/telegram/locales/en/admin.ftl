# en: admin messages (see ../en.ftl for the core screens)

## The admin menu

admin-btn-open = 🛠 Admin
admin-title = <b>Admin</b>. What would you like to manage?
admin-btn-panels = 🖥 Panels
admin-btn-users = 👤 Users
admin-btn-back-home = « Admin menu
admin-need-superadmin = Only a superadmin can do this.
admin-own-account = You cannot do this to your own account.
admin-configured-superadmin = This user is a superadmin in the config file; change it there.
admin-user-gone = This user no longer exists.
admin-panel-gone = This panel no longer exists.

## Panels

admin-panels-title = <b>Panels</b> (🟢 up · 🔴 down · ⚪ not checked yet · ⏸ off sale)
admin-panels-empty = No panels yet. Connect one with “➕ Add a panel” below (or <code>moonvpn panel add</code>).
admin-panels-line = { $icon } <b>{ $name }</b> · { $location } · { $inbounds ->
        [one] { $inbounds } inbound
       *[other] { $inbounds } inbounds
    }, { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    }
admin-panel-title = <b>{ $name }</b> · { $location }
admin-panel-off-sale = ⏸ Off sale: nothing new is sold on it.
admin-panel-plain-http = ⚠️ Plain HTTP, no TLS: the panel password and the links it hands out travel unencrypted. Put the panel behind https.
admin-panel-pinned = 🔒 Self-signed certificate pinned: <code>{ $pin }</code>
admin-panel-not-pinned = ⚠️ Its self-signed certificate is not pinned yet; the next health check pins it. Until then nothing is sent to it.
admin-panel-reachable = ✅ Reachable, answered in { $ms } ms
admin-panel-unreachable = ❌ Not reachable ({ $ms } ms): { $why }
admin-panel-xray-running = ✅ Xray is running
admin-panel-xray-stopped = ❌ Xray is stopped
admin-panel-xray-failed = ❌ Xray failed: { $why }
admin-panel-load = Load: CPU { $cpu }% · memory { $used } of { $total }
admin-panel-counts = Inbounds: { $inbounds } · clients: { $clients } · accounts sold: { $accounts }
admin-btn-sync = 🔄 Sync now
admin-btn-restart-xray = ♻️ Restart Xray
admin-btn-back-panels = « Panels
admin-panel-synced = 🔄 Synced: { $clients ->
        [one] { $clients } client read.
       *[other] { $clients } clients read.
    }
admin-panel-action-failed = ⚠️ The panel did not do it: { $why }
admin-restart-confirm = Restart Xray on <b>{ $name }</b>? Every client of this panel is disconnected for a few seconds.
admin-btn-restart-yes = ♻️ Yes, restart Xray
admin-restart-done = ♻️ Xray was restarted.

## Users

admin-find-ask = Send the user's Telegram id, @username, or a tracking code from their wallet.
admin-find-none = No user matches <code>{ $query }</code>. Send another Telegram id, @username or tracking code.
admin-role-user = user
admin-role-seller = seller
admin-role-admin = admin
admin-role-superadmin = superadmin
admin-status-active = active
admin-status-blocked = 🚫 blocked
admin-user-title = 👤 <b>{ $name }</b>{ $username } · #{ $id } · Telegram { $telegram }
admin-user-role = Role: { $role } · status: { $status }
admin-user-since = Joined { $date } · balance <b>{ $balance }</b>
admin-user-no-services = No services.
admin-user-services = <b>Services</b> ({ $count }):
admin-user-service-line = • <code>{ $name }</code> · { $status } · { $used } of { $limit } · expires { $expires }
admin-user-recent = <b>Latest movements</b>:
admin-btn-block = 🚫 Block
admin-btn-unblock = ✅ Unblock
admin-btn-grant-admin = ⭐ Make admin
admin-btn-revoke-admin = ✖️ Revoke admin
admin-btn-grant-seller = 🤝 Make seller
admin-btn-revoke-seller = ✖️ Revoke seller
admin-btn-find-another = 🔎 Find another user
admin-block-confirm = Block <b>{ $name }</b> (Telegram { $telegram })? They can no longer buy, pay or use the menu.
admin-unblock-confirm = Unblock <b>{ $name }</b> (Telegram { $telegram })? They can use the shop again.
admin-btn-block-yes = 🚫 Yes, block
admin-btn-unblock-yes = ✅ Yes, unblock
admin-blocked = 🚫 Blocked.
admin-unblocked = ✅ Unblocked.
admin-role-changed = ✅ Role changed.
admin-btn-adjust = 💰 Adjust balance
admin-adjust-ask = Balance of <b>{ $name }</b>: <b>{ $balance }</b>.
    Send the amount to add, like <code>+50000</code>, or to take away, like <code>-20000</code>.
admin-adjust-amount-invalid = That is not an amount. Send it like <code>+50000</code> to add or <code>-20000</code> to take away.
admin-adjust-reason-ask = Why? The reason is kept in the ledger and shown to the user.
admin-adjust-reason-invalid = Send a reason of 1 to { $max } characters.
admin-adjust-confirm-credit = Add <b>{ $amount }</b> to the balance of <b>{ $name }</b> (Telegram { $telegram })?
    Reason: { $reason }
admin-adjust-confirm-debit = Take <b>{ $amount }</b> from the balance of <b>{ $name }</b> (Telegram { $telegram })?
    Reason: { $reason }
admin-btn-adjust-yes = ✅ Yes, adjust
admin-adjust-tap-confirm = Tap ✅ to adjust the balance, or Cancel.
admin-adjust-expired = This confirmation is no longer open; nothing was changed.
admin-adjust-done = 💰 Balance adjusted: now <b>{ $balance }</b> (<code>{ $tracking }</code>).
admin-adjust-insufficient = ⚠️ Not adjusted: the balance is only { $balance }, and it cannot go below zero.
admin-btn-plans = 📦 Plans
admin-btn-discounts = 🏷 Discount codes
admin-plans-title = <b>Plans</b> (▶️ on sale · ⏸ off sale). Tap one to see or edit it, or add one with ➕ New plan.
admin-plans-empty = No plans yet. Add one with ➕ New plan.
admin-plan-title = { $icon } <b>{ $name }</b>
admin-plan-locations = Sold in: { $locations }
admin-plan-renewal = 🔁 { $rule }
admin-plan-test = 🎁 Free test plan (once per user)
admin-plan-on-sale = ▶️ On sale.
admin-plan-off-sale = ⏸ Off sale: buyers do not see it; services bought with it keep working.
admin-btn-plan-off = ⏸ Take off sale
admin-btn-plan-on = ▶️ Put on sale
admin-btn-back-plans = « Plans
admin-plan-put-on-sale = ▶️ Put on sale.
admin-plan-taken-off-sale = ⏸ Taken off sale.
admin-plan-gone = This plan no longer exists.
admin-discounts-title = <b>Discount codes</b>, newest first (🏷 active · ⏸ disabled). Tap one to see, edit or disable it, or add one with ➕ New code.
admin-discounts-empty = No discount codes yet. Add one with ➕ New code.
admin-discount-percent = { $percent }%
admin-discount-uses = used { $used } times
admin-discount-uses-limited = used { $used } of { $limit } times
admin-discount-title = { $icon } <code>{ $code }</code> · { $value } off
admin-discount-min-order = Orders from { $amount }
admin-discount-max = At most { $amount } off
admin-discount-from = Valid from { $date }
admin-discount-until = Valid until { $date }
admin-discount-plan = Only for the plan { $plan }
admin-discount-active = 🏷 Active.
admin-discount-disabled = ⏸ Disabled: buyers who type it are told it is not valid.
admin-btn-discount-off = ⏸ Disable
admin-btn-discount-on = 🏷 Enable
admin-btn-back-discounts = « Discount codes
admin-discount-enabled = 🏷 Enabled.
admin-discount-was-disabled = ⏸ Disabled.
admin-discount-gone = This discount code no longer exists.

## Connecting a panel

admin-btn-panel-add = ➕ Add a panel
admin-panel-add-url = <b>Add a panel</b> (1/5)
    Send the panel's address with its secret path, as you open it in the browser, e.g. <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-url-invalid = ⚠️ That is not a panel address: { $why }. Send it again, e.g. <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-username = <b>Add a panel</b> (2/5)
    Send the panel's login name.
admin-panel-add-username-invalid = ⚠️ A login name is one word of at most { $max } characters. Send it again.
admin-panel-add-location = <b>Add a panel</b> (3/5)
    Which location do its servers serve? Pick one, or tap “New location”.
admin-panel-add-first-location = <b>Add a panel</b> (3/5)
    There are no locations yet. Tap “New location” or send the new location's name (users see it, e.g. France).
admin-btn-panel-new-location = ➕ New location
admin-panel-add-location-name = Send the new location's name, as users will see it (e.g. France).
admin-panel-add-location-invalid = ⚠️ A location name is 1 to 64 characters. Send it again.
admin-panel-add-prefix = New location <b>{ $location }</b>: send its client-name prefix, 2 to 5 letters (e.g. FR). Services sold there are named with it (FR-MoonVPN-1001).
admin-panel-add-prefix-invalid = ⚠️ { $why }. Send 2 to 5 letters, e.g. FR.
admin-panel-add-tls = <b>Add a panel</b> (4/5)
    Does the panel's https certificate come from a public authority (such as Let's Encrypt), or is it self-signed? A self-signed certificate is pinned by its fingerprint on first contact.
admin-btn-panel-tls-public = 🔒 Public certificate
admin-btn-panel-tls-self-signed = 📝 Self-signed
admin-panel-add-tap-choice = Tap one of the buttons above, or Cancel.
admin-panel-add-password = <b>Add a panel</b> (5/5)
    Send the panel's password. If two-factor login is on, send the password and the two-factor secret on two lines.
    Your message is deleted from this chat as soon as it is read, and MoonVPN logs in before anything is saved.
admin-panel-add-password-empty = ⚠️ Send the password (and the two-factor secret on a second line, if the panel needs one).
admin-panel-add-failed = ❌ The panel was not added, nothing was saved: { $why }
    Send the password again, or Cancel.
admin-panel-add-done = ✅ Panel <b>{ $name }</b> connected (3x-ui API generation { $generation }).
admin-panel-add-inbounds = { $inbounds ->
    [one] One inbound found.
   *[other] { $inbounds } inbounds found.
}
admin-panel-add-expired = This step is closed. Open Panels → Add a panel to start again.

## Inbounds and removing a panel

admin-btn-inbounds = 📥 Inbounds
admin-btn-panel-remove = 🗑 Remove
admin-btn-back-panel = « Panel
admin-inbounds-title = <b>Inbounds of { $name }</b> (🟢 open · 🟡 full · ⏸ disabled on the panel)
admin-inbounds-empty = No inbounds on this panel yet. Add one in the 3x-ui panel, then tap Sync now.
admin-inbound-line = { $icon } { $protocol } :{ $port } · clients { $clients } of { $limit } · { $sale }
admin-inbound-limit-value = { $max }
admin-inbound-no-limit = no limit
admin-btn-inbound-limit = ✏️ Limit of { $protocol } :{ $port }
admin-inbound-gone = This inbound no longer exists; sync the panel.
admin-inbound-limit-ask = Send the most clients MoonVPN may sell onto this inbound (0 for no limit). At the limit it shows as full and new buyers go to another inbound.
admin-inbound-limit-invalid = ⚠️ Send a whole number, e.g. 100 (0 for no limit).
admin-inbound-limit-set = ✅ Limit saved: { $limit }.
admin-inbound-on-sale = 🛒 on sale
admin-inbound-off-sale = ⛔ off sale
admin-btn-inbound-off-sale = ⛔ Stop selling :{ $port }
admin-btn-inbound-on-sale = 🛒 Sell :{ $port }
admin-inbound-off-sale-confirm = Take this inbound off sale? No new client is sold onto it; the accounts already on it keep working and can be renewed. When every inbound of a location is off sale, buyers find the location sold out.
admin-inbound-on-sale-confirm = Put this inbound back on sale? New buyers may be placed on it again while it has room.
admin-btn-inbound-off-sale-yes = ⛔ Yes, stop selling
admin-btn-inbound-on-sale-yes = 🛒 Yes, sell on it
admin-inbound-sale-off-done = ✅ { $protocol } :{ $port } is off sale.
admin-inbound-sale-on-done = ✅ { $protocol } :{ $port } is on sale again.
admin-panel-remove-confirm = Remove panel <b>{ $name }</b>? A panel nothing was sold on is deleted with its inbounds. Clients on the panel itself are not touched.
admin-btn-panel-remove-yes = 🗑 Yes, remove
admin-panel-removed = Panel removed.
admin-panel-in-use = ⚠️ Users still hold { $accounts ->
    [one] one account
   *[other] { $accounts } accounts
} on this panel, so it cannot be removed. Move them to another location first, or take the panel off sale: it is kept for those accounts and nothing new is sold on it.
admin-btn-panel-off-sale = ⏸ Take off sale instead
admin-panel-taken-off-sale = ⏸ Taken off sale; kept for { $accounts ->
    [one] one account
   *[other] { $accounts } accounts
} users still hold.

## A user's services

admin-btn-reset-traffic = 🔄 Reset traffic · { $name }
admin-reset-traffic-confirm = Reset the traffic of <b>{ $name }</b>? Used so far: { $used } of { $limit }. The count starts again from zero on the panel, and a service cut off for traffic connects again.
admin-btn-reset-traffic-yes = 🔄 Yes, reset
admin-reset-traffic-done = ✅ Traffic of { $name } reset.
admin-service-gone = This service no longer exists.

# Editing a panel (Panels → a panel → ✏️ Edit)
admin-btn-panel-edit = ✏️ Edit
admin-panel-edit-title = ✏️ <b>{ $name }</b>: what should change?
    Address: <code>{ $url }</code>
    Login name: <code>{ $username }</code>
    Password: ••••••
    API token: { $token }
    Two-factor secret: { $twofa }
    Certificate: { $tls }
admin-panel-edit-set = set
admin-panel-edit-unset = not set
admin-panel-edit-tls-self = a self-signed one is accepted (pinned on first use)
admin-panel-edit-tls-public = only a publicly trusted one
admin-panel-field-name = Name
admin-panel-field-url = Address
admin-panel-field-username = Login name
admin-panel-field-password = Password
admin-panel-field-token = API token
admin-panel-field-twofa = Two-factor secret
admin-panel-field-tls = Certificate
admin-btn-panel-edit-tls-self = 🔓 Accept a self-signed certificate
admin-btn-panel-edit-tls-public = 🔒 Only a trusted certificate
admin-panel-edit-ask = Send the new { $field } for <b>{ $name }</b>.
admin-panel-edit-ask-password = Send the new password for <b>{ $name }</b>. The panel is tried with it before it is saved; your message is deleted from the chat once read.
admin-panel-edit-ask-secret = Send the new { $field } for <b>{ $name }</b>, or <code>-</code> to remove it. Your message is deleted from the chat once read.
admin-panel-edit-secret-invalid = A secret is one word without spaces.
admin-panel-edit-invalid = ⚠️ { $why } Send it again, or Cancel.
admin-panel-edit-failed = ❌ Not saved, nothing changed: { $why }. Send it again, or Cancel.
admin-panel-edit-same = That is already the panel's setting; nothing changed. Send another value, or Cancel.
admin-panel-edit-done = ✅ { $field } saved.
