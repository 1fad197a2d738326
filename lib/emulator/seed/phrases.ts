import type { Rng } from "./random";
import type { TaskRef } from "./catalog";
import { buildSkills } from "./skills";

/**
 * The phrase bank: templates for what Tolokers, the requester, the administrator and the platform write.
 * Texts are assembled from a greeting, a body and a closing, with placeholders filled from the task a
 * message is about, so a few hundred threads read like a real mailbox rather than one message repeated.
 *
 * Some templates deliberately hold HTML links (requesters insert them) or characters that must be
 * escaped when shown as plain text (`<`, `>`, `&`, quotes): the app's sanitiser is tested against both.
 */

/** Languages the bank writes in (Toloka's message languages plus ES and DE). */
export const MESSAGE_LANGS = ["EN", "RU", "TR", "ES", "ID", "FR", "DE"] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** What a Toloker's first message is about. */
export const QUESTION_KINDS = ["instructions", "payment", "appeal", "bonus", "broken", "blocked", "thanks", "more-tasks", "exam", "control"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

type Bank = { readonly EN: readonly string[] } & { readonly [L in MessageLang]?: readonly string[] };
type Translated = { readonly EN: string } & { readonly [L in MessageLang]?: string };

/** Values for the `{placeholders}` of the templates. */
export interface PhraseVars {
  project: string;
  projectId: string;
  pool: string;
  poolId: string;
  assignment: string;
  /** Another assignment of the same pool. */
  assignment2: string;
  skill: string;
  n: number;
  k: number;
  days: number;
  hours: number;
  score: number;
  threshold: number;
  amount: string;
  balance: string;
  shot: string;
  ticket: string;
}

const SKILL_NAMES = new Map(buildSkills().map((s) => [s.id, s.public_name?.EN ?? s.name]));

const SCREENSHOT_HOSTS = ["https://disk.yandex.ru/i/", "https://imgur.com/a/", "https://prnt.sc/", "https://drive.google.com/file/d/"];

/** Placeholder values about `task`, drawn from `rng`. */
export function phraseVars(rng: Rng, task: TaskRef): PhraseVars {
  return {
    project: task.project.name,
    projectId: task.project.id,
    pool: task.pool.name,
    poolId: task.pool.id,
    assignment: task.assignmentId,
    assignment2: task.assignmentId.slice(0, 20) + rng.hex(16),
    skill: SKILL_NAMES.get(task.project.skillId) ?? "Accuracy",
    n: rng.int(3, 40),
    k: rng.int(1, 12),
    days: rng.int(2, 12),
    hours: rng.int(2, 30),
    score: rng.int(40, 95),
    threshold: rng.pick([70, 75, 80, 85, 90]),
    amount: `$${(rng.int(4, 1500) / 100).toFixed(2)}`,
    balance: `$${(rng.int(250, 9000) / 100).toFixed(2)}`,
    shot: rng.pick(SCREENSHOT_HOSTS) + rng.hex(rng.int(8, 12)),
    ticket: String(rng.int(1_000_000, 9_999_999)),
  };
}

/** Replaces `{name}` with the value of `vars.name`; unknown names stay as written. */
function fill(template: string, vars: PhraseVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key as keyof PhraseVars]) : whole));
}

function from(bank: Bank, lang: MessageLang): readonly string[] {
  return bank[lang] ?? bank.EN;
}

// ---------------------------------------------------------------------------------------------------
// Tolokers: greetings, closings, first messages by kind.

const GREETINGS: Bank = {
  EN: ["Hello!", "Hi,", "Hello,", "Good afternoon!", "Dear requester,", "Hi there!", "Good day.", "Hello team,", "Good evening."],
  RU: ["Здравствуйте!", "Добрый день!", "Привет!", "Здравствуйте,", "Добрый вечер."],
  TR: ["Merhaba,", "Merhabalar!", "İyi günler,", "Selam,"],
  ES: ["Hola,", "¡Hola!", "Buenos días,", "Buenas tardes."],
  ID: ["Halo,", "Selamat siang,", "Halo kak,", "Permisi,"],
  FR: ["Bonjour,", "Bonjour !", "Bonsoir,", "Salut,"],
  DE: ["Hallo,", "Guten Tag,", "Hallo zusammen,", "Moin,"],
};

const CLOSINGS: Bank = {
  EN: ["Thank you in advance.", "Thanks!", "Best regards.", "Waiting for your reply.", "Have a nice day!", "Thank you.", "Regards", "Please help."],
  RU: ["Спасибо заранее.", "Спасибо!", "Жду ответа.", "С уважением.", "Хорошего дня!"],
  TR: ["Şimdiden teşekkürler.", "Teşekkürler!", "İyi çalışmalar.", "Cevabınızı bekliyorum."],
  ES: ["Gracias de antemano.", "¡Gracias!", "Saludos.", "Quedo atento a su respuesta."],
  ID: ["Terima kasih sebelumnya.", "Terima kasih!", "Mohon bantuannya.", "Salam."],
  FR: ["Merci d'avance.", "Merci !", "Cordialement.", "Bonne journée !"],
  DE: ["Vielen Dank im Voraus.", "Danke!", "Viele Grüße.", "Beste Grüße"],
};

/**
 * A first message. A bare string uses the kind's topics and answers; an object may name its own topic
 * and the answers that fit it, so "Audio player is broken" is not asked about slow pages and answered
 * about image hosting.
 */
type Entry = string | { readonly topic?: string; readonly body: string; readonly answers?: readonly string[] };
type EntryBank = { readonly EN: readonly Entry[] } & { readonly [L in MessageLang]?: readonly Entry[] };

interface QuestionBank {
  /** Topics that fit every body of the kind. */
  topics: Bank;
  bodies: EntryBank;
  /** Requester answers that fit every body of the kind; the generic answers cover the other languages. */
  answers: Bank;
  /** What the Toloker says after the requester's answer, besides the generic thanks. */
  followUps?: Bank;
  /** What the requester says next, besides the generic closings. */
  requesterFollowUps?: Bank;
  /** Chance that Toloka attached the task the Toloker wrote from (`meta`). */
  meta: number;
  /** Relative frequency among first messages. */
  weight: number;
  /** Whether an unanswered message of this kind gets nudges ("Any news?"); not for a thank-you. */
  chasers: boolean;
}

const PROJECT_LINK = '<a href="https://toloka.ai/tasks?projectId={projectId}">{project}</a>';

const SAME_AS_ADS_EN =
  'Thank you for the question! If the page has ads but the main content answers the query, mark it as "Relevant". We have fixed the example in the instructions.';
const FIXED_CONTROL_EN = "Thank you! The control task was indeed wrong, we have fixed it and restored your skill.";
const AUTO_BAN_EN = "The restriction was set automatically for too fast responses. We have reviewed your work and removed the ban.";
const MONDAY_BONUS_EN = "Bonuses are paid every Monday. You should receive {amount} within the next few days.";
const REVIEW_WEEK_EN = "Sorry for the delay! We check assignments within 7 days. Your tasks in {pool} will be reviewed by the end of the week.";

