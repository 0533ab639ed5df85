import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { segments, stages } from '../customers/score-values.js';
import { useRuleLabels } from './useRuleLabels.js';

/** The values a stored class condition accepts: RFM segments, lifecycle stages, ABC or XYZ classes. */
export function ClassValues({ score, values, onChange }: { score: string; values: string[]; onChange: (values: string[]) => void }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const data =
    score === 'rfmSegment' ? segments.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))
    : score === 'stage' ? stages.map((s) => ({ value: s, label: t(`analytics.lifecycle.stages.${s}.name`) }))
    : (score === 'abc' ? ['A', 'B', 'C'] : ['X', 'Y', 'Z']).map((v) => ({ value: v, label: v }));
  const label = labels.field(`class.${score}`);
  return <MultiSelect size="sm" miw={220} maw={420} aria-label={label} placeholder={label} data={data} value={values} onChange={onChange} comboboxProps={{ withinPortal: false }} />;
}
