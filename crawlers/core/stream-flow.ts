// The life of one streamed fetch: the same flow as fetch-flow.ts (redirects followed by hand,
// retries until the body starts, the final response mapped onto an outcome), with a send that
// answers a document response with its body as a stream. A body the outcome does not hand over
// (a content-type mismatch, a challenge page) is destroyed here.
import { runFetch, type FlowDeps } from './fetch-flow.ts';
import type { StreamedResponse } from './http-stream.ts';
import type { StreamOutcome, StreamRequest } from './types.ts';
import type { StreamBody } from './stream-body.ts';

export interface StreamFlowDeps extends Omit<FlowDeps, 'send'> {
  /** One request through politeness, robots and address checks, its body streamed when it is the document. */
  send(url: URL, headers: Record<string, string>): Promise<StreamedResponse>;
}

/** Runs the streamed fetch; never throws (failures become 'error' outcomes). */
export async function runStream(request: StreamRequest, deps: StreamFlowDeps): Promise<StreamOutcome> {
  let body: StreamBody | undefined;
  const outcome = await runFetch(
    { ...request, expect: request.expect ?? 'any' },
    {
      ...deps,
      send: async (url, headers) => {
        const response = await deps.send(url, headers);
        if (response.body) {
          body?.destroy();
          body = response.body;
        }
        return response;
      },
    },
  );
  if (outcome.kind !== 'ok') {
    body?.destroy();
    return outcome;
  }
  if (!body) {
    // Only a 2xx response ends the flow as 'ok', and every 2xx response is streamed: a bug if reached.
    const message = `Streamed fetch of ${request.url} ended without a body stream`;
    return { kind: 'error', requestedUrl: outcome.requestedUrl, url: outcome.url, error: { kind: 'network', message, retryable: false }, fetchedAt: outcome.fetchedAt, attempts: outcome.attempts };
  }
  return {
    kind: 'ok',
    requestedUrl: outcome.requestedUrl,
    url: outcome.url,
    status: outcome.status,
    contentType: outcome.contentType,
    body,
    etag: outcome.etag,
    lastModified: outcome.lastModified,
    headers: outcome.headers ?? {},
    fetchedAt: outcome.fetchedAt,
    attempts: outcome.attempts,
  };
}