const QUESTIONS: Record<QuestionKind, QuestionBank> = {
  instructions: {
    weight: 16,
    meta: 0.6,
    chasers: true,
    topics: {
      EN: ["Question about the instructions", "Unclear case in {project}", "How to label this case?", "Instruction question: {pool}"],
      RU: ["Вопрос по инструкции", "Непонятный случай в задании", "Как размечать такие примеры?"],
      TR: ["Talimatlar hakkında soru", "Anlaşılmayan bir durum", "Bu örneği nasıl işaretlemeliyim?"],
      ES: ["Pregunta sobre las instrucciones", "Caso dudoso en la tarea"],
      ID: ["Pertanyaan tentang instruksi", "Kasus yang tidak jelas"],
      FR: ["Question sur les instructions", "Cas pas clair"],
      DE: ["Frage zur Anleitung", "Unklarer Fall"],
    },
    bodies: {
      EN: [
        {
          topic: "Instructions are contradictory",
          body: 'In the instructions it says to mark pages with ads as "Irrelevant", but in the examples a page with ads is marked "Relevant". Which one is correct?',
          answers: [SAME_AS_ADS_EN],
        },
        {
          topic: "Blurry photos",
          body: "What should I choose when the image is blurry but the object is still visible? The instructions for {project} don't cover this case.",
          answers: [
            'If the object is recognisable, label it as usual; choose "Bad image" only when you cannot tell what it is. We will add this to the instructions.',
          ],
        },
        {
          topic: "What to choose if the page is in another language?",
          body: "I am doing tasks in {pool}. Sometimes the query is in Russian and the page is in English. Should I rate it as relevant if the content matches?",
          answers: [
            "Please follow the rule from section 3: the language of the page does not matter if the content matches the query. We will add an example.",
          ],
        },
        {
          body: 'The instruction says "choose the more detailed photo", but in task {k} both photos are the same. Is "Same" acceptable? I don\'t want to lose my skill because of this.',
          answers: ['Yes, "Same" is the right answer when the photos are identical. Such pairs are never control tasks, so your skill is safe.'],
        },
        {
          topic: "Audio without speech",
          body: "If the audio has only noise and no speech, should I write [noise] or leave the field empty? Different examples show different things.",
          answers: ['If there is no speech at all, leave the field empty and tick "No speech". Thanks for pointing this out!'],
        },
        {
          body: "Could you add more examples to the instructions? I have done {n} tasks and I'm still not sure about products that fit two categories.",
          answers: [`Good idea: we have added 10 new examples of products with two possible categories, see ${PROJECT_LINK}.`],
        },
        {
          body: "is brand name in query counted as exact match if the site sells only similar products? thanks",
          answers: ['No: an exact match needs the brand itself. If the site sells only similar products, choose "Partially relevant".'],
        },
      ],
      RU: [
        {
          body: "В инструкции написано, что страницы с рекламой надо отмечать как «Нерелевантно», а в примерах такая страница отмечена как «Релевантно». Как правильно?",
          answers: [
            "Спасибо за вопрос! Если на странице есть реклама, но основной контент отвечает на запрос, ставьте «Релевантно». Пример в инструкции исправили.",
          ],
        },
        {
          body: "Что выбирать, если фото размытое, но предмет всё равно видно? В инструкции к проекту «{project}» про это ничего нет.",
          answers: ["Если предмет можно узнать, размечайте как обычно; «Плохое изображение» — только если непонятно, что на фото."],
        },
        {
          topic: "Аудио без речи",
          body: "Если в аудио только шум и нет речи, писать [шум] или оставить поле пустым? В примерах по-разному.",
          answers: ["Если речи нет совсем, оставьте поле пустым и отметьте «Нет речи». Спасибо, что спросили!"],
        },
      ],
      TR: [
        {
          body: 'Talimatlarda reklam içeren sayfaların "Alakasız" olarak işaretlenmesi gerektiği yazıyor, ama örneklerde böyle bir sayfa "Alakalı" işaretlenmiş. Hangisi doğru?',
          answers: ['Sorunuz için teşekkürler! Sayfada reklam olsa bile ana içerik sorguyu karşılıyorsa "Alakalı" seçin. Talimatlardaki örneği düzelttik.'],
        },
        'Fotoğraf bulanık ama ürün yine de görünüyorsa ne seçmeliyim? "{project}" talimatlarında bu durum yok.',
      ],
      ES: [
        {
          body: 'Las instrucciones dicen que las páginas con publicidad son "No relevantes", pero en los ejemplos una página con anuncios aparece como "Relevante". ¿Cuál es la correcta?',
          answers: ['¡Gracias por la pregunta! Si la página tiene anuncios pero el contenido principal responde a la consulta, márquela como "Relevante".'],
        },
        '¿Qué debo elegir si la foto está borrosa pero el producto se ve? Las instrucciones de "{project}" no lo explican.',
      ],
      ID: [
        'Di instruksi tertulis halaman dengan iklan harus ditandai "Tidak relevan", tapi di contoh halaman seperti itu ditandai "Relevan". Mana yang benar?',
        'Apa yang harus saya pilih kalau fotonya buram tapi produknya masih terlihat? Di instruksi "{project}" tidak dijelaskan.',
      ],
      FR: [
        "Les instructions disent de marquer les pages avec publicité comme « Non pertinent », mais dans les exemples une telle page est « Pertinent ». Laquelle est la bonne ?",
      ],
      DE: [
        "In der Anleitung steht, dass Seiten mit Werbung als „Nicht relevant“ markiert werden sollen, aber im Beispiel ist so eine Seite „Relevant“. Was stimmt?",
      ],
    },
    answers: {
      EN: [
        `Good question. In such cases choose "Can't tell": these tasks are not used to calculate your skill. The updated instructions are here: ${PROJECT_LINK}.`,
      ],
      RU: [`Хороший вопрос. В таких случаях выбирайте «Не могу определить»: такие задания не влияют на навык. Обновлённая инструкция: ${PROJECT_LINK}.`],
      TR: ['Güzel soru. Bu durumda "Karar veremiyorum" seçin: bu tür görevler becerinizi etkilemez.'],
    },
    followUps: {
      EN: [
        "Thanks, now it's clear.",
        "I still don't understand what to choose when both options fit. Could you give an example?",
        "Got it. Maybe add this to the instructions for everyone?",
      ],
      RU: ["Теперь понятно, спасибо.", "А если подходят оба варианта, что выбирать?"],
      TR: ["Şimdi anlaşıldı, teşekkürler."],
    },
    requesterFollowUps: {
      EN: [`Here is an example from the instructions: ${PROJECT_LINK} (section 4).`, "Yes, we will update the instructions this week."],
      RU: [`Вот пример из инструкции: ${PROJECT_LINK} (раздел 4).`],
    },
  },
  payment: {
    weight: 14,
    meta: 0.5,
    chasers: true,
    topics: {
      EN: ["Payment not received", "When will my tasks be accepted?", "Tasks pending for {days} days", "Payment for {pool}"],
      RU: ["Не пришла оплата", "Задания на проверке уже {days} дней", "Когда будет приёмка?"],
      TR: ["Ödeme gelmedi", "Görevler {days} gündür kontrol bekliyor"],
      ES: ["No recibí el pago", "Tareas pendientes desde hace {days} días"],
      ID: ["Pembayaran belum masuk", "Tugas masih menunggu diperiksa"],
      FR: ["Paiement non reçu"],
      DE: ["Zahlung nicht erhalten"],
    },
    bodies: {
      EN: [
        {
          body: "I completed {n} tasks in {pool} {days} days ago and they are still waiting for acceptance. When will you check them?",
          answers: [REVIEW_WEEK_EN, "We see your assignments and will accept them today."],
        },
        {
          body: 'My assignments are still in "Submitted" status. The project description says review takes up to 3 days, but it has been {days} days already.',
          answers: [REVIEW_WEEK_EN],
        },
        {
          topic: "Money for accepted tasks",
          body: "I see that the tasks were accepted, but the money ({amount}) is not on my balance yet. Is it a delay on your side?",
          answers: [
            "Money usually appears on the balance within an hour after acceptance. If it is still not there tomorrow, please contact Toloka support: payments are made by the platform, not by us.",
          ],
        },
        {
          body: "When can I expect payment for the tasks in {project}? I need to withdraw before the weekend.",
          answers: ["We see your assignments and will accept them today. Money usually appears on the balance within an hour after acceptance."],
        },
        {
          topic: "Wrong reward",
          body: "the pool says reward {amount} per page but i received less. please check",
          answers: ["The reward was paid in full: {amount} per page. Please check the history of your balance: the payment for {n} tasks is there."],
        },
      ],
      RU: [
        {
          body: "Я выполнил(а) {n} заданий в пуле «{pool}» {days} дней назад, они всё ещё на проверке. Когда вы их проверите?",
          answers: ["Извините за задержку! Проверим задания в пуле «{pool}» до конца недели."],
        },
        {
          topic: "Деньги не пришли",
          body: "Задания приняты, но деньги ({amount}) на баланс так и не пришли. Это задержка с вашей стороны?",
          answers: [
            "Деньги обычно приходят на баланс в течение часа после приёмки. Если завтра их не будет, напишите в поддержку Толоки: выплаты делает платформа.",
          ],
        },
      ],
      TR: [
        {
          body: '{days} gün önce "{pool}" havuzunda {n} görev tamamladım, hâlâ kontrol bekliyorlar. Ne zaman kontrol edeceksiniz?',
          answers: ['Gecikme için özür dileriz! "{pool}" havuzundaki görevleriniz hafta sonuna kadar kontrol edilecek.'],
        },
        "Görevler kabul edildi ama {amount} bakiyeme yansımadı. Sizin taraftan bir gecikme mi var?",
      ],
      ES: [
        {
          body: 'Completé {n} tareas en "{pool}" hace {days} días y siguen pendientes de revisión. ¿Cuándo las van a revisar?',
          answers: ['Disculpe la demora. Revisaremos sus tareas de "{pool}" antes del fin de semana.'],
        },
      ],
      ID: [
        {
          body: 'Saya menyelesaikan {n} tugas di "{pool}" {days} hari yang lalu dan masih menunggu diperiksa. Kapan akan diperiksa?',
          answers: ['Mohon maaf atas keterlambatannya. Tugas Anda di "{pool}" akan diperiksa paling lambat akhir minggu ini.'],
        },
        "Tugas sudah diterima tapi uangnya ({amount}) belum masuk ke saldo saya.",
      ],
      FR: [
        {
          body: "J'ai terminé {n} tâches dans « {pool} » il y a {days} jours et elles sont toujours en attente de vérification. Quand seront-elles vérifiées ?",
          answers: ["Désolés pour le retard ! Vos tâches de « {pool} » seront vérifiées d'ici la fin de la semaine."],
        },
      ],
      DE: [
        {
          body: "Ich habe vor {days} Tagen {n} Aufgaben in „{pool}“ erledigt, sie warten immer noch auf Prüfung. Wann werden sie geprüft?",
          answers: ["Entschuldigen Sie die Verzögerung! Ihre Aufgaben in „{pool}“ werden bis Ende der Woche geprüft."],
        },
      ],
    },
    answers: { EN: [REVIEW_WEEK_EN] },
    followUps: {
      EN: ["Ok, but it has been {days} more days and nothing changed.", "Received, thank you!", "Thank you, I see the money now."],
      RU: ["Прошло ещё {days} дня, а ничего не изменилось.", "Деньги пришли, спасибо!"],
      TR: ["{days} gün daha geçti ama hiçbir şey değişmedi.", "Ödeme geldi, teşekkürler!"],
      ID: ["Uangnya sudah masuk, terima kasih!"],
    },
    requesterFollowUps: {
      EN: ["Thanks for your patience. The tasks were accepted today.", "We have accepted all your assignments in {pool}."],
      RU: ["Спасибо за терпение, задания сегодня приняты."],
      TR: ["Sabrınız için teşekkürler, görevler bugün kabul edildi."],
    },
  },
  appeal: {
    weight: 14,
    meta: 1,
    chasers: true,
    topics: {
      EN: [
        "Appeal: rejected assignment",
        "My answers were rejected by mistake",
        "Please review my assignment",
        "Rejected task {assignment}",
        "Wrong rejection in {pool}",
      ],
      RU: ["Апелляция", "Задание отклонено по ошибке", "Прошу перепроверить задание"],
      TR: ["İtiraz: reddedilen görev", "Cevaplarım yanlışlıkla reddedildi"],
      ES: ["Apelación: tarea rechazada"],
      ID: ["Banding: tugas ditolak"],
      FR: ["Contestation : tâche refusée"],
      DE: ["Einspruch: abgelehnte Aufgabe"],
    },
    bodies: {
      EN: [
        "Please review assignment {assignment}. I think my answers were rejected by mistake. I followed the instructions carefully.",
        'My assignment {assignment} was rejected with the comment "Low quality". I checked every item twice. Could you please look at it again?',
        "{n} of my tasks in {pool} were rejected today. The assignment is {assignment}. I believe the control answers are wrong there.",
        "I don't agree with the rejection of assignment {assignment}. Item {k} is clearly a cat, not a dog, you can see it on the photo: {shot}",
        "You rejected all my work for yesterday ({n} tasks) without any explanation. Assignment ID: {assignment}. What did I do wrong?",
      ],
      RU: [
        "Пожалуйста, перепроверьте задание {assignment}. Мне кажется, мои ответы отклонили по ошибке. Я всё делал(а) строго по инструкции.",
        "Сегодня отклонили {n} моих заданий в пуле «{pool}», задание {assignment}. Думаю, в контрольных заданиях неправильные ответы.",
      ],
      TR: [
        "Lütfen {assignment} numaralı görevi tekrar inceleyin. Cevaplarımın yanlışlıkla reddedildiğini düşünüyorum.",
        'Bugün "{pool}" havuzunda {n} görevim reddedildi ({assignment}). Bence kontrol görevlerinin cevapları yanlış.',
      ],
      ES: ["Por favor, revisen la tarea {assignment}. Creo que mis respuestas fueron rechazadas por error."],
      ID: ["Mohon periksa kembali tugas {assignment}. Saya rasa jawaban saya ditolak karena kesalahan."],
      FR: ["Pourriez-vous revoir la tâche {assignment} ? Je pense que mes réponses ont été refusées par erreur."],
      DE: ["Bitte prüfen Sie die Aufgabe {assignment} noch einmal. Ich glaube, meine Antworten wurden irrtümlich abgelehnt."],
    },
    answers: {
      EN: [
        "We have rechecked assignment {assignment}. You are right, the control answer was wrong. The assignment is accepted now, thank you!",
        "We reviewed your assignment {assignment}. Unfortunately, 4 of 10 answers contradict the instructions (see section 2.1), so the rejection stands.",
        "Thank you for the appeal. The assignment has been accepted and the control task has been removed from the pool.",
      ],
      RU: [
        "Перепроверили задание {assignment}: вы правы, эталонный ответ был неверным. Задание принято, спасибо!",
        "Посмотрели задание {assignment}. К сожалению, 4 ответа из 10 противоречат инструкции (раздел 2.1), поэтому отклонение остаётся в силе.",
      ],
      TR: ["{assignment} numaralı görevi tekrar kontrol ettik. Haklısınız, kontrol cevabı yanlıştı. Görev kabul edildi, teşekkürler!"],
      ES: ["Revisamos la tarea {assignment}. Tiene razón, la respuesta de control era incorrecta. La tarea ha sido aceptada."],
      ID: ["Kami sudah memeriksa ulang tugas {assignment}. Anda benar, jawaban kontrolnya salah. Tugas sudah diterima, terima kasih!"],
      FR: ["Nous avons revu la tâche {assignment}. Vous avez raison, la réponse de contrôle était fausse. La tâche est maintenant acceptée, merci !"],
      DE: ["Wir haben die Aufgabe {assignment} erneut geprüft. Sie haben recht, die Kontrollantwort war falsch. Die Aufgabe ist jetzt angenommen, danke!"],
    },
    followUps: {
      EN: [
        "Thank you for checking!",
        "But I'm sure my answers were right. Can you check item {k} once more?",
        "Thank you! Can you also check assignment {assignment2}? Same problem there.",
      ],
      RU: ["Спасибо, что проверили!", "Спасибо! Посмотрите ещё задание {assignment2}, там то же самое."],
      TR: ["Kontrol ettiğiniz için teşekkürler!"],
    },
    requesterFollowUps: {
      EN: [
        "We've looked at {assignment2} as well and accepted it.",
        "We checked item {k} again: the answer contradicts section 2.1 of the instructions, sorry.",
      ],
      RU: ["Посмотрели и {assignment2} — тоже приняли."],
    },
  },
  bonus: {
    weight: 7,
    meta: 0.2,
    chasers: true,
    topics: {
      EN: ["About the promised bonus", "Bonus for the weekly rating", "Where is my bonus?"],
      RU: ["Не получил бонус", "Про обещанный бонус"],
      TR: ["Bonus alamadım"],
      ES: ["No recibí el bono"],
    },
    bodies: {
      EN: [
        {
          topic: "Bonus not received",
          body: "In your message you promised a bonus of {amount} for the top Tolokers of the week. I was in the list but didn't get anything.",
          answers: [MONDAY_BONUS_EN, "Sorry, that was our mistake. We have sent you the missing bonus of {amount}."],
        },
        {
          topic: "Am I eligible for the bonus?",
          body: "I did {n} tasks with {score}% accuracy. Am I eligible for the bonus from your last announcement?",
          answers: [
            "We checked: the bonus is for Tolokers with at least 200 tasks and accuracy above 90%. Your accuracy this week was {score}%, so unfortunately you didn't qualify.",
          ],
        },
        {
          body: "Thank you for the bonus! But I think it was calculated for only half of my tasks. Can you check?",
          answers: ["The bonus is calculated for accepted tasks only, and {n} of your tasks are still under review. The rest will come with the next bonus."],
        },
        { body: "When do you usually pay the bonuses for {project}? It has been {days} days since the end of the contest.", answers: [MONDAY_BONUS_EN] },
      ],
      RU: [
        {
          body: "В рассылке вы обещали бонус {amount} лучшим исполнителям недели. Я был(а) в списке, но ничего не получил(а).",
          answers: ["Бонусы начисляем по понедельникам, ожидайте {amount} в ближайшие дни."],
        },
        {
          body: "Спасибо за бонус! Но, кажется, он начислен только за половину заданий. Проверьте, пожалуйста.",
          answers: ["Бонус считается только за принятые задания; остальное начислим со следующим бонусом."],
        },
      ],
      TR: [
        {
          body: "Duyurunuzda haftanın en iyileri için {amount} bonus vaat etmiştiniz. Listedeydim ama bir şey almadım.",
          answers: ["Bonuslar her pazartesi ödenir. {amount} birkaç gün içinde hesabınızda olacak."],
        },
      ],
      ES: ["En su mensaje prometieron un bono de {amount} para los mejores de la semana. Estaba en la lista pero no recibí nada."],
    },
    answers: { EN: [MONDAY_BONUS_EN] },
    followUps: {
      EN: ["Received, thank you!", "Thanks for checking.", "ok, I will try to improve my accuracy"],
      RU: ["Бонус пришёл, спасибо!"],
    },
  },
  broken: {
    weight: 12,
    meta: 0.75,
    chasers: true,
    topics: {
      EN: ["Task page does not work", "Bug in {pool}", "Technical problem", "Problem with the task"],
      RU: ["Не работает задание", "Техническая проблема"],
      TR: ["Görev sayfası çalışmıyor"],
      ES: ["Problema con la tarea"],
      ID: ["Masalah teknis"],
      FR: ["Problème technique"],
      DE: ["Technisches Problem"],
    },
    bodies: {
      EN: [
        {
          topic: "Images are not loading",
          body: "The images in {pool} do not load, I only see a grey square. I tried another browser and it's the same. Screenshot: {shot}",
          answers: ["Thank you for the report! The image hosting was down for an hour, everything works now. The expired tasks will not affect your rating."],
        },
        {
          topic: "Error when submitting",
          body: 'When I press "Submit" I get an error "Some fields are not filled", but all fields are filled. Please fix it, I can\'t continue.',
          answers: ['We fixed the "Submit" button, please reload the page. Sorry for the inconvenience.'],
        },
        {
          topic: "Audio player is broken",
          body: "The audio in task {k} doesn't play at all. The timer is running and I will lose the task.",
          answers: ["Some audio files were damaged, we have removed them from the pool. Expired tasks will not affect your rating."],
        },
        {
          topic: "Broken link in the task",
          body: "The link to the website in the task leads to a 404 page. What should I answer in this case? Here is the link: https://shop.example.com/item/{n}{k}",
          answers: ['If the page does not open, choose "Page not available". Such tasks are checked by hand, not by control answers.'],
        },
        { topic: "Task page is very slow", body: "After the update the task page is very slow on my phone, each task takes a minute to open." },
      ],
      RU: [
        {
          topic: "Не грузятся картинки",
          body: "В пуле «{pool}» не загружаются картинки, вижу только серый квадрат. Пробовал(а) другой браузер — то же самое. Скриншот: {shot}",
          answers: ["Спасибо, что сообщили! Хостинг картинок был недоступен около часа, сейчас всё работает."],
        },
        {
          topic: "Ошибка при отправке",
          body: "Нажимаю «Отправить», а пишет «Не все поля заполнены», хотя всё заполнено. Исправьте, пожалуйста, не могу продолжить.",
          answers: ["Исправили кнопку «Отправить», обновите страницу, пожалуйста."],
        },
        { topic: "Не воспроизводится аудио", body: "Аудио в задании не воспроизводится, а таймер идёт." },
      ],
      TR: [
        {
          topic: "Resimler yüklenmiyor",
          body: '"{pool}" havuzunda resimler yüklenmiyor, sadece gri bir kare görüyorum. Ekran görüntüsü: {shot}',
          answers: ["Bildiriminiz için teşekkürler! Sorun giderildi, lütfen sayfayı yenileyin."],
        },
        '"Gönder"e bastığımda "Bazı alanlar doldurulmadı" hatası alıyorum ama hepsi dolu.',
      ],
      ES: [{ topic: "Las imágenes no cargan", body: 'En "{pool}" las imágenes no cargan, solo veo un cuadro gris. Captura: {shot}' }],
      ID: [{ topic: "Gambar tidak muncul", body: 'Di "{pool}" gambarnya tidak muncul, hanya kotak abu-abu. Tangkapan layar: {shot}' }],
      FR: [{ topic: "Les images ne se chargent pas", body: "Dans « {pool} », les images ne se chargent pas, je ne vois qu'un carré gris. Capture : {shot}" }],
      DE: [
        {
          topic: "Absenden funktioniert nicht",
          body: "Der Absenden-Button funktioniert nicht, es kommt immer „Nicht alle Felder ausgefüllt“, obwohl alles ausgefüllt ist.",
        },
      ],
    },
    answers: {
      EN: [
        "Thanks, our developers are looking into it. Until it is fixed, please skip such tasks: skipping does not affect your rating.",
        "Could you tell us your browser and device? We can't reproduce the problem yet.",
      ],
      RU: ["Спасибо, разработчики уже разбираются. Пока не исправим, пропускайте такие задания: это не влияет на рейтинг."],
    },
    followUps: {
      EN: ["Great, it works now 👍", "Still the same for me. I use Chrome on Android 13.", "Thanks, now it works."],
      RU: ["Заработало, спасибо!", "У меня всё так же. Яндекс Браузер, Android 12."],
      TR: ["Şimdi çalışıyor, teşekkürler!"],
    },
    requesterFollowUps: { EN: ["We have checked again and everything works now.", "Thanks for the details, we have found the bug and fixed it."] },
  },
  blocked: {
    weight: 8,
    meta: 0.3,
    chasers: true,
    topics: {
      EN: ["Why was I blocked?", "I was banned by mistake"],
      RU: ["За что бан?", "Меня заблокировали по ошибке"],
      TR: ["Neden engellendim?"],
      ID: ["Kenapa saya diblokir?"],
    },
    bodies: {
      EN: [
        {
          topic: "Ban in your project",
          body: "I got a ban in {project} until next month. I always tried to do my best. Can you tell me the reason?",
          answers: [
            "Your accuracy on control tasks dropped below 60% in {pool}, this is why access was restricted. You can take the training again in {days} days.",
          ],
        },
        {
          topic: "My access was restricted",
          body: 'Today I can\'t see your tasks anymore, my account says "Access restricted by the requester". I think it was a mistake, please check.',
          answers: [AUTO_BAN_EN],
        },
        {
          topic: "Blocked for fast responses",
          body: "I was blocked for fast responses, but I am just experienced: I have done more than {n}00 tasks of this type. Please unblock me.",
          answers: [
            AUTO_BAN_EN,
            "We can't remove the block: many answers were identical regardless of the task. Please read the instructions carefully before returning.",
          ],
        },
        {
          topic: "My skill dropped",
          body: 'My skill "{skill}" dropped to {score} and now I can\'t access the pool. Is there a way to restore it?',
          answers: ['The skill is recalculated every day from your last 50 control tasks. Complete the training in "{project}" again to restore access.'],
        },
      ],
      RU: [
        {
          body: "Получил(а) бан в проекте «{project}» до следующего месяца. Я всегда старался(-ась). Можете сказать причину?",
          answers: ["Ограничение было выставлено автоматически за слишком быстрые ответы. Мы проверили ваши задания и сняли бан."],
        },
        {
          topic: "Упал навык",
          body: "Навык «{skill}» упал до {score}, и теперь пул недоступен. Можно как-то восстановить?",
          answers: ["Навык пересчитывается каждый день по последним 50 контрольным заданиям. Пройдите обучение ещё раз, чтобы вернуть доступ."],
        },
      ],
      TR: [
        {
          body: '"{project}" projesinde gelecek aya kadar engellendim. Sebebini öğrenebilir miyim? Her zaman dikkatli çalıştım.',
          answers: ["Kısıtlama çok hızlı cevaplar nedeniyle otomatik olarak konuldu. Çalışmanızı inceledik ve engeli kaldırdık."],
        },
      ],
      ID: ['Saya diblokir di proyek "{project}". Boleh tahu alasannya? Saya selalu mengerjakan dengan teliti.'],
    },
    answers: { EN: [AUTO_BAN_EN] },
    followUps: {
      EN: [
        "Thank you, I can see the tasks again!",
        "Ok, I will read the instructions again.",
        "This is unfair, I did everything according to the instructions.",
      ],
      RU: ["Спасибо, задания снова видны!", "Хорошо, перечитаю инструкцию."],
    },
  },
  thanks: {
    weight: 7,
    meta: 0.1,
    chasers: false,
    topics: {
      EN: ["Thank you!", "Thanks for the interesting tasks", "Good project", "Feedback about {project}"],
      RU: ["Спасибо!", "Отзыв о проекте"],
      TR: ["Teşekkürler!"],
      ES: ["¡Gracias!"],
      ID: ["Terima kasih!"],
      FR: ["Merci !"],
      DE: ["Danke!"],
    },
    bodies: {
      EN: [
        "I just want to say thank you for the clear instructions and fast acceptance. It's a pleasure to work on your tasks.",
        "Thanks for the tasks! The new interface in {pool} is much more convenient.",
        "Thank you for answering my previous question so quickly. Everything is clear now.",
        "Your project is the best one I have seen here. Fair payment & clear rules. Please publish more!",
      ],
      RU: [
        "Хочу просто сказать спасибо за понятную инструкцию и быструю приёмку. Приятно с вами работать.",
        "Спасибо за задания! Новый интерфейс в «{pool}» гораздо удобнее.",
      ],
      TR: ["Açık talimatlar ve hızlı kabul için teşekkür ederim. Görevlerinizde çalışmak çok keyifli."],
      ES: ["Solo quería agradecerles por las instrucciones claras y la revisión rápida."],
      ID: ["Terima kasih atas instruksi yang jelas dan pemeriksaan yang cepat. Senang mengerjakan tugas Anda."],
      FR: ["Merci pour les consignes claires et la validation rapide. C'est un plaisir de travailler sur vos tâches."],
      DE: ["Vielen Dank für die klare Anleitung und die schnelle Abnahme. Es macht Spaß, an Ihren Aufgaben zu arbeiten."],
    },
    answers: {
      EN: ["Thank you for the kind words! More tasks are coming next week.", "Thanks a lot, we are glad you like the project!"],
      RU: ["Спасибо за тёплые слова! На следующей неделе будут новые задания."],
      TR: ["Güzel sözleriniz için teşekkürler! Gelecek hafta yeni görevler gelecek."],
      ES: ["¡Gracias por sus palabras! La próxima semana habrá nuevas tareas."],
      ID: ["Terima kasih atas kata-katanya! Minggu depan ada tugas baru."],
      FR: ["Merci pour vos mots gentils ! De nouvelles tâches arrivent la semaine prochaine."],
      DE: ["Danke für die netten Worte! Nächste Woche gibt es neue Aufgaben."],
    },
    followUps: { EN: ["😊", "Great, waiting for them!"], RU: ["😊", "Ура, ждём!"] },
  },
  "more-tasks": {
    weight: 9,
    meta: 0.2,
    chasers: true,
    topics: {
      EN: ["Will there be more tasks?", "New tasks?", "When is the next pool?"],
      RU: ["Будут ещё задания?", "Когда новый пул?"],
      TR: ["Yeni görev olacak mı?"],
      ES: ["¿Habrá más tareas?"],
      ID: ["Apakah akan ada tugas baru?"],
    },
    bodies: {
      EN: [
        {
          body: "I finished all the tasks in {pool}. Will there be new ones this week?",
          answers: ["New pools will be published on Monday. We will send a message when they start."],
        },
        {
          topic: "Tasks disappeared",
          body: "Your tasks disappeared from my list {days} days ago. Is the project closed or did I lose access?",
          answers: [
            "The project is paused until the next data batch arrives, probably in {days} days. Your access is fine.",
            `The pool is only open for Tolokers who passed the exam. You can find the training here: ${PROJECT_LINK}`,
          ],
        },
        {
          body: "Are you planning to publish more {project} tasks? I have a lot of free time now.",
          answers: ['New pools will be published on Monday. Make sure your skill "{skill}" is at least {threshold} to see them.'],
        },
        {
          topic: "Tasks for my country",
          body: "Could you open the tasks for my country as well? I speak English fluently but I can't see the pool.",
          answers: ["Sorry, the customer needs Tolokers from specific regions for this project. We will let you know if that changes."],
        },
      ],
      RU: [
        {
          body: "Закончил(а) все задания в «{pool}». Будут новые на этой неделе?",
          answers: ["Новые пулы откроем в понедельник. Пришлём сообщение, когда начнём."],
        },
        {
          topic: "Пропали задания",
          body: "Ваши задания пропали из списка {days} дней назад. Проект закрыт или у меня пропал доступ?",
          answers: ["Проект на паузе, пока не придёт новая партия данных, примерно через {days} дн. С доступом всё в порядке."],
        },
      ],
      TR: [
        {
          body: '"{pool}" havuzundaki tüm görevleri bitirdim. Bu hafta yenileri gelecek mi?',
          answers: ["Yeni havuzlar pazartesi günü açılacak. Başladığında size mesaj göndereceğiz."],
        },
      ],
      ES: ['Terminé todas las tareas de "{pool}". ¿Habrá nuevas esta semana?'],
      ID: ['Saya sudah menyelesaikan semua tugas di "{pool}". Apakah minggu ini ada tugas baru?'],
    },
    answers: {
      EN: ["New pools will be published on Monday. We will send a message when they start."],
      RU: ["Новые пулы откроем в понедельник. Пришлём сообщение, когда начнём."],
    },
    followUps: {
      EN: ["Thank you, I'll wait!", "ok thanks", "Is there anything I can do in the meantime?"],
      RU: ["Спасибо, буду ждать!"],
      TR: ["Teşekkürler, bekliyorum!"],
    },
  },
  exam: {
    weight: 6,
    meta: 0.4,
    chasers: true,
    topics: {
      EN: ["Question about the exam", "About the training"],
      RU: ["Пересдача экзамена", "Вопрос по экзамену"],
      TR: ["Sınav tekrarı"],
      FR: ["Repasser l'examen"],
    },
    bodies: {
      EN: [
        {
          topic: "Failed the exam by one answer",
          body: "I failed the exam with {score} points, the threshold is {threshold}. Can I try again?",
          answers: ["You can retake the exam in {days} days. Please read the updated instructions first."],
        },
        {
          body: "The exam has a question with two correct answers in my opinion (question {k}). Could you check it?",
          answers: ["You are right, question {k} was ambiguous. We have removed it and recalculated your result."],
        },
        {
          topic: "Can I take the training again?",
          body: "How long do I need to wait before I can retake the training for {project}?",
          answers: ["You can retake the training in {days} days."],
        },
        {
          topic: "Pool not available after training",
          body: 'I passed the training but the main pool is still not available for me. My skill "{skill}" is {score}.',
          answers: ['The main pool needs "{skill}" of at least {threshold}, and your level is {score}. A few more training tasks will get you there.'],
        },
      ],
      RU: [
        {
          body: "Сдал(а) экзамен на {score} баллов, а порог {threshold}. Можно попробовать ещё раз?",
          answers: ["Пересдать экзамен можно через {days} дн. Сначала перечитайте, пожалуйста, обновлённую инструкцию."],
        },
        {
          body: "В экзамене, по-моему, в вопросе {k} два правильных ответа. Проверьте, пожалуйста.",
          answers: ["Вы правы, вопрос {k} был неоднозначным. Мы его убрали и пересчитали результат."],
        },
      ],
      TR: ["Sınavdan {score} puan aldım, geçme puanı {threshold}. Tekrar deneyebilir miyim?"],
      FR: ["J'ai eu {score} points à l'examen, le seuil est de {threshold}. Puis-je réessayer ?"],
    },
    answers: { EN: ["You can retake the exam in {days} days. Please read the updated instructions first."] },
    followUps: { EN: ["Thank you, I will try again.", "Thanks! I see the pool now."], RU: ["Спасибо, попробую ещё раз."] },
  },
  control: {
    weight: 7,
    meta: 0.8,
    chasers: true,
    topics: {
      EN: ["Mistake in a control task", "Control task is incorrect", "Problem with the honeypot"],
      RU: ["Ошибка в контрольном задании", "Неверный ответ в ханипоте"],
      TR: ["Kontrol görevinde hata"],
      DE: ["Fehler in einer Kontrollaufgabe"],
    },
    bodies: {
      EN: [
        {
          topic: "Wrong golden answer",
          body: `In task {k} the query is "laptop < 500$ & free shipping" and the reference answer says it's 'irrelevant', but the page shows exactly that. Please check the control answer.`,
          answers: [FIXED_CONTROL_EN],
        },
        {
          body: 'One of the control tasks in {pool} has a wrong answer: the photo shows a phone case, but the expected category is "Electronics > Phones". I lost {score}% of my accuracy because of it.',
          answers: [
            'We checked the control task and the expected answer is correct: in this project cases go with the phones they fit, "Electronics > Phones" (see section 5).',
            FIXED_CONTROL_EN,
          ],
        },
        { body: 'The answer for the "Tom & Jerry" DVD should be "Movies", not "Toys". This control task is wrong.', answers: [FIXED_CONTROL_EN] },
        {
          body: 'Control task with the product "USB-C cable 2m" expects "Phones", but it\'s an accessory.',
          answers: ['Cables go to "Phones" in this project, as section 5 of the instructions says, so the control answer is correct.'],
        },
      ],
      RU: [
        {
          body: "В одном из контрольных заданий в «{pool}» неправильный ответ: на фото чехол для телефона, а ожидается категория «Телефоны». Из-за этого упала точность.",
          answers: ["Спасибо! Контрольное задание действительно было с ошибкой, мы его исправили и восстановили ваш навык."],
        },
        {
          body: "В задании {k} запрос «ноутбук < 50 000 ₽ & бесплатная доставка», а эталон говорит «нерелевантно», хотя страница ровно про это.",
          answers: ["Спасибо! Эталонный ответ был неверным, исправили и пересчитали навык."],
        },
      ],
      TR: ['"{pool}" havuzundaki bir kontrol görevinin cevabı yanlış: fotoğrafta telefon kılıfı var ama beklenen kategori "Telefonlar".'],
      DE: ["Bei der Kontrollaufgabe mit der „Tom & Jerry“-DVD wird „Spielzeug“ erwartet, das ist aber eindeutig „Filme“."],
    },
    answers: { EN: [FIXED_CONTROL_EN] },
    followUps: { EN: ["Thanks for fixing it!", "Will my accuracy be restored?"], RU: ["Спасибо, что исправили!"] },
    requesterFollowUps: { EN: ["Yes, we have recalculated the skill for everyone who got this task."] },
  },
};

