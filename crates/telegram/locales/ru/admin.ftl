# ru: admin messages (see ../ru.ftl for the core screens)

## The admin menu

admin-btn-open = 🛠 Админ
admin-title = <b>Администрирование</b>. Чем будем управлять?
admin-btn-panels = 🖥 Панели
admin-btn-users = 👤 Пользователи
admin-btn-back-home = « Меню админа
admin-need-superadmin = Это может сделать только суперадмин.
admin-own-account = Это нельзя сделать со своим аккаунтом.
admin-configured-superadmin = Этот пользователь — суперадмин в файле настроек; измените это там.
admin-user-gone = Этого пользователя больше нет.
admin-panel-gone = Этой панели больше нет.

## Panels

admin-panels-title = <b>Панели</b> (🟢 работает · 🔴 недоступна · ⚪ ещё не проверена · ⏸ снята с продажи)
admin-panels-empty = Панелей пока нет. Подключите панель кнопкой «➕ Добавить панель» ниже (или командой <code>moonvpn panel add</code>).
admin-panels-line = { $icon } <b>{ $name }</b> · { $location } · { $inbounds ->
        [one] { $inbounds } инбаунд
        [few] { $inbounds } инбаунда
       *[other] { $inbounds } инбаундов
    }, { $clients ->
        [one] { $clients } клиент
        [few] { $clients } клиента
       *[other] { $clients } клиентов
    }
admin-panel-title = <b>{ $name }</b> · { $location }
admin-panel-off-sale = ⏸ Снята с продажи: новое на ней не продаётся.
admin-panel-plain-http = ⚠️ Обычный HTTP без TLS: пароль панели и выдаваемые ею ссылки передаются без шифрования. Поставьте панель за https.
admin-panel-pinned = 🔒 Самоподписанный сертификат закреплён: <code>{ $pin }</code>
admin-panel-not-pinned = ⚠️ Её самоподписанный сертификат ещё не закреплён; следующая проверка здоровья закрепит его. До тех пор ей ничего не отправляется.
admin-panel-reachable = ✅ Доступна, ответ за { $ms } мс
admin-panel-unreachable = ❌ Недоступна ({ $ms } мс): { $why }
admin-panel-xray-running = ✅ Xray работает
admin-panel-xray-stopped = ❌ Xray остановлен
admin-panel-xray-failed = ❌ Сбой Xray: { $why }
admin-panel-load = Нагрузка: CPU { $cpu }% · память { $used } из { $total }
admin-panel-counts = Инбаунды: { $inbounds } · клиенты: { $clients } · продано аккаунтов: { $accounts }
admin-btn-sync = 🔄 Синхронизировать
admin-btn-restart-xray = ♻️ Перезапустить Xray
admin-btn-back-panels = « Панели
admin-panel-synced = 🔄 Синхронизировано: прочитано клиентов — { $clients }.
admin-panel-action-failed = ⚠️ Панель не выполнила действие: { $why }
admin-restart-confirm = Перезапустить Xray на <b>{ $name }</b>? Все клиенты этой панели отключатся на несколько секунд.
admin-btn-restart-yes = ♻️ Да, перезапустить
admin-restart-done = ♻️ Xray перезапущен.

## Users

admin-find-ask = Отправьте Telegram id пользователя, @username или код операции из его кошелька.
admin-find-none = Никто не найден по <code>{ $query }</code>. Отправьте другой Telegram id, @username или код операции.
admin-role-user = пользователь
admin-role-seller = продавец
admin-role-admin = админ
admin-role-superadmin = суперадмин
admin-status-active = активен
admin-status-blocked = 🚫 заблокирован
admin-user-title = 👤 <b>{ $name }</b>{ $username } · #{ $id } · Telegram { $telegram }
admin-user-role = Роль: { $role } · статус: { $status }
admin-user-since = С нами с { $date } · баланс <b>{ $balance }</b>
admin-user-no-services = Услуг нет.
admin-user-services = <b>Услуги</b> ({ $count }):
admin-user-service-line = • <code>{ $name }</code> · { $status } · { $used } из { $limit } · до { $expires }
admin-user-recent = <b>Последние операции</b>:
admin-btn-block = 🚫 Заблокировать
admin-btn-unblock = ✅ Разблокировать
admin-btn-grant-admin = ⭐ Сделать админом
admin-btn-revoke-admin = ✖️ Снять админа
admin-btn-grant-seller = 🤝 Сделать продавцом
admin-btn-revoke-seller = ✖️ Снять продавца
admin-btn-find-another = 🔎 Найти другого
admin-block-confirm = Заблокировать <b>{ $name }</b> (Telegram { $telegram })? Он больше не сможет покупать, платить и пользоваться меню.
admin-unblock-confirm = Разблокировать <b>{ $name }</b> (Telegram { $telegram })? Он снова сможет пользоваться магазином.
admin-btn-block-yes = 🚫 Да, заблокировать
admin-btn-unblock-yes = ✅ Да, разблокировать
admin-blocked = 🚫 Заблокирован.
admin-unblocked = ✅ Разблокирован.
admin-role-changed = ✅ Роль изменена.
admin-btn-adjust = 💰 Изменить баланс
admin-adjust-ask = Баланс <b>{ $name }</b>: <b>{ $balance }</b>.
    Отправьте сумму для пополнения, например <code>+50000</code>, или для списания, например <code>-20000</code>.
