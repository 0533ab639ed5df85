import { Alert, Button, Center, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { PageLoader } from '../../components/PageLoader.js';
import { useErrorText } from '../../components/useErrorText.js';
import { applyLanguage, isLanguage, languages } from '../../i18n/i18n.js';
import { useSession, useSignIn } from '../../session/session.js';

/** Sign-in with e-mail and password; returns to the page that asked for it. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Only a path inside the app, so a crafted link cannot send the user elsewhere after sign-in.
  const asked = params.get('next');
  const next = asked?.startsWith('/') && !asked.startsWith('//') ? asked : '/';

  if (session.isPending) return <PageLoader />;
  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={380} gap="lg">
        <Group justify="center" gap={10}>
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <Title order={1} size="h2">
            Klientura
          </Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              {t('auth.title')}
            </Title>
            {signIn.error && <SignInError error={signIn.error} />}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-autofocus
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending} disabled={!email.trim() || !password} fullWidth>
              {t('auth.submit')}
            </Button>
          </Stack>
        </Paper>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" maw={260}>
            {t('auth.hint')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={t('shell.language')}
            data={languages.map((l) => ({ value: l, label: l.toUpperCase() }))}
            value={i18n.language}
            onChange={(value) => {
              if (isLanguage(value)) void applyLanguage(i18n, value);
            }}
          />
        </Group>
      </Stack>
    </Center>
  );
}

function SignInError({ error }: { error: Error }) {
  const { t } = useTranslation();
  const text = useErrorText(error);
  // On this page a 401 means the e-mail or password is wrong, not that a session ended.
  const title = error instanceof ApiError && error.status === 401 ? t('auth.failed') : text.title;
  const message = text.message;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {message}
    </Alert>
  );
}