const QUESTION_WEIGHTS = QUESTION_KINDS.map((k) => [k, QUESTIONS[k].weight] as const);

/** Requester answers for any kind, in every language. */
const GENERIC_ANSWERS: Bank = {
  EN: ["Thank you for your message! We will check and get back to you within two days.", "Thanks, we are looking into it."],
  RU: ["Спасибо за сообщение! Проверим и ответим в течение двух дней.", "Спасибо, разбираемся."],
  TR: ["Mesajınız için teşekkürler! Kontrol edip iki gün içinde size döneceğiz.", "Teşekkürler, inceliyoruz."],
  ES: ["¡Gracias por su mensaje! Lo revisaremos y le responderemos en dos días.", "Gracias, lo estamos revisando."],
  ID: ["Terima kasih atas pesannya! Kami akan memeriksa dan membalas dalam dua hari.", "Terima kasih, sedang kami periksa."],
  FR: ["Merci pour votre message ! Nous allons vérifier et vous répondre sous deux jours.", "Merci, nous regardons cela."],
  DE: ["Danke für Ihre Nachricht! Wir prüfen das und melden uns innerhalb von zwei Tagen.", "Danke, wir sehen uns das an."],
};

const REQUESTER_GREETINGS: Bank = {
  EN: ["Hello!", "Hi!", "Good afternoon,", "Hello,"],
  RU: ["Здравствуйте!", "Добрый день!"],
  TR: ["Merhaba!", "İyi günler,"],
  ES: ["¡Hola!"],
  ID: ["Halo!"],
  FR: ["Bonjour,"],
  DE: ["Hallo,"],
};

