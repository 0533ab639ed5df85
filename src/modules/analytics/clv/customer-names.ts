// The CLV lists name their customers themselves, so a screen shows a list in one request instead of
// one profile request per row. Names come from the customers module through its service.

/** A listed customer's name as the profile has it. */
export interface CustomerName {
  firstName: string | null;
  lastName: string | null;
}

/** Where the names come from (CustomersService answers it). */
export interface CustomerNames {
  names(workspaceId: string, ids: readonly number[]): Promise<Map<number, CustomerName>>;
}

/** Reads the names of customers in one query; the function returned adds a customer's to their row (none when no longer found). */
export async function nameLookup(directory: CustomerNames, workspaceId: string, ids: readonly number[]): Promise<<T extends { customerId: number }>(row: T) => T & CustomerName> {
  const names = ids.length === 0 ? new Map<number, CustomerName>() : await directory.names(workspaceId, ids);
  return (row) => ({ ...row, ...(names.get(row.customerId) ?? { firstName: null, lastName: null }) });
}
