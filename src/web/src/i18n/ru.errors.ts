// Russian wording of the API's per-domain error codes (see en.errors.ts).

import type { errorCodesEn } from './en.errors.js';

/** Russian messages of the API's per-domain error codes, by domain. */
export const errorCodesRu: typeof errorCodesEn = {
  auth: {
    sign_in_required: 'Войдите, чтобы продолжить.',
    unknown_api_key: 'Ключ API неизвестен или отозван.',
    role_forbids: 'Ваша роль не позволяет это сделать.',
    no_workspace: 'Вы пока не состоите ни в одном пространстве: попросите владельца добавить вас.',
    not_member: 'Вы не состоите в этом пространстве.',
  },
  users: {
    email_taken: 'Пользователь с e-mail {{email}} уже есть.',
    already_member: '{{email}} уже состоит в пространстве; измените его роль.',
    last_owner: 'В пространстве должен остаться хотя бы один владелец.',
    cannot_grant: 'Нельзя выдать роль выше своей.',
    cannot_change: 'Нельзя изменить участника, чья роль выше вашей.',
    wrong_credentials: 'Неверный e-mail или пароль.',
    too_many_sign_ins: 'Слишком много неудачных попыток. Попробуйте через {{minutes}} мин.',
  },
  workspaces: {
    create_forbidden: 'Создавать пространства может только владелец одного из пространств.',
  },
  customers: {
    identifier_taken: 'Этот идентификатор ({{kind}} {{value}}) уже принадлежит клиенту {{customerId}}.',
    identifier_required: 'Укажите хотя бы один идентификатор: телефон, e-mail, карту или внешний id.',
  },
  imports: {
    multipart_no_boundary: 'Не удалось прочитать загрузку. Выберите файл ещё раз.',
    multipart_incomplete: 'Загрузка оборвалась. Выберите файл ещё раз.',
    already_started: 'Этот импорт уже запущен, отменён или истёк.',
  },
  scores: {
    already_running: 'Показатели уже пересчитываются; они появятся, когда расчёт закончится.',
  },
  segments: {
    rule_required: 'Сегменту по правилу нужно хотя бы одно условие.',
    kind_mismatch: 'У списка нет правила, его участников добавляют вручную; сегмент по правилу следует своему правилу.',
    segment_missing: 'Правило ссылается на сегмент, которого больше нет.',
    cycle: 'Сегменты не могут ссылаться друг на друга по кругу: {{path}}.',
  },
};