const REQUESTER_SIGNATURES: Bank = {
  EN: ["Best regards, the project team", "— Anna, data quality team", "Thanks, the Search Quality team", "Kind regards,\nMarketplace Data team"],
  RU: ["С уважением, команда проекта", "— Анна, команда качества данных"],
  TR: ["Saygılarımızla, proje ekibi"],
  ES: ["Saludos, el equipo del proyecto"],
  ID: ["Salam, tim proyek"],
  FR: ["Cordialement, l'équipe du projet"],
  DE: ["Viele Grüße, das Projektteam"],
};

/** A Toloker's thanks after an answer, whatever it was about. */
const TOLOKER_THANKS: Bank = {
  EN: ["Thank you for the quick answer!", "Got it, thanks.", "thx", "Thank you!"],
  RU: ["Спасибо за быстрый ответ!", "Понял(а), спасибо."],
  TR: ["Hızlı cevabınız için teşekkürler!", "Anladım, teşekkürler."],
  ES: ["¡Gracias por la respuesta rápida!", "Entendido, gracias."],
  ID: ["Terima kasih atas jawabannya!", "Baik, saya mengerti. Terima kasih."],
  FR: ["Merci pour la réponse rapide !", "Compris, merci."],
  DE: ["Danke für die schnelle Antwort!", "Alles klar, danke."],
};

