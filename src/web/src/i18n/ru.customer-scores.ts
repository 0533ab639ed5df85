import type { customerScoresEn } from './en.customer-scores.js';

// A number and its per cent sign are joined by a no-break space (\u00a0), as Intl writes them.

/** Russian messages of the customer scores. */
export const customerScoresRu: typeof customerScoresEn = {
  card: {
    title: 'Оценки',
    rfm: 'RFM-сегмент',
    rfmScores: 'R {{r}} · F {{f}} · M {{m}}',
    rfmScoresHint: 'Давность, частота и сумма покупок — каждая от 1 до 5 среди всех покупателей; 5 — лучшая',
    abcXyz: 'ABC/XYZ',
    golden: 'Золотой клиент',
    abc: {
      A: 'A: среди тех, кто приносит 80\u00a0% выручки',
      B: 'B: следующие 15\u00a0% выручки',
      C: 'C: последние 5\u00a0% выручки',
    },
    xyz: {
      X: 'X: 80\u00a0% заказов',
      Y: 'Y: следующие 15\u00a0% заказов',
      Z: 'Z: последние 5\u00a0% заказов',
    },
    stage: 'Стадия жизненного цикла',
    since: 'с {{date}}',
    history: 'История стадий',
    earlier: 'Ранее: переходов — {{n}}',
    pAlive: 'P(активен)',
    pAliveHint: 'Вероятность, что клиент всё ещё покупает в магазине, а не ушёл насовсем',
    expected: 'Ожидаемые покупки',
    in30: 'за 30 дней',
    in90: 'за 90 дней',
    in365: 'за год',
    predictedClv: 'Прогноз CLV',
    predictedClvHint: 'Сколько клиент, по прогнозу, потратит за горизонт прогноза, с дисконтированием по месяцам',
    noPurchases: 'Покупок пока нет: для RFM, ABC/XYZ и прогнозов нужна хотя бы одна.',
    noForecast: 'В магазине пока слишком мало повторных покупок для прогноза.',
    computedAt: 'Рассчитано {{time}}',
    emptyTitle: 'Оценки ещё не рассчитывались',
    emptyText: 'RFM-сегмент, ячейка ABC/XYZ, стадия жизненного цикла и прогнозы появятся после первого расчёта.',
    notScoredTitle: 'Ещё не оценён',
    notScoredText: 'Клиент появился после последнего расчёта ({{time}}) и будет оценён при следующем.',
  },
  status: {
    computed: 'Оценки рассчитаны {{ago}}',
    justNow: 'только что',
    never: 'Оценки ещё не рассчитывались',
    running: 'Оценки пересчитываются…',
    failed: 'Последний расчёт не удался',
    schedule: 'Пересчитываются автоматически каждые {{hours}} ч; последний раз {{time}}',
    onRequest: 'Рассчитываются по запросу; последний раз {{time}}',
    recompute: 'Пересчитать',
    compute: 'Рассчитать',
    done: 'Оценки пересчитаны: клиентов — {{n}}',
    doneFailed: 'Не удалось рассчитать оценки: {{error}}',
  },
};
