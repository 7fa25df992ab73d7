// After indexing a large workspace the heap is mostly garbage (every file was parsed once), but V8
// keeps the space it grew to. One full, compacting collection gives it back, so the server's
// resident memory reflects what it keeps (texts and facts), not what it went through.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function compactHeap(): void {
  try {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    // Not available in this runtime: memory is given back later by V8's own memory reducer.
  }
}