/** What a Toloker adds when nobody has answered yet. */
const TOLOKER_CHASERS: Bank = {
  EN: ["Any news?", "Hello? Still waiting for an answer.", "Please answer, it's been {days} days.", "Here is a screenshot: {shot}"],
  RU: ["Есть новости?", "Ответьте, пожалуйста, прошло уже {days} дня.", "Вот скриншот: {shot}"],
  TR: ["Bir gelişme var mı?", "Lütfen cevap verin, {days} gün oldu."],
  ES: ["¿Alguna novedad?"],
  ID: ["Ada kabar?", "Mohon dibalas, sudah {days} hari."],
  FR: ["Des nouvelles ?"],
  DE: ["Gibt es Neuigkeiten?"],
};

/** The requester's closing words, whatever the thread was about. */
const REQUESTER_CLOSINGS: Bank = {
  EN: ["You're welcome! Good luck with the tasks.", "Glad it helped!", "You're welcome!"],
  RU: ["Пожалуйста! Удачи в заданиях.", "Рады помочь!"],
  TR: ["Rica ederiz! Görevlerde başarılar."],
  ES: ["¡De nada! Suerte con las tareas."],
  ID: ["Sama-sama! Semoga lancar mengerjakan tugasnya."],
  FR: ["Avec plaisir ! Bon courage pour les tâches."],
  DE: ["Gern geschehen! Viel Erfolg bei den Aufgaben."],
};

/** A Toloker's first message: kind, language actually used, topic and text. */
export interface QuestionDraft {
  kind: QuestionKind;
  lang: MessageLang;
  topic: string;
  text: string;
  /** Whether Toloka would attach the task the Toloker wrote from. */
  withMeta: boolean;
  /** Answers that fit this particular message (templates), if the bank has any. */
  hints: readonly string[];
}

function decorate(rng: Rng, lang: MessageLang, body: string, greet: Bank, close: Bank, pGreet: number, pClose: number): string {
  let out = body;
  if (rng.chance(pGreet)) out = rng.pick(from(greet, lang)) + (rng.chance(0.45) ? "\n\n" : " ") + out;
  if (rng.chance(pClose)) out = out + (rng.chance(0.5) ? "\n" : " ") + rng.pick(from(close, lang));
  return out;
}

function entryBody(e: Entry): string {
  return typeof e === "string" ? e : e.body;
}

/**
 * A Toloker's first message of `kind` (random when omitted) in `lang`, or in English when the bank has no
 * text of that kind in `lang` (many Tolokers do write in English to foreign requesters). With `marker`,
 * an English body containing it (for examples the demo must show).
 */
export function tolokerQuestion(rng: Rng, lang: MessageLang, vars: PhraseVars, kind?: QuestionKind, marker?: string): QuestionDraft {
  const k = kind ?? rng.weighted(QUESTION_WEIGHTS);
  const bank = QUESTIONS[k];
  const marked = marker ? bank.bodies.EN.filter((e) => entryBody(e).includes(marker)) : [];
  const used: MessageLang = marked.length > 0 ? "EN" : (bank.bodies[lang]?.length ?? 0) > 0 ? lang : "EN";
  const entry = rng.pick(marked.length > 0 ? marked : (bank.bodies[used] ?? bank.bodies.EN));
  const own = typeof entry === "string" ? undefined : entry;
  // A body's own topic most of the time; the kind's general topics otherwise, so topics vary too.
  const topic = own?.topic && rng.chance(0.7) ? own.topic : rng.pick(from(bank.topics, used));
  return {
    kind: k,
    lang: used,
    topic: fill(topic, vars),
    text: decorate(rng, used, fill(entryBody(entry), vars), GREETINGS, CLOSINGS, 0.65, 0.45),
    withMeta: rng.chance(bank.meta),
    hints: own?.answers ?? [],
  };
}

/** The requester's answer to a Toloker's first message. */
export function requesterAnswer(rng: Rng, q: Pick<QuestionDraft, "kind" | "lang" | "hints">, vars: PhraseVars): string {
  const kindAnswers = QUESTIONS[q.kind].answers[q.lang];
  const pool = q.hints.length > 0 && rng.chance(0.85) ? q.hints : kindAnswers && rng.chance(0.85) ? kindAnswers : from(GENERIC_ANSWERS, q.lang);
  return decorate(rng, q.lang, fill(rng.pick(pool), vars), REQUESTER_GREETINGS, REQUESTER_SIGNATURES, 0.5, 0.35);
}

/** A Toloker's next message after the requester answered a first message of `kind`. */
export function tolokerFollowUp(rng: Rng, lang: MessageLang, vars: PhraseVars, kind?: QuestionKind): string {
  const specific = kind ? QUESTIONS[kind].followUps?.[lang] : undefined;
  return fill(rng.pick(specific && rng.chance(0.6) ? specific : from(TOLOKER_THANKS, lang)), vars);
}

/** A Toloker's nudge while the first message is unanswered. */
export function tolokerChaser(rng: Rng, lang: MessageLang, vars: PhraseVars): string {
  return fill(rng.pick(from(TOLOKER_CHASERS, lang)), vars);
}

/** Whether unanswered messages of `kind` get nudges. */
export function chasesAnswer(kind: QuestionKind): boolean {
  return QUESTIONS[kind].chasers;
}

/** The requester's next message in a conversation about `kind`. */
export function requesterFollowUp(rng: Rng, lang: MessageLang, vars: PhraseVars, kind?: QuestionKind): string {
  const specific = kind ? QUESTIONS[kind].requesterFollowUps?.[lang] : undefined;
  return fill(rng.pick(specific && rng.chance(0.6) ? specific : from(REQUESTER_CLOSINGS, lang)), vars);
}

