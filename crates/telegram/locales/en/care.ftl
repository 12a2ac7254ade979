## Caring for one user: extend a service, write to them (admins)

admin-btn-extend = ➕ Extend
admin-extend-ask-days = How many days should <b>{ $name }</b> get on top? It runs until { $expires } with { $limit } now. Send a number (0 for no days).
admin-extend-days-invalid = Send the number of days as a whole number, at most { $max } (0 for none).
admin-extend-ask-gb = And how many GB on top of { $limit }? Send a number (0 for no GB).
admin-extend-gb-invalid = Send the number of GB as a whole number, at most { $max } (0 for none).
admin-extend-empty = Add at least one day or one GB: send a number of GB above 0, or Cancel to start again.
admin-extend-never-expires = ⚠️ This service never expires, so days cannot be added to it. Nothing was changed.
admin-extend-unlimited = ⚠️ This service has unlimited traffic, so GB cannot be added to it. Nothing was changed.
admin-extend-not-running = ⚠️ This service was moved or turned off; only a running or expired service can be extended. Nothing was changed.
admin-extend-confirm = Extend <b>{ $name }</b> by { $added }? It will run until { $expires } with { $limit } of traffic. The user gets a message saying what was added.
admin-btn-extend-yes = ✅ Yes, extend
admin-extend-expired = This confirmation is no longer open.
admin-extend-tap-confirm = Tap ✅ Yes, extend or Cancel under the confirmation.
admin-extend-done = ✅ { $name } extended by { $added }; the user was told.
admin-extend-failed = ⚠️ The service was not extended, nothing was changed: { $why }
extension-added-both = { $days } and { $data }
notice-service-extended = 🎁 Support extended your service <b>{ $name }</b> by { $added }. It now runs until { $expires } with { $limit } of traffic.
admin-btn-message = ✉️ Message
admin-message-ask = Write the message for <b>{ $name }</b> (at most { $max } characters). You will see it as they will get it before anything is sent.
admin-message-empty = The message is empty. Write some text, or tap Cancel.
admin-message-too-long = The message has { $chars } characters; at most { $max } fit. Shorten it and send it again, or tap Cancel.
admin-message-confirm = ☝️ This is how <b>{ $name }</b> will get it (in { $language }). Send it?
admin-btn-message-send = ✅ Send
admin-message-tap-confirm = Tap ✅ Send or Cancel under the preview.
admin-message-expired = This message is no longer open; nothing was sent.
admin-message-sent = ✉️ Message sent to { $name }.
admin-message-bot-blocked = ⚠️ This user has blocked the bot, so no message can reach them. Nothing was sent.
notice-admin-message = ✉️ <b>Message from support</b>

    { $text }