admin-adjust-amount-invalid = Это не сумма. Отправьте, например, <code>+50000</code> для пополнения или <code>-20000</code> для списания.
admin-adjust-reason-ask = Почему? Причина сохраняется в журнале операций и показывается пользователю.
admin-adjust-reason-invalid = Отправьте причину длиной от 1 до { $max } символов.
admin-adjust-confirm-credit = Зачислить <b>{ $amount }</b> на баланс <b>{ $name }</b> (Telegram { $telegram })?
    Причина: { $reason }
admin-adjust-confirm-debit = Списать <b>{ $amount }</b> с баланса <b>{ $name }</b> (Telegram { $telegram })?
    Причина: { $reason }
admin-btn-adjust-yes = ✅ Да, изменить
admin-adjust-tap-confirm = Нажмите ✅, чтобы изменить баланс, или «Отмена».
admin-adjust-expired = Это подтверждение уже не действует; ничего не изменилось.
admin-adjust-done = 💰 Баланс изменён: теперь <b>{ $balance }</b> (<code>{ $tracking }</code>).
admin-adjust-insufficient = ⚠️ Не изменено: на балансе только { $balance }, а ниже нуля он опуститься не может.
admin-btn-plans = 📦 Тарифы
admin-btn-discounts = 🏷 Промокоды
admin-plans-title = <b>Тарифы</b> (▶️ в продаже · ⏸ сняты с продажи). Нажмите на тариф, чтобы посмотреть или изменить его, или добавьте новый: ➕ Новый тариф.
admin-plans-empty = Тарифов пока нет. Добавьте: ➕ Новый тариф.
admin-plan-title = { $icon } <b>{ $name }</b>
admin-plan-locations = Продаётся в: { $locations }
admin-plan-renewal = 🔁 { $rule }
admin-plan-test = 🎁 Бесплатный тестовый тариф (один раз на пользователя)
admin-plan-on-sale = ▶️ В продаже.
admin-plan-off-sale = ⏸ Снят с продажи: покупатели его не видят; купленные по нему услуги работают.
admin-btn-plan-off = ⏸ Снять с продажи
admin-btn-plan-on = ▶️ Вернуть в продажу
admin-btn-back-plans = « Тарифы
admin-plan-put-on-sale = ▶️ Возвращён в продажу.
admin-plan-taken-off-sale = ⏸ Снят с продажи.
admin-plan-gone = Этого тарифа больше нет.
admin-discounts-title = <b>Промокоды</b>, сначала новые (🏷 активен · ⏸ отключён). Нажмите на промокод, чтобы посмотреть, изменить или отключить его, или добавьте новый: ➕ Новый промокод.
admin-discounts-empty = Промокодов пока нет. Добавьте: ➕ Новый промокод.
admin-discount-percent = { $percent }%
admin-discount-uses = использован { $used } раз
admin-discount-uses-limited = использован { $used } из { $limit } раз
admin-discount-title = { $icon } <code>{ $code }</code> · скидка { $value }
admin-discount-min-order = Заказы от { $amount }
admin-discount-max = Скидка не больше { $amount }
admin-discount-from = Действует с { $date }
admin-discount-until = Действует до { $date }
admin-discount-plan = Только для тарифа { $plan }
admin-discount-active = 🏷 Активен.
admin-discount-disabled = ⏸ Отключён: покупателям, которые его введут, ответят, что он недействителен.
admin-btn-discount-off = ⏸ Отключить
admin-btn-discount-on = 🏷 Включить
admin-btn-back-discounts = « Промокоды
admin-discount-enabled = 🏷 Включён.
admin-discount-was-disabled = ⏸ Отключён.
admin-discount-gone = Этого промокода больше нет.

## Connecting a panel