// ---------------------------------------------------------------------------------------------------
// The requester's composes.

interface ComposeTemplate {
  topic: Translated;
  text: Translated;
}

/** Messages the requester sends to many Tolokers at once (DIRECT lists, FILTER, ALL). */
export const MASS_COMPOSE_KINDS = ["new-tasks", "instruction-update", "bonus", "exam-invite", "survey", "pause", "holiday"] as const;
export type MassComposeKind = (typeof MASS_COMPOSE_KINDS)[number];

const MASS_COMPOSES: Record<MassComposeKind, ComposeTemplate> = {
  "new-tasks": {
    topic: {
      EN: "New tasks in {project}",
      RU: "Новые задания в проекте «{project}»",
      TR: '"{project}" projesinde yeni görevler',
      ES: 'Nuevas tareas en "{project}"',
      ID: 'Tugas baru di "{project}"',
      FR: "Nouvelles tâches dans « {project} »",
      DE: "Neue Aufgaben in „{project}“",
    },
    text: {
      EN: 'Hello! We have just published a new pool "{pool}" with {n}00 task suites. The reward is {amount} per suite. Please read the updated instructions before you start: <a href="https://toloka.ai/tasks?projectId={projectId}">open the project</a>.',
      RU: 'Здравствуйте! Мы только что открыли новый пул «{pool}» на {n}00 страниц заданий. Оплата — {amount} за страницу. Перед началом прочитайте обновлённую инструкцию: <a href="https://toloka.ai/tasks?projectId={projectId}">открыть проект</a>.',
      TR: 'Merhaba! {n}00 görev sayfalık yeni "{pool}" havuzunu yayınladık. Sayfa başına ödeme {amount}. Başlamadan önce lütfen güncellenmiş talimatları okuyun: <a href="https://toloka.ai/tasks?projectId={projectId}">projeyi aç</a>.',
      ES: '¡Hola! Acabamos de publicar un nuevo pool "{pool}" con {n}00 páginas de tareas. La recompensa es {amount} por página.',
      ID: 'Halo! Kami baru saja membuka pool baru "{pool}" dengan {n}00 halaman tugas. Imbalannya {amount} per halaman.',
      FR: "Bonjour ! Nous venons de publier un nouveau pool « {pool} » de {n}00 pages de tâches. La rémunération est de {amount} par page.",
      DE: "Hallo! Wir haben gerade einen neuen Pool „{pool}“ mit {n}00 Aufgabenseiten veröffentlicht. Die Vergütung beträgt {amount} pro Seite.",
    },
  },
  "instruction-update": {
    topic: { EN: "Instructions updated: {project}", RU: "Обновление инструкции: «{project}»", TR: "Talimatlar güncellendi: {project}" },
    text: {
      EN: 'We have updated the instructions for "{project}": pages with ads are now rated by their main content, and there are 5 new examples. Answers given before the update are not affected.',
      RU: "Мы обновили инструкцию к проекту «{project}»: страницы с рекламой теперь оцениваются по основному контенту, добавлено 5 новых примеров. Ответы, данные до обновления, не пересматриваются.",
      TR: '"{project}" talimatlarını güncelledik: reklam içeren sayfalar artık ana içeriklerine göre değerlendiriliyor ve 5 yeni örnek eklendi. Güncellemeden önceki cevaplarınız etkilenmez.',
    },
  },
  bonus: {
    topic: {
      EN: "Bonuses for the best Tolokers of the week",
      RU: "Бонусы лучшим исполнителям недели",
      TR: "Haftanın en iyilerine bonus",
      ES: "Bonos para los mejores de la semana",
    },
    text: {
      EN: "Thank you for your work this week! Everyone who completed at least 200 tasks with accuracy above 90% will receive a bonus of {amount} on Monday.",
      RU: "Спасибо за работу на этой неделе! Все, кто выполнил не меньше 200 заданий с точностью выше 90%, получат бонус {amount} в понедельник.",
      TR: "Bu haftaki emeğiniz için teşekkürler! En az 200 görevi %90'ın üzerinde doğrulukla tamamlayan herkes pazartesi günü {amount} bonus alacak.",
      ES: "¡Gracias por su trabajo esta semana! Todos los que completaron al menos 200 tareas con una precisión superior al 90% recibirán un bono de {amount} el lunes.",
    },
  },
  "exam-invite": {
    topic: { EN: "You are invited to the exam", RU: "Приглашаем на экзамен", TR: "Sınava davetlisiniz" },
    text: {
      EN: 'Your results in our projects are excellent, so we invite you to take the exam for "{project}". Those who pass it get access to pools with a higher reward.',
      RU: "У вас отличные результаты в наших проектах, поэтому приглашаем вас пройти экзамен для проекта «{project}». Сдавшие получат доступ к пулам с повышенной оплатой.",
      TR: 'Projelerimizdeki sonuçlarınız çok iyi, bu yüzden sizi "{project}" sınavına davet ediyoruz. Sınavı geçenler daha yüksek ücretli havuzlara erişebilecek.',
    },
  },
  survey: {
    topic: { EN: "Short survey about our tasks", RU: "Короткий опрос о наших заданиях", TR: "Görevlerimiz hakkında kısa anket" },
    text: {
      EN: 'Please tell us what we can improve: it takes 3 minutes. The survey is a separate paid pool, "{pool}", with a reward of {amount}.',
      RU: "Расскажите, что нам улучшить: это займёт 3 минуты. Опрос — отдельный оплачиваемый пул «{pool}», оплата {amount}.",
      TR: 'Neyi geliştirebileceğimizi bize söyleyin: 3 dakika sürer. Anket, {amount} ödemeli ayrı bir havuzdur: "{pool}".',
    },
  },
  pause: {
    topic: { EN: "Tasks are paused", RU: "Задания временно приостановлены", TR: "Görevler geçici olarak durduruldu" },
    text: {
      EN: 'We have paused "{project}" for {days} days while we prepare new data. All submitted assignments will be checked and paid as usual.',
      RU: "Мы приостановили проект «{project}» на {days} дн., пока готовим новые данные. Все отправленные задания будут проверены и оплачены как обычно.",
      TR: 'Yeni verileri hazırlarken "{project}" projesini {days} günlüğüne durdurduk. Gönderilen tüm görevler her zamanki gibi kontrol edilip ödenecek.',
    },
  },
  holiday: {
    topic: { EN: "Acceptance will be slower during the holidays", RU: "В праздники проверка будет дольше", TR: "Tatilde kontroller gecikebilir" },
    text: {
      EN: "Our team is on holiday until next week, so assignments will be reviewed with a delay of up to {days} days. Thank you for your patience!",
      RU: "Наша команда на праздниках до следующей недели, поэтому проверка заданий может занять до {days} дн. Спасибо за терпение!",
      TR: "Ekibimiz gelecek haftaya kadar tatilde, bu yüzden görevlerin kontrolü {days} güne kadar gecikebilir. Sabrınız için teşekkürler!",
    },
  },
};

/** What Tolokers answer to each kind of send to many, with the requester's answers that fit. */
const MASS_REPLIES: Record<MassComposeKind, EntryBank> = {
  "new-tasks": {
    EN: [
      { body: "Thank you! When does the pool start?", answers: ["The pool opens today at 15:00 UTC."] },
      {
        body: "I don't see the new pool in my list. Is it available on mobile?",
        answers: ["The pool is available on mobile too; please update the Toloka app."],
      },
      { body: "Will the reward be the same as before?", answers: ["Yes, the reward is the same."] },
      "Great news, thank you!",
    ],
    RU: [
      { body: "Спасибо! А когда откроется пул?", answers: ["Пул откроется сегодня в 18:00 по Москве."] },
      { body: "Не вижу нового пула в списке. Он доступен с телефона?", answers: ["Пул доступен и с телефона, обновите приложение Толоки."] },
      "Отличные новости, спасибо!",
    ],
    TR: [{ body: "Teşekkürler! Havuz ne zaman açılacak?", answers: ["Havuz bugün 15:00 UTC'de açılacak."] }, "Yeni havuzu listemde göremiyorum."],
    ES: ["¡Gracias! ¿Cuándo empieza el pool?", "No veo el nuevo pool en mi lista."],
    ID: ["Terima kasih! Kapan pool-nya dibuka?", "Saya tidak melihat pool baru di daftar saya."],
    FR: ["Merci ! Quand le pool ouvre-t-il ?"],
    DE: ["Danke! Wann startet der Pool?"],
  },
  "instruction-update": {
    EN: [
      "Thanks, the new examples are very helpful.",
      { body: "Does this apply to the tasks I already did?", answers: ["No, answers given before the update are not affected."] },
      { body: "Where can I find the updated instructions?", answers: [`Here: ${PROJECT_LINK}, section "What's new".`] },
    ],
    RU: [
      "Спасибо, новые примеры очень помогают.",
      { body: "Это касается уже выполненных заданий?", answers: ["Нет, ответы, данные до обновления, не пересматриваются."] },
    ],
    TR: ["Teşekkürler, yeni örnekler çok faydalı."],
  },
  bonus: {
    EN: [
      "Thanks for the bonus!",
      {
        body: "Why didn't I get the bonus? I did {n}0 tasks this week.",
        answers: ["The bonus is for Tolokers with at least 200 tasks and accuracy above 90%. Your accuracy was {score}%, sorry."],
      },
      "Thank you, that's very motivating!",
    ],
    RU: [
      "Спасибо за бонус!",
      {
        body: "А почему мне не пришёл бонус? Я сделал(а) {n}0 заданий на этой неделе.",
        answers: ["Бонус получают те, у кого не меньше 200 заданий и точность выше 90%. У вас было {score}%, к сожалению."],
      },
    ],
    TR: ["Bonus için teşekkürler!"],
    ES: ["¡Gracias por el bono!"],
    ID: ["Terima kasih atas bonusnya!"],
  },
  "exam-invite": {
    EN: [
      "Thank you for the invitation!",
      {
        body: "I passed the exam, but the pool is still not visible.",
        answers: ["The pool appears within an hour after the exam. If it is still not there, please write again."],
      },
      { body: "How many questions are in the exam?", answers: ["There are 20 questions; you need {threshold} points to pass."] },
    ],
    RU: ["Спасибо за приглашение!", { body: "Сдал(а) экзамен, но пул всё ещё не виден.", answers: ["Пул появляется в течение часа после экзамена."] }],
    TR: ["Davet için teşekkürler!"],
  },
  survey: {
    EN: [
      { body: "Done! Thanks for asking our opinion.", answers: ["Thank you for your feedback!"] },
      { body: "The survey pool doesn't open for me.", answers: ["Thanks, we have fixed the link."] },
      { body: "Please make the tasks easier to use on mobile.", answers: ["Thank you, we are working on the mobile layout."] },
    ],
    RU: [{ body: "Прошёл(а) опрос, спасибо, что спрашиваете!", answers: ["Спасибо за отзыв!"] }, "Пул с опросом у меня не открывается."],
    TR: ["Anketi doldurdum, teşekkürler!"],
  },
  pause: {
    EN: ["Thanks for letting us know.", { body: "When exactly will the project be back?", answers: ["We expect to be back in {days} days."] }, "ok"],
    RU: ["Спасибо, что предупредили.", { body: "А когда точно вернутся задания?", answers: ["Планируем вернуться через {days} дн."] }],
    TR: ["Haber verdiğiniz için teşekkürler."],
  },
  holiday: {
    EN: [{ body: "Thanks! Happy holidays to your team too.", answers: ["Thank you! Happy holidays!"] }, "Thanks for letting us know."],
    RU: [{ body: "Спасибо! И вас с праздниками!", answers: ["Спасибо, и вас!"] }],
    TR: ["Teşekkürler, iyi tatiller!"],
  },
};

