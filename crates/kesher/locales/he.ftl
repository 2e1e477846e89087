### kesher's words in Hebrew (right to left: every value placed in a sentence is isolated).

## Escalation reasons.

escalation-share = { $metric } ניצל { $percent }% מהזמן שלו (כלל { $rule })
escalation-breach = היעד { $metric } הופר (כלל { $rule })
escalation-promise-broken = ההבטחה { $promise } הופרה (כלל { $rule })
escalation-public-negative = לקוח כתב הודעה שלילית פומבית ב{ $channel } (כלל { $rule })

## The service report.

report-title = דוח חוויית לקוח
report-cases = פניות
report-cases-title = פניות
report-dropped = ירדו אליו
report-percent-space = { "" }
report-below = מתחת ל־
report-from = מ־
report-to = עד
report-as-of = השעונים נקראו ב־
report-inputs = קלט
report-refused-cases = פניות שלא ניתן היה להעריך (לא נכללו באף נתון)
report-read = שורות נקראו
report-accepted = התקבלו
report-rejected = נדחו
report-median-first-response = חציון זמן המענה הראשון
report-p90-first-response = 90% נענו בתוך
report-within-sla = מענה ראשון בזמן ההתחייבות
report-fcr = פתרון בפנייה ראשונה
report-unanswered = הודעות שלא נענו
report-public-balance = הודעות פומביות + / −
report-customer-said = מה הלקוח כתב בנקודות המשבר (UTC):
report-waiting = פניות פתוחות שממתינות למענה
report-transfers = העברות
report-to-win-back = לקוחות להשיב
report-by-brand = לפי מותג
report-by-channel = לפי ערוץ הפנייה הראשונה
report-brand = מותג
report-channel = ערוץ
report-hardest-stage = שלב מועד לתקלות
report-first-response-distribution = זמן עד למענה הראשון
report-no-answer = ללא מענה
report-emotion-pattern = איך הלקוחות מרגישים: הדפוס האופייני
report-lowest-journey = המסע שירד הכי נמוך
report-prone-to-trouble = שלבים מועדים לתקלות
report-no-trouble = אין שלב עם ירידות או שפל.
report-problems = בעיות חוזרות
report-problems-intro = הפניות מקובצות לפי מילות ההודעה הראשונה, מהגדול לקטן: השורות הראשונות הן מועמדות לשאלות נפוצות, והתשובות לקוחות מפניות שהסתיימו היטב.
report-problems-sampled = קובץ ממדגם אחיד (לפי מזהה הפנייה) של הפניות שתוארו; המספרים הם של המדגם, והשיעורים נכונים לכולן:
report-of = מתוך
report-problem = בעיה
report-terms = מילים
report-share = חלק
report-cumulative = מצטבר
report-example = דוגמה
report-answer-candidate = תשובה שעבדה
report-retention = שימור
report-win-back = להשיב
report-nurture = לטפח
report-word-of-mouth = מפה לאוזן
report-customer = לקוח
report-score = ציון
report-facts = למה
report-nurture-needs-records = טיפוח דורש רשומות לקוח עם רכישות (kesher report --customers FILE).
report-of-total = מתוך
report-contracts = אמנות השירות, כפי שהלקוח קורא אותן
report-coverage = כיסוי הערוצים
report-contacts = פניות לקוחות
report-covered = מכוסה
report-partial = מכוסה חלקית
report-uncovered = ללא התחייבות
report-no-contracts = לא ניתנו התחייבויות שירות (kesher report --contracts FILE): עמידה בהתחייבות, הצהרות וכיסוי דורשים אותן.
report-not-available = אין נתון
report-no-resolutions = אף פנייה בנתונים אינה מתעדת פתרון
report-method = איך זה חושב
report-method-text = כל פנייה נבנתה מחדש מאירועיה על ידי kesher. המענה הראשון הוא הזמן מפתיחת הפנייה ועד התשובה הראשונה של אדם, בזמן לוח השנה; העמידה בהתחייבות נמדדת בשעות הפעילות של לוח השנה של כל התחייבות, בלי ההשהיות. הרגש הוא המודל של kesher (מתועד ב־kesher::EmotionEffects) והודעות הלקוחות מדורגות במילון המובנה; המסע הנמוך ביותר מסמן נקודות מפנה ונקודות קריטיות.
report-min = דק׳
report-hours = שע׳
report-days = ימים
report-seconds = שנ׳
report-none = אין
report-more-brands = מותגים נוספים בטבלה שלמעלה

