import { ActionIcon, TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayPattern, dayPlaceholder, readDay, writeDay } from '../format/date-input.js';

/** Props of DateField: a TextInput's look, with an ISO day as its value. */
export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'placeholder'> {
  /** An ISO day ("2026-12-07"), or "" for none. */
  value: string;
  /** Called with an ISO day once the text is a whole real day, and with "" when it is cleared. */
  onChange: (isoDay: string) => void;
}

/**
 * A date typed in the interface language's order (ДД.ММ.ГГГГ in Russian), with the browser's calendar
 * a click away. A native date field would show the browser's own language order instead (MM/DD/YYYY
 * in an English browser), whatever language the app is in.
 */
export function DateField({ value, onChange, error, onBlur, ...props }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const pattern = useMemo(() => dayPattern(i18n.language), [i18n.language]);
  const [text, setText] = useState(() => writeDay(value, pattern));
  const [touched, setTouched] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (a reset, a preset period) replaces what is typed unless it is the same day.
  useEffect(() => {
    if (readDay(text, pattern) !== value) setText(writeDay(value, pattern));
    // Only the value (and the language) drive this; the text is the user's while they type.
  }, [value, pattern]); // eslint-disable-line react-hooks/exhaustive-deps
  const placeholder = dayPlaceholder(pattern, t('customerLabels.dateField', { returnObjects: true }));
  const parsed = readDay(text, pattern);
  const change = (next: string) => {
    setText(next);
    const day = readDay(next, pattern);
    if (day !== null && day !== value) onChange(day);
  };
  const openCalendar = () => {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      input.focus();
    }
  };
  return (
    <TextInput
      {...props}
      inputMode="numeric"
      autoComplete="off"
      placeholder={placeholder}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={(e) => {
        setTouched(true);
        if (parsed) setText(writeDay(parsed, pattern));
        onBlur?.(e);
      }}
      error={parsed === null && touched ? t('customerLabels.dateField.invalid', { pattern: placeholder }) : error}
      rightSectionPointerEvents="all"
      rightSection={
        <span style={{ position: 'relative', display: 'inline-flex' }}>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('customerLabels.dateField.calendar')} onClick={openCalendar} tabIndex={-1}>
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
              <rect x="3" y="5" width="18" height="16" rx="2" />
              <path d="M16 3v4M8 3v4M3 11h18" />
            </svg>
          </ActionIcon>
          {/* The browser's calendar, opened by the button; the field above shows the chosen day. */}
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden
            value={parsed ?? ''}
            onChange={(e) => change(writeDay(e.currentTarget.value, pattern))}
            style={{ position: 'absolute', inset: 0, opacity: 0, pointerEvents: 'none', width: '100%', height: '100%' }}
          />
        </span>
      }
    />
  );
}
