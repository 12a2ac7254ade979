# ⚙️ Настройки магазина (суперадмины): контакт поддержки и язык по умолчанию, на ходу.
admin-btn-settings = ⚙️ Настройки магазина
admin-settings-title =
    <b>⚙️ Настройки магазина</b>
    Название: <b>{ $shop }</b> (файл настроек, shop.name)
    Поддержка: { $contact } ({ $contact_source })
    Язык по умолчанию: { $language } ({ $language_source })

    Новые пользователи, чей Telegram не говорит ни на одном из языков бота, начинают на языке по умолчанию. Контакт поддержки пользователи видят в разделе «Помощь».
admin-settings-source-config = из файла настроек
admin-settings-source-bot = задано в боте
admin-settings-no-contact = не задан
admin-btn-settings-contact = ✏️ Поддержка
admin-btn-settings-language = ✏️ Язык по умолчанию
admin-btn-settings-save = ✅ Сохранить
admin-settings-contact-ask = Пришлите новый контакт поддержки: @имя пользователя в Telegram, ссылку t.me/…, ссылку https:// или номер телефона вида +989121234567 (не длиннее 64 символов).
admin-settings-contact-invalid = Это не контакт поддержки. Пришлите @имя пользователя в Telegram (от 5 до 32 латинских букв, цифр или _), ссылку t.me/…, ссылку https:// или номер телефона вида +989121234567, не длиннее 64 символов. Ничего не изменено.
admin-settings-contact-confirm = Сменить контакт поддержки с { $from } на { $to }?
admin-settings-language-ask = Выберите язык по умолчанию для новых пользователей:
admin-settings-language-confirm = Сделать { $to } языком по умолчанию для новых пользователей вместо { $from }? Пользователи, у которых язык уже выбран, его сохранят.
admin-settings-saved = ✅ Сохранено.
admin-settings-expired = Это подтверждение уже закрыто; ничего не изменено.
admin-settings-tap-confirm = Нажмите «Сохранить» или «Отмена» под подтверждением выше.
