# en: broadcasts in the admin menu (see ../en.ftl for the core screens)

admin-btn-broadcasts = 📣 Broadcasts
bc-title = <b>Broadcasts</b>, newest first. Tap one for its results.
bc-empty = <b>Broadcasts</b>. None yet: compose the first one.
label-bc-line = #{ $id } · { $status } · { $sent }/{ $total }
bc-btn-new = ✍️ New broadcast
bc-btn-back = « Broadcasts

## Composing

bc-ask-text = Send the text of the broadcast: plain text, up to 4096 characters.
bc-text-empty = The text is empty. Send the text of the broadcast.
bc-text-too-long = That is { $len } characters; at most { $max } fit. Send a shorter text.
bc-ask-photo = Send a photo to go with it, or go on without one.
bc-photo-too-long = Under a photo the text may have at most { $max } characters, and it has { $len }. Go on without a photo, or start again with a shorter text.
bc-expect-photo = Send a photo, or tap “No photo”.
bc-btn-skip-photo = ➡️ No photo
bc-ask-button = Add a link button? Send it as <code>Label | https://example.com</code>, or go on without one.
bc-button-bad = That is not a link button. Send <code>Label | https://example.com</code>: a label of 1 to 64 characters and an http:// or https:// link.
bc-btn-skip-button = ➡️ No button
bc-ask-audience = Who should get it?
bc-aud-all = 👥 Everyone
bc-aud-active = ✅ With an active service
bc-aud-expired = ⌛ Service expired
bc-aud-never = 🆕 Never bought
bc-aud-by-location = 📍 By location
bc-aud-by-language = 🌐 By language
bc-ask-location = Users with an active service at which location?
bc-no-locations = There are no locations yet.
bc-ask-language = Users of the bot in which language?
bc-btn-other-audience = « Other audience

## Who it goes to

bc-audience-all = everyone
bc-audience-active = users with an active service
bc-audience-expired = users whose service expired
bc-audience-never = users who never bought
bc-audience-location = users with an active service at { $location }
bc-audience-language = users of the bot in { $language }

## Preview and confirmation

bc-preview-above = ⬆️ This is exactly what they will get.
bc-confirm = Send it to { $audience }: { $count ->
        [one] { $count } user
       *[other] { $count } users
    }? Users who blocked the bot are left out.
bc-empty-audience = Nobody is in that audience ({ $audience }). Pick another one.
label-bc-send = 📣 Send to { $count }

## Progress and results

bc-progress-title = 📣 <b>Broadcast #{ $id }</b> · { $status }
bc-status-draft = ✏️ draft
bc-status-running = ▶️ sending
bc-status-paused = ⏸ paused
bc-status-cancelled = ✖️ cancelled
bc-status-finished = ✅ finished
bc-progress-to = To: { $audience }
bc-progress-text = «{ $text }»
bc-progress-counts = Sent: <b>{ $sent }</b> of { $total }
    Failed: { $failed } · blocked the bot: { $blocked } · left Telegram: { $left }
bc-progress-pending = Not reached yet: { $pending }
bc-progress-pace = Rate: { $rate } messages/s · about { $minutes } min { $seconds } s left
bc-progress-measuring = Rate: measuring…
bc-draft-note = Not sent yet: pick an audience to preview and send it.
bc-btn-pause = ⏸ Pause
bc-btn-resume = ▶️ Resume
bc-btn-cancel = ✖️ Cancel broadcast
bc-btn-refresh = 🔄 Refresh
bc-btn-audience = 👥 Pick an audience
bc-cancel-ask = Cancel broadcast #{ $id }? { $pending ->
        [one] { $pending } user not reached yet will not get it.
       *[other] { $pending } users not reached yet will not get it.
    } This cannot be undone.
bc-btn-cancel-yes = ✖️ Yes, cancel it
bc-btn-keep = « No, keep it
bc-not-now = This broadcast is { $status } now; nothing changed.
bc-gone = This broadcast no longer exists.
