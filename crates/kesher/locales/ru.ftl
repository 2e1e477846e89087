### kesher's words in Russian.

## Escalation reasons.

escalation-share = { $metric }: использовано { $percent }% отведённого времени (правило { $rule })
escalation-breach = цель { $metric } нарушена (правило { $rule })
escalation-promise-broken = обещание { $promise } не выполнено (правило { $rule })
escalation-public-negative = клиент написал негативное публичное сообщение в { $channel } (правило { $rule })

## The service report.

report-title = Отчёт о клиентском опыте
report-cases = обращений
report-cases-title = Обращения
report-dropped = опустились туда
report-percent-space = { " " }
report-below = ниже
report-from = с
report-to = по
report-as-of = часы прочитаны в
report-inputs = Входные данные
report-refused-cases = Обращения, которые не удалось оценить (не входят ни в одну цифру)
report-read = строк прочитано
report-accepted = принято
report-rejected = отклонено
report-median-first-response = Медиана первого ответа
report-p90-first-response = 90 % получили ответ в течение
report-within-sla = Первый ответ в срок SLA
report-fcr = Решение при первом обращении
report-unanswered = Сообщения без ответа
report-public-balance = Публичные сообщения + / −
report-customer-said = Что клиент написал в критических точках (UTC):
report-waiting = Открытые обращения, ждущие ответа
report-transfers = Передачи
report-to-win-back = Клиенты, которых нужно вернуть
report-by-brand = По брендам
report-by-channel = По каналу первого обращения
report-brand = Бренд
report-channel = Канал
report-hardest-stage = Этап, склонный к проблемам
report-first-response-distribution = Время до первого ответа
report-no-answer = без ответа
report-emotion-pattern = Что чувствуют клиенты: типичная картина
report-lowest-journey = Путь, опустившийся ниже всех
report-prone-to-trouble = Этапы, склонные к проблемам
report-no-trouble = Ни на одном этапе нет спадов и провалов.
report-problems = Повторяющиеся проблемы
report-problems-intro = Обращения сгруппированы по словам первого сообщения, от больших групп к меньшим: первые строки — кандидаты в FAQ, а ответы взяты из обращений, которые закончились хорошо.
report-problems-sampled = Сгруппировано по равномерной выборке (по идентификатору обращения) из описанных обращений; числа относятся к выборке, доли — ко всем:
report-of = из
report-problem = Проблема
report-terms = Слова
report-share = Доля
report-cumulative = Накопленно
report-example = Пример
report-answer-candidate = Ответ, который помог
report-retention = Удержание
report-win-back = Вернуть
report-nurture = Развивать
report-word-of-mouth = Сарафанное радио
report-customer = Клиент
report-score = Оценка
report-facts = Почему
report-nurture-needs-records = Для развития нужны записи о клиентах с покупками (kesher report --customers FILE).
report-of-total = из
report-contracts = Договоры об обслуживании глазами клиента
report-coverage = Покрытие каналов
report-contacts = Обращения клиентов
report-covered = покрыт
report-partial = покрыт частично
report-uncovered = нет договора
report-no-contracts = Договоры не заданы (kesher report --contracts FILE): они нужны для соблюдения SLA, формулировок и покрытия.
report-not-available = н/д
report-no-resolutions = ни одно обращение в данных не фиксирует решения
report-method = Как это посчитано
report-method-text = kesher восстановил каждое обращение по его событиям. Первый ответ — время от открытия обращения до первого ответа человека, в календарном времени; соблюдение SLA считается в рабочем времени по календарю каждого договора, без пауз. Эмоции — модель kesher (описана в kesher::EmotionEffects), сообщения клиентов оценены встроенным словарём; самый низкий путь показывает точки перелома и критические точки.
report-min = мин
report-hours = ч
report-days = д
report-seconds = с
report-none = нет
report-more-brands = ещё бренды в таблице выше

## The emotion graph's pictures.

