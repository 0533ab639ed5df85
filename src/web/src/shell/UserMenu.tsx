import { Avatar, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/i18n.js';
import { useChangeLanguage, useSignedInSession, useSignOut } from '../session/session.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';

// Each language is named in itself, so anyone can find their own.
const languageNames = { ru: 'Русский', en: 'English' } as const;

/** The signed-in user: interface language (saved for the user), their password and signing out. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedInSession();
  const changeLanguage = useChangeLanguage();
  const signOut = useSignOut();
  const [changingPassword, setChangingPassword] = useState(false);
  const name = user.name || user.email;
  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <Button variant="subtle" color="gray" leftSection={<Avatar size={26} radius="xl" name={name} color="initials" />} aria-label={t('shell.userMenu')}>
            <Text size="sm" truncate maw={180} visibleFrom="sm">
              {name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Divider />
          <Menu.Label>{t('shell.language')}</Menu.Label>
          {languages.map((lng) => (
            <Menu.Item
              key={lng}
              lang={lng}
              rightSection={i18n.language === lng ? '✓' : null}
              onClick={() =>
                changeLanguage.mutate(lng, {
                  onError: (error) => notifications.show({ color: 'red', title: t('shell.languageNotSaved'), message: error.message }),
                })
              }
            >
              {languageNames[lng]}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setChangingPassword(true)}>{t('shell.changePassword')}</Menu.Item>
          <Menu.Item color="red" onClick={() => signOut.mutate()}>
            {t('shell.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
