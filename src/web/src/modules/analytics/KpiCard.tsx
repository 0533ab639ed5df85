import { Paper, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../format/format.js';
import { useFormatter } from '../../format/useFormatter.js';
import { type KpiChange, kpiChange, type KpiKind, type KpiSpec } from './kpi-metrics.js';

/** Props of KpiCard. */
export interface KpiCardProps {
  spec: KpiSpec;
  current: number | null;
  previous: number | null;
  /** Days without a purchase after which a customer no longer counts as active (for the retention hint). */
  activeDays: number;
}

const toneColor = { better: 'teal.7', worse: 'red.7', neutral: 'dimmed' } as const;
const arrows = { up: '▲', down: '▼', same: '' } as const;

/** One KPI: its value, how it moved against the previous period (green the right way), and the previous value. */
export function KpiCard({ spec, current, previous, activeDays }: KpiCardProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const name = t(`analytics.kpi.names.${spec.key}`);
  const change = kpiChange(spec, current, previous);
  return (
    <Paper withBorder p="md" radius="md" role="listitem" aria-label={name}>
      <Tooltip label={t(`analytics.kpi.hints.${spec.key}`, { days: activeDays })} multiline w={300} withArrow openDelay={250} position="top-start">
        <Text span size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3} tabIndex={0} style={{ cursor: 'help' }}>
          {name}
        </Text>
      </Tooltip>
      <Text fz={26} fw={650} lh={1.25} mt={6} c={current === null ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {current === null ? '—' : formatValue(f, spec.kind, current)}
      </Text>
      {current === null ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t(`analytics.kpi.${spec.missing}`)}
        </Text>
      ) : (
        change && <ChangeText change={change} kind={spec.kind} />
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {t('analytics.kpi.previous', { value: previous === null ? '—' : formatValue(f, spec.kind, previous) })}
      </Text>
    </Paper>
  );
}

function ChangeText({ change, kind }: { change: KpiChange; kind: KpiKind }) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (change.direction === 'same') {
    return (
      <Text size="sm" c="dimmed" mt={4}>
        {t('analytics.kpi.unchanged')}
      </Text>
    );
  }
  // Rates move in percentage points; amounts by a share of what they were (none from zero).
  const size = change.amount === null ? null : kind === 'rate' ? t('analytics.kpi.points', { value: f.decimal(change.amount * 100) }) : f.percent(change.amount);
  return (
    <Text size="sm" fw={600} mt={4} c={toneColor[change.tone]} data-tone={change.tone}>
      {arrows[change.direction]}
      {size && ` ${size}`}
    </Text>
  );
}

function formatValue(f: Formatter, kind: KpiKind, value: number): string {
  switch (kind) {
    case 'rate':
      return f.percent(value);
    case 'money':
      return f.money(value);
    case 'count':
      return f.number(value);
    case 'decimal':
      return f.decimal(value, 2);
  }
}
