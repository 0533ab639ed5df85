// The one way the web app talks to the server: the public REST API, with the session cookie, the
// CSRF header on state-changing calls and the chosen workspace in a header. Every failure becomes
// an ApiError carrying the API's own `{error: {code, message, details}}`.

/** One field-level problem reported by the API; `code` and `params` let the app word it itself. */
export interface FieldProblem {
  field: string;
  reason: string;
  code?: string;
  params?: Record<string, unknown>;
}

/** An error answered by the API (or a network failure, with status 0 and code "network"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    /** What exactly went wrong where the API names it (`<domain>.<what>`), with the values its wording uses. */
    readonly domain: { code: string; params: Record<string, string | number> } | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Problems by body field name ("body.email" and "email" both become "email"), worded by `word` (the API's English by default). */
  fieldErrors(word: (problem: FieldProblem) => string = (p) => p.reason): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const d of this.details) {
      const field = d.field.replace(/^body\./, '');
      byField[field] ??= word(d);
    }
    return byField;
  }
}

/** Query-string values; undefined, null and '' are left out. */
export type QueryValues = Record<string, string | number | boolean | null | undefined>;

/** Options of one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: QueryValues;
  body?: unknown;
  /** A multipart body (a file upload) sent instead of JSON; the browser writes its content type and boundary. */
  form?: FormData;
  /** A file sent as the body itself, with its own content type (text/csv when it names none). */
  file?: Blob;
  /** Sent as x-workspace-id; calls about the user (auth) send none. */
  workspaceId?: string;
  signal?: AbortSignal;
}

/** Keeps the CSRF token of the session and performs API calls. */
export class ApiClient {
  private csrfToken: string | null = null;

  constructor(private readonly baseUrl = '') {}

  /** Remembers the token login and GET /auth/me return, sent back on state-changing calls. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Calls the API and returns its JSON body (undefined for 204). */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined && !options.form) headers['content-type'] = 'application/json';
    if (options.file) headers['content-type'] = options.file.type || 'text/csv';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (options.workspaceId) headers['x-workspace-id'] = options.workspaceId;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path + queryString(options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: options.form ?? options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toApiError(response.status, body);
    return body as T;
  }
}

function queryString(query: QueryValues | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details = Array.isArray(error?.details) ? error.details.filter(isFieldProblem) : [];
  const domain = typeof error?.domainCode === 'string' ? { code: error.domainCode, params: isRecord(error.params) ? wordingParams(error.params) : {} } : null;
  return new ApiError(status, code, message, details, domain);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.reason === 'string' &&
    (value.code === undefined || typeof value.code === 'string') &&
    (value.params === undefined || isRecord(value.params))
  );
}

// Only text and numbers reach a message's wording.
function wordingParams(params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  return out;
}