## The emotion graph's pictures.

emotion-level-furious = זועם
emotion-level-angry = כועס
emotion-level-frustrated = מתוסכל
emotion-level-neutral = ניטרלי
emotion-level-satisfied = מרוצה
emotion-level-happy = שמח
emotion-level-wow = וואו
journey-turning-point = נקודת מפנה
journey-lowest = הנמוכה ביותר
journey-below = מתחת לסף
journey-median = חציון
journey-journeys = מסעות
journey-prone-to-trouble = נוטה לתקלות
stage-before = לפני
stage-during = במהלך
stage-after = אחרי
stage-first_contact = פנייה ראשונה
stage-waiting = המתנה
stage-answer = מענה
stage-resolution = פתרון
stage-follow_up = המשך
stage-order = הזמנה
stage-delivery = משלוח

## Retention facts.

retention-feels = מרגיש { $level } (האחרון, ב־{ $days } הימים האחרונים)
retention-breaches = { $count } יעדי שירות הופרו או עמדו בהם באיחור
retention-broken = { $count } הבטחות הופרו
retention-open = { $count } פניות עדיין פתוחות וממתינות לתשובה
retention-purchases = { $count } רכישות
retention-birthday = יום הולדת ב־{ $date }: לשלוח ברכה
retention-monthly = הסכמה לפנייה חודשית
retention-public = { $count } הודעות פומביות ב־{ $channel }
retention-balance = מאזן { $balance }

## Releasing a customer.

release-message = { $refund ->
    [none] { $customer }, אנחנו מצטערים שלא הצלחנו לפתור את זה כפי שרצית. תודה שנתת לנו הזדמנות; נשמח לראות אותך שוב.
   *[other] { $customer }, אנחנו מצטערים שלא הצלחנו לפתור את זה כפי שרצית. החזרנו לך { $refund }. תודה שנתת לנו הזדמנות; נשמח לראות אותך שוב.
}

## Dates and weekdays.

date-day-month = { $day } ב{ $month ->
    [1] ינואר
    [2] פברואר
    [3] מרץ
    [4] אפריל
    [5] מאי
    [6] יוני
    [7] יולי
    [8] אוגוסט
    [9] ספטמבר
    [10] אוקטובר
    [11] נובמבר
   *[12] דצמבר
}
weekday = { $weekday ->
    [mon] שני
    [tue] שלישי
    [wed] רביעי
    [thu] חמישי
    [fri] שישי
    [sat] שבת
   *[sun] ראשון
}
weekday-range = { $first }–{ $last }
list-separator = {", "}
list-and = { $head } ו{ $last }
list-and-times = { $head } ו-{ $last }

## Durations. Counted in opening hours: "בשעות הפעילות" after the whole duration.

-business = בשעות הפעילות
duration-seconds = { $basis ->
    [business] { $n ->
        [1] שנייה { -business }
       *[other] { $n } שניות { -business }
    }
   *[calendar] { $n ->
        [1] שנייה
       *[other] { $n } שניות
    }
}
duration-minutes = { $basis ->
    [business] { $n ->
        [1] דקה { -business }
       *[other] { $n } דקות { -business }
    }
   *[calendar] { $n ->
        [1] דקה
       *[other] { $n } דקות
    }
}
duration-hours = { $basis ->
    [business] { $n ->
        [1] שעה { -business }
        [2] שעתיים { -business }
       *[other] { $n } שעות { -business }
    }
   *[calendar] { $n ->
        [1] שעה
        [2] שעתיים
       *[other] { $n } שעות
    }
}
duration-hours-minutes = { $hours ->
    [1] שעה
    [2] שעתיים
   *[other] { $hours } שעות
} ו-{ $minutes ->
    [1] דקה
   *[other] { $minutes } דקות
}{ $basis ->
    [business] { " " }{ -business }
   *[calendar] {""}
}
duration-days = { $basis ->
    [business] { $n ->
        [1] יום { -business }
        [2] יומיים { -business }
       *[other] { $n } ימים { -business }
    }
   *[calendar] { $n ->
        [1] יום
        [2] יומיים
       *[other] { $n } ימים
    }
}

## SLA statements.