/** A Toloker's reply to a send to many, and the requester answers that fit it. */
export interface MassReplyDraft {
  text: string;
  hints: readonly string[];
}

/** A Toloker's answer to a send to many of `kind`, in `lang` (English when the bank has none). */
export function massReply(rng: Rng, lang: MessageLang, vars: PhraseVars, kind: MassComposeKind): MassReplyDraft {
  const bank = MASS_REPLIES[kind];
  const entry = rng.pick(bank[lang] ?? bank.EN);
  const text = fill(entryBody(entry), vars);
  return {
    text: rng.chance(0.25) ? `${rng.pick(from(GREETINGS, lang))} ${text}` : text,
    hints: typeof entry === "string" ? [] : (entry.answers ?? []),
  };
}

/** The requester's answer to a Toloker's reply to a send to many: one that fits, else a polite closing. */
export function requesterToMassReply(rng: Rng, lang: MessageLang, vars: PhraseVars, reply: MassReplyDraft): string {
  return fill(rng.pick(reply.hints.length > 0 ? reply.hints : from(REQUESTER_CLOSINGS, lang)), vars);
}

/** A Toloker's follow-up in a reply thread, after the requester answered. */
export function tolokerThanks(rng: Rng, lang: MessageLang): string {
  return rng.pick(from(TOLOKER_THANKS, lang));
}

/** The requester's closing words. */
export function requesterClosing(rng: Rng, lang: MessageLang): string {
  return rng.pick(from(REQUESTER_CLOSINGS, lang));
}

/** Messages the requester sends to one Toloker. */
const DIRECT_COMPOSE_KINDS = ["bonus", "quality", "appeal-accepted", "private-invite", "clarify", "skill-restored"] as const;
export type DirectComposeKind = (typeof DIRECT_COMPOSE_KINDS)[number];

interface DirectTemplate extends ComposeTemplate {
  /** What the Toloker answers. */
  replies: Bank;
  /** What the requester says next. */
  next: Bank;
}

const DIRECT_COMPOSES: Record<DirectComposeKind, DirectTemplate> = {
  bonus: {
    topic: {
      EN: "You have got a bonus!",
      RU: "Вам начислен бонус!",
      TR: "Bonus kazandınız!",
      ES: "¡Ha recibido un bono!",
      ID: "Anda mendapat bonus!",
      FR: "Vous avez reçu un bonus !",
      DE: "Sie haben einen Bonus erhalten!",
    },
    text: {
      EN: 'Thank you for the careful work in "{pool}"! We have sent you a bonus of {amount}.',
      RU: "Спасибо за аккуратную работу в пуле «{pool}»! Мы начислили вам бонус {amount}.",
      TR: '"{pool}" havuzundaki özenli çalışmanız için teşekkürler! Size {amount} bonus gönderdik.',
      ES: '¡Gracias por su trabajo cuidadoso en "{pool}"! Le hemos enviado un bono de {amount}.',
      ID: 'Terima kasih atas kerja teliti Anda di "{pool}"! Kami telah mengirimkan bonus sebesar {amount}.',
      FR: "Merci pour votre travail soigné dans « {pool} » ! Nous vous avons envoyé un bonus de {amount}.",
      DE: "Danke für Ihre sorgfältige Arbeit in „{pool}“! Wir haben Ihnen einen Bonus von {amount} geschickt.",
    },
    replies: {
      EN: ["Thank you so much!", "Thank you, what a nice surprise!"],
      RU: ["Большое спасибо!"],
      TR: ["Çok teşekkürler!"],
      ES: ["¡Muchas gracias!"],
      ID: ["Terima kasih banyak!"],
      FR: ["Merci beaucoup !"],
      DE: ["Vielen Dank!"],
    },
    next: { EN: ["You're welcome! Thank you for your work."], RU: ["Вам спасибо за работу!"] },
  },
  quality: {
    topic: {
      EN: "About the quality of your answers",
      RU: "О качестве ваших ответов",
      TR: "Cevaplarınızın kalitesi hakkında",
      ES: "Sobre la calidad de sus respuestas",
      ID: "Tentang kualitas jawaban Anda",
    },
    text: {
      EN: 'We noticed that many of your answers in "{pool}" were given in less than 3 seconds and differ from the majority. Please read the instructions again, otherwise we will have to restrict access.',
      RU: "Мы заметили, что многие ваши ответы в пуле «{pool}» даны меньше чем за 3 секунды и расходятся с большинством. Перечитайте, пожалуйста, инструкцию, иначе придётся ограничить доступ.",
      TR: '"{pool}" havuzundaki cevaplarınızın çoğunun 3 saniyeden kısa sürede verildiğini ve çoğunluktan farklı olduğunu fark ettik. Lütfen talimatları tekrar okuyun, aksi halde erişimi kısıtlamak zorunda kalacağız.',
      ES: 'Notamos que muchas de sus respuestas en "{pool}" se dieron en menos de 3 segundos y difieren de la mayoría. Por favor, lea de nuevo las instrucciones.',
      ID: 'Kami melihat banyak jawaban Anda di "{pool}" diberikan kurang dari 3 detik dan berbeda dari mayoritas. Mohon baca kembali instruksinya.',
    },
    replies: {
      EN: ["Sorry, I will be more careful.", "I disagree: I read every task carefully, I am just fast because I have done thousands of them."],
      RU: ["Извините, буду внимательнее."],
      TR: ["Özür dilerim, daha dikkatli olacağım."],
      ES: ["Lo siento, tendré más cuidado."],
      ID: ["Maaf, saya akan lebih teliti."],
    },
    next: { EN: ["Thank you for understanding.", "Understood. Please keep an eye on the control tasks then."], RU: ["Спасибо за понимание."] },
  },
  "appeal-accepted": {
    topic: {
      EN: "Your appeal was accepted",
      RU: "Ваша апелляция принята",
      TR: "İtirazınız kabul edildi",
      ES: "Su apelación fue aceptada",
      ID: "Banding Anda diterima",
      FR: "Votre contestation a été acceptée",
      DE: "Ihr Einspruch wurde angenommen",
    },
    text: {
      EN: "We have rechecked assignment {assignment} and accepted it. Thank you for pointing out the wrong control task!",
      RU: "Мы перепроверили задание {assignment} и приняли его. Спасибо, что указали на ошибку в контрольном задании!",
      TR: "{assignment} numaralı görevi tekrar kontrol ettik ve kabul ettik. Hatalı kontrol görevini bildirdiğiniz için teşekkürler!",
      ES: "Revisamos de nuevo la tarea {assignment} y la aceptamos. ¡Gracias por avisarnos!",
      ID: "Kami telah memeriksa ulang tugas {assignment} dan menerimanya. Terima kasih!",
      FR: "Nous avons revu la tâche {assignment} et l'avons acceptée. Merci de nous avoir signalé l'erreur !",
      DE: "Wir haben die Aufgabe {assignment} erneut geprüft und angenommen. Danke für den Hinweis!",
    },
    replies: {
      EN: ["Thank you for checking!", "Thank you! Will my skill be restored as well?"],
      RU: ["Спасибо, что проверили!"],
      TR: ["Kontrol ettiğiniz için teşekkürler!"],
      ES: ["¡Gracias por revisarlo!"],
      ID: ["Terima kasih sudah memeriksa!"],
      FR: ["Merci d'avoir vérifié !"],
      DE: ["Danke fürs Prüfen!"],
    },
    next: { EN: ["Yes, the skill has been recalculated."], RU: ["Да, навык пересчитан."] },
  },
  "private-invite": {
    topic: { EN: "Invitation to a private pool", RU: "Приглашение в закрытый пул", TR: "Özel havuza davet" },
    text: {
      EN: 'Hi! You are one of our most accurate Tolokers in "{project}". We have opened a private pool "{pool}" for you with a higher reward ({amount} per suite). It is already in your task list.',
      RU: "Здравствуйте! Вы один из самых точных исполнителей в проекте «{project}». Мы открыли для вас закрытый пул «{pool}» с повышенной оплатой ({amount} за страницу). Он уже есть в вашем списке заданий.",
      TR: 'Merhaba! "{project}" projesindeki en doğru çalışanlarımızdan birisiniz. Sizin için daha yüksek ücretli ({amount}/sayfa) özel bir havuz açtık: "{pool}".',
    },
    replies: {
      EN: ["Thank you, I'll start today!", "Thanks! How many tasks are in the pool?"],
      RU: ["Спасибо, сегодня же начну!"],
      TR: ["Teşekkürler, bugün başlıyorum!"],
    },
    next: { EN: ["About 2,000 task suites; the pool stays open for two weeks."], RU: ["Около 2000 страниц, пул открыт две недели."] },
  },
  clarify: {
    topic: { EN: "Question about your answers", RU: "Вопрос по вашим ответам" },
    text: {
      EN: 'Hello! In assignment {assignment} you marked several product photos as "Duplicate". Could you explain why? We want to make sure the instructions are clear.',
      RU: "Здравствуйте! В задании {assignment} вы отметили несколько фото товаров как «Дубликат». Поясните, пожалуйста, почему? Хотим убедиться, что инструкция понятна.",
    },
    replies: {
      EN: [
        "I marked them as duplicates because the photos show the same product from the same angle.",
        "Sorry, I thought slightly different colours still count as duplicates.",
      ],
      RU: ["Я отметил(а) их как дубликаты, потому что на фото один и тот же товар с одного ракурса."],
    },
    next: { EN: ["Thanks for explaining! We will clarify this case in the instructions."], RU: ["Спасибо за пояснение! Уточним этот случай в инструкции."] },
  },
  "skill-restored": {
    topic: { EN: "Your skill was restored", RU: "Ваш навык восстановлен" },
    text: {
      EN: 'After checking your appeal we restored your "{skill}" skill to {score}. You have access to the pools again.',
      RU: "После проверки апелляции мы восстановили ваш навык «{skill}» до {score}. Доступ к пулам снова открыт.",
    },
    replies: { EN: ["Thank you very much!", "Thanks, I can see the pools again."], RU: ["Спасибо большое!"] },
    next: { EN: ["Good luck with the tasks!"], RU: ["Удачи в заданиях!"] },
  },
};

