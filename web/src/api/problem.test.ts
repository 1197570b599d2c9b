import { describe, expect, it } from 'vitest';
import { ApiError, messageOf, problemError } from './problem';

describe('problemError', () => {
  it('shows the detail of a problem+json answer as is', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'k must be below the 10 points.' });
    const error = problemError(400, 'Bad Request', 'application/problem+json', body, 'Finding the neighbours');
    expect(error.message).toBe('k must be below the 10 points.');
    expect(error.status).toBe(400);
  });

  it('falls back to the title, then to the status line', () => {
    expect(problemError(404, 'Not Found', 'application/problem+json', '{"title":"Not Found"}', 'X').message).toBe('Not Found');
    expect(problemError(502, 'Bad Gateway', 'text/html', '<html>', 'Loading the layout').message).toBe('Loading the layout failed: Bad Gateway (502).');
    expect(problemError(500, '', 'application/json', 'not json', 'Searching').message).toBe('Searching failed: HTTP 500 (500).');
  });
});

describe('messageOf', () => {
  it('explains a network failure', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
    expect(messageOf(new ApiError('detail here', 400))).toBe('detail here');
    expect(messageOf('plain')).toBe('plain');
  });
});
