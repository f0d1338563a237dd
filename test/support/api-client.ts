/** The parsed JSON of an answer; tests read into it freely and assert what they read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A response as a test looks at it: status, headers and the parsed JSON body (or the raw text). */
export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiRequest {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A small HTTP client against the running API: JSON in, JSON (or problem+json) out. */
export function apiClient(baseUrl: string) {
  return async function call<T = Json>(
    method: string,
    path: string,
    request: ApiRequest = {},
  ): Promise<ApiResponse<T>> {
    const hasBody = request.body !== undefined || request.rawBody !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...request.headers,
      },
      body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '')) {
      body = text ? JSON.parse(text) : null;
    }
    return { status: response.status, headers: response.headers, body: body as T };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/** Asserts an RFC 9457 problem answer with this status; returns the problem for further checks. */
export function expectProblem(response: ApiResponse, status: number) {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return response.body as {
    status: number;
    title: string;
    detail?: string;
    errors?: { path: string; message: string }[];
  };
}

/** The `items` of a list answer, typed for the test reading them. */
export function itemsOf<T>(response: ApiResponse): T[] {
  return (response.body as { items: T[] }).items;
}