/** A compose's topic and text: one map per field, the same languages in both. */
export interface ComposeDraft {
  topic: Record<string, string>;
  text: Record<string, string>;
}

function translate(t: ComposeTemplate, langs: readonly MessageLang[], vars: PhraseVars): ComposeDraft {
  const topic: Record<string, string> = {};
  const text: Record<string, string> = {};
  for (const lang of langs) {
    const tp = t.topic[lang];
    const tx = t.text[lang];
    if (tp === undefined || tx === undefined) continue;
    topic[lang] = fill(tp, vars);
    text[lang] = fill(tx, vars);
  }
  if (Object.keys(text).length === 0) {
    topic.EN = fill(t.topic.EN, vars);
    text.EN = fill(t.text.EN, vars);
  }
  return { topic, text };
}

/**
 * A message to many Tolokers. Requesters with an international crowd usually write it in several
 * languages at once (each Toloker sees their own), most often EN+RU+TR.
 */
export function massCompose(rng: Rng, vars: PhraseVars, kind?: MassComposeKind): ComposeDraft & { kind: MassComposeKind } {
  const k = kind ?? rng.pick(MASS_COMPOSE_KINDS);
  const langs = rng.weighted<readonly MessageLang[]>([
    [["EN", "RU", "TR"], 0.5],
    [["EN"], 0.25],
    [["EN", "RU"], 0.12],
    [["EN", "RU", "TR", "ES", "ID", "FR", "DE"], 0.13],
  ]);
  return { kind: k, ...translate(MASS_COMPOSES[k], langs, vars) };
}

/** A message to one Toloker, in `lang` (English when there is no translation), sometimes also in EN. */
export function directCompose(rng: Rng, lang: MessageLang, vars: PhraseVars): ComposeDraft & { kind: DirectComposeKind } {
  const kind = rng.pick(DIRECT_COMPOSE_KINDS);
  const langs: MessageLang[] = lang !== "EN" && rng.chance(0.2) ? ["EN", lang] : [lang];
  return { kind, ...translate(DIRECT_COMPOSES[kind], langs, vars) };
}

/** The Toloker's answer to a direct message of `kind`. */
export function directReply(rng: Rng, lang: MessageLang, vars: PhraseVars, kind: DirectComposeKind): string {
  return fill(rng.pick(from(DIRECT_COMPOSES[kind].replies, lang)), vars);
}

/** The requester's next message in a direct conversation of `kind`. */
export function requesterDirectFollowUp(rng: Rng, lang: MessageLang, vars: PhraseVars, kind: DirectComposeKind): string {
  const specific = DIRECT_COMPOSES[kind].next[lang];
  return fill(rng.pick(specific && rng.chance(0.7) ? specific : from(REQUESTER_CLOSINGS, lang)), vars);
}

// ---------------------------------------------------------------------------------------------------
// The administrator and the platform.

interface AdminTemplate {
  topic: Translated;
  text: Translated;
  answerable: boolean;
}

const ADMIN_MESSAGES: readonly AdminTemplate[] = [
  {
    answerable: false,
    topic: { EN: "Changes to the Toloka Terms of Use" },
    text: {
      EN: "Dear requester,\n\nnew Terms of Use come into effect on the 1st of next month. The main change concerns the minimum hourly reward in projects. Please review the terms in your profile.\n\nToloka team",
    },
  },
  {
    answerable: true,
    topic: { EN: 'Complaint from Tolokers about "{project}"' },
    text: {
      EN: 'Hello! We have received several complaints from Tolokers that tasks in pool "{pool}" ({poolId}) are rejected without explanation. Please check your acceptance settings and reply to this message.',
    },
  },
  {
    answerable: true,
    topic: { EN: "Your support request #{ticket}" },
    text: {
      EN: "Hello! Regarding your question about bonuses via the API: bonuses over $100 per Toloker a day require manual confirmation. Do you want us to raise the limit for your account?",
    },
  },
  {
    answerable: false,
    topic: { EN: "Verification of account documents", RU: "Проверка документов аккаунта" },
    text: {
      EN: "Your company documents have been verified. Invoices for top-ups are now available in the Billing section.",
      RU: "Документы вашей компании проверены. Счета на пополнение теперь доступны в разделе «Биллинг».",
    },
  },
  {
    answerable: true,
    topic: { EN: 'Instructions review for "{project}"' },
    text: {
      EN: 'Hello! As part of the quality program we reviewed the instructions of "{project}". Please add examples for edge cases: Tolokers report that 30% of their questions concern the same situations.',
    },
  },
  {
    answerable: false,
    topic: { EN: "Scheduled maintenance", RU: "Плановые работы" },
    text: {
      EN: "Toloka will be unavailable for up to 30 minutes on Saturday at 03:00 UTC due to scheduled maintenance. API requests during this time may return 503.",
      RU: "В субботу в 03:00 UTC Toloka будет недоступна до 30 минут из-за плановых работ. В это время запросы к API могут возвращать 503.",
    },
  },
  {
    answerable: true,
    topic: { EN: "Project review", RU: "Проверка проекта" },
    text: {
      EN: 'Your project "{project}" has been temporarily hidden from Tolokers because the reward per hour is below the recommended level. Please update the pool price and reply to this message.',
      RU: "Ваш проект «{project}» временно скрыт от исполнителей, потому что оплата за час ниже рекомендуемой. Пожалуйста, обновите цену в пуле и ответьте на это сообщение.",
    },
  },
];

const REQUESTER_TO_ADMIN: readonly string[] = [
  "Thank you, we have updated the settings. Could you please check again?",
  "Hello! Yes, please raise the limit to $300 a day.",
  "Thanks for the heads-up. We have added 6 new examples to the instructions.",
  "We have reviewed the pool: 12 assignments were rejected by mistake and are now accepted.",
];

const ADMIN_FOLLOW_UPS: readonly string[] = [
  "Thank you! Everything looks good now, the project is visible again.",
  "Done, the limit has been raised. Have a nice day!",
  "Thank you for the quick reaction.",
];

/** An administrator's message: topic, text (EN, sometimes also RU) and whether it can be answered. */
export function adminMessage(rng: Rng, vars: PhraseVars): ComposeDraft & { answerable: boolean } {
  const t = rng.pick(ADMIN_MESSAGES);
  const langs: MessageLang[] = t.text.RU !== undefined && rng.chance(0.6) ? ["EN", "RU"] : ["EN"];
  return { ...translate(t, langs, vars), answerable: t.answerable };
}

/** The requester's reply to the administrator. */
export function requesterToAdmin(rng: Rng): string {
  return rng.pick(REQUESTER_TO_ADMIN);
}

/** The administrator's next message. */
export function adminFollowUp(rng: Rng): string {
  return rng.pick(ADMIN_FOLLOW_UPS);
}

interface NoticeTemplate extends ComposeTemplate {
  /** Which of the task's ids the notice carries in `meta`. */
  meta: "pool" | "project" | "none";
  weight: number;
}

const NOTICES: readonly NoticeTemplate[] = [
  {
    weight: 5,
    meta: "pool",
    topic: { EN: 'Pool "{pool}" was closed', RU: "Пул «{pool}» закрыт" },
    text: {
      EN: 'Pool "{pool}" ({poolId}) in project "{project}" was closed: the end date has passed. {n}00 task suites were completed.',
      RU: "Пул «{pool}» ({poolId}) в проекте «{project}» закрыт: истёк срок. Выполнено страниц заданий: {n}00.",
    },
  },
  {
    weight: 5,
    meta: "pool",
    topic: { EN: 'Pool "{pool}" completed' },
    text: { EN: 'All tasks in pool "{pool}" ({poolId}) are completed. You can download the results on the pool page.' },
  },
  {
    weight: 3,
    meta: "none",
    topic: { EN: "Your account balance is low", RU: "На балансе заканчиваются средства" },
    text: {
      EN: "Your balance is {balance}. It is enough for about {hours} hours of work in the open pools. Top up your account so that the pools are not stopped.",
      RU: "На вашем балансе {balance}. Этого хватит примерно на {hours} ч работы открытых пулов. Пополните счёт, чтобы пулы не остановились.",
    },
  },
  {
    weight: 2,
    meta: "project",
    topic: { EN: 'Project "{project}" was archived' },
    text: { EN: 'Project "{project}" ({projectId}) was archived automatically because it had no open pools for 30 days.' },
  },
  {
    weight: 2,
    meta: "pool",
    topic: { EN: 'Pool "{pool}" was stopped: insufficient funds' },
    text: { EN: 'Pool "{pool}" ({poolId}) was stopped because there are not enough funds on your account. Top up the balance and start the pool again.' },
  },
  {
    weight: 3,
    meta: "pool",
    topic: { EN: "Aggregation results are ready" },
    text: { EN: 'Dawid-Skene aggregation for pool "{pool}" ({poolId}) is completed. The results are available for download.' },
  },
  {
    weight: 2,
    meta: "none",
    topic: { EN: "Funds credited to your account" },
    text: { EN: "{balance} has been credited to your account. Thank you for using Toloka!" },
  },
  {
    weight: 2,
    meta: "pool",
    topic: { EN: 'Training pool "{pool}" closed' },
    text: { EN: 'Training pool "{pool}" was closed because its skill has been assigned to {n}00 Tolokers, the limit you set.' },
  },
];

const NOTICE_WEIGHTS = NOTICES.map((n) => [n, n.weight] as const);

/** A platform notice: topic, text (EN, sometimes also RU) and which task ids it refers to. */
export function notice(rng: Rng, vars: PhraseVars): ComposeDraft & { meta: "pool" | "project" | "none" } {
  const t = rng.weighted(NOTICE_WEIGHTS);
  const langs: MessageLang[] = t.text.RU !== undefined && rng.chance(0.3) ? ["EN", "RU"] : ["EN"];
  return { ...translate(t, langs, vars), meta: t.meta };
}