admin-btn-panel-add = ➕ Добавить панель
admin-panel-add-url = <b>Добавление панели</b> (1/5)
    Пришлите адрес панели с секретным путём, как вы открываете её в браузере, например <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-url-invalid = ⚠️ Это не адрес панели: { $why }. Пришлите его ещё раз, например <code>https://1.2.3.4:2053/AbCdEf</code>.
admin-panel-add-username = <b>Добавление панели</b> (2/5)
    Пришлите логин панели.
admin-panel-add-username-invalid = ⚠️ Логин — одно слово не длиннее { $max } символов. Пришлите его ещё раз.
admin-panel-add-location = <b>Добавление панели</b> (3/5)
    Какую локацию обслуживают её серверы? Выберите или нажмите «Новая локация».
admin-panel-add-first-location = <b>Добавление панели</b> (3/5)
    Локаций пока нет. Нажмите «Новая локация» или пришлите название новой локации (его видят пользователи, например Франция).
admin-btn-panel-new-location = ➕ Новая локация
admin-panel-add-location-name = Пришлите название новой локации, как его увидят пользователи (например Франция).
admin-panel-add-location-invalid = ⚠️ Название локации — от 1 до 64 символов. Пришлите его ещё раз.
admin-panel-add-prefix = Новая локация <b>{ $location }</b>: пришлите префикс имён клиентов, 2–5 латинских букв (например FR). Услуги, проданные там, получат имена с ним (FR-MoonVPN-1001).
admin-panel-add-prefix-invalid = ⚠️ { $why }. Пришлите 2–5 латинских букв, например FR.
admin-panel-add-tls = <b>Добавление панели</b> (4/5)
    Сертификат https панели выдан публичным центром (например Let's Encrypt) или самоподписанный? Самоподписанный сертификат закрепляется по отпечатку при первом подключении.
admin-btn-panel-tls-public = 🔒 Публичный сертификат
admin-btn-panel-tls-self-signed = 📝 Самоподписанный
admin-panel-add-tap-choice = Нажмите одну из кнопок выше или «Отмена».
admin-panel-add-password = <b>Добавление панели</b> (5/5)
    Пришлите пароль панели. Если включён двухфакторный вход, пришлите пароль и секрет 2FA двумя строками.
    Ваше сообщение удаляется из чата сразу после прочтения, а MoonVPN входит в панель прежде, чем что-либо сохранить.
admin-panel-add-password-empty = ⚠️ Пришлите пароль (и секрет 2FA второй строкой, если он нужен панели).
admin-panel-add-failed = ❌ Панель не добавлена, ничего не сохранено: { $why }
    Пришлите пароль ещё раз или нажмите «Отмена».
admin-panel-add-done = ✅ Панель <b>{ $name }</b> подключена (поколение API 3x-ui: { $generation }).
admin-panel-add-inbounds = { $inbounds ->
    [one] Найден { $inbounds } инбаунд.
    [few] Найдено { $inbounds } инбаунда.
   *[other] Найдено { $inbounds } инбаундов.
}
admin-panel-add-expired = Этот шаг закрыт. Откройте Панели → Добавить панель, чтобы начать заново.

## Inbounds and removing a panel

admin-btn-inbounds = 📥 Инбаунды
admin-btn-panel-remove = 🗑 Удалить
admin-btn-back-panel = « Панель
admin-inbounds-title = <b>Инбаунды { $name }</b> (🟢 открыт · 🟡 заполнен · ⏸ выключен на панели)
admin-inbounds-empty = На этой панели пока нет инбаундов. Создайте его в панели 3x-ui и нажмите «Синхронизировать».
admin-inbound-line = { $icon } { $protocol } :{ $port } · клиентов { $clients } из { $limit } · { $sale }
admin-inbound-limit-value = { $max }
admin-inbound-no-limit = без лимита
admin-btn-inbound-limit = ✏️ Лимит { $protocol } :{ $port }
admin-inbound-gone = Этого инбаунда больше нет; синхронизируйте панель.
admin-inbound-limit-ask = Пришлите, сколько клиентов MoonVPN может продать на этот инбаунд (0 — без лимита). При достижении лимита он считается заполненным, и новые покупатели попадают на другой инбаунд.
admin-inbound-limit-invalid = ⚠️ Пришлите целое число, например 100 (0 — без лимита).
admin-inbound-limit-set = ✅ Лимит сохранён: { $limit }.
admin-inbound-on-sale = 🛒 в продаже
admin-inbound-off-sale = ⛔ снят с продажи
admin-btn-inbound-off-sale = ⛔ Снять с продажи :{ $port }
admin-btn-inbound-on-sale = 🛒 В продажу :{ $port }
admin-inbound-off-sale-confirm = Снять этот инбаунд с продажи? Новые клиенты на него не продаются; аккаунты, которые уже на нём, продолжают работать и продлеваются. Если с продажи сняты все инбаунды локации, покупатели увидят, что она распродана.
admin-inbound-on-sale-confirm = Вернуть этот инбаунд в продажу? Новых покупателей снова можно будет размещать на нём, пока есть место.
admin-btn-inbound-off-sale-yes = ⛔ Да, снять с продажи
admin-btn-inbound-on-sale-yes = 🛒 Да, вернуть в продажу
admin-inbound-sale-off-done = ✅ { $protocol } :{ $port } снят с продажи.
admin-inbound-sale-on-done = ✅ { $protocol } :{ $port } снова в продаже.
admin-panel-remove-confirm = Удалить панель <b>{ $name }</b>? Панель, на которой ничего не продано, удаляется вместе с инбаундами. Клиенты на самой панели не затрагиваются.
admin-btn-panel-remove-yes = 🗑 Да, удалить
admin-panel-removed = Панель удалена.
admin-panel-in-use = ⚠️ У пользователей ещё { $accounts ->
    [one] { $accounts } услуга
    [few] { $accounts } услуги
   *[other] { $accounts } услуг
} на этой панели, поэтому её нельзя удалить. Сначала перенесите их в другую локацию или снимите панель с продажи: она останется для этих услуг, а новое на ней продаваться не будет.
admin-btn-panel-off-sale = ⏸ Снять с продажи
admin-panel-taken-off-sale = ⏸ Снята с продажи; оставлена для { $accounts ->
    [one] { $accounts } услуги
   *[other] { $accounts } услуг
}, которые есть у пользователей.

## A user's services

admin-btn-reset-traffic = 🔄 Сбросить трафик · { $name }
admin-reset-traffic-confirm = Сбросить трафик <b>{ $name }</b>? Использовано: { $used } из { $limit }. Счётчик на панели начнётся с нуля, а услуга, отключённая из-за трафика, снова подключится.
admin-btn-reset-traffic-yes = 🔄 Да, сбросить
admin-reset-traffic-done = ✅ Трафик { $name } сброшен.
admin-service-gone = Этой услуги больше нет.

# Editing a panel (Panels → a panel → ✏️ Edit)
admin-btn-panel-edit = ✏️ Изменить
admin-panel-edit-title = ✏️ <b>{ $name }</b>: что изменить?
    Адрес: <code>{ $url }</code>
    Логин: <code>{ $username }</code>
    Пароль: ••••••
    API-токен: { $token }
    Секрет двухфакторной защиты: { $twofa }
    Сертификат: { $tls }
admin-panel-edit-set = задан
admin-panel-edit-unset = не задан
admin-panel-edit-tls-self = принимается самоподписанный (закрепляется при первом подключении)
admin-panel-edit-tls-public = только публично доверенный
admin-panel-field-name = Название
admin-panel-field-url = Адрес
admin-panel-field-username = Логин
admin-panel-field-password = Пароль
admin-panel-field-token = API-токен
admin-panel-field-twofa = Секрет 2FA
admin-panel-field-tls = Сертификат
admin-btn-panel-edit-tls-self = 🔓 Принимать самоподписанный сертификат
admin-btn-panel-edit-tls-public = 🔒 Только доверенный сертификат
admin-panel-edit-ask = Отправьте новое значение «{ $field }» для <b>{ $name }</b>.
admin-panel-edit-ask-password = Отправьте новый пароль для <b>{ $name }</b>. Перед сохранением вход в панель проверяется с ним; ваше сообщение удаляется из чата после прочтения.
admin-panel-edit-ask-secret = Отправьте новое значение «{ $field }» для <b>{ $name }</b> или <code>-</code>, чтобы удалить его. Ваше сообщение удаляется из чата после прочтения.
admin-panel-edit-secret-invalid = Секрет — одно слово без пробелов.
admin-panel-edit-invalid = ⚠️ { $why } Отправьте ещё раз или нажмите «Отмена».
admin-panel-edit-failed = ❌ Не сохранено, ничего не изменилось: { $why }. Отправьте ещё раз или нажмите «Отмена».
admin-panel-edit-same = У панели уже такая настройка; ничего не изменилось. Отправьте другое значение или нажмите «Отмена».
admin-panel-edit-done = ✅ «{ $field }» сохранено.
