# ⚙️ Shop settings (superadmins): support contact and default language, changed at run time.
admin-btn-settings = ⚙️ Shop settings
admin-settings-title =
    <b>⚙️ Shop settings</b>
    Shop name: <b>{ $shop }</b> (config file, shop.name)
    Support contact: { $contact } ({ $contact_source })
    Default language: { $language } ({ $language_source })

    New users whose Telegram speaks none of the bot's languages start in the default language. Users see the support contact under Help.
admin-settings-source-config = from the config file
admin-settings-source-bot = set in the bot
admin-settings-no-contact = not set
admin-btn-settings-contact = ✏️ Support contact
admin-btn-settings-language = ✏️ Default language
admin-btn-settings-save = ✅ Save
admin-settings-contact-ask = Send the new support contact: a Telegram @username, a t.me/… link, an https:// link or a phone number such as +989121234567 (at most 64 characters).
admin-settings-contact-invalid = That is not a support contact. Send a Telegram @username (5 to 32 letters, digits or _), a t.me/… link, an https:// link or a phone number such as +989121234567, at most 64 characters. Nothing was changed.
admin-settings-contact-confirm = Change the support contact from { $from } to { $to }?
admin-settings-language-ask = Pick the default language for new users:
admin-settings-language-confirm = Make { $to } the default language for new users instead of { $from }? Users who already have a language keep it.
admin-settings-saved = ✅ Saved.
admin-settings-expired = This confirmation is no longer open; nothing was changed.
admin-settings-tap-confirm = Tap Save or Cancel under the confirmation above.
