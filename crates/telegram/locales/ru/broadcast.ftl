# ru: рассылки в меню администратора (основные экраны — в ../ru.ftl)

admin-btn-broadcasts = 📣 Рассылки
bc-title = <b>Рассылки</b>, сначала новые. Нажмите на рассылку, чтобы увидеть итоги.
bc-empty = <b>Рассылки</b>. Пока ни одной: составьте первую.
label-bc-line = #{ $id } · { $status } · { $sent }/{ $total }
bc-btn-new = ✍️ Новая рассылка
bc-btn-back = « Рассылки

## Составление

bc-ask-text = Пришлите текст рассылки: обычный текст, до 4096 символов.
bc-text-empty = Текст пустой. Пришлите текст рассылки.
bc-text-too-long = Здесь { $len } символов, а помещается не больше { $max }. Пришлите текст короче.
bc-ask-photo = Пришлите фото к рассылке или продолжите без него.
bc-photo-too-long = Под фото текст может быть не длиннее { $max } символов, а в нём { $len }. Продолжите без фото или начните заново с текстом короче.
bc-expect-photo = Пришлите фото или нажмите «Без фото».
bc-btn-skip-photo = ➡️ Без фото
bc-ask-button = Добавить кнопку-ссылку? Пришлите её в виде <code>Label | https://example.com</code> или продолжите без неё.
bc-button-bad = Это не кнопка-ссылка. Пришлите <code>Label | https://example.com</code>: подпись от 1 до 64 символов и ссылку http:// или https://.
bc-btn-skip-button = ➡️ Без кнопки
bc-ask-audience = Кто получит рассылку?
bc-aud-all = 👥 Все
bc-aud-active = ✅ С активной услугой
bc-aud-expired = ⌛ Услуга истекла
bc-aud-never = 🆕 Ничего не покупали
bc-aud-by-location = 📍 По локации
bc-aud-by-language = 🌐 По языку
bc-ask-location = Пользователи с активной услугой в какой локации?
bc-no-locations = Локаций пока нет.
bc-ask-language = Пользователи бота на каком языке?
bc-btn-other-audience = « Другие получатели

## Получатели

bc-audience-all = все
bc-audience-active = пользователи с активной услугой
bc-audience-expired = пользователи, у которых истекла услуга
bc-audience-never = пользователи, которые ничего не покупали
bc-audience-location = пользователи с активной услугой в локации { $location }
bc-audience-language = пользователи бота на языке: { $language }

## Предпросмотр и подтверждение

bc-preview-above = ⬆️ Получатели увидят ровно это.
bc-confirm = Отправить получателям ({ $audience }): { $count ->
        [one] { $count } пользователь
        [few] { $count } пользователя
       *[other] { $count } пользователей
    }? Те, кто заблокировал бота, не получат.
bc-empty-audience = В этой группе ({ $audience }) никого нет. Выберите другую.
label-bc-send = 📣 Отправить: { $count }

## Ход и итоги

bc-progress-title = 📣 <b>Рассылка #{ $id }</b> · { $status }
bc-status-draft = ✏️ черновик
bc-status-running = ▶️ идёт отправка
bc-status-paused = ⏸ на паузе
bc-status-cancelled = ✖️ отменена
bc-status-finished = ✅ завершена
bc-progress-to = Кому: { $audience }
bc-progress-text = «{ $text }»
bc-progress-counts = Отправлено: <b>{ $sent }</b> из { $total }
    Ошибки: { $failed } · заблокировали бота: { $blocked } · ушли из Telegram: { $left }
bc-progress-pending = Ещё не получили: { $pending }
bc-progress-pace = Скорость: { $rate } сообщ./с · осталось около { $minutes } мин { $seconds } с
bc-progress-measuring = Скорость: измеряется…
bc-draft-note = Ещё не отправлена: выберите получателей, чтобы посмотреть и отправить.
bc-btn-pause = ⏸ Пауза
bc-btn-resume = ▶️ Продолжить
bc-btn-cancel = ✖️ Отменить рассылку
bc-btn-refresh = 🔄 Обновить
bc-btn-audience = 👥 Выбрать получателей
bc-cancel-ask = Отменить рассылку #{ $id }? { $pending ->
        [one] { $pending } пользователь, ещё не получивший её, уже не получит.
        [few] { $pending } пользователя, ещё не получивших её, уже не получат.
       *[other] { $pending } пользователей, ещё не получивших её, уже не получат.
    } Это нельзя отменить.
bc-btn-cancel-yes = ✖️ Да, отменить
bc-btn-keep = « Нет, оставить
bc-not-now = Эта рассылка сейчас: { $status }; ничего не изменилось.
bc-gone = Этой рассылки больше нет.
