/**
 * The built renderer (dist/renderer/), served read-only (by the host over HTTP; the Electron
 * shell's app:// handler uses the same path resolution and policy). Paths are resolved inside the folder
 * (no `..` escapes, no dotfiles); the page gets a strict Content-Security-Policy.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The type a served file is sent with. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/** The page may load only its own scripts and styles and talk only to its own origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The file under `root` that a URL path names, or null if it names none (or tries to leave). */
export function resolveStaticPath(rootPath: string, urlPath: string): string | null {
  const root = path.resolve(rootPath);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return null;
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/** Serves the file, or answers false (the caller answers 404). HEAD gets the headers only. */
export function serveStatic(root: string, urlPath: string, isHead: boolean, res: ServerResponse): boolean {
  const file = resolveStaticPath(root, urlPath);
  if (file === null) return false;
  let body: Buffer;
  try {
    if (!fs.statSync(file).isFile()) return false;
    body = fs.readFileSync(file);
  } catch {
    return false;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': body.length,
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(isHead ? undefined : body);
  return true;
}
