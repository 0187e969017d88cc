/**
 * Writes to the clipboard from a click: the async Clipboard API (HTML as `text/html` with a
 * `text/plain` alternative), else a `copy` event that sets both.
 */
export interface ClipboardPayload {
  text: string;
  html?: string;
}

export async function writeClipboard(doc: Document, payload: ClipboardPayload): Promise<boolean> {
  const view = doc.defaultView as Window & typeof globalThis;
  try {
    if (payload.html !== undefined && typeof view.ClipboardItem === 'function') {
      await view.navigator.clipboard.write([
        new view.ClipboardItem({
          'text/html': new Blob([payload.html], { type: 'text/html' }),
          'text/plain': new Blob([payload.text], { type: 'text/plain' }),
        }),
      ]);
      return true;
    }
    if (payload.html === undefined) {
      await view.navigator.clipboard.writeText(payload.text);
      return true;
    }
  } catch {
    // Not allowed here (no focus, an older browser): the copy event below still works.
  }
  let done = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', payload.text);
    if (payload.html !== undefined) event.clipboardData.setData('text/html', payload.html);
    event.preventDefault();
    done = true;
  };
  doc.addEventListener('copy', onCopy, { once: true });
  try {
    doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
  return done;
}
