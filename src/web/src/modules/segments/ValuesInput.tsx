import { TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A list of text values typed one by one (Enter, a comma or a semicolon adds one). */
export function ValuesInput({ values, onChange, label }: { values: string[]; onChange: (values: string[]) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <TagsInput
      size="sm" style={{ flex: 1 }} miw={160} maw={420} aria-label={label} placeholder={t('segments.operands.valuesHint')} value={values} onChange={onChange}
      splitChars={[',', ';']} acceptValueOnBlur comboboxProps={{ withinPortal: false }}
    />
  );
}