statement-channel = { $channel ->
    [any] לפניות שלכם
    [phone] לשיחות טלפון
    [email] להודעות דוא״ל
    [voicemail] להודעות בתא הקולי
    [facebook_page] לפוסטים בעמוד הפייסבוק שלנו
    [facebook_messenger] להודעות במסנג׳ר
    [twitter] להודעות בטוויטר
    [whatsapp] להודעות וואטסאפ
    [sms] להודעות SMS
    [chat] להודעות בצ׳אט
    [web_form] לפניות בטופס באתר
    [store_visit] לפניות בחנויות
   *[other] להודעות ב-{ $name }
}
statement-priority = { $priority ->
    [urgent] פניות דחופות
    [high] פניות בעדיפות גבוהה
    [low] פניות בעדיפות נמוכה
   *[normal] פניות רגילות
}
statement-within-priority = { $duration } ל{ $requests }
statement-target = { $metric ->
    [acknowledgement] מאשרים את קבלת הפנייה תוך { $within }
    [first_response] עונים { $what } תוך { $within }
    [next_response] משיבים לכל הודעה נוספת תוך { $within }
    [resolution] פותרים את הפנייה תוך { $within }
    [follow_up] חוזרים אליכם תוך { $within } לוודא שהבעיה נפתרה
   *[other] עונים לכל פנייה כזו תוך { $within }
}
statement-hours-on = { $days } { $times }
statement-around-the-clock = מסביב לשעון
statement-except-holidays = למעט חגים
statement-business-hours = { " " }({ $hours })
statement = אנחנו { $targets }{ $hours }.
statement-contact = { $kind ->
    [voicemail] להודעות בתא הקולי
    [missed_call] לשיחות שלא נענו
    [call] לשיחות
    [visit] לביקורים
   *[other] להודעות
}
statement-contacts-on = { $contacts } ב־{ $channels }
statement-contacts-public = { $contacts } שפורסמו בפומבי
statement-call-back = אנחנו חוזרים { $what } תוך { $within }{ $hours }.
statement-answer = אנחנו עונים { $what } תוך { $within }{ $hours }.

## The acknowledgement.

acknowledgement-today = היום בשעה { $time }
acknowledgement-this-week = יום { $weekday } בשעה { $time }
acknowledgement-later = יום { $weekday } { $date } בשעה { $time }
acknowledgement = פנייתך התקבלה. נחזור אליך תוך { $within }, עד { $by }.

## Built-in reply templates.

template-reply-greeting = שלום { $customer }, מדבר/ת { $agent } מ{ $company }.
template-reply-thanks = תודה שעדכנת אותנו.
template-reply-solution = { $solution }
template-reply-closing = תודה שפנית אלינו. האם יש עוד משהו שאוכל לעזור בו?
template-delay-greeting = שלום { $customer }, מדבר/ת { $agent } מ{ $company }.
template-delay-thanks = תודה שסיפרת לנו שהזמנה { $order } מתעכבת, ואני מצטער/ת על ההמתנה.
template-delay-solution = { $solution } נעדכן אותך עד { $promised_time }.
template-delay-closing = תודה על הסבלנות. האם יש עוד משהו שאוכל לעזור בו?

## Follow-ups after the resolution.

follow-up-message = { $number ->
    [1] שלום { $customer }, אנחנו מקווים שהבעיה נפתרה. אם משהו עדיין לא תקין, פשוט השב/י להודעה הזו.
   *[other] שלום { $customer }, אנחנו בודקים שוב: האם הכול עובד עכשיו? אם לא, השב/י ונטפל בזה.
}
follow-up-last = שלום { $customer }, זו הבדיקה האחרונה שלנו: אם לא נשמע ממך, נראה בפנייה פתורה. תודה על הסבלנות.
follow-up-why-not-resolved = הפנייה עדיין לא נפתרה
follow-up-why-status = { $status ->
    [closed] הפנייה סגורה
    [released] הלקוח שוחרר
    [reopened] הפנייה נפתחה מחדש
   *[other] הפנייה כבר אינה פתורה
}
follow-up-why-confirmed = הלקוח אישר אחרי הפתרון
follow-up-why-answered = הלקוח השיב אחרי הפתרון
follow-up-why-limit = הגענו למגבלה של { $limit } פניות מעקב
follow-up-why-no-consent = הלקוח לא הסכים לפניות מעקב
follow-up-why-due = פניית מעקב { $number } מתוך { $limit }