emotion-level-furious = в ярости
emotion-level-angry = злится
emotion-level-frustrated = раздражён
emotion-level-neutral = нейтрально
emotion-level-satisfied = доволен
emotion-level-happy = рад
emotion-level-wow = восторг
journey-turning-point = точка перелома
journey-lowest = минимум
journey-below = ниже порога
journey-median = медиана
journey-journeys = путей
journey-prone-to-trouble = склонен к проблемам
stage-before = до
stage-during = во время
stage-after = после
stage-first_contact = первое обращение
stage-waiting = ожидание
stage-answer = ответ
stage-resolution = решение
stage-follow_up = сопровождение
stage-order = заказ
stage-delivery = доставка

## Retention facts.

retention-feels = настроение { $level } (последнее, за { $days } дн.)
retention-breaches = { $count ->
    [one] { $count } цель SLA нарушена или выполнена с опозданием
    [few] { $count } цели SLA нарушены или выполнены с опозданием
   *[many] { $count } целей SLA нарушено или выполнено с опозданием
}
retention-broken = { $count ->
    [one] { $count } обещание нарушено
    [few] { $count } обещания нарушены
   *[many] { $count } обещаний нарушено
}
retention-open = { $count ->
    [one] { $count } обращение всё ещё открыто и ждёт ответа
    [few] { $count } обращения всё ещё открыты и ждут ответа
   *[many] { $count } обращений всё ещё открыто и ждёт ответа
}
retention-purchases = { $count ->
    [one] { $count } покупка
    [few] { $count } покупки
   *[many] { $count } покупок
}
retention-birthday = день рождения { $date }: отправить поздравление
retention-monthly = согласен на ежемесячную рассылку
retention-public = { $count ->
    [one] { $count } публичное сообщение в { $channel }
    [few] { $count } публичных сообщения в { $channel }
   *[many] { $count } публичных сообщений в { $channel }
}
retention-balance = баланс { $balance }

## Releasing a customer.

release-message = { $refund ->
    [none] { $customer }, нам жаль, что не удалось решить это так, как вы хотели. Спасибо, что дали нам шанс; надеемся, вы снова к нам обратитесь.
   *[other] { $customer }, нам жаль, что не удалось решить это так, как вы хотели. Мы вернули вам { $refund }. Спасибо, что дали нам шанс; надеемся, вы снова к нам обратитесь.
}

## Dates and weekdays.

date-day-month = { $day } { $month ->
    [1] января
    [2] февраля
    [3] марта
    [4] апреля
    [5] мая
    [6] июня
    [7] июля
    [8] августа
    [9] сентября
    [10] октября
    [11] ноября
   *[12] декабря
}
weekday = { $weekday ->
    [mon] понедельник
    [tue] вторник
    [wed] среда
    [thu] четверг
    [fri] пятница
    [sat] суббота
   *[sun] воскресенье
}
weekday-range = { $first }–{ $last }
list-separator = {", "}
list-and = { $head } и { $last }
list-and-times = { $head } и { $last }

## Durations, as they read after "в течение" (within): the genitive.

duration-seconds = { $basis ->
    [business] { $n ->
        [one] { $n } рабочей секунды
       *[other] { $n } рабочих секунд
    }
   *[calendar] { $n ->
        [one] { $n } секунды
       *[other] { $n } секунд
    }
}
duration-minutes = { $basis ->
    [business] { $n ->
        [one] { $n } рабочей минуты
       *[other] { $n } рабочих минут
    }
   *[calendar] { $n ->
        [one] { $n } минуты
       *[other] { $n } минут
    }
}
duration-hours = { $basis ->
    [business] { $n ->
        [one] { $n } рабочего часа
       *[other] { $n } рабочих часов
    }
   *[calendar] { $n ->
        [one] { $n } часа
       *[other] { $n } часов
    }
}
duration-hours-minutes = { $basis ->
    [business] { $hours ->
        [one] { $hours } рабочего часа
       *[other] { $hours } рабочих часов
    } { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    }
   *[calendar] { $hours ->
        [one] { $hours } часа
       *[other] { $hours } часов
    } { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    }
}
duration-days = { $basis ->
    [business] { $n ->
        [one] { $n } рабочего дня
       *[other] { $n } рабочих дней
    }
   *[calendar] { $n ->
        [one] { $n } дня
       *[other] { $n } дней
    }
}

