/** Why the bundle in dist/web must be rebuilt, or null when it is current. */
export function staleReason(): string | null;
/** Builds the web app when it is stale; resolves to whether it built. */
export function buildWebIfStale(options?: { force?: boolean }): Promise<boolean>;
