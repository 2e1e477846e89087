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
