import { Button, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../platform/roles.js';
import { ApiError } from '../../api/client.js';
import { useErrorText } from '../../components/useErrorText.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useRecomputeScores, useScoresStatus } from './scores.api.js';

/** Recomputes every customer's scores and shows the computation's progress; only for roles that may (owner, admin, marketer). */
export function RecomputeButton() {
  const { role } = useWorkspace();
  if (!roleAllows(role, 'analytics:write')) return null;
  return <AllowedRecomputeButton />;
}

function AllowedRecomputeButton() {
  const { t } = useTranslation();
  const status = useScoresStatus();
  const recompute = useRecomputeScores();
  const running = status.data?.running ?? false;
  // Set once this user's request is accepted, so its end (and only its end) is announced.
  const [requested, setRequested] = useState(false);
  const latest = status.data?.runs[0];
  useEffect(() => {
    if (!requested || running || !latest || latest.status === 'running') return;
    setRequested(false);
    if (latest.status === 'done') notifications.show({ color: 'green', message: t('customerScores.status.done', { n: latest.customers ?? 0 }) });
    else notifications.show({ color: 'red', message: t('customerScores.status.doneFailed', { error: latest.error ?? '' }) });
  }, [requested, running, latest, t]);
  const busy = running || recompute.isPending;
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        disabled={busy || status.isPending}
        leftSection={busy ? <Loader size={12} /> : null}
        onClick={() => recompute.mutate(undefined, { onSuccess: () => setRequested(true) })}
      >
        {busy ? t('customerScores.status.running') : status.data?.lastComputedAt ? t('customerScores.status.recompute') : t('customerScores.status.compute')}
      </Button>
      {/* A 409 means a computation is running already, which the button then follows. */}
      {recompute.isError && !(recompute.error instanceof ApiError && recompute.error.status === 409) && <RecomputeError error={recompute.error} />}
    </>
  );
}

function RecomputeError({ error }: { error: Error }) {
  const { title, message } = useErrorText(error);
  return (
    <Text size="sm" c="red" role="alert">
      {title}: {message}
    </Text>
  );
}
