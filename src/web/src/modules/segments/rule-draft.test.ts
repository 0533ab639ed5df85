import { describe, expect, it } from 'vitest';
import { noFilters, type ListState } from '../customers/list-state.js';
import { builderPath, fromRule, toCondition, toRule } from './rule-draft.js';
import { abcXyzRule, atRiskRule, listFiltersRule } from './save-as.js';
import type { RuleGroup } from './segments.types.js';

// One condition of every kind, nested, with money in kopecks as the API takes it.
const everything: RuleGroup = {
  kind: 'group', combinator: 'and', rules: [
    { kind: 'text', field: 'city', op: 'eq', value: 'Москва' },
    { kind: 'text', field: 'utmSource', op: 'in', values: ['yandex', 'vk'] },
    { kind: 'date', field: 'birthDate', op: 'anniversaryWithinDays', days: 7 },
    { kind: 'date', field: 'birthDate', op: 'ageBetween', from: 25, toAge: 40 },
    { kind: 'statDate', stat: 'lastOrderAt', op: 'between', value: '2026-01-01', to: '2026-03-31' },
    { kind: 'stat', stat: 'revenue', op: 'between', value: 150_050, to: 1_000_000 },
    { kind: 'score', score: 'pAlive', op: 'lte', value: 0.7 },
    { kind: 'class', score: 'rfmSegment', in: ['vip', 'loyal'] },
    { kind: 'trait', trait: 'любимый цвет', type: 'text', op: 'contains', value: 'зел' },
    { kind: 'trait', trait: 'vip', type: 'boolean', op: 'isTrue' },
    { kind: 'identifier', identifier: 'email', present: false },
    { kind: 'consent', channel: 'sms', status: 'granted' },
    {
      kind: 'group', combinator: 'or', not: true, rules: [
        { kind: 'event', type: 'track', name: 'Product Viewed', where: [{ path: 'category', op: 'eq', value: 'обувь' }, { path: 'price', op: 'gte', value: 5000 }], frequency: { op: 'atLeast', count: 3 }, window: { kind: 'lastDays', days: 30 } },
        { kind: 'event', type: 'page', where: [], frequency: { op: 'exactly', count: 0 }, window: { kind: 'ever' } },
        { kind: 'purchase', product: { by: 'category', values: ['Обувь'] }, measure: 'amount', op: 'atLeast', value: 1_000_000, window: { kind: 'between', from: '2026-01-01', to: '2026-06-30' } },
        { kind: 'purchase', measure: 'orders', op: 'atMost', value: 1, window: { kind: 'lastDays', days: 90 } },
        { kind: 'cartAbandoned', hours: 24, window: { kind: 'lastDays', days: 7 } },
        { kind: 'segment', segmentId: 'seg_1', member: false },
      ],
    },
  ],
};

describe('the rule builder\'s tree and the rule language', () => {
  it('reads back every kind of condition it was given, nested groups and "not" included', () => {
    expect(toRule(fromRule(everything, 'RUB'), 'RUB')).toEqual(everything);
  });

  it('shows money in roubles and sends it in kopecks', () => {
    const tree = fromRule(everything, 'RUB');
    const revenue = tree.rules[5];
    expect(revenue && 'field' in revenue ? revenue.value : null).toMatchObject({ value: '1500.5', to: '10000' });
    expect(toCondition('stat.revenue', 'gte', { value: '1 500,50' }, 'RUB')).toEqual({ kind: 'stat', stat: 'revenue', op: 'gte', value: 150_050 });
    expect(toCondition('stat.ordersCount', 'gte', { value: '3' }, 'RUB')).toEqual({ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 });
    // In Russian the decimals are typed after a comma, and read back the same.
    const russian = fromRule(everything, 'RUB', true);
    const typedRevenue = russian.rules[5];
    expect(typedRevenue && 'field' in typedRevenue ? typedRevenue.value : null).toMatchObject({ value: '1500,5' });
    expect(toRule(russian, 'RUB')).toEqual(everything);
  });

  it('has no rule while a condition still misses what its operator needs', () => {
    expect(toCondition('text.city', 'eq', { value: '  ' }, 'RUB')).toBeNull();
    expect(toCondition('stat.revenue', 'between', { value: '10' }, 'RUB')).toBeNull();
    expect(toCondition('event.track', 'atLeast', { name: '', count: '1', window: { kind: 'ever' } }, 'RUB')).toBeNull();
    expect(toCondition('date.birthDate', 'before', { value: '07.12.2026' }, 'RUB')).toBeNull();
    expect(toCondition('text.city', 'set', {}, 'RUB')).toEqual({ kind: 'text', field: 'city', op: 'set' });
    const tree = fromRule(everything, 'RUB');
    expect(toRule({ ...tree, rules: [...tree.rules, { field: 'text.city', operator: 'eq', value: {} }] }, 'RUB')).toBeNull();
  });

  it('finds the condition an API refusal names', () => {
    expect(builderPath('rule.rules[12].rules[0].window.to')).toBe('12.0');
    expect(builderPath('body.rule.rules[1].value')).toBe('1');
    expect(builderPath('rule')).toBe('');
    expect(builderPath('name')).toBeNull();
  });
});

describe('save as segment', () => {
  it('keeps the customer list filters\' meaning: a city by the start of its name, money in kopecks, "mine" as the manager', () => {
    const state: ListState = { ...noFilters, q: 'Иван', sort: '-createdAt', scope: 'mine', city: 'моск', minOrders: 3, maxRevenue: 1500.5, minDaysSince: 90, stage: ['repeat'], abcXyz: ['AX'] };
    expect(listFiltersRule(state, { userId: 'u1', currency: 'RUB' })).toEqual({
      kind: 'group', combinator: 'and', rules: [
        { kind: 'text', field: 'city', op: 'startsWith', value: 'моск' },
        { kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 },
        { kind: 'stat', stat: 'revenue', op: 'lte', value: 150_050 },
        { kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 90 },
        { kind: 'class', score: 'stage', in: ['repeat'] },
        { kind: 'text', field: 'managerUserId', op: 'eq', value: 'u1' },
        { kind: 'group', combinator: 'and', rules: [{ kind: 'class', score: 'abc', in: ['A'] }, { kind: 'class', score: 'xyz', in: ['X'] }] },
      ],
    });
  });

  it('reads several ABC/XYZ cells as any of them, and the at-risk band with its ends', () => {
    expect(abcXyzRule(['AX', 'AY']).combinator).toBe('or');
    expect(atRiskRule({ min: 0.2, max: 0.7 }).rules).toEqual([{ kind: 'score', score: 'pAlive', op: 'between', value: 0.2, to: 0.7 }]);
  });
});
