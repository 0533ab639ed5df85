import { useCallback, useState } from 'react';
import { useSignedInSession } from '../../session/session.js';
import { type ColumnId, defaultColumns, isColumnId } from './customer-columns.js';

// Saved per user on this device; the name column always shows, as it opens the profile.
const storageKey = (userId: string) => `klientura.customerColumns.${userId}`;

function load(userId: string): ColumnId[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null');
    if (Array.isArray(saved)) return ['name', ...saved.filter(isColumnId).filter((c) => c !== 'name')];
  } catch {
    // A damaged entry falls back to the default columns.
  }
  return [...defaultColumns];
}

/** The customer table's visible columns, remembered for the signed-in user. */
export function useColumnChoice(): [ColumnId[], (next: ColumnId[]) => void] {
  const { user } = useSignedInSession();
  const [chosen, setChosen] = useState(() => load(user.id));
  const choose = useCallback(
    (next: ColumnId[]) => {
      const withName: ColumnId[] = ['name', ...next.filter((c) => c !== 'name')];
      localStorage.setItem(storageKey(user.id), JSON.stringify(withName));
      setChosen(withName);
    },
    [user.id],
  );
  return [chosen, choose];
}
