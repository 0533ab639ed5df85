import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { type ClvRow, ClvCustomerTable } from './ClvCustomerTable.js';

/** What the CLV lists show, from a fit on request or from the stored summary. */
export interface ClvLists {
  top: ClvRow[];
  topShortHistory: ClvRow[];
  atRisk: ClvRow[];
  minObservedDays: number;
  atRiskBand: { min: number; max: number };
}

/** Props of ClvListPanels. */
export interface ClvListPanelsProps {
  lists: ClvLists;
  busy: boolean;
  /** Under the at-risk list (a link to all of them). */
  atRiskFooter?: ReactNode;
}

/**
 * The CLV screen's lists: the valuable customers at risk (what to act on first), the most valuable
 * with enough history to rank, and the high forecasts from short histories, ranked apart and marked.
 */
export function ClvListPanels({ lists, busy, atRiskFooter }: ClvListPanelsProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const band = { min: f.percent(lists.atRiskBand.min, 0), max: f.percent(lists.atRiskBand.max, 0) };
  const days = f.number(lists.minObservedDays);
  return (
    <>
      <AnalyticsPanel title={t('analytics.clv.atRisk.title')} intro={t('analytics.clv.atRisk.text', band)} busy={busy}>
        {lists.atRisk.length === 0 ? (
          <Text c="dimmed">{t('analytics.clv.atRisk.none', band)}</Text>
        ) : (
          <>
            <ClvCustomerTable rows={lists.atRisk} label={t('analytics.clv.atRisk.title')} />
            {atRiskFooter}
          </>
        )}
      </AnalyticsPanel>
      <AnalyticsPanel title={t('analytics.clv.top.title')} intro={t('analytics.clv.top.text', { days })} busy={busy}>
        {lists.top.length === 0 ? <Text c="dimmed">{t('analytics.clv.top.none', { days })}</Text> : <ClvCustomerTable rows={lists.top} label={t('analytics.clv.top.title')} />}
        <Text size="xs" c="dimmed">
          {t('analytics.clv.onePurchase')}
        </Text>
      </AnalyticsPanel>
      {lists.topShortHistory.length > 0 && (
        <AnalyticsPanel title={t('analytics.clv.shortHistory.title')} intro={t('analytics.clv.shortHistory.text', { days })} busy={busy}>
          <ClvCustomerTable rows={lists.topShortHistory} label={t('analytics.clv.shortHistory.title')} history />
        </AnalyticsPanel>
      )}
    </>
  );
}
