/** What `use:fileDrop` needs: whether drops are welcome now, where files go, and when to show the drop hint. */
export interface FileDropOptions {
  enabled: () => boolean;
  onfiles: (files: FileList) => void;
  ondragging: (dragging: boolean) => void;
}

/**
 * Makes an element a drop target for files (a Svelte action). Dragging over it shows the hint, leaving it (not
 * merely moving between its children) hides it; dropping hands the files over instead of letting the browser
 * navigate to them.
 */
export function fileDrop(node: HTMLElement, options: FileDropOptions) {
  let current = options;
  const over = (event: DragEvent) => {
    if (!current.enabled()) return;
    event.preventDefault(); // allows the drop
    current.ondragging(true);
  };
  const leave = (event: DragEvent) => {
    if (!node.contains(event.relatedTarget as Node | null)) current.ondragging(false);
  };
  const drop = (event: DragEvent) => {
    current.ondragging(false);
    if (!current.enabled() || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    current.onfiles(event.dataTransfer.files);
  };
  node.addEventListener('dragover', over);
  node.addEventListener('dragleave', leave);
  node.addEventListener('drop', drop);
  return {
    update: (next: FileDropOptions) => void (current = next),
    destroy() {
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    },
  };
}