## SLA statements.

statement-channel = { $channel ->
    [any] ваши обращения
    [phone] телефонные звонки
    [email] электронные письма
    [voicemail] сообщения голосовой почты
    [facebook_page] публикации на нашей странице в Facebook
    [facebook_messenger] сообщения в Facebook Messenger
    [twitter] сообщения в Twitter
    [whatsapp] сообщения в WhatsApp
    [sms] SMS-сообщения
    [chat] сообщения в чате
    [web_form] заявки с формы на нашем сайте
    [store_visit] обращения в наших магазинах
   *[other] сообщения в { $name }
}
statement-priority = { $priority ->
    [urgent] срочных обращений
    [high] обращений с высоким приоритетом
    [low] обращений с низким приоритетом
   *[normal] обычных обращений
}
statement-within-priority = { $duration } для { $requests }
statement-target = { $metric ->
    [acknowledgement] подтверждаем получение обращения в течение { $within }
    [first_response] отвечаем на { $what } в течение { $within }
    [next_response] отвечаем на каждое следующее сообщение в течение { $within }
    [resolution] решаем вопрос в течение { $within }
    [follow_up] связываемся с вами в течение { $within }, чтобы убедиться, что проблема решена
   *[other] отвечаем на каждое такое обращение в течение { $within }
}
statement-hours-on = { $days } { $times }
statement-around-the-clock = круглосуточно
statement-except-holidays = кроме праздников
statement-business-hours = { " " }({ $hours })
statement = Мы { $targets }{ $hours }.
statement-contact = { $kind ->
    [voicemail] сообщения голосовой почты
    [missed_call] пропущенные звонки
    [call] звонки
    [visit] визиты
   *[other] сообщения
}
statement-contacts-on = { $contacts } в { $channels }
statement-contacts-public = { $contacts }, опубликованные открыто
statement-call-back = Мы перезваниваем в ответ на { $what } в течение { $within }{ $hours }.
statement-answer = Мы отвечаем на { $what } в течение { $within }{ $hours }.

## The acknowledgement.

acknowledgement-today = сегодня в { $time }
acknowledgement-this-week = { $weekday }, { $time }
acknowledgement-later = { $weekday }, { $date }, { $time }
acknowledgement = Ваше обращение получено. Мы ответим вам в течение { $within } (срок: { $by }).

## Built-in reply templates.

template-reply-greeting = Здравствуйте, { $customer }! Это { $agent } из { $company }.
template-reply-thanks = Спасибо, что сообщили нам.
template-reply-solution = { $solution }
template-reply-closing = Спасибо за обращение. Могу ли я помочь вам чем-то ещё?
template-delay-greeting = Здравствуйте, { $customer }! Это { $agent } из { $company }.
template-delay-thanks = Спасибо, что сообщили о задержке заказа { $order }; приносим извинения за ожидание.
template-delay-solution = { $solution } Мы сообщим вам новости не позднее { $promised_time }.
template-delay-closing = Спасибо за терпение. Могу ли я помочь вам чем-то ещё?

## Follow-ups after the resolution.

follow-up-message = { $number ->
    [1] Здравствуйте, { $customer }! Надеемся, ваша проблема решена. Если что-то всё ещё не так, просто ответьте на это сообщение.
   *[other] Здравствуйте, { $customer }! Уточняем ещё раз: всё ли теперь работает? Если нет, ответьте, и мы всё исправим.
}
follow-up-last = Здравствуйте, { $customer }! Это наше последнее уточнение: если вы не ответите, мы будем считать вопрос решённым. Спасибо за терпение.
follow-up-why-not-resolved = обращение ещё не решено
follow-up-why-status = { $status ->
    [closed] обращение закрыто
    [released] с клиентом простились
    [reopened] обращение открыто снова
   *[other] обращение больше не считается решённым
}
follow-up-why-confirmed = клиент подтвердил после решения
follow-up-why-answered = клиент ответил после решения
follow-up-why-limit = достигнут предел уточнений: { $limit }
follow-up-why-no-consent = клиент не дал согласия на уточнения
follow-up-why-due = уточнение { $number } из { $limit }
