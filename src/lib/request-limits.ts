// A route's own limits on what it is sent: the methods it answers (405 with Allow) and the body it
// reads (413). The site server's door caps every body first; these are each route's tighter caps.
import type { RoutePolicy } from './route-policy.ts';

function refusal(policy: RoutePolicy, status: number, message: string, headers: Record<string, string> = {}): Response {
  const body = policy.json ? JSON.stringify({ error: { status, message } }) : `${message}\n`;
  return new Response(body, {
    status,
    headers: {
      'Content-Type': policy.json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

/** 405 for a method the route does not answer, naming those it does. */
export function refuseUnsupportedMethod(request: Request, policy: RoutePolicy): Response | null {
  const method = request.method.toUpperCase();
  if (policy.methods.includes(method)) return null;
  return refusal(policy, 405, `Method ${method.slice(0, 20)} is not allowed here; allowed: ${policy.methods.join(', ')}`, {
    Allow: policy.methods.join(', '),
  });
}

/**
 * 413 for a body larger than the route reads (a route that reads none refuses any), judged by its
 * declared length before a byte of it is read; 411 for a body of undeclared length, which the site
 * server never passes on (it measures chunked bodies and declares their length).
 */
export function refuseBodyOverCap(request: Request, policy: RoutePolicy): Response | null {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return null;
  const declared = request.headers.get('Content-Length');
  if (declared === null) {
    return request.body === null ? null : refusal(policy, 411, 'A request body must declare its length (Content-Length)');
  }
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return refusal(policy, 400, 'Content-Length is not a byte count');
  if (length > policy.maxBodyBytes) {
    const limit = policy.maxBodyBytes === 0 ? 'this route reads no body' : `at most ${policy.maxBodyBytes} bytes accepted`;
    return refusal(policy, 413, `Request body too large: ${length} bytes, ${limit}`, { Connection: 'close' });
  }
  return null;
}
