import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers one request; a thrown error is answered with 500. */
export type Route = (
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

/** The service's endpoints by path: add yours here. */
export const routes: Record<string, Route> = {
  '/': (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ service: '${{ values.name }}', ok: true }));
  },
};
