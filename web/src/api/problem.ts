// Errors of the server (application/problem+json) and of the network, as one readable sentence.

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(message: string, status: number, title = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
  }
}

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

/** Builds the error of a failed response: the problem's `detail` when there is one, else the status line. */
export async function errorOf(response: Response, what: string): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // the body is optional; the status still says what went wrong
  }
  return problemError(response.status, response.statusText, response.headers.get('content-type') ?? '', text, what);
}

/** The error for a status, content type and body; separated from `Response` so it can be tested. */
export function problemError(status: number, statusText: string, contentType: string, body: string, what: string): ApiError {
  if (contentType.includes('json') && body.length > 0) {
    try {
      const problem = JSON.parse(body) as Problem;
      const detail = problem.detail?.trim() || problem.title?.trim();
      if (detail) return new ApiError(detail, status, problem.title ?? '');
    } catch {
      // not JSON after all: fall through to the status line
    }
  }
  const plain = contentType.startsWith('text/plain') ? body.trim().slice(0, 300) : '';
  const reason = plain || statusText || `HTTP ${status}`;
  return new ApiError(`${what} failed: ${reason} (${status}).`, status);
}

/** A message to show for anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof DOMException && error.name === 'AbortError') return 'Cancelled.';
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return 'The server cannot be reached. Is `projector serve` still running?';
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
