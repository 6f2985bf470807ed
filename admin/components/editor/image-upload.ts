/** Uploads one image file as it is (the server detects the type from the bytes) and returns its markdown. */
export async function uploadImage(file: File): Promise<{ markdown: string } | { error: string }> {
  const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '') || 'image';
  try {
    const response = await fetch('/admin/api/images', { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
    const payload = (await response.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
    if (!response.ok || !payload.url) return { error: `${file.name}: ${payload.error?.message ?? `upload failed (HTTP ${response.status})`}` };
    return { markdown: `![${alt}](${payload.url})` };
  } catch {
    return { error: `${file.name}: upload failed, check your connection and try again.` };
  }
}

/** Image files among pasted or dropped data (text pastes pass through untouched). */
export function imageFiles(data: DataTransfer | null): File[] {
  return data ? [...data.files].filter((file) => file.type.startsWith('image/') || file.type === '') : [];
}
