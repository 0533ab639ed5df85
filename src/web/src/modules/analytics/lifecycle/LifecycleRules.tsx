import { Button, Group, NumberInput, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { LifecycleAnalysis } from '../analytics.types.js';
import { type LifecycleRulesChoice, ruleLimits } from './lifecycle-state.js';

/** Props of LifecycleRules. */
export interface LifecycleRulesProps {
  /** The rules the figures were computed with, as the API reports them. */
  rules: LifecycleAnalysis['rules'];
  /** The rules chosen by hand (the rest are the defaults). */
  chosen: LifecycleRulesChoice;
  onChange: (rules: LifecycleRulesChoice) => void;
}

/** The rules the stages were computed with, where the churn window came from, and a field to set each by hand. */
export function LifecycleRules({ rules, chosen, onChange }: LifecycleRulesProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const title = t('analytics.lifecycle.rules.title');
  const [churnDays, setChurnDays] = useState<number | string>(chosen.churnDays ?? '');
  const [loyal, setLoyal] = useState<number | string>(chosen.loyalPurchases ?? '');
  // The fields follow the address (the back button) and apply once typing pauses.
  useEffect(() => {
    setChurnDays(chosen.churnDays ?? '');
    setLoyal(chosen.loyalPurchases ?? '');
  }, [chosen.churnDays, chosen.loyalPurchases]);
  const apply = useDebouncedCallback((nextChurn: number | string, nextLoyal: number | string) => {
    onChange({ churnDays: valid(nextChurn, ruleLimits.churnDays), loyalPurchases: valid(nextLoyal, ruleLimits.loyalPurchases) });
  }, 400);
  const given = chosen.churnDays !== undefined || chosen.loyalPurchases !== undefined;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {given && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({})}>
            {t('analytics.lifecycle.rules.reset')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Rule
          label={t('analytics.lifecycle.rules.churnDays')}
          value={t('analytics.lifecycle.rules.days', { days: f.number(rules.churnDays) })}
          text={t(`analytics.lifecycle.rules.${churnSourceText[rules.churnDaysSource]}`)}
        >
          <NumberInput
            size="xs"
            w={280}
            label={t('analytics.lifecycle.rules.churnInput')}
            placeholder={t('analytics.lifecycle.rules.churnPlaceholder')}
            value={churnDays}
            onChange={(value) => {
              setChurnDays(value);
              apply(value, loyal);
            }}
            min={ruleLimits.churnDays.min}
            max={ruleLimits.churnDays.max}
            allowDecimal={false}
            allowNegative={false}
          />
        </Rule>
        <Rule
          label={t('analytics.lifecycle.rules.loyalPurchases')}
          value={t('analytics.lifecycle.rules.purchaseDays', { n: f.number(rules.loyalPurchases) })}
          text={t('analytics.lifecycle.rules.loyalText')}
        >
          <NumberInput
            size="xs"
            w={280}
            label={t('analytics.lifecycle.rules.loyalInput')}
            placeholder={String(rules.loyalPurchases)}
            value={loyal}
            onChange={(value) => {
              setLoyal(value);
              apply(churnDays, value);
            }}
            min={ruleLimits.loyalPurchases.min}
            max={ruleLimits.loyalPurchases.max}
            allowDecimal={false}
            allowNegative={false}
          />
        </Rule>
      </SimpleGrid>
    </Paper>
  );
}

// Where the churn window came from, as the rules panel says it.
const churnSourceText = { request: 'given', settings: 'configured', computation: 'derived', orders: 'derivedNow' } as const;

// One rule: its name, the value in use, where it comes from, and the field to change it.
function Rule({ label, value, text, children }: { label: string; value: string; text: string; children: ReactNode }) {
  return (
    <div>
      <div role="group" aria-label={label}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text fz={22} fw={650} lh={1.3}>
          {value}
        </Text>
        <Text size="xs" c="dimmed" mt={2} maw={460}>
          {text}
        </Text>
      </div>
      <div style={{ marginTop: 10 }}>{children}</div>
    </div>
  );
}

// A whole number within the API's limits, else the default (undefined).
function valid(value: number | string, limits: { min: number; max: number }): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= limits.min && value <= limits.max ? value : undefined;
}
