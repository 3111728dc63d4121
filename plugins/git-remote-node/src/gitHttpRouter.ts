import { LoggerService } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import express from 'express';
import { GIT_BINARY, runGit } from './gitCli';
import { PortalGitHost } from './portalGitHost';

/**
 * Serves the portal git host's repositories read-only with git's own smart-HTTP backend
 * (`git http-backend`): `git clone <base>/<name>.git` works, pushes are refused (403).
 * A browser opening `<base>/<name>.git` gets a plain-text page with the clone command,
 * the branches and the files of the default branch.
 */
export function createGitHttpRouter(options: {
  host: PortalGitHost;
  /** The external URL this router is mounted at, for the clone command. */
  baseUrl: () => Promise<string>;
  logger: LoggerService;
}): express.Router {
  const { host, logger } = options;
  const router = express.Router();

  router.get('/:repo.git', async (req, res) => {
    const name = req.params.repo;
    const dir = safeRepositoryPath(host, name);
    if (!dir || !(await isDirectory(dir))) {
      res.status(404).type('text/plain').send(`no repository ${name}\n`);
      return;
    }
    const cloneUrl = `${await options.baseUrl()}/${name}.git`;
    const lines = [`${name}`, '', `git clone ${cloneUrl}`, ''];
    const heads = await runGit([
      '--git-dir',
      dir,
      'for-each-ref',
      '--format=%(refname:short) %(objectname:short) %(subject)',
      'refs/heads',
    ]).catch(() => '');
    if (!heads.trim()) {
      lines.push('(empty repository)');
    } else {
      lines.push('branches:', ...indent(heads), '');
      const files = await runGit([
        '--git-dir',
        dir,
        'ls-tree',
        '-r',
        '--name-only',
        'HEAD',
      ]).catch(() => '');
      lines.push('files on the default branch:', ...indent(files));
    }
    res.type('text/plain').send(`${lines.join('\n')}\n`);
  });

  // Smart HTTP, upload-pack only: ref advertisement and fetch.
  router.get('/:repo.git/info/refs', (req, res) => {
    if (req.query.service !== 'git-upload-pack') {
      res
        .status(403)
        .type('text/plain')
        .send('read-only: only git-upload-pack (clone, fetch) is served\n');
      return;
    }
    runHttpBackend(req, res, 'info/refs');
  });
  router.post('/:repo.git/git-upload-pack', (req, res) =>
    runHttpBackend(req, res, 'git-upload-pack'),
  );
  router.post('/:repo.git/git-receive-pack', (_req, res) => {
    res.status(403).type('text/plain').send('read-only: pushes are refused\n');
  });

  function runHttpBackend(
    req: express.Request,
    res: express.Response,
    service: string,
  ) {
    const name = req.params.repo;
    if (!safeRepositoryPath(host, name)) {
      res.status(404).type('text/plain').send(`no repository ${name}\n`);
      return;
    }
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const child = spawn(
      GIT_BINARY,
      [
        '-c',
        'http.receivepack=false',
        '-c',
        'http.getanyfile=false',
        'http-backend',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_PROJECT_ROOT: host.directory,
          GIT_HTTP_EXPORT_ALL: '1',
          PATH_INFO: `/${name}.git/${service}`,
          REQUEST_METHOD: req.method,
          QUERY_STRING: query,
          CONTENT_TYPE: req.headers['content-type'] ?? '',
          ...(req.headers['content-encoding']
            ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
            : {}),
          ...(req.headers['git-protocol']
            ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
            : {}),
          REMOTE_ADDR: req.socket.remoteAddress ?? '',
        },
      },
    );
    req.pipe(child.stdin);
    child.stdin.on('error', () => {});
    child.stderr.on('data', chunk =>
      logger.debug(`git http-backend: ${String(chunk).trim()}`),
    );
    let head = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersSent = true;
      for (const line of head
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const key = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (key.toLowerCase() === 'status') {
          res.status(parseInt(value, 10) || 200);
        } else {
          res.setHeader(key, value);
        }
      }
      res.write(head.subarray(end + 4));
    });
    child.on('error', error => {
      logger.warn(`git http-backend could not start: ${error}`);
      if (!res.headersSent) res.status(500).end();
    });
    child.on('close', code => {
      if (!headersSent && !res.headersSent) {
        res
          .status(500)
          .type('text/plain')
          .send(`git http-backend exit ${code}\n`);
        return;
      }
      res.end();
    });
  }

  return router;
}

function safeRepositoryPath(
  host: PortalGitHost,
  name: string,
): string | undefined {
  try {
    return host.repositoryPath(name);
  } catch {
    return undefined;
  }
}

function indent(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map(line => `  ${line}`);
}

async function isDirectory(dir: string): Promise<boolean> {
  return fs.stat(dir).then(
    stat => stat.isDirectory(),
    () => false,
  );
}
