import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import { stages as allStages } from '../../customers/score-values.js';
import type { ScoresSummary } from '../analytics.types.js';
import { stageCustomers } from '../customer-links.js';
import { stageRule } from '../../segments/save-as.js';
import { SaveAsSegmentButton } from '../../segments/SaveAsSegmentButton.js';

/** The customers in each stage as of the last computation of the scores, each stage opening its customers; empty stages left out. */
export function StoredStageList({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const stages = allStages.filter((stage) => summary.stages[stage] > 0);
  return (
    <Stack gap={4} role="list" aria-label={t('analytics.scores.lifecycle.stages')}>
      {stages.map((stage) => (
        <Group key={stage} justify="space-between" wrap="nowrap" role="listitem">
          <Anchor component={Link} to={stageCustomers(workspace.id, stage)} size="sm" fw={500}>
            {t(`analytics.lifecycle.stages.${stage}.name`)}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <SaveAsSegmentButton compact prefill={{ name: t('segments.saveAs.stageName', { stage: t(`analytics.lifecycle.stages.${stage}.name`) }), rule: stageRule(stage) }}
              label={`${t('segments.saveAs.button')}: ${t(`analytics.lifecycle.stages.${stage}.name`)}`} />
            <Text size="sm">{f.number(summary.stages[stage])}</Text>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
