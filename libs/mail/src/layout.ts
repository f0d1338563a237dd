/** Escapes text for HTML (element content and quoted attribute values). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The frame every email shares: a centred card with inline styles (mail clients ignore style sheets). */
export function emailDocument(language: string, subject: string, content: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1d2430;background:#f4f6f9">
<div style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
${content}
</div></body></html>
`;
}
