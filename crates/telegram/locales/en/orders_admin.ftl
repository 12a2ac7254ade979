## A user's orders, and a superadmin's refund or retry of a paid one (admins)

admin-btn-orders = 🧾 Orders
admin-orders-title = 🧾 Orders of <b>{ $name }</b>: { $total }
admin-orders-none = No orders yet.
admin-order-line = <code>{ $tracking }</code> · { $plan } · { $amount } · { $status } · { $date }
admin-order-title = 🧾 Order <code>{ $tracking }</code> of <b>{ $name }</b>
admin-order-status = Status: { $status }
admin-order-plan = Plan: { $plan } · { $location }
admin-order-amount = Amount: { $amount }
admin-order-discount = Amount: { $amount } ({ $price } less { $discount } off)
admin-order-created = Ordered: { $date }
admin-order-paid-at = Paid: { $date }
admin-order-attempts = Delivery runs so far: { $attempts }
admin-order-account = Service: { $account }
admin-order-failure = Why it failed: { $reason }
admin-order-status-pending = ⏳ waiting for payment
admin-order-status-paid = 💳 paid, not delivered
admin-order-status-fulfilled = ✅ delivered
admin-order-status-failed = ↩️ failed
admin-order-status-expired = ⌛ expired unpaid
admin-btn-order-profile = 👤 Profile
admin-btn-order-override = ⚖️ Override
admin-order-override-ask = This order is paid but its service was not delivered. What should happen now?
    ↩️ <b>Refund now</b>: { $amount } goes back to the buyer's wallet and the order is closed.
    🔁 <b>Retry now</b>: the server is asked to set the service up again, at once.
admin-btn-order-refund = ↩️ Refund now
admin-btn-order-retry = 🔁 Retry now
admin-order-reason-ask = Why? Send the reason in one message (at most { $max } characters). It goes to the audit log, and the buyer reads it if the order is refunded.
admin-order-reason-empty = The reason is empty. Write why, or tap Cancel.
admin-order-reason-too-long = The reason has { $chars } characters; at most { $max } fit. Shorten it and send it again, or tap Cancel.
admin-order-confirm-refund = Refund order <code>{ $tracking }</code> now? <b>{ $amount }</b> goes back to { $name }'s wallet, the order is closed as failed and any client it reserved on the server is removed. They are told: “{ $reason }”
admin-order-confirm-retry = Retry order <code>{ $tracking }</code> now? The server is asked to set the service up at once; if that works, { $name } gets the service as usual. An order that has used all its delivery runs is refunded instead. Reason: “{ $reason }”
admin-btn-order-refund-yes = ✅ Yes, refund
admin-btn-order-retry-yes = ✅ Yes, retry
admin-order-tap-confirm = Tap the ✅ button or Cancel under the confirmation.
admin-order-expired = This confirmation is no longer open; nothing was changed.
admin-order-refunded = ✅ Order <code>{ $tracking }</code> refunded: { $amount } went back to the buyer's wallet, and they were told.
admin-order-delivered = ✅ Order <code>{ $tracking }</code> was delivered now; the buyer gets their service.
admin-order-retry-refunded = ↩️ Order <code>{ $tracking }</code> could not be delivered, so it was refunded ({ $amount }); the buyer was told.
admin-order-in-progress = ⏳ Order <code>{ $tracking }</code> is being delivered by another run right now; nothing was done. Look again in a minute.
admin-order-not-overridable = ⚠️ Only a paid order that was not delivered can be refunded or retried; this one is { $status }. Nothing was changed.
admin-order-gone = This order no longer exists.
