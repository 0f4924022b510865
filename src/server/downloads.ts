/**
 * Downloads: the Content-Disposition of a file reply. A name in Chinese (or
 * any non-ASCII) goes in RFC 5987's `filename*=UTF-8''…`, with a plain ASCII
 * `filename` beside it for clients that do not read the extended form.
 */
import type { FileReply } from './route-spec.js';

const quoted = (name: string) => name.replace(/["\\\r\n]/g, '_');
// RFC 5987 attr-char: what encodeURIComponent leaves, less the characters it allows that attr-char does not.
const rfc5987 = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(file: Pick<FileReply, 'fileName' | 'asciiName'>): string {
  const ascii = `attachment; filename="${quoted(file.asciiName)}"`;
  return file.fileName === file.asciiName ? ascii : `${ascii}; filename*=UTF-8''${rfc5987(file.fileName)}`;
}

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;
