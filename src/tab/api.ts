import type { ActionResponse, ErrorResponse } from '../web/routes/tab/wire';

/** A refusal of the whole request (sign-in, access, scope): shown instead of the page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  /** An action: its answer whatever the outcome (done, noop, refused, conflict). */
  act<T extends ActionResponse = ActionResponse>(path: string, body: Record<string, unknown>): Promise<T>;
  /** A POST whose answer is its body unless the request as a whole was refused (an `error`). */
  post<T>(path: string, body: object): Promise<T>;
}

export function createApi(token: () => Promise<string>): Api {
  async function send(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await token()}`, Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, cache: 'no-store' });
    const json: unknown = await response.json().catch(() => ({}));
    return { status: response.status, json };
  }
  const failure = (status: number, json: unknown) => {
    const error = (json as Partial<ErrorResponse>).error;
    return new ApiError(status, error?.code ?? 'failed', error?.message ?? `The portal answered ${status}. Try again.`);
  };
  return {
    async get<T>(path: string): Promise<T> {
      const { status, json } = await send('GET', path);
      if (status !== 200) throw failure(status, json);
      return json as T;
    },
    async act<T extends ActionResponse>(path: string, body: Record<string, unknown>): Promise<T> {
      const { status, json } = await send('POST', path, body);
      if (json && typeof json === 'object' && 'status' in json && 'message' in json) return json as T;
      throw failure(status, json);
    },
    async post<T>(path: string, body: object): Promise<T> {
      const { status, json } = await send('POST', path, body as Record<string, unknown>);
      if (status >= 500 || !json || typeof json !== 'object' || 'error' in json) throw failure(status, json);
      return json as T;
    }
  };
}
