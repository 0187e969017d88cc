/** Hands a file to the browser's downloads, from a page of the extension. */
export function downloadBlob(doc: Document, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
